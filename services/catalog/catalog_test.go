package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/config"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/catalog/internal/videofake"
)

func TestExerciseLifecycle(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := t.Context()

	created, err := e.admin.CreateExercise(ctx, &catalogv1.CreateExerciseRequest{Exercise: ex("goblet-squat", "EX042", intermediate, []string{"quads", "glutes"}, []string{"dumbbell"})})
	require.NoError(t, err)
	require.True(t, created.GetExercise().GetActive())

	for _, key := range []string{"goblet-squat", "Goblet-Squat", "EX042", "ex042"} {
		got, err := e.user.GetExercise(ctx, &catalogv1.GetExerciseRequest{Slug: key})
		require.NoError(t, err, key)
		require.Equal(t, "goblet-squat", got.GetExercise().GetSlug())
	}

	upd, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
		Exercise:   &catalogv1.Exercise{Slug: "EX042", Name: &typesv1.LocalizedText{En: "ignored", Ru: "Гоблет-присед"}, Difficulty: advanced},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name.ru", "difficulty"}},
	})
	require.NoError(t, err)
	require.Equal(t, "Exercise goblet-squat", upd.GetExercise().GetName().GetEn(), "name.en is not in the mask")
	require.Equal(t, "Гоблет-присед", upd.GetExercise().GetName().GetRu())
	require.Equal(t, advanced, upd.GetExercise().GetDifficulty())
	require.Equal(t, []string{"quads", "glutes"}, upd.GetExercise().GetMuscleGroups())

	// A whole exercise as read, sent back with a mask naming every field (as the gateway
	// derives it from a PATCH body): slug and timestamps are accepted and left alone.
	whole := upd.GetExercise()
	whole.Name.Ru = "Присед с гантелью"
	again, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
		Exercise:   whole,
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"slug", "code", "name", "description", "muscle_groups", "equipment", "difficulty", "active", "create_time", "update_time"}},
	})
	require.NoError(t, err)
	require.Equal(t, "Присед с гантелью", again.GetExercise().GetName().GetRu())
	require.True(t, again.GetExercise().GetCreateTime().AsTime().Equal(created.GetExercise().GetCreateTime().AsTime()))

	del, err := e.admin.DeleteExercise(ctx, &catalogv1.DeleteExerciseRequest{Slug: "goblet-squat"})
	require.NoError(t, err)
	require.False(t, del.GetExercise().GetActive())
	list, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{})
	require.NoError(t, err)
	require.Empty(t, list.GetExercises(), "deactivated exercises are not listed by default")
	list, err = e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{Active: ptr(false)})
	require.NoError(t, err)
	require.Equal(t, []string{"goblet-squat"}, slugs(list.GetExercises()))
	got, err := e.user.GetExercise(ctx, &catalogv1.GetExerciseRequest{Slug: "goblet-squat"})
	require.NoError(t, err, "a deactivated exercise still resolves for old plans")
	require.False(t, got.GetExercise().GetActive())
}

func TestListPagingAndFilters(t *testing.T) {
	e := newEnv(t, envOptions{})
	var batch []*catalogv1.Exercise
	for i := range 120 {
		eq := []string{}
		if i%4 == 0 {
			eq = []string{"kettlebell"}
		}
		m := []string{"back"}
		if i%5 == 0 {
			m = []string{"chest", "shoulders"}
		}
		x := ex(fmt.Sprintf("move-%03d", i), "", typesv1.FitnessLevel(1+i%3), m, eq)
		x.Active = i%10 != 9
		batch = append(batch, x)
	}
	_, err := e.admin.ImportExercises(t.Context(), &catalogv1.ImportExercisesRequest{Exercises: batch})
	require.NoError(t, err)

	cases := []struct {
		name      string
		req       *catalogv1.ListExercisesRequest
		wantTotal int
		wantPages int
	}{
		{"default page of active", &catalogv1.ListExercisesRequest{}, 108, 3},
		{"pages of 25", &catalogv1.ListExercisesRequest{PageSize: ptr[int32](25)}, 108, 5},
		{"inactive", &catalogv1.ListExercisesRequest{Active: ptr(false)}, 12, 1},
		{"muscle", &catalogv1.ListExercisesRequest{Muscle: "chest", PageSize: ptr[int32](10)}, 24, 3},
		{"equipment", &catalogv1.ListExercisesRequest{Equipment: "kettlebell"}, 30, 1},
		{"difficulty", &catalogv1.ListExercisesRequest{Difficulty: advanced}, 36, 1},
		{"all together", &catalogv1.ListExercisesRequest{Muscle: "chest", Equipment: "kettlebell", Difficulty: beginner, PageSize: ptr[int32](1)}, 2, 2},
		{"exact multiple of the page size", &catalogv1.ListExercisesRequest{Active: ptr(false), PageSize: ptr[int32](6)}, 12, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var all []string
			pages := 0
			for {
				resp, err := e.user.ListExercises(t.Context(), tc.req)
				require.NoError(t, err)
				pages++
				all = append(all, slugs(resp.GetExercises())...)
				if resp.GetNextPageToken() == "" {
					break
				}
				tc.req.PageToken = resp.GetNextPageToken()
				require.LessOrEqual(t, pages, 200)
			}
			require.Len(t, all, tc.wantTotal)
			require.Equal(t, tc.wantPages, pages)
			require.IsIncreasing(t, all)
		})
	}
}

