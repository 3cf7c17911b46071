package adapt

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

// Effort thresholds of COACHING.md §7.
const (
	// ProgressMaxRPE is the hardest set that still leaves room to add load.
	ProgressMaxRPE = 8
	// ReduceRPE is a set at RPE 9.5 or more; logs hold whole numbers, so RPE 10 or 0 RIR.
	ReduceRPE = 9.5
	// MaxLoadIncrease bounds one step of load: +10 %, or the equipment's smallest step when
	// that is at most MaxStepShare of the load (a 16 kg dumbbell goes to 18 kg: "or the
	// smallest step", COACHING.md §7).
	MaxLoadIncrease = 0.10
	// MaxStepShare is the largest smallest-step that is still taken as one load step; above it
	// (a 1 kg step on a 4 kg dumbbell) reps are built first.
	MaxStepShare = 0.15
	// LoadReduction is how much a reduce takes off.
	LoadReduction = 0.10
)

// SuggestInput is an exercise as prescribed and as last done.
type SuggestInput struct {
	Prescribed  *planv1.Exercise
	Measurement typesv1.Measurement
	// Equipment of the exercise (catalog): it sets the load step.
	Equipment []string
	// Last is the latest log of the exercise; SessionEffort that session's effort (0: unknown).
	Last          *planv1.CompletedExercise
	SessionEffort int32
	Locale        string
}

// LoadStep is the smallest load change for an exercise's equipment. The rule: barbells,
// machines, cables and anything else with plates move by 2.5 kg (the smallest common pair of
// plates); dumbbells and kettlebells by 2 kg (the usual gap of a dumbbell rack and kettlebell
// sizes), 1 kg below 10 kg where racks are finer.
// MaxLoad is the most load an exercise may get after load: +10 %, or one smallest step of
// its equipment when that is at most 15 % of the load.
func MaxLoad(equipment []string, load float64) float64 {
	step := LoadStep(equipment, load)
	if step <= load*MaxStepShare+1e-9 {
		return load + math.Max(load*MaxLoadIncrease, step)
	}
	return load * (1 + MaxLoadIncrease)
}

func LoadStep(equipment []string, load float64) float64 {
	for _, e := range equipment {
		if e == "dumbbell" || e == "kettlebell" {
			if load < 10 {
				return 1
			}
			return 2
		}
	}
	return 2.5
}

// Suggest returns what to aim for next time from the last log, or nil when there is none.
// Double progression: when every prescribed set reached the top of the rep range at RPE ≤ 8
// (or RIR ≥ 2), add load: 2.5 % rounded up to the equipment's step (LoadStep), never more
// than MaxLoad (when even one step is more, add 2 reps instead); bodyweight work adds 2 reps,
// holds 5 s, cardio 10 % of its time and 5 % of its distance. Pain, an RPE ≥ 9.5 set or most
// sets more than 2 reps short reduce: −10 % load (at least one step), or 2 reps, or 10 % of
// the time. Anything else holds the numbers until the target is met everywhere.
func Suggest(in SuggestInput) *planv1.Suggestion {
	if in.Last == nil {
		return nil
	}
	sets := doneSets(in.Last)
	if len(sets) == 0 && !in.Last.GetPain() {
		return nil
	}
	lo, hi := repRange(in.Prescribed.GetReps())
	st := readSets(sets, in.SessionEffort)
	load := st.load
	if load == 0 {
		load = in.Prescribed.GetLoadKg()
	}
	ru := in.Locale == "ru"
	did := describe(sets, st, ru)
	out := &planv1.Suggestion{Action: planv1.SuggestionAction_SUGGESTION_ACTION_HOLD, LoadKg: load, Reps: hi, Seconds: st.seconds, DistanceMeters: st.distance}
	if hi == 0 {
		out.Reps = st.maxReps
	}
	wantSets := in.Prescribed.GetSets()
	short := 0
	for _, s := range sets {
		if lo > 0 && s.GetReps() < lo-2 {
			short++
		}
	}
	switch {
	case in.Last.GetPain():
		out.Action = planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE
		reduce(out, in, st, load)
		out.Reason = tr(ru, "%s: it hurt last time (%s); go lighter and stop if it hurts again", "%s: в прошлый раз было больно (%s); легче, и остановитесь, если боль вернётся", change(out, load, st, ru), did)
	case st.maxEffort >= ReduceRPE || (in.Measurement == typesv1.Measurement_MEASUREMENT_REPS && short*2 > len(sets)):
		out.Action = planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE
		reduce(out, in, st, load)
		out.Reason = tr(ru, "%s: you made %s, too close to the limit", "%s: вы сделали %s — слишком близко к пределу", change(out, load, st, ru), did)
	case int32(len(sets)) >= max(wantSets, 1) && st.maxEffort > 0 && st.maxEffort <= ProgressMaxRPE && topOfRange(in, sets, hi):
		out.Action = planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS
		progress(out, in, st, load, hi)
		out.Reason = tr(ru, "%s: you made %s last time", "%s: в прошлый раз вы сделали %s", change(out, load, st, ru), did)
	default:
		out.Reason = tr(ru, "same again: you made %s; reach the target on every set first", "так же: вы сделали %s; сначала выполните цель во всех подходах", did)
		if out.Reps == 0 {
			out.Reps = st.maxReps
		}
	}
	return out
}

