package coaching

import (
	"fmt"
	"slices"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

const (
	kneeDom  = typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT
	hipDom   = typesv1.MovementPattern_MOVEMENT_PATTERN_HIP_DOMINANT
	hPush    = typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PUSH
	vPush    = typesv1.MovementPattern_MOVEMENT_PATTERN_VERTICAL_PUSH
	hPull    = typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PULL
	vPull    = typesv1.MovementPattern_MOVEMENT_PATTERN_VERTICAL_PULL
	core     = typesv1.MovementPattern_MOVEMENT_PATTERN_CORE
	loco     = typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION
	mobility = typesv1.MovementPattern_MOVEMENT_PATTERN_MOBILITY
	beginner = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
)

// goal: the week contains what each objective needs (COACHING §1).
func (e *ev) goal() Score {
	j := &judge{s: Score{Check: CheckGoal}}
	for wi, w := range e.in.Plan.GetWeeks() {
		wn := w.GetWeekNumber()
		if e.lighter(wn) {
			continue
		}
		sessions, cardio, cardioSessions, mobilitySessions, heavy, resistanceDays := 0, 0, 0, 0, 0, 0
		hard := map[string]int{}
		for _, d := range w.GetDays() {
			if d.GetIsRestDay() {
				continue
			}
			sessions++
			if c := e.cardioSeconds(d); c > 0 {
				cardio += c
				if c >= 8*60 {
					cardioSessions++
				}
			}
			mob, res := 0, false
			for _, x := range d.GetExercises() {
				c := e.info(x)
				if c == nil {
					continue
				}
				if slices.Contains(c.GetPatterns(), mobility) || (slices.Contains(c.GetPatterns(), core) && x.Reps == nil) {
					mob++
				}
				if !working(x) || slices.Contains(c.GetPatterns(), loco) || slices.Contains(c.GetPatterns(), mobility) {
					continue
				}
				res = true
				if _, hi, ok := estimate.RepsRange(x.GetReps()); ok && c.GetMechanics() == typesv1.Mechanics_MECHANICS_COMPOUND && hi <= 10 {
					heavy++
				}
				for _, m := range c.GetMuscleGroups()[:min(2, len(c.GetMuscleGroups()))] {
					hard[majorGroup(m)] += int(max(1, x.GetSets()))
				}
			}
			if mob >= 2 {
				mobilitySessions++
			}
			if res {
				resistanceDays++
			}
		}
		f := Finding{Week: wn, Field: fmt.Sprintf("weeks[%d]", wi)}
		for _, o := range e.g.Objectives {
			switch o {
			case planv1.Objective_OBJECTIVE_ENDURANCE:
				f.Rule, f.Message = "goal.endurance_sessions", "endurance needs the activity itself in at least 2 sessions a week"
				j.item(cardioSessions >= min(2, sessions), f)
			case planv1.Objective_OBJECTIVE_STRENGTH:
				f.Rule, f.Message = "goal.strength_compounds", "strength needs heavy compound work (at most 10 reps) in at least 2 sessions a week"
				j.item(heavy >= min(2, sessions), f)
			case planv1.Objective_OBJECTIVE_HYPERTROPHY:
				need := 10
				if e.level == beginner {
					need = 6
				}
				for _, g := range []string{"chest", "back", "shoulders", "legs"} {
					f.Rule, f.Message = "goal.hypertrophy_volume", fmt.Sprintf("muscle building needs about %d+ hard sets a week for %s, not %d", need, g, hard[g])
					j.item(hard[g] >= need*2/3 || !e.groupAvailable(g), f)
				}
			case planv1.Objective_OBJECTIVE_FAT_LOSS:
				f.Rule, f.Message = "goal.fat_loss_conditioning", "fat loss needs conditioning every week"
				j.item(cardio >= 10*60, f)
				f.Rule, f.Message = "goal.fat_loss_resistance", "fat loss needs resistance work to keep muscle"
				j.item(resistanceDays >= min(2, sessions), f)
			case planv1.Objective_OBJECTIVE_MOBILITY:
				f.Rule, f.Message = "goal.mobility_sessions", "mobility needs mobility and core-stability work in most sessions"
				j.item(mobilitySessions*3 >= sessions*2, f)
			case planv1.Objective_OBJECTIVE_GENERAL_HEALTH:
				// ACSM's 150 minutes include daily life; a plan's sessions should carry a fair share.
				want := min(150*60, e.minutes*60*sessions/4)
				f.Rule, f.Message = "goal.health_aerobic", fmt.Sprintf("general health needs aerobic work: %d of %d minutes a week", cardio/60, want/60)
				j.item(cardio >= want, f)
				f.Rule, f.Message = "goal.health_resistance", "general health needs resistance work on at least 2 days"
				j.item(resistanceDays >= min(2, sessions), f)
			}
		}
	}
	return j.done()
}

// majorGroup folds muscle names into the groups the hypertrophy volume is counted in.
func majorGroup(m string) string {
	switch m {
	case "chest":
		return "chest"
	case "back", "lats", "traps":
		return "back"
	case "shoulders":
		return "shoulders"
	case "quads", "glutes", "hamstrings", "calves":
		return "legs"
	}
	return m
}

func (e *ev) groupAvailable(g string) bool {
	for _, x := range e.in.Available {
		if slices.Contains(x.GetPatterns(), loco) || slices.Contains(x.GetPatterns(), mobility) {
			continue
		}
		for _, m := range x.GetMuscleGroups() {
			if majorGroup(m) == g {
				return true
			}
		}
	}
	return false
}

// balance: movement patterns covered every week, pushing and pulling within 1:2–2:1 (§3).
func (e *ev) balance() Score {
	j := &judge{s: Score{Check: CheckBalance}}
	groups := []struct {
		name string
		ps   []typesv1.MovementPattern
	}{{"knee-dominant", []typesv1.MovementPattern{kneeDom}}, {"hip-dominant", []typesv1.MovementPattern{hipDom}},
		{"push", []typesv1.MovementPattern{hPush, vPush}}, {"pull", []typesv1.MovementPattern{hPull, vPull}}, {"core", []typesv1.MovementPattern{core}}}
	for wi, w := range e.in.Plan.GetWeeks() {
		if e.lighter(w.GetWeekNumber()) {
			continue
		}
		seen := map[typesv1.MovementPattern]bool{}
		push, pull := 0, 0
		for _, d := range w.GetDays() {
			for _, x := range d.GetExercises() {
				c := e.info(x)
				if c == nil || !working(x) || len(c.GetPatterns()) == 0 {
					continue
				}
				for _, p := range c.GetPatterns() {
					seen[p] = true
				}
				switch c.GetPatterns()[0] {
				case hPush, vPush:
					push += int(max(1, x.GetSets()))
				case hPull, vPull:
					pull += int(max(1, x.GetSets()))
				}
			}
		}
		for _, g := range groups {
			avail, got := false, false
			for _, p := range g.ps {
				avail = avail || e.available(p)
				got = got || seen[p]
			}
			if !avail {
				continue
			}
			j.item(got, Finding{Week: w.GetWeekNumber(), Field: fmt.Sprintf("weeks[%d]", wi), Rule: "balance.pattern", Message: "the week has no " + g.name + " exercise"})
		}
		if push > 0 || pull > 0 {
			ok := push <= 2*pull && pull <= 2*push
			if !e.available(hPull) && !e.available(vPull) || !e.available(hPush) && !e.available(vPush) {
				ok = true
			}
			j.item(ok, Finding{Week: w.GetWeekNumber(), Field: fmt.Sprintf("weeks[%d]", wi), Rule: "balance.push_pull",
				Message: fmt.Sprintf("push:pull sets %d:%d are outside 1:2–2:1", push, pull)})
		}
	}
	return j.done()
}

// time: each session within ±15 % of the person's minutes (§2); lighter weeks may be shorter.
func (e *ev) time() Score {
	j := &judge{s: Score{Check: CheckTime}}
	if e.minutes <= 0 {
		return j.done()
	}
	want := float64(e.minutes * 60)
	e.training(func(wi, di int, w *planv1.Week, d *planv1.Day) {
		t := float64(estimate.Day(d))
		lo := 1 - TimeTolerance
		if e.lighter(w.GetWeekNumber()) {
			lo = 0.6
		}
		j.item(t >= lo*want && t <= (1+TimeTolerance)*want, Finding{Week: w.GetWeekNumber(), Day: d.GetDayNumber(), Field: path(wi, di, -1, ""),
			Rule: "session_time.budget", Message: fmt.Sprintf("the session takes about %.0f minutes, not %d", t/60, e.minutes)})
	})
	return j.done()
}

// safety: no exercise stresses a joint the person must spare; no high impact on injured
// legs or back; every exercise is one the catalog knows (§6).
func (e *ev) safety() Score {
	j := &judge{s: Score{Check: CheckSafety}}
	e.training(func(wi, di int, w *planv1.Week, d *planv1.Day) {
		for xi, x := range d.GetExercises() {
			c := e.info(x)
			f := Finding{Week: w.GetWeekNumber(), Day: d.GetDayNumber(), Field: path(wi, di, xi, "exercise_slug")}
			if c == nil {
				f.Rule, f.Message = "safety.unknown_exercise", fmt.Sprintf("%q is not in the catalog", x.GetExerciseSlug())
				j.item(false, f)
				continue
			}
			bad := ""
			for _, s := range c.GetStresses() {
				if e.g.Spares(s) {
					bad = s.String()
				}
			}
			if bad == "" && c.GetImpact() == typesv1.Impact_IMPACT_HIGH {
				for _, s := range []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_ANKLES, typesv1.Joint_JOINT_HIPS, typesv1.Joint_JOINT_LOWER_BACK} {
					if e.g.Spares(s) {
						bad = "high impact on " + s.String()
					}
				}
			}
			if bad != "" {
				f.Rule, f.Message = "safety.contraindicated", fmt.Sprintf("%s loads %s, which the person must spare", x.GetExerciseSlug(), bad)
			}
			j.item(bad == "", f)
		}
	})
	return j.done()
}

