package store_test

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/migrations"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// TestConformance runs the same storage suite against SQLite and PostgreSQL.
func TestConformance(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), store.Migrations())
			s := store.New(d)
			t.Run("profiles", func(t *testing.T) { testProfiles(t, s) })
			t.Run("plans", func(t *testing.T) { testPlans(t, s) })
			t.Run("concurrent duplicates", func(t *testing.T) { testConcurrentDuplicates(t, s) })
			t.Run("paging", func(t *testing.T) { testPaging(t, s) })
			t.Run("workout logs", func(t *testing.T) { testWorkoutLogs(t, s) })
		})
	}
}

// TestOldProfileAfterMigration writes a profile the way the first schema did, then migrates:
// the profile reads back unchanged, with no objectives and no injuries, and can be updated.
func TestOldProfileAfterMigration(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), firstMigration(t))
			q := `INSERT INTO profiles (subject, goal, fitness_level, equipment, days_per_week, duration_weeks, session_minutes, limitations, archetype, locale, create_time, update_time)
VALUES ('old', 'run 5 km', 1, '["band"]', 3, 8, 40, 'bad knees', 2, 'en', ?, ?)`
			if d.Dialect == db.Postgres {
				q = strings.NewReplacer("?, ?", "$1, $2").Replace(q)
			}
			now := time.Now().UTC().Truncate(time.Second)
			_, err := d.ExecContext(t.Context(), q, now, now)
			require.NoError(t, err)

			v, err := db.Migrate(d, store.Migrations(), db.Up)
			require.NoError(t, err)
			r, err := db.NewMigrator(d, store.Migrations())
			require.NoError(t, err)
			require.Equal(t, r.Versions()[len(r.Versions())-1].Number, v, "migrated to the latest version")
			s := store.New(d)
			got, err := s.GetProfile(t.Context(), "old")
			require.NoError(t, err)
			require.Equal(t, "run 5 km", got.GetGoal())
			require.Equal(t, "bad knees", got.GetLimitations())
			require.Equal(t, []string{"band"}, got.GetEquipment())
			require.Empty(t, got.GetObjectives())
			require.Empty(t, got.GetInjuries())

			got.Objectives = []planv1.Objective{planv1.Objective_OBJECTIVE_ENDURANCE}
			got.Injuries = []typesv1.Joint{typesv1.Joint_JOINT_KNEES}
			got, err = s.UpsertProfile(t.Context(), "old", got)
			require.NoError(t, err)
			require.Equal(t, []planv1.Objective{planv1.Objective_OBJECTIVE_ENDURANCE}, got.GetObjectives())
			require.Equal(t, []typesv1.Joint{typesv1.Joint_JOINT_KNEES}, got.GetInjuries())
		})
	}
}

// firstMigration is the plan service's migrations as they were at version 1.
func firstMigration(t *testing.T) db.Migrations {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"sqlite", "postgres"} {
		for _, dirn := range []string{"up", "down"} {
			name := dir + "/0001_init." + dirn + ".sql"
			b, err := fs.ReadFile(migrations.FS, name)
			require.NoError(t, err)
			m[name] = &fstest.MapFile{Data: b}
		}
	}
	return db.Migrations{Service: "plan", FS: m}
}

func profile() *planv1.Profile {
	return &planv1.Profile{
		Goal: "run a 10k", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, Equipment: []string{"band"},
		DaysPerWeek: 3, DurationWeeks: 8, SessionMinutes: 40, Limitations: "колено", Archetype: typesv1.Archetype_ARCHETYPE_PEER, Locale: "ru",
	}
}

func testProfiles(t *testing.T, s *store.Store) {
	ctx := t.Context()
	t.Run("objectives and injuries", func(t *testing.T) {
		p := profile()
		p.Objectives = []planv1.Objective{planv1.Objective_OBJECTIVE_FAT_LOSS, planv1.Objective_OBJECTIVE_ENDURANCE}
		p.Injuries = []typesv1.Joint{typesv1.Joint_JOINT_LOWER_BACK, typesv1.Joint_JOINT_KNEES}
		got, err := s.UpsertProfile(ctx, "with-objectives", p)
		require.NoError(t, err)
		require.Equal(t, p.GetObjectives(), got.GetObjectives(), "order kept: the first is the primary")
		require.Equal(t, p.GetInjuries(), got.GetInjuries())
		again, err := s.GetProfile(ctx, "with-objectives")
		require.NoError(t, err)
		require.True(t, proto.Equal(got, again), "%v != %v", got, again)

		p.Objectives, p.Injuries = nil, nil
		got, err = s.UpsertProfile(ctx, "with-objectives", p)
		require.NoError(t, err)
		require.Empty(t, got.GetObjectives(), "an upsert replaces them")
		require.Empty(t, got.GetInjuries())
	})

	_, err := s.GetProfile(ctx, "p1")
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
	got, err := s.UpsertProfile(ctx, "p1", profile())
	require.NoError(t, err)
	require.Equal(t, "колено", got.GetLimitations())
	require.Equal(t, []string{"band"}, got.GetEquipment())
	p := profile()
	p.Equipment, p.Locale = nil, "en"
	got, err = s.UpsertProfile(ctx, "p1", p)
	require.NoError(t, err)
	require.Empty(t, got.GetEquipment())
	require.Equal(t, "en", got.GetLocale())
	require.Equal(t, typesv1.Archetype_ARCHETYPE_PEER, got.GetArchetype())
}

