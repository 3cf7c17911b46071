package playlist_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"buf.build/go/protovalidate"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/exercises"
	"github.com/fitcoach/fitcoach/services/video/playlist"
)

// fuzzSlugs are the exercise slugs fuzzed clips and workouts draw from; "" is the global clips.
var fuzzSlugs = []string{"", "squat", "plank", "push-ups", "lunge"}

// fuzzRefs are what a workout may name: slugs, a legacy code, a different case and an
// exercise with no clips at all.
var fuzzRefs = []string{"squat", "plank", "push-ups", "lunge", "EX001", "Plank", "ghost"}

var fuzzLocales = []string{"en", "ru", "de"}

// memSource is an in-memory candidate source: the fuzzer wants millions of builds, which a
// database would turn into seconds each; the SQL query has its own tests on both databases.
type memSource struct{ clips []*videov1.Clip }

func (m memSource) Candidates(_ context.Context, slugs []string, perKey int) ([]*videov1.Clip, error) {
	type key struct {
		slug, loc string
		kind      typesv1.ClipKind
		arch      typesv1.Archetype
	}
	n := map[key]int{}
	var out []*videov1.Clip
	for _, c := range m.clips {
		k := key{c.GetExerciseSlug(), c.GetLocale(), c.GetKind(), c.GetArchetype()}
		if !slices.Contains(slugs, c.GetExerciseSlug()) || (perKey > 0 && n[k] >= perKey) {
			continue
		}
		n[k]++
		out = append(out, proto.Clone(c).(*videov1.Clip))
	}
	return out, nil
}

// hashExistence says a clip's bytes are in storage unless its id is in absent, so verdicts are
// deterministic.
type hashExistence struct{ absent map[string]bool }

func (h hashExistence) Present(_ context.Context, c *videov1.Clip, _ time.Time) bool {
	return !h.absent[c.GetId()]
}
func (hashExistence) Warm([]*videov1.Clip) {}

// fixedURLs answers a URL per clip with a fixed expiry, so two builds compare equal.
type fixedURLs struct{}

func (fixedURLs) PlaybackURL(_ context.Context, c *videov1.Clip) (string, time.Time, error) {
	return "https://cdn.test/" + c.GetId(), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), nil
}

// fuzzNames resolves EX001 to squat and lower-cases the rest, like the catalog directory.
type fuzzNames struct{}

func (fuzzNames) Resolve(s string) exercises.Entry {
	s = strings.ToLower(s)
	if s == "ex001" {
		return exercises.Entry{Slug: "squat", Name: &typesv1.LocalizedText{En: "Squat", Ru: "Присед"}}
	}
	return exercises.Entry{Slug: s}
}

// fuzzClips decodes three bytes per clip: slug, kind and archetype, locale and storage presence.
func fuzzClips(spec []byte) ([]*videov1.Clip, map[string]bool) {
	var clips []*videov1.Clip
	absent := map[string]bool{}
	for i := 0; i+2 < len(spec) && len(clips) < 200; i += 3 {
		a, b, c := spec[i], spec[i+1], spec[i+2]
		id := fmt.Sprintf("clip-%03d", len(clips))
		clips = append(clips, &videov1.Clip{
			Id:              id,
			ExerciseSlug:    fuzzSlugs[int(a)%len(fuzzSlugs)],
			Kind:            typesv1.ClipKind(int(b) % 8),
			Archetype:       typesv1.Archetype(int(b>>3) % 5), // 4 is out of range: must be ignored
			Locale:          fuzzLocales[int(c)%len(fuzzLocales)],
			Provider:        videov1.Provider_PROVIDER_LOCAL,
			Source:          &videov1.Clip_LocalPath{LocalPath: id + ".mp4"},
			DurationSeconds: int32(c%60) + 1,
			Active:          true,
			Title:           &typesv1.LocalizedText{En: "t " + id},
		})
		if c&0x80 != 0 {
			absent[id] = true
		}
	}
	return clips, absent
}

