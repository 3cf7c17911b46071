// Package loopeval is the evaluation of the training loop against COACHING.md §7: for every
// profile of the coaching matrix, the built-in coach's plan is "trained" for one week by five
// simulated people, and the adaptation of the following weeks is checked for what a coach
// would do with each log:
//
//   - on track (every set at the top of the range at RPE 7): loads rise by one step (at most
//     +10 %, or the smallest dumbbell or plate step), never without a logged load; no deload; every change explained with the logged numbers;
//   - struggling (RPE 10, three reps short): no load rises; loaded work comes down;
//   - missing sessions (one of the week's sessions): the next week is a deload;
//   - exhausted (every session at effort 10): the next week is a deload;
//   - in pain (the day's first main exercise hurts): it leaves the following weeks for a safe,
//     allowed exercise of the same movement, and the reason says so.
//
// Every adaptation must also keep the plan rules, the coaching safety check, the logged week
// as it was and adapt.Bounds. A profile's score is the share of its checks that pass.
package loopeval

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// Personas are the simulated people, in the order of the table's columns.
var Personas = []string{"on track", "struggling", "missed sessions", "exhausted", "pain"}

// Check is one expectation and whether the adaptation met it.
type Check struct {
	Persona string
	Name    string
	Pass    bool
	Detail  string
}

// Row is one profile's checks.
type Row struct {
	Case   coaching.Case
	Checks []Check
	Err    error
}

// Score is the share of passed checks of one persona (all personas when persona is ""), in
// percent; 100 when there is none.
func (r Row) Score(persona string) float64 {
	n, pass := 0, 0
	for _, c := range r.Checks {
		if persona != "" && c.Persona != persona {
			continue
		}
		n++
		if c.Pass {
			pass++
		}
	}
	if n == 0 {
		return 100
	}
	return math.Round(1000*float64(pass)/float64(n)) / 10
}

// Failures lists the checks that failed, for a verbose report.
func (r Row) Failures() []string {
	var out []string
	for _, c := range r.Checks {
		if !c.Pass {
			out = append(out, fmt.Sprintf("%s / %s: %s", c.Persona, c.Name, c.Detail))
		}
	}
	return out
}

// Evaluate runs every persona on every profile of the coaching matrix with the catalog all.
func Evaluate(all []*catalogv1.Exercise) []Row {
	idx := coaching.Index(all)
	var rows []Row
	for _, c := range coaching.Matrix() {
		row := Row{Case: c}
		allowed := coaching.Allowed(all, c.Profile)
		d, err := planner.Design(c.Profile, allowed)
		if err != nil {
			row.Err = err
			rows = append(rows, row)
			continue
		}
		base := adapt.Input{Plan: microcycle.Expand(d.Template, d.Expansion), Week: 1, Profile: c.Profile, Catalog: idx, Allowed: allowed}
		for _, persona := range Personas {
			row.Checks = append(row.Checks, run(base, persona)...)
		}
		rows = append(rows, row)
	}
	return rows
}