// coverageScript is the clip data of the whitelist, coverage and alternatives tests.
func coverageScript(e *env, t *testing.T) {
	t.Helper()
	e.create(t,
		ex("push-ups", "EX001", beginner, []string{"chest", "triceps", "shoulders"}, nil),
		ex("knee-push-ups", "EX002", beginner, []string{"chest", "triceps"}, []string{"bodyweight"}),
		ex("bench-press", "EX003", intermediate, []string{"chest", "triceps", "shoulders"}, []string{"barbell", "bench"}),
		ex("dumbbell-press", "EX004", intermediate, []string{"chest", "triceps"}, []string{"dumbbell", "bench"}),
		ex("dips", "EX005", advanced, []string{"chest", "triceps"}, []string{"parallel_bars"}),
		ex("squat", "EX006", beginner, []string{"quads", "glutes"}, nil),
		ex("plank", "EX007", beginner, []string{"core"}, nil),
		ex("burpee", "EX008", intermediate, []string{"chest", "quads", "core"}, nil),
		ex("retired", "EX009", beginner, []string{"chest"}, nil),
	)
	_, err := e.admin.DeleteExercise(t.Context(), &catalogv1.DeleteExerciseRequest{Slug: "retired"})
	require.NoError(t, err)
	e.video.SetCoverage(videofake.Aggregate([]videofake.Clip{
		// Generic technique + instruction.
		{Slug: "push-ups", Kind: technique}, {Slug: "push-ups", Kind: instruction}, {Slug: "push-ups", Kind: mistake, Archetype: peer},
		// Complete only across archetypes: technique from the mentor, instruction from the peer.
		{Slug: "knee-push-ups", Kind: technique, Archetype: mentor}, {Slug: "knee-push-ups", Kind: instruction, Archetype: peer},
		{Slug: "bench-press", Kind: technique}, {Slug: "bench-press", Kind: instruction, Archetype: professional},
		// Named by code, in lower case.
		{Slug: "ex004", Kind: technique}, {Slug: "ex004", Kind: instruction},
		{Slug: "dips", Kind: technique}, {Slug: "dips", Kind: instruction},
		// Partial: no instruction clip.
		{Slug: "squat", Kind: technique}, {Slug: "squat", Kind: mistake},
		{Slug: "burpee", Kind: technique, Archetype: mentor}, {Slug: "burpee", Kind: instruction, Archetype: mentor},
		// Complete but inactive.
		{Slug: "retired", Kind: technique}, {Slug: "retired", Kind: instruction},
		// Clips of an exercise the catalog does not know are ignored.
		{Slug: "ghost", Kind: technique}, {Slug: "ghost", Kind: instruction},
	}))
}

