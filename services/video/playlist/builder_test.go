package playlist_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/video/exercises"
	"github.com/fitcoach/fitcoach/services/video/existence"
	"github.com/fitcoach/fitcoach/services/video/migrations"
	"github.com/fitcoach/fitcoach/services/video/playlist"
	"github.com/fitcoach/fitcoach/services/video/provider"
	"github.com/fitcoach/fitcoach/services/video/store"
)

const (
	mentor  = typesv1.Archetype_ARCHETYPE_MENTOR
	pro     = typesv1.Archetype_ARCHETYPE_PROFESSIONAL
	peer    = typesv1.Archetype_ARCHETYPE_PEER
	generic = typesv1.Archetype_ARCHETYPE_UNSPECIFIED

	intro       = typesv1.ClipKind_CLIP_KIND_INTRO
	technique   = typesv1.ClipKind_CLIP_KIND_TECHNIQUE
	instruction = typesv1.ClipKind_CLIP_KIND_INSTRUCTION
	mistake     = typesv1.ClipKind_CLIP_KIND_MISTAKE
	motivation  = typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION
	restDay     = typesv1.ClipKind_CLIP_KIND_REST_DAY
	closing     = typesv1.ClipKind_CLIP_KIND_CLOSING
)

// countingQuerier counts the SQL queries the builder issues.
type countingQuerier struct {
	db *sql.DB
	n  atomic.Int64
}

func (c *countingQuerier) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.db.QueryContext(ctx, q, args...)
}

// countingProber counts storage round trips on the way to the real providers.
type countingProber struct {
	p provider.Provider
	n atomic.Int64
}

func (c *countingProber) Exists(ctx context.Context, clip *videov1.Clip) (bool, error) {
	c.n.Add(1)
	return c.p.Exists(ctx, clip)
}

// codeNames resolves a few legacy codes the way the catalog directory does.
type codeNames map[string]exercises.Entry

func (m codeNames) Resolve(s string) exercises.Entry {
	s = strings.ToLower(s)
	if e, ok := m[s]; ok {
		return e
	}
	return exercises.Entry{Slug: s}
}

type env struct {
	t       testing.TB
	store   *store.Store
	queries *countingQuerier
	dir     string
	prober  *countingProber
	checker *existence.Checker
	reg     *provider.Registry
	names   codeNames
	b       *playlist.Builder
	files   int
}

func newEnv(t testing.TB, dsn string, cfg playlist.Config, pcfg provider.Config) *env {
	t.Helper()
	d := dbtest.Open(t, dsn, db.Migrations{Service: "video", FS: migrations.FS})
	e := &env{t: t, queries: &countingQuerier{db: d.DB}, dir: t.TempDir(), names: codeNames{}}
	e.store = store.New(d, store.WithQuerier(e.queries))
	pcfg.Local = provider.LocalConfig{MediaDir: e.dir, MediaBaseURL: "http://127.0.0.1:8080/media"}
	reg, err := provider.NewRegistry(pcfg, provider.Deps{})
	require.NoError(t, err)
	e.reg = reg
	e.prober = &countingProber{p: reg}
	e.checker = existence.New(e.prober, existence.Config{TTL: time.Hour, ErrorTTL: time.Hour})
	t.Cleanup(e.checker.Close)
	cfg.CheckBudget = 2 * time.Second // tests wait for every first check, so verdicts are exact
	e.b = playlist.New(cfg, e.store, e.checker, reg, e.names, nil)
	return e
}