// run logs week 1 as persona and checks the adaptation.
func run(base adapt.Input, persona string) []Check {
	in := base
	var hurt string
	switch persona {
	case "on track":
		in.Logs = logWeek(in, 7, 7, 0, nil)
	case "struggling":
		in.Logs = logWeek(in, 10, 9, 0, func(s *planv1.SetLog) {
			s.Reps = max(1, s.Reps-3)
		})
	case "missed sessions":
		in.Logs = logWeek(in, 7, 7, 1, nil)
	case "exhausted":
		in.Logs = logWeek(in, 9, 10, 0, nil)
	case "pain":
		in.Logs = logWeek(in, 7, 7, 0, nil)
		hurt = hurtFirstMain(in)
	}
	res, err := adapt.Rules(in)
	if err != nil {
		return []Check{{Persona: persona, Name: "adapts", Detail: err.Error()}}
	}
	checks := sound(in, res, persona)
	add := func(name string, pass bool, format string, args ...any) {
		checks = append(checks, Check{Persona: persona, Name: name, Pass: pass, Detail: fmt.Sprintf(format, args...)})
	}
	next := weekOf(res.Plan, 2)
	before := weekOf(in.Plan, 2)
	logged := loggedLoads(in)
	switch persona {
	case "on track":
		add("no deload", !res.Deload, "on track yet deloaded: %s", res.Summary)
		rose, total := 0, 0
		for slug, load := range logged {
			x := find(next, slug)
			if x == nil || load == 0 {
				continue
			}
			total++
			got := x.GetLoadKg()
			if got > load {
				rose++
			}
			limit := adapt.MaxLoad(in.Catalog[strings.ToLower(slug)].GetEquipment(), load)
			add("load ≤ one step", got <= limit+1e-9, "%s: %.1f kg after %.1f kg logged (at most %.1f)", slug, got, load, limit)
		}
		if total > 0 {
			// A step can be too big for a light load: reps rise instead.
			add("loads progress", rose*2 >= total, "%d of %d loaded exercises got more load", rose, total)
		}
		for _, c := range res.Changes {
			if c.GetAction() == planv1.ChangeAction_CHANGE_ACTION_KEEP {
				continue
			}
			add("explained with numbers", strings.ContainsAny(c.GetReason(), "0123456789"), "%s %s: %q", c.GetExerciseSlug(), c.GetAction(), c.GetReason())
		}
	case "struggling":
		for slug, load := range logged {
			x := find(next, slug)
			if x == nil || load == 0 {
				continue
			}
			add("no load rise", x.GetLoadKg() <= load, "%s: %.1f kg after %.1f kg at RPE 10", slug, x.GetLoadKg(), load)
			add("load comes down", x.GetLoadKg() > 0 && x.GetLoadKg() < load, "%s: %.1f kg after %.1f kg with reps short at RPE 10", slug, x.GetLoadKg(), load)
		}
	case "missed sessions", "exhausted":
		add("deload", res.Deload, "no deload after %s", persona)
		add("less work next week", adapt.WorkingSets(next) < adapt.WorkingSets(before), "week 2 sets %d, planned %d", adapt.WorkingSets(next), adapt.WorkingSets(before))
	case "pain":
		if hurt == "" {
			break
		}
		var still []int32
		for _, w := range res.Plan.GetWeeks()[1:] {
			if find(w, hurt) != nil {
				still = append(still, w.GetWeekNumber())
			}
		}
		add("painful exercise leaves", len(still) == 0, "%s still in weeks %v", hurt, still)
		var swap *planv1.ExerciseChange
		for _, c := range res.Changes {
			if strings.EqualFold(c.GetExerciseSlug(), hurt) && c.GetAction() == planv1.ChangeAction_CHANGE_ACTION_SWAP {
				swap = c
			}
		}
		add("swapped", swap != nil, "no swap of %s among %d changes", hurt, len(res.Changes))
		if swap != nil {
			from, to := in.Catalog[strings.ToLower(hurt)], in.Catalog[strings.ToLower(swap.GetToSlug())]
			add("same movement", to != nil && samePattern(from, to), "%s → %s", hurt, swap.GetToSlug())
			add("allowed", slices.ContainsFunc(in.Allowed, func(c *catalogv1.Exercise) bool { return strings.EqualFold(c.GetSlug(), swap.GetToSlug()) }), "%s is not allowed for the person", swap.GetToSlug())
			reason := strings.ToLower(swap.GetReason())
			add("reason says pain", strings.Contains(reason, "pain") || strings.Contains(reason, "бол"), "%q", swap.GetReason())
		}
	}
	return checks
}

// sound checks what every adaptation keeps.
func sound(in adapt.Input, res *adapt.Result, persona string) []Check {
	vs := aiplan.Validate(res.Plan)
	safety := coaching.Safety(coaching.Input{Plan: res.Plan, Profile: in.Profile, Catalog: in.Catalog})
	bounds := adapt.Bounds(in, res.Plan)
	return []Check{
		{Persona: persona, Name: "plan rules", Pass: len(vs) == 0, Detail: fmt.Sprint(vs)},
		{Persona: persona, Name: "safe", Pass: len(safety.Findings) == 0, Detail: fmt.Sprint(safety.Findings)},
		{Persona: persona, Name: "logged week unchanged", Pass: proto.Equal(in.Plan.GetWeeks()[0], res.Plan.GetWeeks()[0]), Detail: "week 1 changed"},
		{Persona: persona, Name: "bounds", Pass: len(bounds) == 0, Detail: fmt.Sprint(bounds)},
	}
}

// logWeek logs week 1's training days (sessions of them; 0 all): every set of every exercise
// as prescribed at the top of its range, with a load for loaded work, at set RPE rpe and
// session effort effort; edit changes each set.
func logWeek(in adapt.Input, rpe, effort int32, sessions int, edit func(*planv1.SetLog)) []adapt.DayLog {
	var out []adapt.DayLog
	for _, d := range weekOf(in.Plan, 1).GetDays() {
		if d.GetIsRestDay() || (sessions > 0 && len(out) == sessions) {
			continue
		}
		log := &planv1.WorkoutLog{PerceivedEffort: effort}
		for _, x := range d.GetExercises() {
			c := in.Catalog[strings.ToLower(x.GetExerciseSlug())]
			e := &planv1.CompletedExercise{ExerciseSlug: x.GetExerciseSlug()}
			for range max(1, x.GetSets()) {
				s := &planv1.SetLog{Rpe: proto.Int32(rpe)}
				switch {
				case x.Reps != nil:
					_, hi, _ := estimate.RepsRange(x.GetReps())
					s.Reps = int32(hi)
					s.LoadKg = startLoad(c)
				case x.Rounds != nil:
					s.Seconds = x.GetRounds() * (x.GetWorkSeconds() + x.GetRecoverySeconds())
				default:
					s.Seconds = x.GetDurationSeconds()
					s.DistanceMeters = x.GetDistanceMeters()
				}
				if edit != nil {
					edit(s)
				}
				e.Sets = append(e.Sets, s)
			}
			e.SetsDone = int32(len(e.Sets))
			log.Exercises = append(log.Exercises, e)
		}
		out = append(out, adapt.DayLog{Day: d.GetDayNumber(), Log: log})
	}
	return out
}