func samplePlan(id, rid string) *planv1.Plan {
	d := int32(45)
	return &planv1.Plan{
		Id: id, RequestId: rid, PlanName: "Four weeks", DurationWeeks: 4, Goal: "get fitter soon", Notes: "n",
		Weeks: []*planv1.Week{{WeekNumber: 1, WeekFocus: "base", Days: []*planv1.Day{
			{DayNumber: 1, WorkoutName: "Full body", Exercises: []*planv1.Exercise{{ExerciseSlug: "plank", Sets: proto.Int32(3), RestSeconds: proto.Int32(30), DurationSeconds: &d}}},
			{DayNumber: 2, WorkoutName: "Rest", IsRestDay: true},
		}}},
		Provider: "openai", Model: "m", Attempts: 2, FallbackReason: "",
		Substitutions:     []*planv1.Substitution{{Week: 0, Day: 1, FromSlug: "x", ToSlug: "plank"}},
		SubstitutionCount: 1, PromptVersion: "v1",
		Usage:        &planv1.TokenUsage{PromptTokens: 100, CompletionTokens: 50, TotalTokens: 150},
		GenerationMs: 1234, LlmMs: 1200, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en",
	}
}

func testPlans(t *testing.T, s *store.Store) {
	ctx := t.Context()
	id := store.NewPlanID(time.Now())
	stored, created, err := s.CreatePlan(ctx, "p1", samplePlan(id, "r1"))
	require.NoError(t, err)
	require.True(t, created)
	require.NotNil(t, stored.GetCreateTime())

	got, err := s.GetPlan(ctx, "p1", id)
	require.NoError(t, err)
	require.Equal(t, "openai", got.GetProvider())
	require.Equal(t, int32(2), got.GetAttempts())
	require.Equal(t, int64(150), got.GetUsage().GetTotalTokens())
	require.Equal(t, int64(1200), got.GetLlmMs())
	require.Equal(t, "plank", got.GetSubstitutions()[0].GetToSlug())
	require.Equal(t, int32(45), got.GetWeeks()[0].GetDays()[0].GetExercises()[0].GetDurationSeconds())
	require.True(t, got.GetWeeks()[0].GetDays()[1].GetIsRestDay())
	require.Equal(t, typesv1.Archetype_ARCHETYPE_MENTOR, got.GetArchetype())

	_, err = s.GetPlan(ctx, "someone-else", id)
	require.ErrorIs(t, err, grpcerr.ErrNotFound)

	// A second plan for the same request id is not stored; the first is answered.
	again, created, err := s.CreatePlan(ctx, "p1", samplePlan(store.NewPlanID(time.Now()), "r1"))
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, id, again.GetId())
	byReq, err := s.PlanByRequest(ctx, "p1", "r1")
	require.NoError(t, err)
	require.Equal(t, id, byReq.GetId())
	_, err = s.PlanByRequest(ctx, "p2", "r1")
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
}

func testConcurrentDuplicates(t *testing.T, s *store.Store) {
	const n = 10
	ids := make([]string, n)
	var createdCount sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for i := range n {
		createdCount.Go(func() {
			p, c, err := s.CreatePlan(t.Context(), "dup", samplePlan(fmt.Sprintf("%s%d", store.NewPlanID(time.Now())[:26], 10+i), "same"))
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = p.GetId()
			if c {
				mu.Lock()
				created++
				mu.Unlock()
			}
		})
	}
	createdCount.Wait()
	require.Equal(t, 1, created)
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
}

func testPaging(t *testing.T, s *store.Store) {
	ctx := t.Context()
	var want []string
	base := time.Now()
	for i := range 5 {
		id := store.NewPlanID(base.Add(time.Duration(i) * time.Millisecond))
		_, _, err := s.CreatePlan(ctx, "pager", samplePlan(id, fmt.Sprintf("r%d", i)))
		require.NoError(t, err)
		want = append([]string{id}, want...)
	}
	var got []string
	after := ""
	for {
		page, next, err := s.ListPlans(ctx, "pager", 2, after)
		require.NoError(t, err)
		for _, p := range page {
			got = append(got, p.GetId())
		}
		if next == "" {
			break
		}
		after = next
	}
	require.Equal(t, want, got)
}

func testWorkoutLogs(t *testing.T, s *store.Store) {
	ctx := t.Context()
	id := store.NewPlanID(time.Now())
	_, _, err := s.CreatePlan(ctx, "logger", samplePlan(id, "r"))
	require.NoError(t, err)
	_, err = s.GetWorkoutLog(ctx, "logger", id, 1, 1)
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
	log, err := s.PutWorkoutLog(ctx, "logger", id, 1, 1, &planv1.WorkoutLog{
		Exercises: []*planv1.CompletedExercise{{ExerciseSlug: "plank", SetsDone: 3, RepsDone: []int32{1, 1, 1}}}, PerceivedEffort: 6, Notes: "good",
	})
	require.NoError(t, err)
	require.Equal(t, int32(6), log.GetPerceivedEffort())
	log, err = s.PutWorkoutLog(ctx, "logger", id, 1, 1, &planv1.WorkoutLog{PerceivedEffort: 9, Notes: "hard"})
	require.NoError(t, err)
	require.Equal(t, int32(9), log.GetPerceivedEffort())
	require.Empty(t, log.GetExercises(), "the log is replaced, not merged")
	_, err = s.GetWorkoutLog(ctx, "other", id, 1, 1)
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
}
