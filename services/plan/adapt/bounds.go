package adapt

import (
	"fmt"
	"math"
	"strings"

	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/goals"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// Rules ids of the bounds, as violations name them.
const (
	RuleHistory   = "adapt.history_unchanged"
	RuleVolume    = "adapt.weekly_volume"
	RuleLoad      = "adapt.load_increase"
	RuleLoadBasis = "adapt.load_without_basis"
	RuleExercise  = "adapt.exercise_allowed"
	RulePain      = "adapt.pain_swapped"
)

// Bounds returns how proposed, an adaptation of in.Plan after in.Week, breaks what any
// adaptation must keep, with field paths: the plan rules (aiplan.Validate); weeks up to
// in.Week unchanged; each later week's working sets within ±20 % of the same week before
// (a deload of the next week, when the logs call for one, may keep 40–100 %); a load at most
// +10 % over the exercise's last logged or planned load, and none without either; every
// exercise allowed for the person (equipment, level, video) and safe for their injuries; no
// exercise logged with pain left in the following weeks. Empty when it is sound.
func Bounds(in Input, proposed *planv1.WorkoutPlan) []aiplan.Violation {
	vs := aiplan.Validate(proposed)
	f, err := Read(in)
	if err != nil {
		return append(vs, aiplan.Violation{Field: "weeks", Rule: RuleHistory, Message: err.Error()})
	}
	g := goals.Read(in.Profile)
	allowed := map[string]bool{}
	for _, c := range in.Allowed {
		allowed[strings.ToLower(c.GetSlug())] = true
	}
	for _, x := range exercises(in.Plan) {
		// What the plan already holds stays allowed (the catalog may have moved on).
		allowed[strings.ToLower(x.GetExerciseSlug())] = true
	}
	logged := map[string]float64{}
	for k, l := range f.Last {
		for _, s := range doneSets(l.Log) {
			logged[k] = math.Max(logged[k], s.GetLoadKg())
		}
	}
	for wi, w := range proposed.GetWeeks() {
		base := weekOf(in.Plan, w.GetWeekNumber())
		if base == nil {
			continue
		}
		if w.GetWeekNumber() <= in.Week {
			if !proto.Equal(base, w) {
				vs = append(vs, aiplan.Violation{Field: fmt.Sprintf("weeks[%d]", wi), Rule: RuleHistory, Message: fmt.Sprintf("week %d was already trained and must not change", w.GetWeekNumber())})
			}
			continue
		}
		before, after := float64(WorkingSets(base)), float64(WorkingSets(w))
		lo, hi := before*(1-MaxVolumeChange), before*(1+MaxVolumeChange)
		if f.Deload && w.GetWeekNumber() == in.Week+1 {
			lo, hi = before*0.4, before
		}
		if before > 0 && (after < math.Floor(lo) || after > math.Ceil(hi)) {
			vs = append(vs, aiplan.Violation{Field: fmt.Sprintf("weeks[%d]", wi), Rule: RuleVolume,
				Message: fmt.Sprintf("week %d has %d working sets; keep them within %d..%d", w.GetWeekNumber(), int(after), int(math.Floor(lo)), int(math.Ceil(hi)))})
		}
		planned := map[string]float64{}
		for _, x := range exercisesOf(base) {
			k := strings.ToLower(x.GetExerciseSlug())
			planned[k] = math.Max(planned[k], x.GetLoadKg())
		}
		for di, d := range w.GetDays() {
			for xi, x := range d.GetExercises() {
				k := strings.ToLower(x.GetExerciseSlug())
				field := fmt.Sprintf("weeks[%d].days[%d].exercises[%d]", wi, di, xi)
				if c := in.Catalog[k]; c == nil || !allowed[k] || !planner.Safe(c, g) {
					vs = append(vs, aiplan.Violation{Field: field + ".exercise_slug", Rule: RuleExercise, Message: fmt.Sprintf("%s is not an exercise this person may do", x.GetExerciseSlug())})
					continue
				}
				if l, ok := f.Last[k]; ok && l.Log.GetPain() && working(x) {
					vs = append(vs, aiplan.Violation{Field: field + ".exercise_slug", Rule: RulePain, Message: fmt.Sprintf("%s was logged with pain; swap it for an alternative", x.GetExerciseSlug())})
				}
				if x.LoadKg == nil {
					continue
				}
				ref := math.Max(logged[k], planned[k])
				switch {
				case ref == 0:
					vs = append(vs, aiplan.Violation{Field: field + ".load_kg", Rule: RuleLoadBasis, Message: fmt.Sprintf("%s has no logged or planned load to base %g kg on; leave load_kg null", x.GetExerciseSlug(), x.GetLoadKg())})
				case x.GetLoadKg() > MaxLoad(in.Catalog[k].GetEquipment(), ref)+1e-9:
					vs = append(vs, aiplan.Violation{Field: field + ".load_kg", Rule: RuleLoad, Message: fmt.Sprintf("%g kg is more than %g kg, one step (at most +10%% or the smallest plate or dumbbell step) over %g kg", x.GetLoadKg(), MaxLoad(in.Catalog[k].GetEquipment(), ref), ref)})
				}
			}
		}
	}
	return vs
}

// WorkingSets counts a week's sets outside warm-ups and cool-downs: sets, rounds, or one per
// continuous block.
func WorkingSets(w *planv1.Week) int32 {
	n := int32(0)
	for _, x := range exercisesOf(w) {
		if working(x) {
			n += max(x.GetSets(), x.GetRounds(), 1)
		}
	}
	return n
}

func exercisesOf(w *planv1.Week) []*planv1.Exercise {
	var out []*planv1.Exercise
	for _, d := range w.GetDays() {
		out = append(out, d.GetExercises()...)
	}
	return out
}

func exercises(p *planv1.WorkoutPlan) []*planv1.Exercise {
	var out []*planv1.Exercise
	for _, w := range p.GetWeeks() {
		out = append(out, exercisesOf(w)...)
	}
	return out
}
