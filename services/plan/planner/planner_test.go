package planner_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
	"github.com/fitcoach/fitcoach/services/plan/goals"
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
		{"bad knees en", profile(inter, 4, 12, 60, "en", "My left knee hurts after running"), []string{"jump-squats", "forward-lunges", "pistol-squats", "burpees"}},
		{"спина и колени ru", profile(adv, 5, 6, 60, "ru", "Болит поясница, травма колена", "dumbbell", "kettlebell"), []string{"kettlebell-deadlifts", "kettlebell-swings", "jump-squats", "reverse-lunges", "kettlebell-snatch"}},
		{"shoulder", profile(inter, 3, 4, 30, "en", "rotator cuff injury", "pullup_bar", "dumbbell"), []string{"pull-ups", "pike-push-ups", "dumbbell-shoulder-press"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			allowed := allowedFor(t, tc.profile)
			ok := map[string]bool{}
			bySlug := map[string]*catalogv1.Exercise{}
			for _, e := range allowed {
				ok[e.GetSlug()] = true
				bySlug[e.GetSlug()] = e
			}
			g := goals.Read(tc.profile)
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
							require.NotEqual(t, f, e.GetExerciseSlug())
						}
						require.True(t, planner.Safe(bySlug[e.GetExerciseSlug()], g), "%s loads an injured joint", e.GetExerciseSlug())
					}
				}
				require.Equal(t, int(tc.profile.GetDaysPerWeek()), training)
			}
			// The first deload week has fewer hard sets than the week before it.
			tpl, err := planner.Template(tc.profile, allowed)
			require.NoError(t, err)
			if dl := int(tpl.GetProgression().GetDeloadEveryWeeks()); dl > 0 && dl <= len(p.GetWeeks()) {
				require.Less(t, sets(p.GetWeeks()[dl-1]), sets(p.GetWeeks()[dl-2]))
			}
			// Progression: week 3 asks more work than week 1.
			require.Greater(t, work(p.GetWeeks()[2]), work(p.GetWeeks()[0]))
		})
	}
}

func sets(w *planv1.Week) (n int32) {
	for _, d := range w.GetDays() {
		for _, e := range d.GetExercises() {
			if e.GetBlock() == "main" || e.GetBlock() == "accessory" {
				n += e.GetSets()
			}
		}
	}
	return n
}

// work is the week's training time without rests, warm-ups and cool-downs.
func work(w *planv1.Week) (n int) {
	for _, d := range w.GetDays() {
		for _, e := range d.GetExercises() {
			if b := e.GetBlock(); b != "warmup" && b != "cooldown" {
				n += estimate.Work(e) - int(max(1, e.GetSets())*e.GetRestSeconds())
			}
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

// TestFirstFiveKilometresWithBadKnees is the profile: a beginner with bad knees who
// wants to run 5 km and lose weight, no equipment, 3 × 40 minutes for 8 weeks.
func TestFirstFiveKilometresWithBadKnees(t *testing.T) {
	p := &planv1.Profile{Goal: "Run my first 5 km without stopping and lose some weight", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER,
		DaysPerWeek: 3, DurationWeeks: 8, SessionMinutes: 40, Limitations: "bad knees", Locale: "en"}
	allowed := allowedFor(t, p)
	bySlug := map[string]*catalogv1.Exercise{}
	for _, e := range allowed {
		bySlug[e.GetSlug()] = e
	}
	plan, err := planner.Plan(p, allowed)
	require.NoError(t, err)
	require.Empty(t, aiplan.Validate(plan))
	var runRatio []float64
	for wi, w := range plan.GetWeeks() {
		pulls, runs := 0, 0
		var share float64
		for _, d := range w.GetDays() {
			if d.GetIsRestDay() {
				continue
			}
			minutes := float64(estimate.Day(d)) / 60
			if wi != 3 && wi != 7 { // deload and taper weeks are lighter
				require.InDelta(t, 40, minutes, 6, "week %d day %d", w.GetWeekNumber(), d.GetDayNumber())
			}
			for _, e := range d.GetExercises() {
				c := bySlug[e.GetExerciseSlug()]
				require.NotContains(t, c.GetStresses(), typesv1.Joint_JOINT_KNEES, e.GetExerciseSlug())
				require.NotEqual(t, typesv1.Impact_IMPACT_HIGH, c.GetImpact(), e.GetExerciseSlug())
				if c.GetMeasurement() == typesv1.Measurement_MEASUREMENT_TIME {
					require.Nil(t, e.Reps, "%s is timed: seconds, no reps", e.GetExerciseSlug())
					require.True(t, e.DurationSeconds != nil || e.Rounds != nil, e.GetExerciseSlug())
				}
				if b := e.GetBlock(); b != "warmup" && b != "cooldown" && slices.ContainsFunc(c.GetPatterns(), func(p typesv1.MovementPattern) bool {
					return p == typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PULL || p == typesv1.MovementPattern_MOVEMENT_PATTERN_VERTICAL_PULL
				}) {
					pulls++
				}
				if e.GetExerciseSlug() == "run-walk-intervals" {
					runs++
					share = float64(e.GetWorkSeconds()) / float64(e.GetWorkSeconds()+e.GetRecoverySeconds())
				}
			}
		}
		require.GreaterOrEqual(t, pulls, 2, "week %d pulls", w.GetWeekNumber())
		require.Equal(t, 3, runs, "week %d: run-walk in every session", w.GetWeekNumber())
		runRatio = append(runRatio, share)
	}
	// The running share of the run-walk grows: 1 min run / 1.5 min walk towards long runs.
	require.InDelta(t, 0.4, runRatio[0], 0.01)
	require.Greater(t, runRatio[6], 0.8)
	for i := 1; i < len(runRatio); i++ {
		require.GreaterOrEqual(t, runRatio[i], runRatio[i-1]-0.01, "week %d", i+1)
	}
	require.Contains(t, plan.GetNotes(), "knees")
}

func TestRussianPlurals(t *testing.T) {
	for n, want := range map[int]string{1: "неделя", 2: "недели", 4: "недели", 5: "недель", 11: "недель", 12: "недель", 21: "неделя", 22: "недели"} {
		require.Equal(t, want, planner.Plural(n, "неделя", "недели", "недель"), "%d", n)
	}
	p := profile(typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, 3, 4, 30, "ru", "")
	plan, err := planner.Plan(p, allowedFor(t, p))
	require.NoError(t, err)
	require.Contains(t, plan.GetPlanName(), "4 недели, 3 тренировки в неделю")
}
