package adapt

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/goals"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// Bounds of a weekly adaptation: what neither the rules nor the LLM may exceed.
const (
	// MaxVolumeChange is how far a week's working sets may move (deloads excepted).
	MaxVolumeChange = 0.20
	// DeloadVolume is the share of its sets a deload week keeps (COACHING.md §5: 40–60 %).
	DeloadVolume = 0.6
	// MinAdherence is the share of planned sessions below which the next week deloads.
	MinAdherence = 2.0 / 3.0
	// HighSessionEffort marks a very hard session.
	HighSessionEffort = 9
)

// DayLog is one logged day of the week being adapted.
type DayLog struct {
	Day int32
	Log *planv1.WorkoutLog
}

// Input is what an adaptation reads.
type Input struct {
	// Plan is the current revision's plan.
	Plan *planv1.WorkoutPlan
	// Week is the week whose logs are read; weeks after it change.
	Week    int32
	Logs    []DayLog
	Profile *planv1.Profile
	// Catalog knows every exercise of the plan (coaching.Index).
	Catalog map[string]*catalogv1.Exercise
	// Allowed are the exercises the person may be given (equipment, level, video).
	Allowed []*catalogv1.Exercise
}

// Decision is what an adaptation does to one exercise of the week: the unit both the rules
// and the LLM write, applied to the following weeks by Apply.
type Decision struct {
	Slug   string
	Action planv1.ChangeAction
	// ToSlug replaces the exercise on a swap.
	ToSlug string
	// LoadKg, Reps, Sets, Seconds are the new numbers where they change (0 / "" keep).
	LoadKg  float64
	Reps    string
	Sets    int32
	Seconds int32
	Reason  string
}

// Result is an adaptation: the new plan and what changed.
type Result struct {
	Plan    *planv1.WorkoutPlan
	Changes []*planv1.ExerciseChange
	Deload  bool
	Summary string
}

// Facts are what the logs of the week say, shared by the rules, the bounds and the prompt.
type Facts struct {
	Planned, Done int
	HighEffort    int
	Deload        bool
	DeloadReason  string
	// Last is each exercise's latest log of the week and that session's effort, by
	// lower-case slug, with the prescription it was done against.
	Last map[string]Logged
	// Order lists the week's exercises (lower-case slugs) in plan order.
	Order []string
}

// Logged is one exercise's latest log of the week.
type Logged struct {
	Prescribed *planv1.Exercise
	Log        *planv1.CompletedExercise
	Effort     int32
	Suggestion *planv1.Suggestion
}

// Read gathers the facts of the week's logs.
func Read(in Input) (Facts, error) {
	f := Facts{Last: map[string]Logged{}}
	week := weekOf(in.Plan, in.Week)
	if week == nil {
		return f, fmt.Errorf("the plan has no week %d", in.Week)
	}
	if weekOf(in.Plan, in.Week+1) == nil {
		return f, fmt.Errorf("week %d is the plan's last: there is no following week to adapt", in.Week)
	}
	prescribed := map[string]*planv1.Exercise{}
	for _, d := range week.GetDays() {
		if d.GetIsRestDay() {
			continue
		}
		f.Planned++
		for _, x := range d.GetExercises() {
			k := strings.ToLower(x.GetExerciseSlug())
			if _, ok := prescribed[k]; !ok && working(x) {
				prescribed[k] = x
				f.Order = append(f.Order, k)
			}
		}
	}
	ru := in.Profile.GetLocale() == "ru"
	for _, l := range in.Logs {
		f.Done++
		high := l.Log.GetPerceivedEffort() >= HighSessionEffort
		for _, e := range l.Log.GetExercises() {
			for _, s := range e.GetSets() {
				if !s.GetSkipped() && effort(s) >= ReduceRPE {
					high = true
				}
			}
			k := strings.ToLower(e.GetExerciseSlug())
			x, ok := prescribed[k]
			if !ok {
				continue
			}
			c := in.Catalog[k]
			if prev, ok := f.Last[k]; ok && prev.Log.GetPain() && !e.GetPain() {
				// Pain in any session of the week counts, not only in the latest one.
				e = proto.CloneOf(e)
				e.Pain, e.PainNote = true, prev.Log.GetPainNote()
			}
			f.Last[k] = Logged{Prescribed: x, Log: e, Effort: l.Log.GetPerceivedEffort(), Suggestion: Suggest(SuggestInput{
				Prescribed: x, Measurement: measurement(c, x), Equipment: c.GetEquipment(), Last: e,
				SessionEffort: l.Log.GetPerceivedEffort(), Locale: in.Profile.GetLocale(),
			})}
		}
		if high {
			f.HighEffort++
		}
	}
	switch {
	case f.Planned > 0 && float64(f.Done) < MinAdherence*float64(f.Planned):
		f.Deload = true
		f.DeloadReason = tr(ru, "you did %d of %d sessions in week %d: next week is lighter to get back on track",
			"вы провели %d из %d тренировок на неделе %d: следующая неделя легче, чтобы вернуться в ритм", f.Done, f.Planned, in.Week)
	case f.Done >= 2 && f.HighEffort*2 > f.Done:
		f.Deload = true
		f.DeloadReason = tr(ru, "%d of your %d sessions in week %d were at your limit: next week is a deload to recover",
			"%d из %d тренировок на неделе %d были на пределе: следующая неделя — разгрузка для восстановления", f.HighEffort, f.Done, in.Week)
	}
	return f, nil
}