// prescription: each exercise prescribed by its nature, with a dose that fits (§4); an
// exercise counts once however many problems it has.
func (e *ev) prescription() Score {
	j := &judge{s: Score{Check: CheckPrescription}}
	e.training(func(wi, di int, w *planv1.Week, d *planv1.Day) {
		for xi, x := range d.GetExercises() {
			c := e.info(x)
			if c == nil {
				continue
			}
			ps := Prescription(x, c, e.level)
			j.s.Total++
			if len(ps) == 0 {
				j.s.Passed++
				continue
			}
			for _, p := range ps {
				p.Check, p.Week, p.Day, p.Field = CheckPrescription, w.GetWeekNumber(), d.GetDayNumber(), path(wi, di, xi, p.Field)
				j.s.Findings = append(j.s.Findings, p)
			}
		}
	})
	return j.done()
}

// progression: volume builds within each block, cardio minutes grow, deloads every 3–6
// weeks at 35–75 % of the hard sets, events taper (§5).
func (e *ev) progression() Score {
	j := &judge{s: Score{Check: CheckProgression}}
	weeks := e.in.Plan.GetWeeks()
	type vol struct{ work, sets, cardio int }
	vs := make([]vol, len(weeks))
	for i, w := range weeks {
		for _, d := range w.GetDays() {
			vs[i].cardio += e.cardioSeconds(d)
			for _, x := range d.GetExercises() {
				if !working(x) {
					continue
				}
				vs[i].work += estimate.Work(x) - int(max(1, x.GetSets()))*int(x.GetRestSeconds())
				if x.Sets != nil && x.Rounds == nil {
					vs[i].sets += int(x.GetSets())
				}
			}
		}
	}
	gap := 0
	for i := range weeks {
		wn := weeks[i].GetWeekNumber()
		f := Finding{Week: wn, Field: fmt.Sprintf("weeks[%d]", i)}
		if e.lighter(wn) {
			gap = 0
			if i > 0 && vs[i-1].sets > 0 {
				r := float64(vs[i].sets) / float64(vs[i-1].sets)
				f.Rule, f.Message = "progression.deload_volume", fmt.Sprintf("a lighter week keeps 35–75 %% of the hard sets, not %.0f %%", 100*r)
				j.item(r >= 0.35 && r <= 0.75, f)
			}
			continue
		}
		gap++
		f.Rule, f.Message = "progression.deload_missing", "more than 6 training weeks without a lighter week"
		j.item(gap <= 6, f)
		if i == 0 || e.lighter(weeks[i-1].GetWeekNumber()) {
			continue
		}
		f.Rule, f.Message = "progression.volume_drops", "the training volume falls from one week to the next outside a deload"
		j.item(vs[i].work >= vs[i-1].work*97/100, f)
	}
	// Over the plan the work must build, and cardio minutes for endurance (~10 %/week).
	first, lastTrain := 0, -1
	for i := range weeks {
		if !e.lighter(weeks[i].GetWeekNumber()) {
			lastTrain = i
		}
	}
	if lastTrain > first {
		j.item(vs[lastTrain].work > vs[first].work, Finding{Field: "weeks", Rule: "progression.no_overload", Message: "the last training week asks no more than the first"})
		if e.g.Has(planv1.Objective_OBJECTIVE_ENDURANCE) && vs[first].cardio > 0 {
			j.item(vs[lastTrain].cardio >= vs[first].cardio*6/5, Finding{Field: "weeks", Rule: "progression.cardio_minutes", Message: "endurance minutes do not grow over the plan"})
		}
	}
	if len(weeks) >= 6 {
		has := false
		for i := range weeks {
			has = has || (e.in.Deload != nil && e.in.Deload(weeks[i].GetWeekNumber()))
		}
		j.item(has, Finding{Field: "weeks", Rule: "progression.no_deload", Message: "a plan of 6+ weeks needs a lighter week every 3–6 weeks"})
	}
	if e.g.Event && len(weeks) >= 2 {
		n := len(weeks) - 1
		j.item(vs[n].work < vs[n-1].work || (e.in.Deload != nil && e.in.Deload(weeks[n-1].GetWeekNumber())),
			Finding{Week: weeks[n].GetWeekNumber(), Field: fmt.Sprintf("weeks[%d]", n), Rule: "progression.taper", Message: "an event plan tapers its last week"})
	}
	return j.done()
}