// startLoad is a plausible working load for an exercise's equipment; 0 for bodyweight and
// bands.
func startLoad(c *catalogv1.Exercise) float64 {
	for _, q := range c.GetEquipment() {
		switch q {
		case "barbell":
			return 60
		case "machine", "cable":
			return 40
		case "dumbbell", "kettlebell":
			return 16
		}
	}
	return 0
}

// hurtFirstMain flags pain on the first main-block reps exercise of the first logged day and
// returns its slug ("" when there is none).
func hurtFirstMain(in adapt.Input) string {
	if len(in.Logs) == 0 {
		return ""
	}
	d := in.Logs[0]
	for _, x := range dayOf(weekOf(in.Plan, 1), d.Day).GetExercises() {
		if x.Reps == nil || (x.GetBlock() != "" && x.GetBlock() != "main") {
			continue
		}
		for _, e := range d.Log.GetExercises() {
			if e.GetExerciseSlug() == x.GetExerciseSlug() {
				e.Pain, e.PainNote = true, "sharp pain"
				return x.GetExerciseSlug()
			}
		}
	}
	return ""
}

// loggedLoads is each loaded exercise's load in the week's logs, by slug.
func loggedLoads(in adapt.Input) map[string]float64 {
	out := map[string]float64{}
	for _, d := range in.Logs {
		for _, e := range d.Log.GetExercises() {
			for _, s := range e.GetSets() {
				out[e.GetExerciseSlug()] = max(out[e.GetExerciseSlug()], s.GetLoadKg())
			}
		}
	}
	return out
}

func samePattern(a, b *catalogv1.Exercise) bool {
	for _, p := range a.GetPatterns() {
		if p != typesv1.MovementPattern_MOVEMENT_PATTERN_UNSPECIFIED && slices.Contains(b.GetPatterns(), p) {
			return true
		}
	}
	return false
}

func weekOf(p *planv1.WorkoutPlan, n int32) *planv1.Week {
	for _, w := range p.GetWeeks() {
		if w.GetWeekNumber() == n {
			return w
		}
	}
	return nil
}

func dayOf(w *planv1.Week, n int32) *planv1.Day {
	for _, d := range w.GetDays() {
		if d.GetDayNumber() == n {
			return d
		}
	}
	return nil
}

// find is the first exercise of the week with slug.
func find(w *planv1.Week, slug string) *planv1.Exercise {
	for _, d := range w.GetDays() {
		for _, x := range d.GetExercises() {
			if strings.EqualFold(x.GetExerciseSlug(), slug) {
				return x
			}
		}
	}
	return nil
}

// WriteTable prints rows as a Markdown table: each persona's score and the overall one, then
// the mean.
func WriteTable(w io.Writer, rows []Row) {
	fmt.Fprintf(w, "| profile | overall | %s |\n", strings.Join(Personas, " | "))
	fmt.Fprintf(w, "|---|---:|%s\n", strings.Repeat("---:|", len(Personas)))
	sums := make([]float64, len(Personas))
	overall := 0.0
	for _, r := range rows {
		if r.Err != nil {
			fmt.Fprintf(w, "| %s | error: %v |%s\n", r.Case.Name, r.Err, strings.Repeat(" |", len(Personas)))
			continue
		}
		cells := make([]string, len(Personas))
		for i, p := range Personas {
			s := r.Score(p)
			sums[i] += s
			cells[i] = fmt.Sprintf("%.0f", s)
		}
		overall += r.Score("")
		fmt.Fprintf(w, "| %s | %.1f | %s |\n", r.Case.Name, r.Score(""), strings.Join(cells, " | "))
	}
	n := float64(len(rows))
	cells := make([]string, len(Personas))
	for i := range sums {
		cells[i] = fmt.Sprintf("%.1f", sums[i]/n)
	}
	fmt.Fprintf(w, "| **mean** | **%.1f** | %s |\n", overall/n, strings.Join(cells, " | "))
}