// Rules adapts the weeks after in.Week from its logs, deterministically.
func Rules(in Input) (*Result, error) {
	f, err := Read(in)
	if err != nil {
		return nil, err
	}
	ru := in.Profile.GetLocale() == "ru"
	var ds []Decision
	for _, k := range f.Order {
		l, ok := f.Last[k]
		if !ok || l.Suggestion == nil {
			continue
		}
		d := Decision{Slug: l.Prescribed.GetExerciseSlug(), Reason: l.Suggestion.GetReason()}
		if l.Log.GetPain() {
			if to := SwapOptions(in, l.Prescribed.GetExerciseSlug()); len(to) > 0 {
				d.Action, d.ToSlug = planv1.ChangeAction_CHANGE_ACTION_SWAP, to[0].Exercise.GetSlug()
				note := ""
				if l.Log.GetPainNote() != "" {
					note = " (" + l.Log.GetPainNote() + ")"
				}
				d.Reason = tr(ru, "you logged pain%s: swapped for %s, %s", "вы отметили боль%s: замена на %s, %s", note, name(to[0].Exercise, ru), to[0].Reason)
				ds = append(ds, d)
				continue
			}
		}
		switch l.Suggestion.GetAction() {
		case planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS:
			d.Action = planv1.ChangeAction_CHANGE_ACTION_PROGRESS
		case planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE:
			d.Action = planv1.ChangeAction_CHANGE_ACTION_REGRESS
		default:
			d.Action = planv1.ChangeAction_CHANGE_ACTION_KEEP
		}
		numbers(&d, l)
		ds = append(ds, d)
	}
	return Apply(in, f, ds, summary(in.Week, f, ds, ru))
}

// numbers copies a suggestion's numbers that differ from the prescription into d.
func numbers(d *Decision, l Logged) {
	s, x := l.Suggestion, l.Prescribed
	if s.GetLoadKg() > 0 {
		d.LoadKg = s.GetLoadKg()
	}
	switch {
	case x.DurationSeconds != nil && s.GetSeconds() > 0 && s.GetSeconds() != x.GetDurationSeconds():
		d.Seconds = s.GetSeconds()
	case x.Reps != nil && s.GetReps() > 0:
		lo, hi := repRange(x.GetReps())
		if s.GetReps() > hi && d.Action == planv1.ChangeAction_CHANGE_ACTION_PROGRESS && s.GetLoadKg() == x.GetLoadKg() {
			d.Reps = repsText(lo+(s.GetReps()-hi), s.GetReps())
		} else if d.Action == planv1.ChangeAction_CHANGE_ACTION_REGRESS && s.GetLoadKg() == 0 {
			d.Reps = repsText(max(1, lo-2), max(1, hi-2))
		}
	}
}

