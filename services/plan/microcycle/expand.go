// Package microcycle turns a PlanTemplate (one week of seven days plus progression rules) into
// the full WorkoutPlan it stands for. The LLM writes the template because one week is a
// twelfth of the tokens of a 12-week plan; the expansion is deterministic, so the same
// template always gives the same plan, and the result is checked by the WorkoutPlan rules.
package microcycle

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// Limits of the WorkoutPlan rules that expansion must not push a value past.
const (
	maxSets        = 10
	maxReps        = 999
	maxDuration    = 1800
	maxFocusRunes  = 200
	durationPerRep = 5 // seconds added to a timed exercise per reps step
)

// IsDeload reports whether week (1-based) is a deload week under pr.
func IsDeload(pr *planv1.Progression, week int32) bool {
	d := pr.GetDeloadEveryWeeks()
	return d > 0 && week%d == 0
}

// Expand builds the WorkoutPlan a template stands for. Week w repeats the template's days;
// counting the training (non-deload) weeks before it as p and those since the last deload as
// k, every exercise gets sets+p/sets_increase_every_weeks (at most 10) and reps (and timed
// durations) raised by k×reps_increase_per_week; a deload week keeps deload_volume_percent of
// the template's sets at the template's reps. locale picks the language of generated week
// focuses.
func Expand(t *planv1.PlanTemplate, locale string) *planv1.WorkoutPlan {
	pr := t.GetProgression()
	n := t.GetDurationWeeks()
	p := &planv1.WorkoutPlan{
		PlanName:      t.GetPlanName(),
		DurationWeeks: n,
		Goal:          t.GetGoal(),
		Notes:         t.GetNotes(),
		Weeks:         make([]*planv1.Week, 0, max(n, 0)),
	}
	trained, sinceDeload := int32(0), int32(0)
	for w := int32(1); w <= n; w++ {
		deload := IsDeload(pr, w)
		week := &planv1.Week{WeekNumber: w, WeekFocus: focus(t, w, deload, locale), Days: make([]*planv1.Day, 0, len(t.GetDays()))}
		for _, d := range t.GetDays() {
			day := &planv1.Day{
				DayNumber:      d.GetDayNumber(),
				WorkoutName:    d.GetWorkoutName(),
				IsRestDay:      d.GetIsRestDay(),
				ConfidenceTask: d.GetConfidenceTask(),
			}
			if len(d.GetExercises()) > 0 {
				day.Exercises = make([]*planv1.Exercise, 0, len(d.GetExercises()))
			}
			for _, e := range d.GetExercises() {
				day.Exercises = append(day.Exercises, progress(e, pr, deload, trained, sinceDeload))
			}
			week.Days = append(week.Days, day)
		}
		p.Weeks = append(p.Weeks, week)
		if deload {
			sinceDeload = 0
		} else {
			trained++
			sinceDeload++
		}
	}
	return p
}

// progress returns e as prescribed in a week after trained training weeks, sinceDeload of
// them after the last deload.
func progress(e *planv1.Exercise, pr *planv1.Progression, deload bool, trained, sinceDeload int32) *planv1.Exercise {
	out := proto.CloneOf(e)
	if e.DurationSeconds != nil {
		d := e.GetDurationSeconds()
		out.DurationSeconds = &d
	}
	if deload {
		pct := pr.GetDeloadVolumePercent()
		if pct <= 0 || pct > 100 {
			pct = 60
		}
		v := max(1, (e.GetSets()*pct+50)/100)
		out.Sets = &v
		return out
	}
	if every := pr.GetSetsIncreaseEveryWeeks(); every > 0 && e.GetSets() > 0 {
		v := min(maxSets, max(e.GetSets(), e.GetSets()+trained/every))
		out.Sets = &v
	}
	if step := pr.GetRepsIncreasePerWeek() * sinceDeload; step > 0 {
		v := addReps(e.GetReps(), step)
		out.Reps = &v
		if out.DurationSeconds != nil && *out.DurationSeconds > 0 {
			d := min(maxDuration, *out.DurationSeconds+step*durationPerRep)
			out.DurationSeconds = &d
		}
	}
	return out
}

// addReps adds step to a reps value "n" or "a-b"; values it cannot read are left as they are
// for the validator to report.
func addReps(reps string, step int32) string {
	lo, hi, isRange := strings.Cut(reps, "-")
	a, err := strconv.Atoi(lo)
	if err != nil {
		return reps
	}
	if !isRange {
		return strconv.Itoa(min(maxReps, a+int(step)))
	}
	b, err := strconv.Atoi(hi)
	if err != nil {
		return reps
	}
	return strconv.Itoa(min(maxReps, a+int(step))) + "-" + strconv.Itoa(min(maxReps, b+int(step)))
}

func focus(t *planv1.PlanTemplate, w int32, deload bool, locale string) string {
	if fs := t.GetWeekFocus(); int(w) <= len(fs) && strings.TrimSpace(fs[w-1]) != "" {
		return truncateRunes(fs[w-1], maxFocusRunes)
	}
	switch {
	case deload && locale == "ru":
		return "Разгрузочная неделя: меньше подходов, восстановление"
	case deload:
		return "Deload week: fewer sets, recover"
	case locale == "ru":
		return fmt.Sprintf("Неделя %d: постепенный рост нагрузки", w)
	default:
		return fmt.Sprintf("Week %d: steady progression", w)
	}
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