func TestAllowedExercises(t *testing.T) {
	e := newEnv(t, envOptions{})
	coverageScript(e, t)

	cases := []struct {
		name string
		req  *catalogv1.ListAllowedExercisesRequest
		want []string
	}{
		{"no filter", &catalogv1.ListAllowedExercisesRequest{},
			[]string{"bench-press", "burpee", "dips", "dumbbell-press", "knee-push-ups", "push-ups"}},
		{"bodyweight only", &catalogv1.ListAllowedExercisesRequest{Equipment: []string{"bodyweight"}},
			[]string{"burpee", "knee-push-ups", "push-ups"}},
		{"dumbbells and a bench", &catalogv1.ListAllowedExercisesRequest{Equipment: []string{"Dumbbell", "bench"}},
			[]string{"burpee", "dumbbell-press", "knee-push-ups", "push-ups"}},
		{"half the equipment is not enough", &catalogv1.ListAllowedExercisesRequest{Equipment: []string{"barbell"}},
			[]string{"burpee", "knee-push-ups", "push-ups"}},
		{"beginner ceiling", &catalogv1.ListAllowedExercisesRequest{MaxDifficulty: beginner},
			[]string{"knee-push-ups", "push-ups"}},
		{"intermediate ceiling with a gym", &catalogv1.ListAllowedExercisesRequest{MaxDifficulty: intermediate, Equipment: []string{"barbell", "bench", "dumbbell", "parallel_bars"}},
			[]string{"bench-press", "burpee", "dumbbell-press", "knee-push-ups", "push-ups"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := e.user.ListAllowedExercises(t.Context(), tc.req)
			require.NoError(t, err)
			require.Equal(t, tc.want, slugs(resp.GetExercises()))
			require.False(t, resp.GetStale())
			require.Equal(t, []typesv1.ClipKind{technique, instruction}, resp.GetRequiredKinds())
			require.NotNil(t, resp.GetComputedTime())
		})
	}
	require.EqualValues(t, 1, e.video.Calls(), "one computation serves every filter")
	require.InDelta(t, 6, gauge(t, e, "fitcoach_catalog_whitelist_size"), 0)
}

func gauge(t *testing.T, e *env, name string) float64 {
	t.Helper()
	mfs, err := e.registry.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("metric %s not registered", name)
	return 0
}

func counter(t *testing.T, e *env, name, label string) float64 {
	t.Helper()
	mfs, err := e.registry.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if label == "" || (len(m.GetLabel()) > 0 && m.GetLabel()[0].GetValue() == label) {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

func TestAllowedCacheAndInvalidation(t *testing.T) {
	e := newEnv(t, envOptions{})
	coverageScript(e, t)
	ctx := t.Context()
	allowed := func() []string {
		resp, err := e.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
		require.NoError(t, err)
		return slugs(resp.GetExercises())
	}
	first := allowed()
	require.Equal(t, first, allowed())
	require.EqualValues(t, 1, e.video.Calls())
	require.EqualValues(t, 1, counter(t, e, "fitcoach_catalog_whitelist_cache_lookups_total", "hit"))
	require.EqualValues(t, 1, counter(t, e, "fitcoach_catalog_whitelist_cache_lookups_total", "miss"))

	// Clips change in the video service: the cache hides it until invalidated.
	e.video.SetCoverage(videofake.Aggregate([]videofake.Clip{{Slug: "squat", Kind: technique}, {Slug: "squat", Kind: instruction}}))
	require.Equal(t, first, allowed())
	for _, c := range []struct {
		name   string
		client catalogv1.CatalogServiceClient
	}{{"admin", e.admin}, {"service", e.service}} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.client.InvalidateCache(ctx, &catalogv1.InvalidateCacheRequest{})
			require.NoError(t, err)
			require.Equal(t, []string{"squat"}, allowed())
		})
	}

	// A catalog write invalidates too: a new covered exercise joins the whitelist at once.
	e.create(t, ex("goblet-squat", "", beginner, []string{"quads"}, []string{"dumbbell"}))
	e.video.SetCoverage(videofake.Aggregate([]videofake.Clip{
		{Slug: "squat", Kind: technique}, {Slug: "squat", Kind: instruction},
		{Slug: "goblet-squat", Kind: technique}, {Slug: "goblet-squat", Kind: instruction},
	}))
	_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
		Exercise: &catalogv1.Exercise{Slug: "goblet-squat", Name: &typesv1.LocalizedText{En: "Goblet squat"}}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name.en"}}})
	require.NoError(t, err)
	require.Equal(t, []string{"goblet-squat", "squat"}, allowed())

	// Nothing covered any more: an empty whitelist would silently break plan generation, so
	// the last good set is served, marked stale.
	e.video.SetCoverage(videofake.Aggregate(nil))
	_, err = e.admin.InvalidateCache(ctx, &catalogv1.InvalidateCacheRequest{})
	require.NoError(t, err)
	resp, err := e.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.True(t, resp.GetStale())
	require.Equal(t, []string{"goblet-squat", "squat"}, slugs(resp.GetExercises()))
}

