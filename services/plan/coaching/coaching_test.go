package coaching_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// TestEvaluateFindsWhatACoachWouldNot: a plan that breaks each rule is caught by its check.
func TestEvaluateFindsWhatACoachWouldNot(t *testing.T) {
	all := fakes.StarterExercises()
	p := &planv1.Profile{Goal: "Run my first 5 km", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, DaysPerWeek: 3,
		DurationWeeks: 4, SessionMinutes: 40, Limitations: "bad knees", Locale: "en"}
	base := func() *planv1.WorkoutPlan {
		d, err := planner.Design(p, coaching.Allowed(all, p))
		require.NoError(t, err)
		week := &planv1.Week{WeekNumber: 1, Days: d.Template.GetDays()}
		return &planv1.WorkoutPlan{DurationWeeks: 1, Weeks: []*planv1.Week{week}}
	}
	firstDay := func(w *planv1.WorkoutPlan) *planv1.Day { return w.GetWeeks()[0].GetDays()[0] }
	tests := []struct {
		name  string
		edit  func(*planv1.WorkoutPlan)
		check string
		rule  string
	}{
		{"knee-loading exercise for bad knees", func(w *planv1.WorkoutPlan) {
			firstDay(w).Exercises[4].ExerciseSlug = "forward-lunges"
		}, coaching.CheckSafety, "safety.contraindicated"},
		{"high impact for bad knees", func(w *planv1.WorkoutPlan) { firstDay(w).Exercises[4].ExerciseSlug = "jumping-jacks" }, coaching.CheckSafety, "safety.contraindicated"},
		{"an invented exercise", func(w *planv1.WorkoutPlan) { firstDay(w).Exercises[4].ExerciseSlug = "dragon-flag-xyz" }, coaching.CheckSafety, "safety.unknown_exercise"},
		{"a plank with a fake rep count", func(w *planv1.WorkoutPlan) {
			firstDay(w).Exercises = append(firstDay(w).Exercises[:4], append([]*planv1.Exercise{{ExerciseSlug: "plank", Sets: proto.Int32(2), Reps: proto.String("1"), DurationSeconds: proto.Int32(30), Block: "accessory"}}, firstDay(w).Exercises[4:]...)...)
		}, coaching.CheckPrescription, "prescription.fake_reps"},
		{"reps work without an effort target", func(w *planv1.WorkoutPlan) {
			for _, e := range firstDay(w).GetExercises() {
				e.TargetRpe, e.TargetRir = nil, nil
			}
		}, coaching.CheckPrescription, "prescription.effort_required"},
		{"a 12-minute session of a 40-minute plan", func(w *planv1.WorkoutPlan) { firstDay(w).Exercises = firstDay(w).Exercises[:4] }, coaching.CheckTime, "session_time.budget"},
		{"no cool-down", func(w *planv1.WorkoutPlan) {
			xs := firstDay(w).Exercises
			firstDay(w).Exercises = xs[:len(xs)-2]
		}, coaching.CheckStructure, "structure.cooldown"},
		{"beginner doing 5 sets", func(w *planv1.WorkoutPlan) {
			for _, e := range firstDay(w).GetExercises() {
				if e.Reps != nil {
					e.Sets = proto.Int32(5)
				}
			}
		}, coaching.CheckPrescription, "prescription.beginner_sets"},
		{"no pulling all week", func(w *planv1.WorkoutPlan) {
			for _, d := range w.GetWeeks()[0].GetDays() {
				for _, e := range d.GetExercises() {
					if e.GetExerciseSlug() == "door-frame-rows" || e.GetExerciseSlug() == "prone-lat-pulls" || e.GetExerciseSlug() == "prone-ytw-raises" || e.GetExerciseSlug() == "superman" {
						e.ExerciseSlug = "knee-push-ups"
					}
				}
			}
		}, coaching.CheckBalance, ""},
	}
	idx := coaching.Index(all)
	clean := coaching.Evaluate(coaching.Input{Plan: base(), Profile: p, Catalog: idx, Available: coaching.Allowed(all, p)})
	for _, c := range []string{coaching.CheckSafety, coaching.CheckPrescription, coaching.CheckTime, coaching.CheckStructure} {
		require.Equal(t, 100.0, clean.Score(c), "%s of the unedited plan: %v", c, clean.Findings())
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := base()
			tc.edit(w)
			r := coaching.Evaluate(coaching.Input{Plan: w, Profile: p, Catalog: idx, Available: coaching.Allowed(all, p)})
			require.Less(t, r.Score(tc.check), clean.Score(tc.check), "%s", tc.check)
			if tc.rule != "" {
				var rules []string
				for _, f := range r.Findings() {
					rules = append(rules, f.Rule)
				}
				require.Contains(t, rules, tc.rule)
			}
		})
	}
}
