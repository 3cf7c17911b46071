package playlist

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"log/slog"
	"math/bits"
	"math/rand/v2"
	"slices"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/video/exercises"
	"github.com/fitcoach/fitcoach/services/video/provider"
)

// Source loads candidate clips: the active clips of the given exercise slugs ("" for the global
// clips), at most perKey per (exercise, kind, archetype, locale), in one query. store.Store
// satisfies it.
type Source interface {
	Candidates(ctx context.Context, slugs []string, perKey int) ([]*videov1.Clip, error)
}

// Existence tells whether a clip's bytes are in storage without waiting on storage past
// deadline; existence.Checker satisfies it.
type Existence interface {
	Present(ctx context.Context, clip *videov1.Clip, deadline time.Time) bool
	Warm(clips []*videov1.Clip)
}

// URLs answers playback URLs without calling storage; provider.Registry satisfies it.
type URLs interface {
	PlaybackURL(ctx context.Context, clip *videov1.Clip) (string, time.Time, error)
}

// Names resolves exercise slugs and codes; exercises.Directory satisfies it.
type Names interface {
	Resolve(slugOrCode string) exercises.Entry
}

// Config tunes the builder. Zero values take the defaults in brackets.
type Config struct {
	// MistakeProb is the chance an exercise gets its common-mistakes clip; zero means never
	// (the service's default is 0.30).
	MistakeProb float64
	// MaxCandidates caps candidates per (exercise, kind, archetype, locale) [20].
	MaxCandidates int
	// StorageRetry is how many candidates whose storage says missing are skipped before a
	// slot is given up; zero tries one candidate only (the service's default is 2).
	StorageRetry int
	// CheckBudget bounds the time one build may wait on existence checks of clips never
	// checked before [100ms].
	CheckBudget time.Duration
	// CacheTTL bounds how long an exercise's candidates are reused without a clip write in this
	// process [60s].
	CacheTTL time.Duration
	// CacheSize caps the number of exercises whose candidates are cached [10000].
	CacheSize int
	// Logger receives the causes of failed builds; nil discards them.
	Logger *slog.Logger
}

// Builder builds playlists. It is safe for concurrent use.
type Builder struct {
	cfg   Config
	src   Source
	ex    Existence
	urls  URLs
	names Names
	m     *Metrics
	cache candidateCache
	now   func() time.Time
}

// New returns a Builder. m may be nil.
func New(cfg Config, src Source, ex Existence, urls URLs, names Names, m *Metrics) *Builder {
	if cfg.MistakeProb < 0 {
		cfg.MistakeProb = 0
	}
	if cfg.MaxCandidates <= 0 {
		cfg.MaxCandidates = 20
	}
	if cfg.StorageRetry < 0 {
		cfg.StorageRetry = 0
	}
	if cfg.CheckBudget <= 0 {
		cfg.CheckBudget = 100 * time.Millisecond
	}
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = time.Minute
	}
	if cfg.CacheSize <= 0 {
		cfg.CacheSize = 10000
	}
	if m == nil {
		m = NewMetrics(nil)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Builder{
		cfg: cfg, src: src, ex: ex, urls: urls, names: names, m: m, now: time.Now,
		cache: candidateCache{ttl: cfg.CacheTTL, size: cfg.CacheSize, slugs: map[string]*slugEntry{}},
	}
}

// Invalidate drops every cached candidate set; call it after any clip write.
func (b *Builder) Invalidate() { b.cache.invalidate() }

// archetypeOrder is the fallback order after the exact archetype, before generic clips.
var archetypeOrder = [...]typesv1.Archetype{
	typesv1.Archetype_ARCHETYPE_MENTOR,
	typesv1.Archetype_ARCHETYPE_PROFESSIONAL,
	typesv1.Archetype_ARCHETYPE_PEER,
}

// build holds the state of one Build call.
type build struct {
	b        *Builder
	ctx      context.Context
	req      *videov1.BuildPlaylistRequest
	entries  map[string]*slugEntry
	locale   string
	seed     uint64
	deadline time.Time
	tiers    [4]typesv1.Archetype
	used     []string
	scratch  []*videov1.Clip
	out      *videov1.Playlist
}

