package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/catalog/migrations"
	"github.com/fitcoach/fitcoach/services/catalog/store"
)

var testMigrations = db.Migrations{Service: "catalog", FS: migrations.FS}

// requireNature checks got carries want's nature, unspecified measurement read as reps.
func requireNature(t *testing.T, want, got *catalogv1.Exercise) {
	t.Helper()
	m := want.GetMeasurement()
	if m == typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		m = typesv1.Measurement_MEASUREMENT_REPS
	}
	require.Equal(t, m, got.GetMeasurement(), "measurement")
	require.Equal(t, want.GetMechanics(), got.GetMechanics(), "mechanics")
	require.Equal(t, len(want.GetPatterns()), len(got.GetPatterns()), "patterns %v", got.GetPatterns())
	for i := range want.GetPatterns() {
		require.Equal(t, want.GetPatterns()[i], got.GetPatterns()[i], "patterns keep their order")
	}
	require.ElementsMatch(t, want.GetStresses(), got.GetStresses(), "stresses")
	require.Equal(t, want.GetImpact(), got.GetImpact(), "impact")
}

func exercise(slug, code string, muscles, equipment []string, level typesv1.FitnessLevel) *catalogv1.Exercise {
	return &catalogv1.Exercise{
		Slug:         slug,
		Code:         code,
		Name:         &typesv1.LocalizedText{En: "Name " + slug, Ru: "Имя " + slug},
		MuscleGroups: muscles,
		Equipment:    equipment,
		Difficulty:   level,
	}
}

// TestConformance runs the same storage suite against every backend: SQLite and a real
// PostgreSQL, each in a fresh database.
func TestConformance(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			for _, tc := range suite {
				t.Run(tc.name, func(t *testing.T) {
					d := dbtest.Open(t, b.Open(t), testMigrations)
					tc.run(t, store.New(d.Ent()))
				})
			}
		})
	}
}