func FuzzBuild(f *testing.F) {
	f.Add([]byte("\x00\x01\x00\x01\x02\x00\x02\x03\x00"), []byte{0, 1}, uint8(1), "en", "plan-1", uint8(1), uint8(3), false, uint8(80), uint8(2))
	f.Add([]byte("\x00\x05\x00\x00\x04\x00\x00\x06\x00\x01\x0a\x01\x01\x0b\x81"), []byte{0, 4, 6, 0}, uint8(2), "ru", "p", uint8(2), uint8(7), false, uint8(255), uint8(0))
	f.Add([]byte("\x00\x05\x00\x00\x05\x80"), []byte{}, uint8(0), "", "rest", uint8(1), uint8(6), true, uint8(0), uint8(1))
	f.Add([]byte{}, []byte{6, 6, 6}, uint8(3), "de", "empty", uint8(4), uint8(1), false, uint8(128), uint8(5))
	v, err := protovalidate.New()
	require.NoError(f, err)

	f.Fuzz(func(t *testing.T, clipSpec, workout []byte, arch uint8, locale, planID string, week, day uint8, rest bool, mistake, retry uint8) {
		clips, absent := fuzzClips(clipSpec)
		req := &videov1.BuildPlaylistRequest{
			PlanId: planID, Week: int32(week), Day: int32(day), Archetype: typesv1.Archetype(arch % 4),
			Locale: locale, IsRestDay: rest,
		}
		for i, b := range workout {
			if i == 30 {
				break
			}
			req.Exercises = append(req.Exercises, &videov1.PlaylistExercise{
				ExerciseSlug: fuzzRefs[int(b)%len(fuzzRefs)], Sets: int32(b%5) + 1, Reps: "8-12", RestSeconds: 60,
			})
		}
		// The server validates every request before a handler runs: the builder may assume it.
		if v.Validate(req) != nil {
			return
		}
		cfg := playlist.Config{MistakeProb: float64(mistake) / 255, StorageRetry: int(retry % 4), CheckBudget: time.Second}
		newBuilder := func() *playlist.Builder {
			return playlist.New(cfg, memSource{clips}, hashExistence{absent}, fixedURLs{}, fuzzNames{}, nil)
		}
		b := newBuilder()
		p, err := b.Build(t.Context(), req)
		require.NoError(t, err)
		again, err := b.Build(t.Context(), req)
		require.NoError(t, err)
		require.True(t, proto.Equal(p, again), "same workout, same playlist (cached)")
		fresh, err := newBuilder().Build(t.Context(), req)
		require.NoError(t, err)
		require.True(t, proto.Equal(p, fresh), "same workout, same playlist (fresh builder)")

		byID := map[string]*videov1.Clip{}
		for _, c := range clips {
			byID[c.GetId()] = c
		}
		seen := map[string]bool{}
		have := map[string]bool{} // "slug/kind" of every item
		var total int32
		for _, it := range p.GetItems() {
			require.False(t, seen[it.GetClipId()], "clip %s twice in one playlist", it.GetClipId())
			seen[it.GetClipId()] = true
			c := byID[it.GetClipId()]
			require.NotNil(t, c, "item names a clip that does not exist")
			require.False(t, absent[c.GetId()], "item uses a clip missing from storage")
			require.Equal(t, c.GetKind(), it.GetKind())
			require.Equal(t, c.GetExerciseSlug(), it.GetExerciseSlug())
			require.LessOrEqual(t, int(c.GetArchetype()), 3)
			require.NotEmpty(t, it.GetUrl())
			total += it.GetDurationSeconds()
			have[fmt.Sprintf("%s/%d", it.GetExerciseSlug(), it.GetKind())] = true
		}
		require.Equal(t, total, p.GetTotalDurationSeconds())
		missing := map[string]bool{}
		for _, m := range p.GetMissing() {
			require.NotEmpty(t, m.GetReason())
			missing[fmt.Sprintf("%s/%d", m.GetExerciseSlug(), m.GetKind())] = true
		}
		required := func(slug string, kind typesv1.ClipKind, repeated bool) {
			k := fmt.Sprintf("%s/%d", slug, kind)
			// A slug named twice in one workout may have no unused clip left for its second
			// slot: the builder then skips it without a gap, since the clip already plays.
			ok := have[k] || missing[k] || repeated
			require.True(t, ok, "required %s neither in the playlist nor reported missing", k)
		}
		if rest {
			required("", typesv1.ClipKind_CLIP_KIND_REST_DAY, false)
			return
		}
		required("", typesv1.ClipKind_CLIP_KIND_INTRO, false)
		if day == 7 {
			required("", typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION, false)
		}
		named := map[string]bool{}
		for _, e := range req.GetExercises() {
			slug := fuzzNames{}.Resolve(e.GetExerciseSlug()).Slug
			required(slug, typesv1.ClipKind_CLIP_KIND_TECHNIQUE, named[slug])
			required(slug, typesv1.ClipKind_CLIP_KIND_INSTRUCTION, named[slug])
			named[slug] = true
		}
	})
}
