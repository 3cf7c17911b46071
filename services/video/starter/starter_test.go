package starter_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"buf.build/go/protovalidate"
	"github.com/stretchr/testify/require"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/starter"
)

func TestStarterClips(t *testing.T) {
	clips, err := starter.Clips()
	require.NoError(t, err)
	require.NotEmpty(t, clips)
	media, err := starter.Media()
	require.NoError(t, err)
	v, err := protovalidate.New()
	require.NoError(t, err)

	covered := map[string]map[typesv1.ClipKind]bool{}
	global := map[typesv1.Archetype]map[typesv1.ClipKind]bool{}
	for i, c := range clips {
		require.NoError(t, v.Validate(c), "clip %d", i)
		require.Equal(t, videov1.Provider_PROVIDER_LOCAL, c.GetProvider())
		require.Contains(t, media, c.GetLocalPath(), "clip %d plays a file that is embedded", i)
		require.True(t, c.GetActive())
		locales := map[string]bool{}
		for _, tr := range c.GetCaptions() {
			locales[tr.GetLocale()] = true
			require.Contains(t, media, tr.GetLocalPath(), "clip %d: its %s captions are embedded", i, tr.GetLocale())
			b, err := fs.ReadFile(starter.MediaFS(), tr.GetLocalPath())
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(string(b), "WEBVTT\n"), "clip %d: %s is WebVTT", i, tr.GetLocalPath())
		}
		require.Equal(t, map[string]bool{"en": true, "ru": true}, locales, "clip %d has en and ru captions", i)
		if c.GetExerciseSlug() == "" {
			if global[c.GetArchetype()] == nil {
				global[c.GetArchetype()] = map[typesv1.ClipKind]bool{}
			}
			global[c.GetArchetype()][c.GetKind()] = true
			continue
		}
		if covered[c.GetExerciseSlug()] == nil {
			covered[c.GetExerciseSlug()] = map[typesv1.ClipKind]bool{}
		}
		covered[c.GetExerciseSlug()][c.GetKind()] = true
	}
	for _, a := range []typesv1.Archetype{typesv1.Archetype_ARCHETYPE_UNSPECIFIED, typesv1.Archetype_ARCHETYPE_MENTOR, typesv1.Archetype_ARCHETYPE_PROFESSIONAL, typesv1.Archetype_ARCHETYPE_PEER} {
		for _, k := range []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_INTRO, typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION, typesv1.ClipKind_CLIP_KIND_REST_DAY} {
			require.True(t, global[a][k], "global %s clip for %s", k, a)
		}
	}

	// Every exercise of the catalog's starter set has the required kinds, so a `fitcoach dev`
	// whitelist is the whole starter catalog.
	raw, err := os.ReadFile(filepath.Join("..", "..", "catalog", "starter", "exercises.json"))
	require.NoError(t, err)
	var exercises []struct {
		Slug string `json:"slug"`
	}
	require.NoError(t, json.Unmarshal(raw, &exercises))
	var incomplete []string
	for _, e := range exercises {
		if !covered[e.Slug][typesv1.ClipKind_CLIP_KIND_TECHNIQUE] || !covered[e.Slug][typesv1.ClipKind_CLIP_KIND_INSTRUCTION] {
			incomplete = append(incomplete, e.Slug)
		}
	}
	require.Empty(t, incomplete, "starter exercises without technique and instruction clips: %s", strings.Join(incomplete, ", "))
}

func TestCopyMedia(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "media")
	n, err := starter.CopyMedia(dir)
	require.NoError(t, err)
	media, _ := starter.Media()
	require.Equal(t, len(media), n)
	for _, name := range media {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		require.NoError(t, err, "copied %s", name)
	}
	require.Contains(t, media, "captions/push-ups.technique.ru.vtt")
	require.NoError(t, os.WriteFile(filepath.Join(dir, media[0]), []byte("operator's own"), 0o644))
	n, err = starter.CopyMedia(dir)
	require.NoError(t, err)
	require.Zero(t, n, "idempotent, and never overwrites")
	b, _ := os.ReadFile(filepath.Join(dir, media[0]))
	require.Equal(t, "operator's own", string(b))
}