func TestAllowedNeverEmpty(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.create(t, ex("plank", "", beginner, []string{"core"}, nil))
	e.video.SetCoverage(videofake.Aggregate([]videofake.Clip{{Slug: "plank", Kind: technique}}))
	_, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
	require.Equal(t, codes.FailedPrecondition, status.Code(err), "no covered exercise and nothing earlier to serve: an error, not an empty list")
}

func TestAllowedCacheTTL(t *testing.T) {
	e := newEnv(t, envOptions{cfg: func(c *catalog.Config) { c.WhitelistCacheTTL = 50 * time.Millisecond }})
	coverageScript(e, t)
	for range 2 {
		_, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, e.video.Calls())
	time.Sleep(80 * time.Millisecond)
	_, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.EqualValues(t, 2, e.video.Calls(), "an expired set is computed again")
}

func TestAllowedSingleFlight(t *testing.T) {
	e := newEnv(t, envOptions{})
	coverageScript(e, t)
	e.video.SetDelay(100 * time.Millisecond)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			resp, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
			if err == nil && len(resp.GetExercises()) != 6 {
				err = fmt.Errorf("got %d exercises", len(resp.GetExercises()))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, e.video.Calls(), "concurrent cold requests share one computation")

	t.Run("a caller that gives up does not cancel the computation", func(t *testing.T) {
		_, err := e.admin.InvalidateCache(t.Context(), &catalogv1.InvalidateCacheRequest{})
		require.NoError(t, err)
		e.video.SetDelay(time.Second)
		short, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		started := time.Now()
		_, err = e.user.ListAllowedExercises(short, &catalogv1.ListAllowedExercisesRequest{})
		require.Equal(t, codes.DeadlineExceeded, status.Code(err))
		require.Less(t, time.Since(started), 800*time.Millisecond, "the caller is not held for the whole computation")
		resp, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
		require.NoError(t, err)
		require.Len(t, resp.GetExercises(), 6)
		require.EqualValues(t, 2, e.video.Calls(), "the second request joined the computation the first one started")
	})
}

func TestAllowedStaleWhenVideoIsDown(t *testing.T) {
	shared := cache.NewMemory(0)
	e := newEnv(t, envOptions{cache: shared})
	coverageScript(e, t)
	ctx := t.Context()
	good, err := e.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.False(t, good.GetStale())

	t.Run("video service answers an error", func(t *testing.T) {
		e.video.SetError(status.Error(codes.Internal, "boom"))
		_, err := e.admin.InvalidateCache(ctx, &catalogv1.InvalidateCacheRequest{})
		require.NoError(t, err)
		resp, err := e.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{Equipment: []string{"bodyweight"}})
		require.NoError(t, err)
		require.True(t, resp.GetStale())
		require.Equal(t, []string{"burpee", "knee-push-ups", "push-ups"}, slugs(resp.GetExercises()))
		require.True(t, good.GetComputedTime().AsTime().Equal(resp.GetComputedTime().AsTime()))
		require.GreaterOrEqual(t, counter(t, e, "fitcoach_catalog_whitelist_stale_served_total", ""), 1.0)
	})

	e.video.Stop()
	t.Run("video service is down", func(t *testing.T) {
		_, err := e.admin.InvalidateCache(ctx, &catalogv1.InvalidateCacheRequest{})
		require.NoError(t, err)
		resp, err := e.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
		require.NoError(t, err)
		require.True(t, resp.GetStale())
		require.Equal(t, slugs(good.GetExercises()), slugs(resp.GetExercises()))

		alts, err := e.user.GetExerciseAlternatives(ctx, &catalogv1.GetExerciseAlternativesRequest{Slug: "push-ups"})
		require.NoError(t, err, "alternatives keep working from the stale set")
		require.NotEmpty(t, alts.GetAlternatives())
	})

	t.Run("a restarted replica finds the last good set in the shared cache", func(t *testing.T) {
		restarted := newEnv(t, envOptions{dsn: e.dsn, cache: shared, video: e.video})
		resp, err := restarted.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
		require.NoError(t, err)
		require.True(t, resp.GetStale())
		require.Equal(t, slugs(good.GetExercises()), slugs(resp.GetExercises()))
	})

	t.Run("no good set ever: unavailable, never empty", func(t *testing.T) {
		fresh := newEnv(t, envOptions{dsn: e.dsn, video: e.video})
		_, err := fresh.user.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
		require.Equal(t, codes.Unavailable, status.Code(err))
		require.NotContains(t, err.Error(), "127.0.0.1", "internal causes stay in the log")
	})
}

