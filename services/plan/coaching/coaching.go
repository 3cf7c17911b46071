// Package coaching judges a plan the way a coach would sign it (COACHING.md): does it serve
// the person's whole goal, is the week balanced, is it safe for their injuries, does each
// session fill their minutes with a warm-up, main work and a cool-down, is every exercise
// prescribed by its nature, does it progress and leave room to recover. Each check scores
// 0..100 and lists what broke it, with the week, day and field, so that the same findings
// score the built-in planner in tests, judge the LLM's days before they are kept (sent back
// in the reprompt), and power `fitcoach evaluate-plan`.
package coaching

import (
	"fmt"
	"math"
	"slices"
	"strings"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
	"github.com/fitcoach/fitcoach/services/plan/goals"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
)

// Check names, in report order.
const (
	CheckGoal         = "goal"
	CheckBalance      = "balance"
	CheckTime         = "session_time"
	CheckSafety       = "safety"
	CheckPrescription = "prescription"
	CheckProgression  = "progression"
	CheckRecovery     = "recovery"
	CheckStructure    = "structure"
)

// Checks lists every check in report order.
var Checks = []string{CheckGoal, CheckBalance, CheckTime, CheckSafety, CheckPrescription, CheckProgression, CheckRecovery, CheckStructure}

// TimeTolerance is how far a session's estimated time may be from the person's minutes.
const TimeTolerance = 0.15

// Finding is one thing a coach would change.
type Finding struct {
	Check string
	// Week and Day are 1-based; 0 when the finding is about the whole plan or week.
	Week, Day int32
	// Field is the path in the plan, e.g. "weeks[0].days[2].exercises[1].reps".
	Field   string
	Rule    string
	Message string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s (%s)", f.Field, f.Message, f.Rule)
}

// Score is one check's result.
type Score struct {
	Check    string
	Score    float64
	Passed   int
	Total    int
	Findings []Finding
}

// Report is a plan's evaluation.
type Report struct {
	Scores []Score
	// Overall is the mean of the check scores.
	Overall float64
}

// Score returns the named check's score (100 when absent).
func (r Report) Score(check string) float64 {
	for _, s := range r.Scores {
		if s.Check == check {
			return s.Score
		}
	}
	return 100
}

// Findings lists every finding of every check.
func (r Report) Findings() []Finding {
	var out []Finding
	for _, s := range r.Scores {
		out = append(out, s.Findings...)
	}
	return out
}

// Input is what a plan is judged against.
type Input struct {
	Plan    *planv1.WorkoutPlan
	Profile *planv1.Profile
	// Catalog has the facts of every exercise the plan may name, by lower-case slug.
	Catalog map[string]*catalogv1.Exercise
	// Available is what the person could have been prescribed (equipment, level, safety):
	// a pattern none of them trains is not required of the week.
	Available []*catalogv1.Exercise
	// Deload says which weeks are meant to be lighter (from the plan's progression); nil
	// treats every week as a training week.
	Deload func(week int32) bool
}

// Index maps exercises by lower-case slug (and code) for Input.Catalog.
func Index(es []*catalogv1.Exercise) map[string]*catalogv1.Exercise {
	m := make(map[string]*catalogv1.Exercise, len(es)*2)
	for _, e := range es {
		m[strings.ToLower(e.GetSlug())] = e
		if c := e.GetCode(); c != "" {
			m[strings.ToLower(c)] = e
		}
	}
	return m
}

// DeloadWeeks is Input.Deload for a progression.
func DeloadWeeks(pr *planv1.Progression) func(int32) bool {
	return func(w int32) bool { return microcycle.IsDeload(pr, w) }
}

// judge accumulates one check.
type judge struct {
	s Score
}

func (j *judge) item(ok bool, f Finding) {
	j.s.Total++
	if ok {
		j.s.Passed++
		return
	}
	f.Check = j.s.Check
	j.s.Findings = append(j.s.Findings, f)
}

func (j *judge) done() Score {
	if j.s.Total == 0 {
		j.s.Score = 100
	} else {
		j.s.Score = math.Round(1000*float64(j.s.Passed)/float64(j.s.Total)) / 10
	}
	return j.s
}

// ev is one evaluation run.
type ev struct {
	in      Input
	g       goals.Goals
	level   typesv1.FitnessLevel
	minutes int
	last    int32 // the last week number
}

// Evaluate scores a plan on every check.
func Evaluate(in Input) Report {
	e := &ev{in: in, g: goals.Read(in.Profile), level: in.Profile.GetFitnessLevel(), minutes: int(in.Profile.GetSessionMinutes())}
	if e.level == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		e.level = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	}
	e.last = int32(len(in.Plan.GetWeeks()))
	r := Report{Scores: []Score{e.goal(), e.balance(), e.time(), e.safety(), e.prescription(), e.progression(), e.recovery(), e.structure()}}
	sum := 0.0
	for _, s := range r.Scores {
		sum += s.Score
	}
	r.Overall = math.Round(10*sum/float64(len(r.Scores))) / 10
	return r
}

// Safety runs the safety check alone: what a generation must pass before anything is stored.
func Safety(in Input) Score {
	e := &ev{in: in, g: goals.Read(in.Profile)}
	return e.safety()
}

// lighter reports whether week w is meant to be light: a deload, or the taper of an event.
func (e *ev) lighter(w int32) bool {
	if e.in.Deload != nil && e.in.Deload(w) {
		return true
	}
	return e.g.Event && w == e.last && w > 1
}

func (e *ev) info(x *planv1.Exercise) *catalogv1.Exercise {
	return e.in.Catalog[strings.ToLower(x.GetExerciseSlug())]
}

func (e *ev) has(x *planv1.Exercise, p typesv1.MovementPattern) bool {
	c := e.info(x)
	return c != nil && slices.Contains(c.GetPatterns(), p)
}

// working reports whether x is the session's training rather than its warm-up or cool-down.
func working(x *planv1.Exercise) bool {
	b := x.GetBlock()
	return b != "warmup" && b != "cooldown"
}

func path(wi, di, xi int, field string) string {
	p := fmt.Sprintf("weeks[%d].days[%d]", wi, di)
	if xi >= 0 {
		p += fmt.Sprintf(".exercises[%d]", xi)
	}
	if field != "" {
		p += "." + field
	}
	return p
}

// training calls f for every training day.
func (e *ev) training(f func(wi, di int, w *planv1.Week, d *planv1.Day)) {
	for wi, w := range e.in.Plan.GetWeeks() {
		for di, d := range w.GetDays() {
			if !d.GetIsRestDay() && len(d.GetExercises()) > 0 {
				f(wi, di, w, d)
			}
		}
	}
}

// cardioSeconds is the locomotion work of a day outside its warm-up and cool-down.
func (e *ev) cardioSeconds(d *planv1.Day) int {
	t := 0
	for _, x := range d.GetExercises() {
		if working(x) && e.has(x, typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION) {
			t += estimate.Work(x)
		}
	}
	return t
}

// available reports whether any exercise the person could do trains pattern p.
func (e *ev) available(p typesv1.MovementPattern) bool {
	for _, x := range e.in.Available {
		if slices.Contains(x.GetPatterns(), p) {
			return true
		}
	}
	return false
}