func repsText(lo, hi int32) string {
	lo, hi = min(lo, 999), min(hi, 999)
	if lo >= hi {
		return fmt.Sprint(hi)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

// Apply writes decisions into the weeks after in.Week (and makes the next one a deload when
// the facts say so), returning the new plan and the changes. A decision about an exercise
// that is not in the week is an error, as is a swap to an exercise that is not among its
// SwapOptions: callers pass decisions the bounds accepted.
func Apply(in Input, f Facts, ds []Decision, summary string) (*Result, error) {
	ru := in.Profile.GetLocale() == "ru"
	out := proto.Clone(in.Plan).(*planv1.WorkoutPlan)
	res := &Result{Plan: out, Deload: f.Deload, Summary: summary}
	for _, d := range ds {
		k := strings.ToLower(d.Slug)
		l, ok := f.Last[k]
		if !ok {
			if !slices.Contains(f.Order, k) {
				return nil, fmt.Errorf("%s is not an exercise of week %d", d.Slug, in.Week)
			}
			l = Logged{Prescribed: findExercise(weekOf(in.Plan, in.Week), k)}
		}
		var to *catalogv1.Exercise
		if d.Action == planv1.ChangeAction_CHANGE_ACTION_SWAP {
			for _, o := range SwapOptions(in, d.Slug) {
				if strings.EqualFold(o.Exercise.GetSlug(), d.ToSlug) {
					to = o.Exercise
				}
			}
			if to == nil {
				return nil, fmt.Errorf("%s is not a safe alternative to %s", d.ToSlug, d.Slug)
			}
		}
		change := &planv1.ExerciseChange{
			Week: in.Week + 1, ExerciseSlug: l.Prescribed.GetExerciseSlug(), Name: name(in.Catalog[k], ru),
			Action: d.Action, Before: Describe(l.Prescribed, ru), Reason: d.Reason,
		}
		var after *planv1.Exercise
		for _, w := range out.GetWeeks() {
			if w.GetWeekNumber() <= in.Week {
				continue
			}
			for _, day := range w.GetDays() {
				for i, x := range day.GetExercises() {
					if !strings.EqualFold(x.GetExerciseSlug(), d.Slug) {
						continue
					}
					day.Exercises[i] = decide(x, d, to, w.GetWeekNumber() == in.Week+1)
					if after == nil && w.GetWeekNumber() == in.Week+1 {
						after = day.Exercises[i]
					}
				}
			}
		}
		if to != nil {
			change.ToSlug, change.ToName = to.GetSlug(), name(to, ru)
		}
		if after != nil {
			change.After = Describe(after, ru)
		} else {
			change.After = change.Before
		}
		res.Changes = append(res.Changes, change)
	}
	if f.Deload {
		next := weekOf(out, in.Week+1)
		for _, day := range next.GetDays() {
			for _, x := range day.GetExercises() {
				deload(x)
			}
		}
		focus := tr(ru, "Deload: lighter week to recover", "Разгрузка: лёгкая неделя для восстановления")
		next.WeekFocus = focus
		res.Changes = append(res.Changes, &planv1.ExerciseChange{
			Week: in.Week + 1, Action: planv1.ChangeAction_CHANGE_ACTION_DELOAD,
			Before: tr(ru, "training week", "обычная неделя"), After: focus, Reason: f.DeloadReason,
		})
	}
	return res, nil
}

// decide applies a decision to one occurrence of the exercise in a later week. Loads carry to
// every later week; reps and seconds are set on the next week only and the plan's own
// progression continues from there.
func decide(x *planv1.Exercise, d Decision, to *catalogv1.Exercise, next bool) *planv1.Exercise {
	y := proto.Clone(x).(*planv1.Exercise)
	if to != nil {
		y.ExerciseSlug = to.GetSlug()
		// The load was for the other exercise; the person finds theirs on the new one.
		y.LoadKg = nil
		return y
	}
	if d.LoadKg > 0 {
		y.LoadKg = proto.Float64(math.Round(d.LoadKg*100) / 100)
	}
	if !next {
		return y
	}
	if d.Reps != "" && y.Reps != nil {
		y.Reps = proto.String(d.Reps)
	}
	if d.Seconds > 0 && y.DurationSeconds != nil {
		y.DurationSeconds = proto.Int32(min(max(d.Seconds, 10), 1800))
	}
	if d.Sets > 0 && y.Sets != nil {
		y.Sets = proto.Int32(min(max(d.Sets, 1), 10))
	}
	return y
}

// deload keeps DeloadVolume of an exercise's sets, or of a continuous block's time.
func deload(x *planv1.Exercise) {
	if !working(x) {
		return
	}
	switch {
	case x.Sets != nil:
		x.Sets = proto.Int32(max(1, int32(math.Round(float64(x.GetSets())*DeloadVolume))))
	case x.Rounds != nil:
		x.Rounds = proto.Int32(max(1, int32(math.Round(float64(x.GetRounds())*DeloadVolume))))
	case x.DurationSeconds != nil:
		x.DurationSeconds = proto.Int32(max(10, roundTo(float64(x.GetDurationSeconds())*DeloadVolume, 10)))
	}
}

// SwapOption is an exercise that can replace another, with why.
type SwapOption struct {
	Exercise *catalogv1.Exercise
	Reason   string
}

// SwapOptions lists the allowed exercises (equipment, level, video) that can replace slug for
// this person, best first: safe for their injuries (planner.Safe), counted the same way, not
// already the exercise; the same main movement pattern first, then any shared pattern, then
// shared muscle groups (also the only link when no safe variation of the movement exists),
// then closeness of difficulty.
func SwapOptions(in Input, slug string) []SwapOption {
	from := in.Catalog[strings.ToLower(slug)]
	if from == nil {
		return nil
	}
	g := goals.Read(in.Profile)
	ru := in.Profile.GetLocale() == "ru"
	type scored struct {
		o     SwapOption
		score int
	}
	var out []scored
	for _, c := range in.Allowed {
		if strings.EqualFold(c.GetSlug(), slug) || !planner.Safe(c, g) || planner.Measurement(c) != planner.Measurement(from) {
			continue
		}
		score, why := 0, []string{}
		if len(c.GetPatterns()) > 0 && len(from.GetPatterns()) > 0 && c.GetPatterns()[0] == from.GetPatterns()[0] {
			score += 100
			why = append(why, tr(ru, "same movement (%s)", "то же движение (%s)", patternName(c.GetPatterns()[0], ru)))
		} else {
			shared := 0
			for _, p := range c.GetPatterns() {
				if slices.Contains(from.GetPatterns(), p) {
					shared++
				}
			}
			switch {
			case shared > 0:
				score += 50
				why = append(why, tr(ru, "similar movement", "похожее движение"))
			case sharedMuscles(c, from) > 0:
				// No safe variation of the movement: the same muscles another way.
				why = append(why, tr(ru, "works the same muscles", "те же мышцы"))
			default:
				continue
			}
		}
		muscles := sharedMuscles(c, from)
		score += 10*muscles - 3*int(absDiff(int32(c.GetDifficulty()), int32(from.GetDifficulty())))
		if len(c.GetStresses()) < len(from.GetStresses()) {
			score += 5
			why = append(why, tr(ru, "easier on the joints", "мягче для суставов"))
		}
		if len(g.Injuries) > 0 {
			why = append(why, tr(ru, "safe for your injuries", "безопасно при ваших травмах"))
		}
		out = append(out, scored{SwapOption{Exercise: c, Reason: strings.Join(why, ", ")}, score})
	}
	slices.SortStableFunc(out, func(a, b scored) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return cmp.Compare(a.o.Exercise.GetSlug(), b.o.Exercise.GetSlug())
	})
	opts := make([]SwapOption, len(out))
	for i, s := range out {
		opts[i] = s.o
	}
	return opts
}

// sharedMuscles counts the muscle groups a and b both train.
func sharedMuscles(a, b *catalogv1.Exercise) int {
	n := 0
	for _, m := range a.GetMuscleGroups() {
		if slices.Contains(b.GetMuscleGroups(), m) {
			n++
		}
	}
	return n
}

func absDiff(a, b int32) int32 {
	if a > b {
		return a - b
	}
	return b - a
}

func patternName(p typesv1.MovementPattern, ru bool) string {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(p.String(), "MOVEMENT_PATTERN_"), "_", " "))
	if !ru {
		return n
	}
	return map[string]string{
		"knee dominant": "приседание/выпад", "hip dominant": "тазовое разгибание", "horizontal push": "горизонтальный жим",
		"vertical push": "вертикальный жим", "horizontal pull": "горизонтальная тяга", "vertical pull": "вертикальная тяга",
		"core": "кор", "carry": "переноска", "locomotion": "кардио", "mobility": "мобильность",
	}[n]
}