// recovery: a rest day every week; no muscle group trained hard on consecutive days (§3).
func (e *ev) recovery() Score {
	j := &judge{s: Score{Check: CheckRecovery}}
	for wi, w := range e.in.Plan.GetWeeks() {
		rest := false
		var prev map[string]int
		prevDay := int32(-1)
		for _, d := range w.GetDays() {
			if d.GetIsRestDay() || len(d.GetExercises()) == 0 {
				rest = true
				prev = nil
				continue
			}
			hard := e.hardGroups(d)
			if prev != nil && d.GetDayNumber() == prevDay+1 {
				var both []string
				for g, n := range hard {
					if n >= 4 && prev[g] >= 4 {
						both = append(both, g)
					}
				}
				slices.Sort(both)
				j.item(len(both) == 0, Finding{Week: w.GetWeekNumber(), Day: d.GetDayNumber(), Field: fmt.Sprintf("weeks[%d].days", wi),
					Rule: "recovery.consecutive_days", Message: fmt.Sprintf("%v trained hard on consecutive days", both)})
			}
			prev, prevDay = hard, d.GetDayNumber()
		}
		j.item(rest, Finding{Week: w.GetWeekNumber(), Field: fmt.Sprintf("weeks[%d]", wi), Rule: "recovery.rest_day", Message: "the week has no rest day"})
	}
	return j.done()
}