// topOfRange reports whether every set reached the top of the prescription: the rep range's
// top, or the prescribed seconds or distance.
func topOfRange(in SuggestInput, sets []*planv1.SetLog, hi int32) bool {
	for _, s := range sets {
		switch in.Measurement {
		case typesv1.Measurement_MEASUREMENT_TIME:
			if s.GetSeconds() < in.Prescribed.GetDurationSeconds() {
				return false
			}
		case typesv1.Measurement_MEASUREMENT_DISTANCE:
			if s.GetSeconds() < in.Prescribed.GetDurationSeconds() && s.GetDistanceMeters() < in.Prescribed.GetDistanceMeters() {
				return false
			}
		default:
			if hi == 0 || s.GetReps() < hi {
				return false
			}
		}
	}
	return true
}

func progress(out *planv1.Suggestion, in SuggestInput, st setStats, load float64, hi int32) {
	switch in.Measurement {
	case typesv1.Measurement_MEASUREMENT_TIME:
		out.Seconds = max(st.seconds, in.Prescribed.GetDurationSeconds()) + 5
	case typesv1.Measurement_MEASUREMENT_DISTANCE:
		out.Seconds = roundTo(float64(max(st.seconds, in.Prescribed.GetDurationSeconds()))*1.10, 10)
		if st.distance > 0 {
			out.DistanceMeters = roundTo(float64(st.distance)*1.05, 50)
		}
	default:
		if load <= 0 {
			// Bodyweight: more reps (or, past the range, a harder variation).
			out.Reps = max(hi, st.maxReps) + 2
			return
		}
		step := LoadStep(in.Equipment, load)
		inc := math.Max(step, math.Ceil(load*0.025/step)*step)
		if load+inc > MaxLoad(in.Equipment, load)+1e-9 {
			// Even the smallest step is too big a jump: build reps first.
			out.Reps = max(hi, st.maxReps) + 2
			return
		}
		out.LoadKg = load + inc
	}
}

func reduce(out *planv1.Suggestion, in SuggestInput, st setStats, load float64) {
	switch in.Measurement {
	case typesv1.Measurement_MEASUREMENT_TIME:
		out.Seconds = roundTo(float64(max(st.seconds, in.Prescribed.GetDurationSeconds()))*(1-LoadReduction), 5)
	case typesv1.Measurement_MEASUREMENT_DISTANCE:
		out.Seconds = roundTo(float64(max(st.seconds, in.Prescribed.GetDurationSeconds()))*(1-LoadReduction), 10)
		out.DistanceMeters = roundTo(float64(st.distance)*(1-LoadReduction), 50)
	default:
		step := LoadStep(in.Equipment, load)
		if load > step {
			cut := math.Max(step, math.Ceil(load*LoadReduction/step)*step)
			out.LoadKg = math.Max(step, load-cut)
			return
		}
		out.Reps = max(1, out.Reps-2)
	}
}

// setStats are the numbers a suggestion reads from the sets done.
type setStats struct {
	load      float64 // heaviest load
	maxReps   int32
	seconds   int32 // longest
	distance  int32 // longest
	maxEffort float64
}

func readSets(sets []*planv1.SetLog, session int32) setStats {
	var st setStats
	for _, s := range sets {
		st.load = math.Max(st.load, s.GetLoadKg())
		st.maxReps = max(st.maxReps, s.GetReps())
		st.seconds = max(st.seconds, s.GetSeconds())
		st.distance = max(st.distance, s.GetDistanceMeters())
		st.maxEffort = math.Max(st.maxEffort, effort(s))
	}
	if st.maxEffort == 0 && session > 0 {
		// No per-set effort: the session's stands in for every set.
		st.maxEffort = float64(session)
	}
	return st
}