// add stores an active local clip; its file exists when present is true.
func (e *env) add(slug string, kind typesv1.ClipKind, arch typesv1.Archetype, locale string, present bool) *videov1.Clip {
	e.t.Helper()
	e.files++
	path := fmt.Sprintf("f%05d.mp4", e.files)
	if present {
		require.NoError(e.t, os.WriteFile(filepath.Join(e.dir, path), []byte("mp4"), 0o644))
	}
	c, err := e.store.Create(context.Background(), &videov1.Clip{
		ExerciseSlug: slug, Kind: kind, Archetype: arch, Locale: locale,
		Provider: videov1.Provider_PROVIDER_LOCAL, Source: &videov1.Clip_LocalPath{LocalPath: path},
		DurationSeconds: 10, Active: true,
		Title: &typesv1.LocalizedText{En: fmt.Sprintf("%s %s %s", slug, kind, arch), Ru: "ру " + slug},
	})
	require.NoError(e.t, err)
	e.b.Invalidate()
	return c
}

// full adds intro, closing, motivation and technique/instruction/mistake for slugs, one
// clip per archetype.
func (e *env) full(slugs ...string) {
	for _, a := range []typesv1.Archetype{generic, mentor, pro, peer} {
		e.add("", intro, a, "en", true)
		e.add("", closing, a, "en", true)
		e.add("", motivation, a, "en", true)
		e.add("", restDay, a, "en", true)
		for _, s := range slugs {
			e.add(s, technique, a, "en", true)
			e.add(s, instruction, a, "en", true)
			e.add(s, mistake, a, "en", true)
		}
	}
}

func workout(plan string, day int32, arch typesv1.Archetype, slugs ...string) *videov1.BuildPlaylistRequest {
	req := &videov1.BuildPlaylistRequest{PlanId: plan, Week: 1, Day: day, Archetype: arch, Locale: "en"}
	for _, s := range slugs {
		req.Exercises = append(req.Exercises, &videov1.PlaylistExercise{ExerciseSlug: s, Sets: 3, Reps: "8-12", RestSeconds: 60})
	}
	return req
}

func kinds(p *videov1.Playlist) []typesv1.ClipKind {
	var out []typesv1.ClipKind
	for _, it := range p.GetItems() {
		out = append(out, it.GetKind())
	}
	return out
}

func TestDeterminismAndFallbackOnBothDatabases(t *testing.T) {
	for _, backend := range dbtest.Backends {
		t.Run(backend.Name, func(t *testing.T) {
			e := newEnv(t, backend.Open(t), playlist.Config{MistakeProb: 0.3, StorageRetry: 2}, provider.Config{})
			e.full("push-ups", "squats", "plank")
			req := workout("plan-1", 3, peer, "push-ups", "squats", "plank")

			first, err := e.b.Build(t.Context(), req)
			require.NoError(t, err)
			require.Empty(t, first.GetMissing())
			for range 5 {
				again, err := e.b.Build(t.Context(), req)
				require.NoError(t, err)
				require.True(t, proto.Equal(first, again), "same workout, same playlist")
			}
			fresh := playlist.New(playlist.Config{MistakeProb: 0.3, StorageRetry: 2}, e.store, e.checker, e.reg, e.names, nil)
			other, err := fresh.Build(t.Context(), req)
			require.NoError(t, err)
			require.True(t, proto.Equal(first, other), "determinism does not depend on the cache")
			for _, it := range first.GetItems() {
				require.Equal(t, peer, it.GetArchetype(), "exact archetype first")
			}

			for range 3 {
				e.add("push-ups", technique, mentor, "en", true)
			}
			seen := map[string]bool{}
			for i := range 40 {
				p, err := e.b.Build(t.Context(), workout(fmt.Sprintf("plan-%d", i), 3, mentor, "push-ups"))
				require.NoError(t, err)
				seen[p.GetItems()[1].GetClipId()] = true
			}
			require.Greater(t, len(seen), 1, "different workouts pick different clips")
		})
	}
}

