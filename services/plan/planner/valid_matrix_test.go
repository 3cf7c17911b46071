package planner_test

import (
	"testing"

	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// TestMatrixPlansKeepThePlanRules: every plan the built-in coach makes for the coaching
// matrix passes every plan rule (the service would refuse to store one that does not).
func TestMatrixPlansKeepThePlanRules(t *testing.T) {
	all := fakes.StarterExercises()
	for _, c := range coaching.Matrix() {
		p, err := planner.Plan(c.Profile, coaching.Allowed(all, c.Profile))
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if vs := aiplan.Validate(p); len(vs) > 0 {
			t.Errorf("%s: %d violations, first %v", c.Name, len(vs), vs[0])
			for _, d := range p.GetWeeks()[0].GetDays() {
				if len(d.GetExercises()) > 20 {
					for _, x := range d.GetExercises() {
						t.Logf("  day %d: %s %s", d.GetDayNumber(), x.GetExerciseSlug(), x.GetBlock())
					}
					break
				}
			}
		}
	}
}
