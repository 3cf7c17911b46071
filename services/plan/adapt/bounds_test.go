package adapt_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
)

func TestBounds(t *testing.T) {
	in := input(t, profile("en"))
	in.Logs = logWeek(in, 7, 7, 3, nil)
	res, err := adapt.Rules(in)
	require.NoError(t, err)
	require.Empty(t, adapt.Bounds(in, res.Plan))

	rules := func(vs []aiplan.Violation) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.Rule)
		}
		return out
	}
	loaded := func(p *planv1.WorkoutPlan) *planv1.Exercise {
		for _, d := range p.GetWeeks()[1].GetDays() {
			for _, x := range d.GetExercises() {
				if x.LoadKg != nil {
					return x
				}
			}
		}
		t.Fatal("no loaded exercise in week 2")
		return nil
	}
	tests := map[string]struct {
		edit func(p *planv1.WorkoutPlan)
		rule string
	}{
		"load over +10 %": {func(p *planv1.WorkoutPlan) { loaded(p).LoadKg = proto.Float64(23) }, adapt.RuleLoad},
		"load without basis": {func(p *planv1.WorkoutPlan) {
			for _, x := range p.GetWeeks()[2].GetDays()[0].GetExercises() {
				if x.LoadKg == nil {
					x.LoadKg = proto.Float64(50)
					return
				}
			}
		}, adapt.RuleLoadBasis},
		"history changed":   {func(p *planv1.WorkoutPlan) { p.GetWeeks()[0].WeekFocus = "rewritten" }, adapt.RuleHistory},
		"volume +50 %":      {func(p *planv1.WorkoutPlan) { grow(p.GetWeeks()[3], 1.5) }, adapt.RuleVolume},
		"unsafe for wrists": {func(p *planv1.WorkoutPlan) { loaded(p).ExerciseSlug = "push-ups"; loaded(p).LoadKg = nil }, adapt.RuleExercise},
		"plan rules":        {func(p *planv1.WorkoutPlan) { p.GetWeeks()[2].GetDays()[0].WorkoutName = "" }, "string.min_len"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := proto.Clone(res.Plan).(*planv1.WorkoutPlan)
			tt.edit(p)
			require.Contains(t, rules(adapt.Bounds(in, p)), tt.rule)
		})
	}
}

func grow(w *planv1.Week, f float64) {
	for _, d := range w.GetDays() {
		for _, x := range d.GetExercises() {
			if x.Sets != nil {
				x.Sets = proto.Int32(min(10, int32(float64(x.GetSets())*f+0.99)))
			}
		}
	}
}