// hardGroups counts the hard sets per major muscle group of a day's main and accessory work.
func (e *ev) hardGroups(d *planv1.Day) map[string]int {
	out := map[string]int{}
	for _, x := range d.GetExercises() {
		c := e.info(x)
		if c == nil || !working(x) || slices.Contains(c.GetPatterns(), loco) || slices.Contains(c.GetPatterns(), mobility) || len(c.GetMuscleGroups()) == 0 {
			continue
		}
		if x.GetTargetRpe() > 0 && x.GetTargetRpe() < 7 {
			continue
		}
		out[majorGroup(c.GetMuscleGroups()[0])] += int(max(1, x.GetSets()))
	}
	return out
}

// structure: every session opens with a warm-up and ends with a cool-down, and main
// compounds come before isolation work (§2).
func (e *ev) structure() Score {
	j := &judge{s: Score{Check: CheckStructure}}
	e.training(func(wi, di int, w *planv1.Week, d *planv1.Day) {
		xs := d.GetExercises()
		f := Finding{Week: w.GetWeekNumber(), Day: d.GetDayNumber(), Field: path(wi, di, -1, "exercises")}
		f.Rule, f.Message = "structure.warmup", "the session does not open with a warm-up"
		j.item(e.warmupLike(xs[0]), f)
		f.Rule, f.Message = "structure.cooldown", "the session does not end with a cool-down"
		j.item(e.cooldownLike(xs[len(xs)-1]), f)
		sawIso := false
		order := true
		for _, x := range xs {
			c := e.info(x)
			if c == nil || !working(x) || x.Reps == nil {
				continue
			}
			if c.GetMechanics() == typesv1.Mechanics_MECHANICS_ISOLATION {
				sawIso = true
			} else if sawIso && x.GetBlock() == "main" {
				order = false
			}
		}
		f.Rule, f.Message = "structure.compound_first", "a main compound comes after isolation work"
		j.item(order, f)
	})
	return j.done()
}

func (e *ev) warmupLike(x *planv1.Exercise) bool {
	if x.GetBlock() == "warmup" {
		return true
	}
	return x.GetBlock() == "" && (e.has(x, mobility) || e.has(x, loco)) && estimate.Work(x) <= 10*60
}

func (e *ev) cooldownLike(x *planv1.Exercise) bool {
	if x.GetBlock() == "cooldown" {
		return true
	}
	return x.GetBlock() == "" && e.has(x, mobility)
}
