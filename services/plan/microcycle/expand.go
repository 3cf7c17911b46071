// Package microcycle turns a PlanTemplate (one week of seven days plus progression rules) into
// the full WorkoutPlan it stands for. The LLM writes the template because one week is a
// twelfth of the tokens of a 12-week plan; the expansion is deterministic, so the same
// template always gives the same plan, and the result is checked by the WorkoutPlan rules.
//
// Each exercise progresses by its nature (COACHING §5): reps work climbs its range and adds
// a set late in each block (double progression: the cue says when to add load); holds gain
// seconds; continuous cardio gains about 10 % a week; endurance intervals grow and shift from
// recovery to work until they are nearly continuous; short conditioning intervals gain rounds.
// Deload weeks keep about half the hard sets at lower effort, a taper lightens the last week
// of an event plan with intensity kept, and sessions stay within their time budget.
package microcycle

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

// Limits of the WorkoutPlan rules that expansion must not push a value past.
const (
	maxSets        = 10
	maxReps        = 999
	maxDuration    = 1800
	maxWork        = 900
	maxRounds      = 30
	maxFocusRunes  = 200
	holdStep       = 5    // seconds a hold gains per training week
	cardioGrowth   = 0.10 // weekly growth of cardio minutes (COACHING §5)
	cardioDeload   = 0.7  // cardio kept in a deload or taper week
	taperSets      = 70   // percent of sets kept in a taper week
	endWorkShare   = 0.9  // endurance intervals end with this share of work
	enduranceWork  = 60   // intervals with at least this much work are endurance intervals
	budgetHigh     = 1.10 // a session may grow to this share of its budget
	deloadTimeFill = 0.88 // a lighter week's sessions are filled back to this with mobility
)

// Options say how to expand a template for a person.
type Options struct {
	// Locale picks the language of generated week focuses.
	Locale string
	// SessionMinutes is the person's session length: progression never pushes a session past
	// 110 % of it, and lighter weeks fill back towards it with mobility. 0: no budget.
	SessionMinutes int32
	// Taper lightens the last week (an event plan: volume down, intensity kept).
	Taper bool
	// MaxSets caps the sets progression adds to one exercise (beginners do at most 3); 0 is
	// the plan rules' 10.
	MaxSets int32
}

// IsDeload reports whether week (1-based) is a deload week under pr.
func IsDeload(pr *planv1.Progression, week int32) bool {
	d := pr.GetDeloadEveryWeeks()
	return d > 0 && week%d == 0
}

// weekState is where a week stands in the plan.
type weekState struct {
	trained     int32 // training (non-deload) weeks before this one
	total       int32 // training weeks in the whole plan
	sinceDeload int32 // training weeks since the last deload
	deload      bool
	taper       bool
}

// Expand builds the WorkoutPlan a template stands for.
func Expand(t *planv1.PlanTemplate, o Options) *planv1.WorkoutPlan {
	pr := t.GetProgression()
	n := t.GetDurationWeeks()
	p := &planv1.WorkoutPlan{
		PlanName:      t.GetPlanName(),
		DurationWeeks: n,
		Goal:          t.GetGoal(),
		Notes:         t.GetNotes(),
		Weeks:         make([]*planv1.Week, 0, max(n, 0)),
	}
	st := weekState{}
	for w := int32(1); w <= n; w++ {
		if !IsDeload(pr, w) {
			st.total++
		}
	}
	budget := int(o.SessionMinutes) * 60
	for w := int32(1); w <= n; w++ {
		st.deload = IsDeload(pr, w)
		st.taper = o.Taper && w == n && n > 1
		if st.taper {
			st.deload = false
		}
		week := &planv1.Week{WeekNumber: w, WeekFocus: focus(t, w, st, o.Locale), Days: make([]*planv1.Day, 0, len(t.GetDays()))}
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
				day.Exercises = append(day.Exercises, progress(e, pr, st, o.MaxSets))
			}
			if len(day.Exercises) > 0 && budget > 0 {
				keepInBudget(day, budget)
				if st.deload || st.taper {
					fillLighterWeek(day, budget)
				}
			}
			week.Days = append(week.Days, day)
		}
		p.Weeks = append(p.Weeks, week)
		if st.deload {
			st.sinceDeload = 0
		} else {
			st.trained++
			st.sinceDeload++
		}
	}
	return p
}