func TestFallbackOrder(t *testing.T) {
	for _, tc := range []struct {
		name   string
		want   typesv1.Archetype
		have   []typesv1.Archetype
		expect typesv1.Archetype
	}{
		{"exact", peer, []typesv1.Archetype{generic, mentor, pro, peer}, peer},
		{"mentor before professional", peer, []typesv1.Archetype{generic, pro, mentor}, mentor},
		{"professional before peer", mentor, []typesv1.Archetype{generic, peer, pro}, pro},
		{"peer before generic", pro, []typesv1.Archetype{generic, peer}, peer},
		{"generic last", mentor, []typesv1.Archetype{generic}, generic},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{})
			for _, a := range tc.have {
				e.add("lunge", technique, a, "en", true)
				e.add("lunge", instruction, a, "en", true)
			}
			p, err := e.b.Build(t.Context(), workout("p", 1, tc.want, "lunge"))
			require.NoError(t, err)
			require.Len(t, p.GetItems(), 2)
			for _, it := range p.GetItems() {
				require.Equal(t, tc.expect, it.GetArchetype())
			}
		})
	}

	t.Run("requested locale before archetype", func(t *testing.T) {
		e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{})
		e.add("lunge", technique, peer, "en", true)
		ru := e.add("lunge", technique, generic, "ru", true)
		e.add("lunge", instruction, peer, "en", true)
		req := workout("p", 1, peer, "lunge")
		req.Locale = "ru"
		p, err := e.b.Build(t.Context(), req)
		require.NoError(t, err)
		require.Equal(t, ru.GetId(), p.GetItems()[0].GetClipId())
		require.Equal(t, "ру lunge", p.GetItems()[0].GetTitle())
		require.Equal(t, peer, p.GetItems()[1].GetArchetype(), "any locale when the requested one has none")
	})
}

func TestMissingClips(t *testing.T) {
	t.Run("required clip missing is reported, not an error", func(t *testing.T) {
		e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{})
		e.add("", intro, generic, "en", true)
		e.add("squat", technique, generic, "en", true)
		p, err := e.b.Build(t.Context(), workout("p", 1, mentor, "squat", "ghost"))
		require.NoError(t, err)
		require.Equal(t, []typesv1.ClipKind{intro, technique}, kinds(p))
		var missing []string
		for _, m := range p.GetMissing() {
			missing = append(missing, fmt.Sprintf("%s/%s", m.GetExerciseSlug(), m.GetKind()))
			require.NotEmpty(t, m.GetReason())
		}
		require.ElementsMatch(t, []string{"squat/CLIP_KIND_INSTRUCTION", "ghost/CLIP_KIND_TECHNIQUE", "ghost/CLIP_KIND_INSTRUCTION"}, missing)
	})

	t.Run("storage-missing candidates are skipped up to the retry limit", func(t *testing.T) {
		for i := range 30 {
			e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{})
			e.add("", intro, generic, "en", true)
			e.add("squat", technique, generic, "en", false)
			e.add("squat", technique, generic, "en", false)
			ok := e.add("squat", technique, generic, "en", true)
			for range 3 {
				e.add("squat", instruction, generic, "en", false)
			}
			p, err := e.b.Build(t.Context(), workout(fmt.Sprint("plan-", i), 1, mentor, "squat"))
			require.NoError(t, err)
			require.Len(t, p.GetItems(), 2)
			require.Equal(t, ok.GetId(), p.GetItems()[1].GetClipId(), "two missing files are skipped")
			require.Len(t, p.GetMissing(), 1)
			require.Equal(t, instruction, p.GetMissing()[0].GetKind())
			require.Contains(t, p.GetMissing()[0].GetReason(), "storage")
		}
	})

	t.Run("storage outage falls back to clips elsewhere", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		dead := "http://" + l.Addr().String()
		l.Close()
		e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{R2: provider.R2Config{
			Endpoint: dead, Bucket: "clips", AccessKeyID: "a", SecretAccessKey: "b", SignedURLs: true, Timeout: time.Second,
		}})
		onR2, err := e.store.Create(t.Context(), &videov1.Clip{
			ExerciseSlug: "squat", Kind: technique, Archetype: mentor, Locale: "en",
			Provider: videov1.Provider_PROVIDER_R2, Source: &videov1.Clip_R2Key{R2Key: "squat.mp4"}, DurationSeconds: 5, Active: true,
		})
		require.NoError(t, err)
		e.add("", intro, generic, "en", true)
		local := e.add("squat", technique, generic, "en", true)
		e.add("squat", instruction, generic, "en", true)
		p, err := e.b.Build(t.Context(), workout("p", 1, mentor, "squat"))
		require.NoError(t, err)
		require.Empty(t, p.GetMissing())
		require.Equal(t, local.GetId(), p.GetItems()[1].GetClipId())
		require.NotEqual(t, onR2.GetId(), p.GetItems()[1].GetClipId())
	})
}