func TestCoverage(t *testing.T) {
	e := newEnv(t, envOptions{})
	coverageScript(e, t)
	resp, err := e.user.GetCoverage(t.Context(), &catalogv1.GetCoverageRequest{})
	require.NoError(t, err)

	by := map[string]*catalogv1.ExerciseCoverage{}
	for _, c := range resp.GetExercises() {
		by[c.GetSlug()] = c
	}
	require.Len(t, by, 9, "every exercise, active or not; unknown clip slugs are ignored")
	const (
		complete = catalogv1.CoverageStatus_COVERAGE_STATUS_COMPLETE
		partial  = catalogv1.CoverageStatus_COVERAGE_STATUS_PARTIAL
		none     = catalogv1.CoverageStatus_COVERAGE_STATUS_NONE
	)
	cases := []struct {
		slug    string
		kinds   []typesv1.ClipKind
		status  catalogv1.CoverageStatus
		perArch map[typesv1.Archetype]catalogv1.CoverageStatus
	}{
		{"push-ups", []typesv1.ClipKind{technique, instruction, mistake}, complete,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: complete, professional: complete, peer: complete}},
		{"knee-push-ups", []typesv1.ClipKind{technique, instruction}, complete,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: partial, professional: none, peer: partial}},
		{"bench-press", []typesv1.ClipKind{technique, instruction}, complete,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: partial, professional: complete, peer: partial}},
		{"dumbbell-press", []typesv1.ClipKind{technique, instruction}, complete,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: complete, professional: complete, peer: complete}},
		{"squat", []typesv1.ClipKind{technique, mistake}, partial,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: partial, professional: partial, peer: partial}},
		{"plank", nil, none,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: none, professional: none, peer: none}},
		{"burpee", []typesv1.ClipKind{technique, instruction}, complete,
			map[typesv1.Archetype]catalogv1.CoverageStatus{mentor: complete, professional: none, peer: none}},
	}
	for _, tc := range cases {
		t.Run(tc.slug, func(t *testing.T) {
			c := by[tc.slug]
			require.NotNil(t, c)
			require.Equal(t, tc.kinds, c.GetKinds())
			require.Equal(t, tc.status, c.GetStatus())
			require.Len(t, c.GetArchetypes(), 3)
			for _, a := range c.GetArchetypes() {
				require.Equal(t, tc.perArch[a.GetArchetype()], a.GetStatus(), a.GetArchetype().String())
			}
		})
	}
	require.False(t, by["retired"].GetActive())

	// Totals count the 8 active exercises: 6 complete, 1 partial (squat), 1 none (plank).
	require.EqualValues(t, 8, resp.GetTotal())
	require.EqualValues(t, 6, resp.GetTotals().GetComplete())
	require.EqualValues(t, 1, resp.GetTotals().GetPartial())
	require.EqualValues(t, 1, resp.GetTotals().GetNone())
	require.InDelta(t, 75.0, resp.GetTotals().GetPercentComplete(), 1e-9)
	require.Equal(t, []typesv1.ClipKind{technique, instruction}, resp.GetRequiredKinds())
	require.Len(t, resp.GetByArchetype(), 3)
	mentorTotals := resp.GetByArchetype()[0]
	require.Equal(t, mentor, mentorTotals.GetArchetype())
	// mentor: complete push-ups, dumbbell-press, dips, burpee; partial knee-push-ups, bench-press, squat; none plank.
	require.EqualValues(t, 4, mentorTotals.GetComplete())
	require.EqualValues(t, 3, mentorTotals.GetPartial())
	require.EqualValues(t, 1, mentorTotals.GetNone())

	t.Run("printed", func(t *testing.T) {
		var table, js strings.Builder
		require.NoError(t, catalog.PrintCoverage(&table, resp, false))
		require.Contains(t, table.String(), "SLUG")
		require.Regexp(t, `knee-push-ups\s+EX002\s+yes\s+complete\s+technique,instruction\s+partial\s+none\s+partial`, table.String())
		require.Contains(t, table.String(), "75.0")
		require.NoError(t, catalog.PrintCoverage(&js, resp, true))
		require.Contains(t, js.String(), `"percentComplete": 75`)
		require.Contains(t, js.String(), `"COVERAGE_STATUS_PARTIAL"`)
	})

	t.Run("video service down", func(t *testing.T) {
		e.video.Stop()
		_, err := e.user.GetCoverage(t.Context(), &catalogv1.GetCoverageRequest{})
		require.Equal(t, codes.Unavailable, status.Code(err))
	})
}