// progress returns e as prescribed in a week standing at st.
func progress(e *planv1.Exercise, pr *planv1.Progression, st weekState, capSets int32) *planv1.Exercise {
	out := proto.CloneOf(e)
	switch blk := e.GetBlock(); {
	case blk == "warmup" || blk == "cooldown":
		return out
	case e.Rounds != nil:
		progressIntervals(out, e, st)
	case e.Sets == nil && e.Reps == nil && (e.DurationSeconds != nil || e.DistanceMeters != nil):
		progressContinuous(out, e, st)
	default:
		progressSets(out, e, pr, st, capSets)
	}
	return out
}

// growth is the cardio factor of a week: +10 % per training week, back to 70 % of the week
// before in a deload or taper.
func growth(st weekState) float64 {
	g := math.Pow(1+cardioGrowth, float64(st.trained))
	if st.deload || st.taper {
		g = math.Pow(1+cardioGrowth, float64(max(0, st.trained-1))) * cardioDeload
	}
	return g
}

func progressContinuous(out, e *planv1.Exercise, st weekState) {
	g := growth(st)
	if e.DurationSeconds != nil {
		v := int32(min(maxDuration, roundTo(float64(e.GetDurationSeconds())*g, 30)))
		out.DurationSeconds = &v
	}
	if e.DistanceMeters != nil {
		v := int32(min(50000, roundTo(float64(e.GetDistanceMeters())*g, 100)))
		out.DistanceMeters = &v
	}
}

// progressIntervals grows an interval block's time by the cardio factor. Endurance intervals
// (a run-walk) also move from recovery to work, linearly over the plan's training weeks, so a
// beginner's 1 min run / 1.5 min walk ends as long runs with short walking breaks; short
// conditioning intervals keep their work and rest and gain rounds.
func progressIntervals(out, e *planv1.Exercise, st weekState) {
	work, rec, rounds := float64(e.GetWorkSeconds()), float64(e.GetRecoverySeconds()), float64(e.GetRounds())
	total := rounds * (work + rec) * growth(st)
	if work >= enduranceWork && st.total > 1 {
		share0 := work / (work + rec)
		step := float64(st.trained)
		if st.deload || st.taper {
			step = float64(max(0, st.trained-1))
		}
		share := share0 + (endWorkShare-share0)*min(1, step/float64(st.total-1))
		share = max(share, share0)
		rec = max(30, roundTo(rec*(1-0.5*min(1, step/float64(st.total-1))), 15))
		work = min(maxWork, max(work, roundTo(rec*share/(1-share), 15)))
	}
	r := int32(max(1, min(maxRounds, math.Round(total/(work+rec)))))
	w, c := int32(work), int32(rec)
	out.WorkSeconds, out.RecoverySeconds, out.Rounds = &w, &c, &r
}

func progressSets(out, e *planv1.Exercise, pr *planv1.Progression, st weekState, capSets int32) {
	if st.deload || st.taper {
		pct := pr.GetDeloadVolumePercent()
		if pct <= 0 || pct > 100 {
			pct = 60
		}
		if st.taper {
			pct = taperSets
		}
		if e.Sets != nil {
			v := max(1, (e.GetSets()*pct+50)/100)
			out.Sets = &v
		}
		// A deload is easier too; a taper keeps its intensity (COACHING §5).
		if st.deload {
			if e.TargetRpe != nil {
				v := max(1, e.GetTargetRpe()-2)
				out.TargetRpe = &v
			}
			if e.TargetRir != nil {
				v := min(5, e.GetTargetRir()+2)
				out.TargetRir = &v
			}
		}
		return
	}
	k := st.sinceDeload
	// One more set late in each block (every sets_increase_every_weeks training weeks of it).
	if every := pr.GetSetsIncreaseEveryWeeks(); every > 0 && e.Sets != nil && k >= every {
		limit := int32(maxSets)
		if capSets > 0 {
			limit = capSets
		}
		v := max(e.GetSets(), min(limit, e.GetSets()+1))
		out.Sets = &v
	}
	if step := pr.GetRepsIncreasePerWeek() * k; step > 0 && e.Reps != nil {
		v := addReps(e.GetReps(), step)
		out.Reps = &v
	}
	if e.DurationSeconds != nil && e.Reps == nil {
		v := min(maxDuration, e.GetDurationSeconds()+holdStep*st.trained, 2*e.GetDurationSeconds())
		out.DurationSeconds = &v
	}
}