func TestShapeOfTheDay(t *testing.T) {
	e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2}, provider.Config{})
	e.full("push-ups", "squats")

	t.Run("training day", func(t *testing.T) {
		p, err := e.b.Build(t.Context(), workout("p", 2, mentor, "push-ups", "squats"))
		require.NoError(t, err)
		require.Equal(t, []typesv1.ClipKind{intro, technique, instruction, technique, instruction, closing}, kinds(p))
		ins := p.GetItems()[2]
		require.Equal(t, int32(3), ins.GetSets())
		require.Equal(t, "8-12", ins.GetReps())
		require.Equal(t, int32(60), ins.GetRestSeconds())
		require.Zero(t, p.GetItems()[1].GetSets(), "only the instruction item carries sets")
		require.Equal(t, videov1.ItemType_ITEM_TYPE_INTRO, p.GetItems()[0].GetType())
		require.Equal(t, videov1.ItemType_ITEM_TYPE_CLOSING, p.GetItems()[5].GetType())
		require.Equal(t, "http://127.0.0.1:8080/media/", ins.GetUrl()[:len("http://127.0.0.1:8080/media/")])
		require.Equal(t, int32(60), p.GetTotalDurationSeconds())
	})

	t.Run("day 7 adds weekly motivation", func(t *testing.T) {
		p, err := e.b.Build(t.Context(), workout("p", 7, mentor, "push-ups"))
		require.NoError(t, err)
		require.Equal(t, []typesv1.ClipKind{intro, technique, instruction, motivation, closing}, kinds(p))
		require.Equal(t, videov1.ItemType_ITEM_TYPE_MOTIVATION, p.GetItems()[3].GetType())
	})

	t.Run("rest day gets one rest clip only", func(t *testing.T) {
		req := workout("p", 7, mentor)
		req.IsRestDay = true
		p, err := e.b.Build(t.Context(), req)
		require.NoError(t, err)
		require.Equal(t, []typesv1.ClipKind{restDay}, kinds(p))
		require.Equal(t, videov1.ItemType_ITEM_TYPE_REST_DAY, p.GetItems()[0].GetType())
		require.Equal(t, mentor, p.GetItems()[0].GetArchetype())
	})

	t.Run("nothing twice", func(t *testing.T) {
		p, err := e.b.Build(t.Context(), workout("p", 1, mentor, "push-ups", "push-ups", "push-ups", "push-ups", "push-ups"))
		require.NoError(t, err)
		ids := map[string]bool{}
		for _, it := range p.GetItems() {
			require.False(t, ids[it.GetClipId()], "clip %s twice", it.GetClipId())
			ids[it.GetClipId()] = true
		}
		require.Empty(t, p.GetMissing(), "a repeat with no clips left is not a gap")
		// 4 technique clips (one per archetype) fill 4 repeats; the fifth has none left.
		n := 0
		for _, k := range kinds(p) {
			if k == technique {
				n++
			}
		}
		require.Equal(t, 4, n)
	})

	t.Run("codes resolve to slugs with names", func(t *testing.T) {
		e.names["ex005"] = exercises.Entry{Slug: "squats", Name: &typesv1.LocalizedText{En: "Bodyweight squats", Ru: "Приседания"}}
		defer delete(e.names, "ex005")
		req := workout("p", 1, mentor, "EX005")
		p, err := e.b.Build(t.Context(), req)
		require.NoError(t, err)
		require.Empty(t, p.GetMissing())
		require.Equal(t, "squats", p.GetItems()[1].GetExerciseSlug())
		require.Equal(t, "Bodyweight squats", p.GetItems()[1].GetExerciseName())
		req.Locale = "ru"
		req.PlanId = "p-ru"
		p, err = e.b.Build(t.Context(), req)
		require.NoError(t, err)
		require.Equal(t, "Приседания", p.GetItems()[1].GetExerciseName())
	})
}