// Build answers the playlist of req. It fails only when the candidates cannot be read at all
// (database down and nothing cached); missing clips are reported in the playlist.
func (b *Builder) Build(ctx context.Context, req *videov1.BuildPlaylistRequest) (*videov1.Playlist, error) {
	start := b.now()
	locale := req.GetLocale()
	if locale == "" {
		locale = "en"
	}
	type resolved struct {
		ex    *videov1.PlaylistExercise
		entry exercises.Entry
	}
	exs := make([]resolved, len(req.GetExercises()))
	slugs := make([]string, 0, len(exs))
	for i, e := range req.GetExercises() {
		exs[i] = resolved{ex: e, entry: b.names.Resolve(e.GetExerciseSlug())}
		slugs = append(slugs, exs[i].entry.Slug)
	}
	// The global clips (intro, motivation, rest day, closing) are cached under the empty slug.
	slugs = append(slugs, "")
	slices.Sort(slugs)
	slugs = slices.Compact(slugs)

	entries, result, err := b.cache.get(ctx, slugs, start, func(ctx context.Context, missing []string) ([]*videov1.Clip, error) {
		clips, err := b.src.Candidates(ctx, missing, b.cfg.MaxCandidates)
		if err != nil {
			return nil, err
		}
		b.ex.Warm(clips)
		return clips, nil
	})
	b.m.cacheHits.WithLabelValues(result).Inc()
	if err != nil {
		// The cause is for the log: the client learns only that it may retry.
		b.cfg.Logger.ErrorContext(ctx, "reading playlist candidates failed", "err", err)
		return nil, fmt.Errorf("playlist clips cannot be read right now: %w", grpcerr.ErrUnavailable)
	}

	bs := &build{
		b: b, ctx: ctx, req: req, entries: entries, locale: locale,
		seed:     seed(req.GetPlanId(), req.GetWeek(), req.GetDay(), req.GetArchetype()),
		deadline: start.Add(b.cfg.CheckBudget),
		used:     make([]string, 0, 4+3*len(exs)),
		scratch:  make([]*videov1.Clip, 0, b.cfg.MaxCandidates),
		out:      &videov1.Playlist{Items: make([]*videov1.PlaylistItem, 0, 4+3*len(exs))},
	}
	bs.tiers[0] = req.GetArchetype()
	n := 1
	for _, a := range archetypeOrder {
		if a != req.GetArchetype() {
			bs.tiers[n] = a
			n++
		}
	}
	// For a specific archetype tiers[3] keeps its zero value, ARCHETYPE_UNSPECIFIED: generic
	// clips come last.

	if req.GetIsRestDay() {
		bs.add(videov1.ItemType_ITEM_TYPE_REST_DAY, slotKey{kind: typesv1.ClipKind_CLIP_KIND_REST_DAY}, "rest_day", true, nil, exercises.Entry{})
	} else {
		bs.add(videov1.ItemType_ITEM_TYPE_INTRO, slotKey{kind: typesv1.ClipKind_CLIP_KIND_INTRO}, "intro", true, nil, exercises.Entry{})
		for i, r := range exs {
			slug := r.entry.Slug
			pos := fmt.Sprint(i)
			bs.add(videov1.ItemType_ITEM_TYPE_EXERCISE, slotKey{slug, typesv1.ClipKind_CLIP_KIND_TECHNIQUE}, "technique/"+pos, true, nil, r.entry)
			bs.add(videov1.ItemType_ITEM_TYPE_EXERCISE, slotKey{slug, typesv1.ClipKind_CLIP_KIND_INSTRUCTION}, "instruction/"+pos, true, r.ex, r.entry)
			rng := bs.rng("mistake/" + pos)
			if float64(rng.Uint64()>>11)/(1<<53) < b.cfg.MistakeProb {
				bs.add(videov1.ItemType_ITEM_TYPE_EXERCISE, slotKey{slug, typesv1.ClipKind_CLIP_KIND_MISTAKE}, "mistake/"+pos+"/pick", false, nil, r.entry)
			}
		}
		if req.GetDay() == 7 {
			bs.add(videov1.ItemType_ITEM_TYPE_MOTIVATION, slotKey{kind: typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION}, "weekly_motivation", true, nil, exercises.Entry{})
		}
		bs.add(videov1.ItemType_ITEM_TYPE_CLOSING, slotKey{kind: typesv1.ClipKind_CLIP_KIND_CLOSING}, "closing", false, nil, exercises.Entry{})
	}
	for _, it := range bs.out.Items {
		bs.out.TotalDurationSeconds += it.GetDurationSeconds()
	}
	b.m.build.Observe(b.now().Sub(start).Seconds())
	return bs.out, nil
}