func summary(week int32, f Facts, ds []Decision, ru bool) string {
	counts := map[planv1.ChangeAction]int{}
	for _, d := range ds {
		counts[d.Action]++
	}
	s := tr(ru, "Week %d: %d of %d sessions done. Next weeks: %d progressed, %d kept, %d eased, %d swapped.",
		"Неделя %d: проведено %d из %d тренировок. Дальше: %d с прогрессом, %d без изменений, %d легче, %d заменено.",
		week, f.Done, f.Planned, counts[planv1.ChangeAction_CHANGE_ACTION_PROGRESS], counts[planv1.ChangeAction_CHANGE_ACTION_KEEP],
		counts[planv1.ChangeAction_CHANGE_ACTION_REGRESS], counts[planv1.ChangeAction_CHANGE_ACTION_SWAP])
	if f.Deload {
		s += " " + upperFirst(f.DeloadReason) + "."
	}
	return s
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}

// Describe writes a prescription: "3 × 8-12 · 40 kg", "3 × 30 s", "20 min".
func Describe(x *planv1.Exercise, ru bool) string {
	var s string
	switch {
	case x.Sets != nil && x.Reps != nil:
		s = fmt.Sprintf("%d × %s", x.GetSets(), x.GetReps())
	case x.Rounds != nil:
		s = fmt.Sprintf("%d × %d/%d %s", x.GetRounds(), x.GetWorkSeconds(), x.GetRecoverySeconds(), tr(ru, "s", "с"))
	case x.Sets != nil && x.DurationSeconds != nil:
		s = fmt.Sprintf("%d × %d %s", x.GetSets(), x.GetDurationSeconds(), tr(ru, "s", "с"))
	case x.DurationSeconds != nil:
		s = fmt.Sprintf("%s %s", num(float64(x.GetDurationSeconds())/60, ru), tr(ru, "min", "мин"))
	case x.Reps != nil:
		s = x.GetReps()
	}
	if x.LoadKg != nil {
		s += " · " + kg(x.GetLoadKg(), ru)
	}
	return strings.TrimSpace(s)
}