func TestAlternatives(t *testing.T) {
	e := newEnv(t, envOptions{})
	coverageScript(e, t)
	gym := []string{"barbell", "bench", "dumbbell", "parallel_bars"}
	cases := []struct {
		name string
		req  *catalogv1.GetExerciseAlternativesRequest
		want []string
	}{
		// push-ups (beginner; chest, triceps, shoulders). bench-press shares 3, the others 2 or 1.
		{"gym: most shared muscles first, then same difficulty", &catalogv1.GetExerciseAlternativesRequest{Slug: "push-ups", Equipment: gym},
			[]string{"bench-press", "knee-push-ups", "dumbbell-press", "dips", "burpee"}},
		{"limit", &catalogv1.GetExerciseAlternativesRequest{Slug: "push-ups", Equipment: gym, Limit: 2},
			[]string{"bench-press", "knee-push-ups"}},
		{"no equipment means bodyweight only", &catalogv1.GetExerciseAlternativesRequest{Slug: "push-ups"},
			[]string{"knee-push-ups", "burpee"}},
		{"by code, with a difficulty ceiling", &catalogv1.GetExerciseAlternativesRequest{Slug: "ex001", Equipment: gym, MaxDifficulty: beginner},
			[]string{"knee-push-ups"}},
		{"an exercise outside the whitelist still gets alternatives", &catalogv1.GetExerciseAlternativesRequest{Slug: "squat"},
			[]string{"burpee", "knee-push-ups", "push-ups"}},
		{"never itself", &catalogv1.GetExerciseAlternativesRequest{Slug: "knee-push-ups", Limit: 50},
			[]string{"push-ups", "burpee"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := e.user.GetExerciseAlternatives(t.Context(), tc.req)
			require.NoError(t, err)
			require.Equal(t, tc.want, slugs(resp.GetAlternatives()))
		})
	}
}

func TestLoadStarter(t *testing.T) {
	e := newEnv(t, envOptions{})
	n, err := e.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Equal(t, starterCount, n)
	again, err := e.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Zero(t, again, "the starter exercises are there: nothing to add")

	all := e.snapshot(t)
	require.Len(t, all, n)
	equipment := map[string]bool{}
	for _, x := range all {
		require.True(t, x.GetActive())
		require.NotEmpty(t, x.GetName().GetRu(), x.GetSlug())
		require.NotEmpty(t, x.GetName().GetEn(), x.GetSlug())
		for _, eq := range x.GetEquipment() {
			equipment[eq] = true
		}
	}
	for _, want := range []string{"dumbbell", "kettlebell", "barbell"} {
		require.True(t, equipment[want], "starter catalog has %s exercises", want)
	}
}

func TestConfigFromEnvironment(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://db/catalog", "WHITELIST_CACHE_TTL": "120"}
	var cfg catalog.Config
	require.NoError(t, config.Load(&cfg, func(k string) (string, bool) { v, ok := env[k]; return v, ok }))
	require.Equal(t, "postgres://db/catalog", cfg.DatabaseURL)
	require.Equal(t, 120*time.Second, cfg.WhitelistCacheTTL)
	require.Equal(t, 168*time.Hour, cfg.WhitelistStaleTTL)
	require.NoError(t, cfg.Validate())

	var names []string
	for _, v := range config.Vars(cfg) {
		names = append(names, v.Name)
	}
	require.ElementsMatch(t, []string{"DATABASE_URL", "WHITELIST_CACHE_TTL", "WHITELIST_STALE_TTL", "WHITELIST_RETRY_BACKOFF", "CATALOG_PAGE_TOKEN_SECRET"}, names)

	bad := catalog.Config{DatabaseURL: "sqlite://x", WhitelistCacheTTL: time.Hour, WhitelistStaleTTL: time.Minute}
	require.Error(t, bad.Validate())
}