// seed hashes the workout's identity into the playlist's random seed.
func seed(planID string, week, day int32, arch typesv1.Archetype) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(planID))
	var buf [12]byte
	binary.BigEndian.PutUint32(buf[0:], uint32(week))
	binary.BigEndian.PutUint32(buf[4:], uint32(day))
	binary.BigEndian.PutUint32(buf[8:], uint32(arch))
	_, _ = h.Write(buf[:])
	return h.Sum64()
}

// rng returns the slot's own generator: PCG seeded by the workout seed and the slot name.
func (bs *build) rng(slot string) *rand.PCG {
	h := fnv.New64a()
	_, _ = h.Write([]byte(slot))
	return rand.NewPCG(bs.seed, h.Sum64())
}

// add picks a clip for slot and appends it, or records the gap when required.
func (bs *build) add(typ videov1.ItemType, slot slotKey, slotName string, required bool, ex *videov1.PlaylistExercise, entry exercises.Entry) {
	clip, url, exp, tier, reason := bs.pick(slot, slotName)
	if clip == nil {
		if required && reason != "" {
			bs.out.Missing = append(bs.out.Missing, &videov1.MissingClip{Kind: slot.kind, ExerciseSlug: slot.slug, Reason: reason})
			bs.b.m.missing.WithLabelValues(kindLabel(slot.kind)).Inc()
		}
		return
	}
	bs.b.m.fallback.WithLabelValues(tier).Inc()
	bs.b.m.items.WithLabelValues(providerLabel(clip.GetProvider())).Inc()
	bs.used = append(bs.used, clip.GetId())
	locale := bs.req.GetLocale()
	item := &videov1.PlaylistItem{
		Type:            typ,
		ClipId:          clip.GetId(),
		Kind:            clip.GetKind(),
		Provider:        clip.GetProvider(),
		Url:             url,
		DurationSeconds: clip.GetDurationSeconds(),
		Titles:          clip.GetTitle(),
		Archetype:       clip.GetArchetype(),
	}
	if !exp.IsZero() {
		item.UrlExpireTime = timestamppb.New(exp)
	}
	if slot.slug != "" {
		item.ExerciseSlug = slot.slug
		name := ex.GetName()
		if name.GetEn() == "" && name.GetRu() == "" {
			name = entry.Name
		}
		item.ExerciseName = localized(name, locale)
		if item.ExerciseName == "" {
			item.ExerciseName = slot.slug
		}
	}
	item.Title = localized(clip.GetTitle(), locale)
	if item.Title == "" {
		item.Title = item.ExerciseName
	}
	if ex != nil {
		item.Sets, item.Reps, item.RestSeconds = ex.GetSets(), ex.GetReps(), ex.GetRestSeconds()
	}
	item.Captions = bs.captions(clip)
	bs.out.Items = append(bs.out.Items, item)
}