func TestMistakeProbability(t *testing.T) {
	e := newEnv(t, dbtest.SQLite(t), playlist.Config{MistakeProb: 0.30, StorageRetry: 2}, provider.Config{})
	e.add("squat", technique, generic, "en", true)
	e.add("squat", instruction, generic, "en", true)
	e.add("squat", mistake, generic, "en", true)
	const seeds = 2000
	with := 0
	for i := range seeds {
		p, err := e.b.Build(t.Context(), workout(fmt.Sprintf("plan-%d", i), int32(i%6)+1, mentor, "squat"))
		require.NoError(t, err)
		if len(p.GetItems()) == 3 {
			with++
		}
	}
	got := float64(with) / seeds
	require.InDelta(t, 0.30, got, 0.03, "mistake clip share %.3f", got)
}

func TestHotPathCost(t *testing.T) {
	e := newEnv(t, dbtest.SQLite(t), playlist.Config{MistakeProb: 0.3, StorageRetry: 2}, provider.Config{})
	var slugs []string
	for i := range 10 {
		slugs = append(slugs, fmt.Sprintf("ex-%02d", i))
	}
	e.full(slugs...)
	req := workout("plan", 3, pro, slugs...)

	q0 := e.queries.n.Load()
	_, err := e.b.Build(t.Context(), req)
	require.NoError(t, err)
	require.LessOrEqual(t, e.queries.n.Load()-q0, int64(2), "a cold build reads the database at most twice")

	require.Eventually(t, func() bool {
		// Warm() queued checks of every candidate; wait until they are all cached.
		return e.prober.n.Load() >= int64(4*(4+3*10))
	}, 5*time.Second, 10*time.Millisecond)
	q1, s1 := e.queries.n.Load(), e.prober.n.Load()
	for i := range 50 {
		req.PlanId = fmt.Sprint("plan-", i)
		_, err := e.b.Build(t.Context(), req)
		require.NoError(t, err)
	}
	require.Equal(t, q1, e.queries.n.Load(), "warm builds make no database query")
	other := workout("someone-else", 5, mentor, slugs[7], slugs[2], slugs[4])
	_, err = e.b.Build(t.Context(), other)
	require.NoError(t, err)
	require.Equal(t, q1, e.queries.n.Load(), "another workout of known exercises makes no query either")
	require.Equal(t, s1, e.prober.n.Load(), "cached existence makes no storage round trip")

	e.add("ex-00", technique, pro, "en", true)
	_, err = e.b.Build(t.Context(), req)
	require.NoError(t, err)
	require.Equal(t, q1+1, e.queries.n.Load(), "a clip write drops the cached candidates")
}

func TestDatabaseOutage(t *testing.T) {
	e := newEnv(t, dbtest.SQLite(t), playlist.Config{StorageRetry: 2, CacheTTL: time.Millisecond}, provider.Config{})
	e.full("squat")
	req := workout("p", 1, mentor, "squat")
	before, err := e.b.Build(t.Context(), req)
	require.NoError(t, err)
	time.Sleep(5 * time.Millisecond) // the cached candidates expire
	require.NoError(t, e.queries.db.Close())

	after, err := e.b.Build(t.Context(), req)
	require.NoError(t, err, "expired candidates are served while the database is down")
	require.True(t, proto.Equal(before, after))

	_, err = e.b.Build(t.Context(), workout("p", 1, mentor, "never-seen"))
	require.ErrorIs(t, err, grpcerr.ErrUnavailable, "with nothing cached the outage is reported")
	require.NotContains(t, err.Error(), "closed", "the cause stays in the log")
}