// effort is a set's RPE, from RIR when only that was logged (RPE = 10 − RIR); 0 unknown.
func effort(s *planv1.SetLog) float64 {
	switch {
	case s.Rpe != nil:
		return float64(s.GetRpe())
	case s.Rir != nil:
		return math.Max(1, 10-float64(s.GetRir()))
	}
	return 0
}

// doneSets are the sets done of a log: the per-set log, or reps_done for logs made before it.
func doneSets(e *planv1.CompletedExercise) []*planv1.SetLog {
	if len(e.GetSets()) > 0 {
		out := make([]*planv1.SetLog, 0, len(e.GetSets()))
		for _, s := range e.GetSets() {
			if !s.GetSkipped() {
				out = append(out, s)
			}
		}
		return out
	}
	out := make([]*planv1.SetLog, 0, len(e.GetRepsDone()))
	for _, r := range e.GetRepsDone() {
		out = append(out, &planv1.SetLog{Reps: r})
	}
	return out
}

// repRange reads "8-12" or "10" (estimate.RepsRange); 0, 0 when there is none.
func repRange(reps string) (lo, hi int32) {
	l, h, _ := estimate.RepsRange(reps)
	return int32(l), int32(h)
}

func roundTo(v, step float64) int32 { return int32(math.Round(v/step) * step) }

// describe writes the sets as done: "3 × 12 × 40 kg at RPE 7".
func describe(sets []*planv1.SetLog, st setStats, ru bool) string {
	if len(sets) == 0 {
		return tr(ru, "no sets", "ни одного подхода")
	}
	var parts []string
	switch {
	case st.maxReps > 0:
		reps := make([]int32, 0, len(sets))
		for _, s := range sets {
			reps = append(reps, s.GetReps())
		}
		if slices.Min(reps) == slices.Max(reps) {
			parts = append(parts, fmt.Sprintf("%d × %d", len(sets), reps[0]))
		} else {
			strs := make([]string, len(reps))
			for i, r := range reps {
				strs[i] = strconv.Itoa(int(r))
			}
			parts = append(parts, strings.Join(strs, ", "))
		}
	case st.distance > 0:
		parts = append(parts, fmt.Sprintf("%d %s", st.distance, tr(ru, "m", "м")))
	case st.seconds > 0:
		parts = append(parts, fmt.Sprintf("%d × %d %s", len(sets), st.seconds, tr(ru, "s", "с")))
	}
	if st.load > 0 {
		parts = append(parts, kg(st.load, ru))
	}
	s := strings.Join(parts, " × ")
	if st.maxEffort > 0 {
		s += fmt.Sprintf(tr(ru, " at RPE %s", " при RPE %s"), num(st.maxEffort, ru))
	}
	return s
}

// change words what a suggestion changes: "+2.5 kg", "−4 kg", "+2 reps", "+5 s".
func change(out *planv1.Suggestion, load float64, st setStats, ru bool) string {
	switch {
	case out.GetLoadKg() != load && load > 0:
		d := out.GetLoadKg() - load
		sign := "+"
		if d < 0 {
			sign = "−"
		}
		return sign + kg(math.Abs(d), ru)
	case out.GetDistanceMeters() != st.distance && st.distance > 0:
		return fmt.Sprintf("%s %s", tr(ru, "distance", "дистанция"), signed(out.GetDistanceMeters()-st.distance)) + tr(ru, " m", " м")
	case out.GetSeconds() != st.seconds && st.seconds > 0:
		return signed(out.GetSeconds()-st.seconds) + tr(ru, " s", " с")
	case out.GetReps() != st.maxReps && st.load == 0 && out.GetReps() > st.maxReps:
		return signed(out.GetReps()-st.maxReps) + tr(ru, " reps (or a harder variation)", " повт. (или более сложный вариант)")
	case out.GetReps() != st.maxReps:
		return signed(out.GetReps()-st.maxReps) + tr(ru, " reps", " повт.")
	}
	return tr(ru, "same numbers", "те же цифры")
}

func signed(n int32) string {
	if n < 0 {
		return fmt.Sprintf("−%d", -n)
	}
	return fmt.Sprintf("+%d", n)
}

func kg(v float64, ru bool) string { return num(v, ru) + tr(ru, " kg", " кг") }

// num writes 2.5 as "2.5" in English and "2,5" in Russian, without trailing zeros.
func num(v float64, ru bool) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if ru {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

func tr(ru bool, en, rus string, args ...any) string {
	f := en
	if ru {
		f = rus
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}