// captions answers the clip's caption tracks with URLs made the way the clip's own is (no
// storage call, no existence check: a missing caption file costs the viewer captions, never
// the clip), the requested locale first. A track whose URL cannot be made is left out.
func (bs *build) captions(clip *videov1.Clip) []*videov1.Caption {
	tracks := clip.GetCaptions()
	if len(tracks) == 0 {
		return nil
	}
	out := make([]*videov1.Caption, 0, len(tracks))
	for _, tr := range tracks {
		c := &videov1.Caption{Locale: tr.GetLocale(), Label: tr.GetLabel()}
		if cc := provider.CaptionClip(clip, tr); cc == nil {
			c.InManifest = true
		} else {
			u, _, err := bs.b.urls.PlaybackURL(bs.ctx, cc)
			if err != nil {
				bs.b.cfg.Logger.WarnContext(bs.ctx, "caption track has no URL", "clip", clip.GetId(), "locale", tr.GetLocale(), "err", err)
				continue
			}
			c.Url = u
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b *videov1.Caption) int {
		return cmpBool(a.GetLocale() != bs.locale, b.GetLocale() != bs.locale)
	})
	return out
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// pick chooses a clip for slot by the fallback order, skipping clips already used and clips
// storage says are missing (up to StorageRetry of those). reason is empty when the slot had
// only clips already in the playlist.
func (bs *build) pick(slot slotKey, slotName string) (clip *videov1.Clip, url string, exp time.Time, tier, reason string) {
	var p *byArchetype
	if e := bs.entries[slot.slug]; e != nil {
		p = e.kinds[slot.kind]
	}
	if p == nil {
		return nil, "", time.Time{}, "", "no active clip"
	}
	rng := bs.rng(slotName)
	skipped, sawUnused := 0, false
	for loc := range 2 {
		// Pass 0 takes clips in the requested locale, pass 1 any other.
		wantLocale := loc == 0
		for ti, arch := range bs.tiers {
			pool := bs.scratch[:0]
			for _, c := range p[arch] {
				if (c.GetLocale() == bs.locale) == wantLocale && !slices.Contains(bs.used, c.GetId()) {
					pool = append(pool, c)
				}
			}
			for len(pool) > 0 {
				sawUnused = true
				hi, _ := bits.Mul64(rng.Uint64(), uint64(len(pool)))
				i := int(hi)
				c := pool[i]
				if bs.b.ex.Present(bs.ctx, c, bs.deadline) {
					u, e, err := bs.b.urls.PlaybackURL(bs.ctx, c)
					if err == nil {
						return c, u, e, tierLabel(loc, ti, arch, bs.tiers[0]), ""
					}
				}
				skipped++
				if skipped > bs.b.cfg.StorageRetry {
					return nil, "", time.Time{}, "", fmt.Sprintf("storage: %d candidates missing or unavailable", skipped)
				}
				pool = slices.Delete(pool, i, i+1)
			}
		}
	}
	switch {
	case skipped > 0:
		return nil, "", time.Time{}, "", fmt.Sprintf("storage: %d candidates missing or unavailable", skipped)
	case !sawUnused:
		return nil, "", time.Time{}, "", ""
	}
	return nil, "", time.Time{}, "", "no active clip"
}

func tierLabel(loc, ti int, arch, want typesv1.Archetype) string {
	switch {
	case loc == 1:
		return "other_locale"
	case arch == typesv1.Archetype_ARCHETYPE_UNSPECIFIED && want != arch:
		return "generic"
	case ti == 0:
		return "exact"
	}
	return "archetype"
}

func localized(t *typesv1.LocalizedText, locale string) string {
	if t == nil {
		return ""
	}
	if locale == "ru" && t.GetRu() != "" {
		return t.GetRu()
	}
	if t.GetEn() != "" {
		return t.GetEn()
	}
	return t.GetRu()
}

var kindLabels = map[typesv1.ClipKind]string{
	typesv1.ClipKind_CLIP_KIND_INTRO:             "intro",
	typesv1.ClipKind_CLIP_KIND_TECHNIQUE:         "technique",
	typesv1.ClipKind_CLIP_KIND_INSTRUCTION:       "instruction",
	typesv1.ClipKind_CLIP_KIND_MISTAKE:           "mistake",
	typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION: "weekly_motivation",
	typesv1.ClipKind_CLIP_KIND_REST_DAY:          "rest_day",
	typesv1.ClipKind_CLIP_KIND_CLOSING:           "closing",
}

func kindLabel(k typesv1.ClipKind) string { return kindLabels[k] }

var providerLabels = map[videov1.Provider]string{
	videov1.Provider_PROVIDER_R2:       "r2",
	videov1.Provider_PROVIDER_STREAM:   "stream",
	videov1.Provider_PROVIDER_EXTERNAL: "external",
	videov1.Provider_PROVIDER_LOCAL:    "local",
}

func providerLabel(p videov1.Provider) string { return providerLabels[p] }