func name(c *catalogv1.Exercise, ru bool) string {
	if ru && c.GetName().GetRu() != "" {
		return c.GetName().GetRu()
	}
	if c.GetName().GetEn() != "" {
		return c.GetName().GetEn()
	}
	return c.GetSlug()
}

func measurement(c *catalogv1.Exercise, x *planv1.Exercise) typesv1.Measurement {
	if c != nil && c.GetMeasurement() != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		return c.GetMeasurement()
	}
	switch {
	case x.Reps != nil:
		return typesv1.Measurement_MEASUREMENT_REPS
	case x.Sets != nil && x.DurationSeconds != nil:
		return typesv1.Measurement_MEASUREMENT_TIME
	case x.DurationSeconds != nil || x.DistanceMeters != nil:
		return typesv1.Measurement_MEASUREMENT_DISTANCE
	}
	return typesv1.Measurement_MEASUREMENT_REPS
}

func working(x *planv1.Exercise) bool {
	b := x.GetBlock()
	return b != "warmup" && b != "cooldown"
}

func weekOf(p *planv1.WorkoutPlan, n int32) *planv1.Week {
	for _, w := range p.GetWeeks() {
		if w.GetWeekNumber() == n {
			return w
		}
	}
	return nil
}

func findExercise(w *planv1.Week, k string) *planv1.Exercise {
	for _, d := range w.GetDays() {
		for _, x := range d.GetExercises() {
			if strings.ToLower(x.GetExerciseSlug()) == k {
				return x
			}
		}
	}
	return nil
}
