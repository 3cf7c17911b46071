package planner_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// allowedFor filters the starter catalog the way the catalog service does.
func allowedFor(t testing.TB, p *planv1.Profile) []*catalogv1.Exercise {
	t.Helper()
	c := fakes.NewCatalog()
	r, err := c.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{Equipment: append([]string{"bodyweight"}, p.GetEquipment()...), MaxDifficulty: p.GetFitnessLevel()})
	require.NoError(t, err)
	return r.GetExercises()
}

func profile(level typesv1.FitnessLevel, days, weeks, minutes int32, locale, limitations string, equipment ...string) *planv1.Profile {
	return &planv1.Profile{
		Goal: "get stronger", FitnessLevel: level, Equipment: equipment, DaysPerWeek: days, DurationWeeks: weeks,
		SessionMinutes: minutes, Limitations: limitations, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: locale,
	}
}

func TestPlan(t *testing.T) {
	beginner, inter, adv := typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
	tests := []struct {
		name    string
		profile *planv1.Profile
		// forbidden slug fragments that must not appear
		forbidden []string
	}{
		{"beginner bodyweight 2 days 4 weeks en", profile(beginner, 2, 4, 20, "en", ""), nil},
		{"intermediate dumbbells 3 days 8 weeks ru", profile(inter, 3, 8, 45, "ru", "", "dumbbell", "bench"), nil},
		{"advanced gym 6 days 12 weeks", profile(adv, 6, 12, 90, "en", "", "barbell", "bench", "dumbbell", "machine", "pullup_bar", "kettlebell", "band"), nil},
		{"bad knees en", profile(inter, 4, 12, 60, "en", "My left knee hurts after running"), []string{"jump", "lunge", "pistol", "burpee"}},
		{"спина и колени ru", profile(adv, 5, 6, 60, "ru", "Болит поясница, травма колена", "dumbbell", "kettlebell"), []string{"deadlift", "swing", "jump", "lunge", "snatch"}},
		{"shoulder", profile(inter, 3, 4, 30, "en", "rotator cuff injury", "pullup_bar", "dumbbell"), []string{"pull-up", "overhead", "pike", "shoulder-press"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			allowed := allowedFor(t, tc.profile)
			ok := map[string]bool{}
			for _, e := range allowed {
				ok[e.GetSlug()] = true
			}
			p, err := planner.Plan(tc.profile, allowed)
			require.NoError(t, err)
			require.Empty(t, aiplan.Validate(p))
			require.Equal(t, tc.profile.GetDurationWeeks(), p.GetDurationWeeks())

			again, err := planner.Plan(tc.profile, allowed)
			require.NoError(t, err)
			require.Equal(t, p.String(), again.String(), "deterministic")

			for _, w := range p.GetWeeks() {
				training := 0
				for _, d := range w.GetDays() {
					if !d.GetIsRestDay() {
						training++
					}
					for _, e := range d.GetExercises() {
						require.True(t, ok[e.GetExerciseSlug()], "%s is not allowed", e.GetExerciseSlug())
						for _, f := range tc.forbidden {
							require.NotContains(t, e.GetExerciseSlug(), f)
						}
					}
				}
				require.Equal(t, int(tc.profile.GetDaysPerWeek()), training)
			}
			// Week 4 is a deload: fewer sets than week 3.
			require.Less(t, sets(p.GetWeeks()[3]), sets(p.GetWeeks()[2]))
			// Progression: week 3 asks more than week 1.
			require.Greater(t, reps(p.GetWeeks()[2]), reps(p.GetWeeks()[0]))
		})
	}
}

func sets(w *planv1.Week) (n int32) {
	for _, d := range w.GetDays() {
		for _, e := range d.GetExercises() {
			n += e.GetSets()
		}
	}
	return n
}

func reps(w *planv1.Week) (n int) {
	for _, d := range w.GetDays() {
		for _, e := range d.GetExercises() {
			n += len(e.GetReps()) + int(e.GetDurationSeconds())
			var a int
			for _, c := range e.GetReps() {
				if c == '-' {
					break
				}
				a = a*10 + int(c-'0')
			}
			n += a
		}
	}
	return n
}

func TestPlanNoExercises(t *testing.T) {
	_, err := planner.Plan(profile(typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, 3, 4, 30, "en", ""), nil)
	require.ErrorIs(t, err, planner.ErrNoExercises)
}

// BenchmarkPlan12Weeks measures the built-in planner for a 12-week plan. Target: ≤ 2 ms.
func BenchmarkPlan12Weeks(b *testing.B) {
	p := profile(typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE, 5, 12, 60, "en", "knee pain", "dumbbell", "bench", "band")
	allowed := allowedFor(b, p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := planner.Plan(p, allowed); err != nil {
			b.Fatal(err)
		}
	}
}