var suite = []struct {
	name string
	run  func(t *testing.T, s *store.Store)
}{
	{"create and get by slug or code, any case", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		in := exercise("push-ups", "EX005", []string{"chest", "triceps"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		in.Description = &typesv1.LocalizedText{En: "Push the floor away.", Ru: "Отталкивайтесь от пола."}
		created, err := s.Create(ctx, in)
		require.NoError(t, err)
		require.True(t, created.GetActive())
		require.NotNil(t, created.GetCreateTime())
		require.Equal(t, []string{}, created.GetEquipment())

		for _, key := range []string{"push-ups", "PUSH-UPS", "EX005", "ex005"} {
			got, err := s.Get(ctx, key)
			require.NoError(t, err, key)
			require.True(t, proto.Equal(created, got), "key %s: %v != %v", key, created, got)
		}
	}},
	{"unknown key is not found", func(t *testing.T, s *store.Store) {
		_, err := s.Get(t.Context(), "nope")
		require.ErrorIs(t, err, grpcerr.ErrNotFound)
		_, err = s.SetActive(t.Context(), "nope", false)
		require.ErrorIs(t, err, grpcerr.ErrNotFound)
		_, err = s.Update(t.Context(), "nope", exercise("nope", "", []string{"chest"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.ErrorIs(t, err, grpcerr.ErrNotFound)
	}},
	{"duplicate slug or code already exists and changes nothing", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.Create(ctx, exercise("squat", "EX001", []string{"quads"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		_, err = s.Create(ctx, exercise("SQUAT", "", []string{"quads"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.ErrorIs(t, err, grpcerr.ErrAlreadyExists)
		require.Contains(t, err.Error(), "slug")
		_, err = s.Create(ctx, exercise("lunge", "ex001", []string{"quads"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.ErrorIs(t, err, grpcerr.ErrAlreadyExists)
		require.Contains(t, err.Error(), "code")
		n, err := s.Count(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
	}},
	{"exercises without a code coexist", func(t *testing.T, s *store.Store) {
		for _, slug := range []string{"a", "b", "c"} {
			_, err := s.Create(t.Context(), exercise(slug, "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
			require.NoError(t, err)
		}
	}},
	{"update replaces mutable fields and keeps slug and create time", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		orig, err := s.Create(ctx, exercise("row", "EX010", []string{"back"}, []string{"dumbbell"}, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		_, err = s.Create(ctx, exercise("curl", "EX011", []string{"biceps"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)

		next := proto.Clone(orig).(*catalogv1.Exercise)
		next.Code = ""
		next.MuscleGroups = []string{"back", "biceps"}
		next.Difficulty = typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
		got, err := s.Update(ctx, "EX010", next)
		require.NoError(t, err)
		require.Equal(t, "row", got.GetSlug())
		require.Empty(t, got.GetCode())
		require.Equal(t, []string{"back", "biceps"}, got.GetMuscleGroups())
		require.Equal(t, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED, got.GetDifficulty())
		require.True(t, orig.GetCreateTime().AsTime().Equal(got.GetCreateTime().AsTime()))

		next.Code = "EX011"
		_, err = s.Update(ctx, "row", next)
		require.ErrorIs(t, err, grpcerr.ErrAlreadyExists)
		still, err := s.Get(ctx, "row")
		require.NoError(t, err)
		require.Empty(t, still.GetCode())
	}},
	{"deactivate is idempotent", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.Create(ctx, exercise("plank", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		for range 2 {
			got, err := s.SetActive(ctx, "PLANK", false)
			require.NoError(t, err)
			require.False(t, got.GetActive())
		}
		active, err := s.ActiveExercises(ctx)
		require.NoError(t, err)
		require.Empty(t, active)
	}},
	{"list filters and pages in slug order", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		for i := range 25 {
			eq := []string{}
			if i%2 == 0 {
				eq = []string{"dumbbell"}
			}
			muscles := []string{"legs"}
			if i%3 == 0 {
				muscles = []string{"chest", "triceps"}
			}
			level := typesv1.FitnessLevel(1 + i%3)
			_, err := s.Create(ctx, exercise(fmt.Sprintf("ex-%02d", i), "", muscles, eq, level))
			require.NoError(t, err)
		}
		_, err := s.SetActive(ctx, "ex-00", false)
		require.NoError(t, err)
		yes := true

		cases := []struct {
			name   string
			filter store.Filter
			want   int
		}{
			{"everything", store.Filter{}, 25},
			{"active", store.Filter{Active: &yes}, 24},
			{"muscle", store.Filter{Muscle: "chest"}, 9},
			{"muscle upper-case", store.Filter{Muscle: "CHEST"}, 9},
			{"equipment", store.Filter{Equipment: "dumbbell"}, 13},
			{"difficulty", store.Filter{Difficulty: typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED}, 8},
			{"combined", store.Filter{Muscle: "chest", Equipment: "dumbbell", Active: &yes}, 4},
			{"no match", store.Filter{Muscle: "neck"}, 0},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var all []string
				after := ""
				for {
					page, err := s.List(t.Context(), tc.filter, after, 4)
					require.NoError(t, err)
					for _, ex := range page {
						all = append(all, ex.GetSlug())
					}
					if len(page) < 4 {
						break
					}
					after = page[len(page)-1].GetSlug()
				}
				require.Len(t, all, tc.want)
				require.IsNonDecreasing(t, all)
			})
		}
	}},
	{"upsert creates and updates by slug in one transaction", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.Create(ctx, exercise("dip", "EX020", []string{"triceps"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE))
		require.NoError(t, err)
		batch := []*catalogv1.Exercise{
			exercise("dip", "EX020", []string{"triceps", "chest"}, []string{"parallel_bars"}, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED),
			exercise("Bridge", "EX021", []string{"glutes"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER),
		}
		for _, ex := range batch {
			ex.Active = true
		}
		created, updated, err := s.Upsert(ctx, batch)
		require.NoError(t, err)
		require.Equal(t, 1, created)
		require.Equal(t, 1, updated)
		dip, err := s.Get(ctx, "dip")
		require.NoError(t, err)
		require.Equal(t, []string{"parallel_bars"}, dip.GetEquipment())
		_, err = s.Get(ctx, "bridge")
		require.NoError(t, err)
	}},
	{"upsert with a taken code writes nothing", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.Create(ctx, exercise("dip", "EX020", []string{"triceps"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE))
		require.NoError(t, err)
		batch := []*catalogv1.Exercise{
			exercise("new-one", "EX030", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER),
			exercise("thief", "EX020", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER),
		}
		_, _, err = s.Upsert(ctx, batch)
		require.ErrorIs(t, err, grpcerr.ErrAlreadyExists)
		n, err := s.Count(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)

		_, _, err = s.Upsert(ctx, []*catalogv1.Exercise{batch[0], batch[0]})
		require.ErrorIs(t, err, grpcerr.ErrAlreadyExists)
	}},
	{"create missing leaves existing rows alone", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.Create(ctx, exercise("a", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		_, err = s.SetActive(ctx, "a", false)
		require.NoError(t, err)
		n, err := s.CreateMissing(ctx, []*catalogv1.Exercise{
			exercise("a", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER),
			exercise("b", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER),
		})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		a, err := s.Get(ctx, "a")
		require.NoError(t, err)
		require.False(t, a.GetActive())
	}},
	{"all reads the same exercises as get, on the plain-SQL path", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := exercise("a-move", "EX100", []string{"chest", "triceps"}, []string{"dumbbell", "bench"}, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED)
		a.Description = &typesv1.LocalizedText{En: "Say \"hi\", then \\ move", Ru: "Привет"}
		b := exercise("b-move", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		c := exercise("c-move", "", []string{"back"}, []string{"bodyweight"}, typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE)
		for _, x := range []*catalogv1.Exercise{c, a, b} {
			_, err := s.Create(ctx, x)
			require.NoError(t, err)
		}
		_, err := s.SetActive(ctx, "b-move", false)
		require.NoError(t, err)

		all, err := s.All(ctx, false)
		require.NoError(t, err)
		require.Len(t, all, 3)
		for _, got := range all {
			want, err := s.Get(ctx, got.GetSlug())
			require.NoError(t, err)
			require.True(t, proto.Equal(want, got), "%v != %v", want, got)
		}
		active, err := s.ActiveExercises(ctx)
		require.NoError(t, err)
		require.Len(t, active, 2)
		require.Equal(t, "a-move", active[0].GetSlug())
		require.Equal(t, "c-move", active[1].GetSlug())
	}},
	{"nature round-trips through create, get, update, upsert and the plain-SQL path", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		in := exercise("run-walk", "EX200", []string{"legs"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		in.Measurement = typesv1.Measurement_MEASUREMENT_DISTANCE
		in.Mechanics = typesv1.Mechanics_MECHANICS_COMPOUND
		in.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION, typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT}
		in.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_ANKLES}
		in.Impact = typesv1.Impact_IMPACT_HIGH
		created, err := s.Create(ctx, in)
		require.NoError(t, err)
		requireNature(t, in, created)
		got, err := s.Get(ctx, "EX200")
		require.NoError(t, err)
		require.True(t, proto.Equal(created, got), "%v != %v", created, got)
		all, err := s.All(ctx, true)
		require.NoError(t, err)
		require.Len(t, all, 1)
		require.True(t, proto.Equal(created, all[0]), "plain-SQL path: %v != %v", created, all[0])
		page, err := s.List(ctx, store.Filter{}, "", 10)
		require.NoError(t, err)
		require.True(t, proto.Equal(created, page[0]), "list: %v != %v", created, page[0])

		next := proto.Clone(created).(*catalogv1.Exercise)
		next.Measurement = typesv1.Measurement_MEASUREMENT_TIME
		next.Mechanics = typesv1.Mechanics_MECHANICS_ISOLATION
		next.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_CORE}
		next.Stresses = nil
		next.Impact = typesv1.Impact_IMPACT_LOW
		updated, err := s.Update(ctx, "run-walk", next)
		require.NoError(t, err)
		requireNature(t, next, updated)
		got, err = s.Get(ctx, "run-walk")
		require.NoError(t, err)
		requireNature(t, next, got)

		// An upsert rewrites the nature too, clearing what the new row leaves unspecified.
		plain := exercise("run-walk", "EX200", []string{"legs"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		plain.Active = true
		_, updatedN, err := s.Upsert(ctx, []*catalogv1.Exercise{plain})
		require.NoError(t, err)
		require.Equal(t, 1, updatedN)
		got, err = s.Get(ctx, "run-walk")
		require.NoError(t, err)
		require.Equal(t, typesv1.Measurement_MEASUREMENT_REPS, got.GetMeasurement(), "unspecified is stored as reps")
		require.Zero(t, got.GetMechanics())
		require.Empty(t, got.GetPatterns())
		require.Empty(t, got.GetStresses())
		require.Zero(t, got.GetImpact())
	}},
	{"unspecified measurement is stored as reps", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		created, err := s.Create(ctx, exercise("curl", "", []string{"biceps"}, []string{"dumbbell"}, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		require.Equal(t, typesv1.Measurement_MEASUREMENT_REPS, created.GetMeasurement())
		n, err := s.CreateMissing(ctx, []*catalogv1.Exercise{exercise("row", "", []string{"back"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		all, err := s.All(ctx, false)
		require.NoError(t, err)
		for _, ex := range all {
			require.Equal(t, typesv1.Measurement_MEASUREMENT_REPS, ex.GetMeasurement(), ex.GetSlug())
		}
	}},
	{"names of 200 characters in any script are stored", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		in := exercise("long-name", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		// 400 bytes each: the limit is in characters, as the contract's.
		in.Name = &typesv1.LocalizedText{En: strings.Repeat("ж", 200), Ru: strings.Repeat("Ж", 200)}
		created, err := s.Create(ctx, in)
		require.NoError(t, err)
		require.Equal(t, in.GetName().GetRu(), created.GetName().GetRu())
		in.Name.En = strings.Repeat("ж", 201)
		_, err = s.Update(ctx, "long-name", in)
		require.Error(t, err, "the store refuses what the contract refuses")
	}},
	{"fill nature gives one only to exercises that have none", func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		bare := exercise("plank", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		_, err := s.Create(ctx, bare)
		require.NoError(t, err)
		edited := exercise("squat", "", []string{"quads"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		edited.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_HIPS}
		_, err = s.Create(ctx, edited)
		require.NoError(t, err)
		_, err = s.SetActive(ctx, "plank", false)
		require.NoError(t, err)

		starterPlank := exercise("plank", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		starterPlank.Name.En = "Starter plank"
		starterPlank.Measurement = typesv1.Measurement_MEASUREMENT_TIME
		starterPlank.Mechanics = typesv1.Mechanics_MECHANICS_ISOLATION
		starterPlank.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_CORE}
		starterPlank.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_SHOULDERS}
		starterPlank.Impact = typesv1.Impact_IMPACT_LOW
		starterSquat := exercise("squat", "", []string{"quads"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		starterSquat.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_KNEES}
		starterSquat.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT}
		unknown := exercise("not-here", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER)
		unknown.Impact = typesv1.Impact_IMPACT_LOW

		n, err := s.FillNature(ctx, []*catalogv1.Exercise{starterPlank, starterSquat, unknown})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		plank, err := s.Get(ctx, "plank")
		require.NoError(t, err)
		requireNature(t, starterPlank, plank)
		require.Equal(t, "Name plank", plank.GetName().GetEn(), "only the nature is filled")
		require.False(t, plank.GetActive(), "only the nature is filled")
		squat, err := s.Get(ctx, "squat")
		require.NoError(t, err)
		require.Equal(t, []typesv1.Joint{typesv1.Joint_JOINT_HIPS}, squat.GetStresses(), "a nature already set is kept")
		require.Empty(t, squat.GetPatterns())
		count, err := s.Count(ctx)
		require.NoError(t, err)
		require.Equal(t, 2, count, "nothing is inserted")

		n, err = s.FillNature(ctx, []*catalogv1.Exercise{starterPlank, starterSquat})
		require.NoError(t, err)
		require.Zero(t, n, "idempotent")
	}},
	{"canceled context fails", func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := s.Get(ctx, "x")
		require.Error(t, err)
		require.False(t, errors.Is(err, grpcerr.ErrNotFound))
	}},
}
