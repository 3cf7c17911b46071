package coaching

import (
	"fmt"
	"slices"
	"strings"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// RuleNotAllowed is the finding of an exercise outside the person's allowed list; a
// generation sends it back to the model and then substitutes it.
const RuleNotAllowed = "safety.not_allowed"

// CheckDay judges one session an LLM wrote for a designed session s: only exercises of safe
// (the person's allowed and safe exercises, by lower-case slug), each prescribed by its
// nature, within 15 % of the session's minutes, opening with a warm-up and ending with a
// cool-down, training the session's main patterns and its cardio. Fields are relative to the
// day, as a reprompt needs them.
func CheckDay(d *planv1.Day, s planner.Session, safe map[string]*catalogv1.Exercise, level typesv1.FitnessLevel) []Finding {
	var out []Finding
	bad := func(field, rule, msg string, args ...any) {
		out = append(out, Finding{Day: d.GetDayNumber(), Field: field, Rule: rule, Message: fmt.Sprintf(msg, args...)})
	}
	seen := map[typesv1.MovementPattern]bool{}
	unknown := false
	for i, x := range d.GetExercises() {
		c := safe[strings.ToLower(x.GetExerciseSlug())]
		if c == nil {
			unknown = true
			bad(fmt.Sprintf("exercises[%d].exercise_slug", i), RuleNotAllowed, "%s is not one of the exercises allowed for this person (video, equipment, level, injuries): use one of the list", x.GetExerciseSlug())
			continue
		}
		for _, f := range Prescription(x, c, level) {
			bad(fmt.Sprintf("exercises[%d].%s", i, f.Field), f.Rule, "%s", f.Message)
		}
		if working(x) {
			for _, p := range c.GetPatterns() {
				seen[p] = true
			}
		}
	}
	if xs := d.GetExercises(); len(xs) > 0 {
		if xs[0].GetBlock() != "warmup" {
			bad("exercises[0].block", "structure.warmup", "open the session with a warm-up (block \"warmup\")")
		}
		if xs[len(xs)-1].GetBlock() != "cooldown" {
			bad(fmt.Sprintf("exercises[%d].block", len(xs)-1), "structure.cooldown", "end the session with a cool-down (block \"cooldown\")")
		}
	}
	if s.Minutes > 0 {
		t, want := float64(estimate.Day(d)), float64(s.Minutes)*60
		if t < (1-TimeTolerance)*want || t > (1+TimeTolerance)*want {
			bad("exercises", "session_time.budget", "the session takes about %.0f minutes; make it %d (±15 %%) by changing sets, seconds or exercises", t/60, s.Minutes)
		}
	}
	// The session's first patterns are its main work: each must be there when any safe
	// exercise trains it.
	// An exercise outside the list may be the one meant to train a pattern; it is sent back
	// first, and substituted by role if the model insists, so patterns are judged without it.
	for _, p := range s.Patterns[:min(3, len(s.Patterns))] {
		if !seen[p] && !unknown && availableIn(safe, p) {
			bad("exercises", "balance.pattern", "train the %s pattern in this session", strings.ToLower(strings.TrimPrefix(p.String(), "MOVEMENT_PATTERN_")))
		}
	}
	if cardioMain(s) && !seen[loco] && !unknown {
		bad("exercises", "goal.cardio", "this session needs its cardio: a locomotion exercise in its conditioning or main block")
	}
	return out
}

// cardioMain reports whether the session's main block is cardio (an endurance session).
func cardioMain(s planner.Session) bool {
	return strings.Contains(strings.ToLower(s.Focus), "cardio") || strings.Contains(s.Focus, "кардио")
}

func availableIn(safe map[string]*catalogv1.Exercise, p typesv1.MovementPattern) bool {
	for _, e := range safe {
		if slices.Contains(e.GetPatterns(), p) {
			return true
		}
	}
	return false
}