// addReps adds step to a reps value: "n" becomes n+step; a range "a-b" climbs within itself
// (double progression: more reps, then more load), its low end rising towards b.
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
	if lo := min(b, a+int(step)); lo < b {
		return strconv.Itoa(lo) + "-" + strconv.Itoa(b)
	}
	return strconv.Itoa(b)
}

// keepInBudget takes sets from accessories, then main lifts, while the session is over
// budgetHigh of its time: the cardio that grew keeps its minutes, strength gives way.
func keepInBudget(day *planv1.Day, budget int) {
	limit := int(budgetHigh * float64(budget))
	for estimate.Day(day) > limit {
		if !dropSet(day, "accessory", 1) && !dropSet(day, "", 1) && !dropSet(day, "main", 2) && !shortenCardio(day, estimate.Day(day)-limit) {
			return
		}
	}
}

func dropSet(day *planv1.Day, block string, floor int32) bool {
	xs := day.GetExercises()
	for i := len(xs) - 1; i >= 0; i-- {
		e := xs[i]
		if e.GetBlock() != block || e.Sets == nil || e.Rounds != nil || e.GetSets() <= floor {
			continue
		}
		v := e.GetSets() - 1
		e.Sets = &v
		return true
	}
	return false
}

func shortenCardio(day *planv1.Day, over int) bool {
	for _, e := range day.GetExercises() {
		switch {
		case e.Rounds != nil && e.GetRounds() > 1:
			v := e.GetRounds() - 1
			e.Rounds = &v
			return true
		case e.Sets == nil && e.GetDurationSeconds() > 300 && e.GetBlock() != "warmup" && e.GetBlock() != "cooldown":
			v := max(300, e.GetDurationSeconds()-int32(over))
			e.DurationSeconds = &v
			return true
		}
	}
	return false
}

// fillLighterWeek lengthens the warm-up and cool-down mobility of a deload or taper session
// until it is back near its time: fewer hard sets, the same appointment, more recovery work.
func fillLighterWeek(day *planv1.Day, budget int) {
	target := int(deloadTimeFill * float64(budget))
	for range 60 {
		gap := target - estimate.Day(day)
		if gap <= 0 {
			return
		}
		grown := false
		for _, e := range day.GetExercises() {
			if b := e.GetBlock(); (b == "cooldown" || b == "warmup") && e.DurationSeconds != nil && e.GetDurationSeconds() < 180 {
				v := min(180, e.GetDurationSeconds()+int32(min(gap, 15)))
				e.DurationSeconds = &v
				grown = true
				if gap = target - estimate.Day(day); gap <= 0 {
					return
				}
			}
		}
		if !grown {
			return
		}
	}
}

func roundTo(v, step float64) float64 { return math.Round(v/step) * step }

func focus(t *planv1.PlanTemplate, w int32, st weekState, locale string) string {
	if fs := t.GetWeekFocus(); int(w) <= len(fs) && strings.TrimSpace(fs[w-1]) != "" {
		return truncateRunes(fs[w-1], maxFocusRunes)
	}
	ru := locale == "ru"
	switch {
	case st.taper && ru:
		return "Подводка к старту: меньше объём, интенсивность сохраняется"
	case st.taper:
		return "Taper: less volume, same intensity, arrive fresh"
	case st.deload && ru:
		return "Разгрузочная неделя: меньше тяжёлых подходов, больше мобильности"
	case st.deload:
		return "Deload week: fewer hard sets, more mobility, recover"
	case w == 1 && ru:
		return "Неделя 1: осваиваем технику и задаём базу"
	case w == 1:
		return "Week 1: learn the movements, set your baseline"
	case st.sinceDeload == 0 && ru:
		return fmt.Sprintf("Неделя %d: новый блок — снова наращиваем нагрузку", w)
	case st.sinceDeload == 0:
		return fmt.Sprintf("Week %d: a new block, building up again", w)
	case ru:
		return fmt.Sprintf("Неделя %d: чуть больше, чем на прошлой неделе", w)
	default:
		return fmt.Sprintf("Week %d: a little more than last week", w)
	}
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
