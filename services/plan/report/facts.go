package report

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
)

// DayLog is one logged day of the plan.
type DayLog struct {
	Week, Day int32
	Log       *planv1.WorkoutLog
}

// Input is what a report reads.
type Input struct {
	// Plan is the plan as of its current revision.
	Plan *planv1.WorkoutPlan
	// Week is the week reported on, 1..Plan.DurationWeeks, or 0 for the whole plan so far.
	Week int32
	// Logs are the plan's logs, oldest first; Read takes the ones it needs.
	Logs []DayLog
	// Revisions are the plan's revisions (any order), for what the adaptations changed.
	Revisions []*planv1.PlanRevision
	// Catalog knows the exercises (names, how they are measured, equipment) by lower-case
	// slug; exercises it misses are named by their slug.
	Catalog   map[string]*catalogv1.Exercise
	Locale    string
	Archetype typesv1.Archetype
}

// Facts are what a report says, gathered once and shared by the rules and the LLM's prompt.
type Facts struct {
	Week, Weeks int32
	// From and To are the weeks read: Week alone, or 1 up to the last logged week for the
	// whole plan (To is 0 when nothing is logged yet).
	From, To  int32
	Locale    string
	Archetype typesv1.Archetype
	Goal      string

	// Planned counts the training sessions of weeks From..To; Done the logged ones.
	Planned, Done int
	// Sets are the sets done; Skipped the sets logged as skipped.
	Sets, Skipped int
	// Effort is the mean logged session effort (RPE), 0 when none was logged.
	Effort float64
	// Hard counts sessions at the person's limit (session effort ≥ 9 or a set at RPE ≥ 9.5).
	Hard int
	// PerSet says some log of the period has per-set numbers (loads, efforts).
	PerSet bool
	// Exercises are the logged exercises of the period, in plan order.
	Exercises []Exercise
	// Changes are what the adaptations made from the period's logs (and the swaps the
	// person made in it) changed; Deload says one of them made a lighter week.
	Changes []*planv1.ExerciseChange
	Deload  bool
	// Holds are the training sessions of the week reported on (week 1 for the whole plan)
	// when nothing of it is logged.
	Holds []Session
	// Next is the week after To (nil after the last); Lighter the weeks after To that are
	// lighter than the week before them (deloads, a taper).
	Next    *Upcoming
	Lighter []int32
}

// Session is a training day of the plan.
type Session struct {
	Week, Day int32
	Name      string
}

// Upcoming is the week that comes next.
type Upcoming struct {
	Week     int32  `json:"week"`
	Focus    string `json:"focus,omitempty"`
	Sessions int    `json:"sessions"`
}

// Exercise is one exercise's numbers over the period.
type Exercise struct {
	Slug, Name string
	Sessions   int
	Sets       int
	// Before is the exercise's best set before the period (its last session before From, or
	// the first of the period when there is none); Last the best set of its last session.
	Before, Last Best
	// Pain counts the sessions it hurt in; PainNote is the latest note.
	Pain     int
	PainNote string
	// Next is adapt.Suggest's next step from the last session.
	Next *planv1.Suggestion
}

// Best is a session's best set: the heaviest load with its reps, the longest time, the
// longest distance, and the hardest effort.
type Best struct {
	LoadKg   float64 `json:"load_kg,omitempty"`
	Reps     int32   `json:"reps,omitempty"`
	Seconds  int32   `json:"seconds,omitempty"`
	Distance int32   `json:"distance_meters,omitempty"`
	RPE      float64 `json:"rpe,omitempty"`
}

// Trend compares Last with Before: +1 up, −1 down, 0 the same or unknown. Load decides, then
// reps at the same load, then time, then distance.
func (e Exercise) Trend() int {
	b, l := e.Before, e.Last
	switch {
	case b.LoadKg > 0 && l.LoadKg > 0 && b.LoadKg != l.LoadKg:
		return sign(l.LoadKg - b.LoadKg)
	case l.Reps != b.Reps && b.Reps > 0 && l.Reps > 0:
		return sign(float64(l.Reps - b.Reps))
	case l.Seconds != b.Seconds && b.Seconds > 0 && l.Seconds > 0:
		return sign(float64(l.Seconds - b.Seconds))
	case l.Distance != b.Distance && b.Distance > 0 && l.Distance > 0:
		return sign(float64(l.Distance - b.Distance))
	}
	return 0
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// Read gathers the facts of in. in.Week must be 0..in.Plan.DurationWeeks.
func Read(in Input) Facts {
	f := Facts{Week: in.Week, Weeks: in.Plan.GetDurationWeeks(), Locale: in.Locale, Archetype: in.Archetype, Goal: in.Plan.GetGoal(),
		From: in.Week, To: in.Week}
	if in.Week == 0 {
		f.From, f.To = 1, 0
		for _, l := range in.Logs {
			f.To = max(f.To, l.Week)
		}
	}
	inPeriod := func(w int32) bool { return w >= f.From && w <= f.To }
	for _, w := range in.Plan.GetWeeks() {
		if !inPeriod(w.GetWeekNumber()) {
			continue
		}
		for _, d := range w.GetDays() {
			if !d.GetIsRestDay() {
				f.Planned++
			}
		}
	}

	ex := map[string]*Exercise{}
	efforts, rated := 0.0, 0
	for _, l := range in.Logs {
		if l.Week > f.To {
			continue
		}
		period := inPeriod(l.Week)
		if period {
			f.Done++
			if e := l.Log.GetPerceivedEffort(); e > 0 {
				efforts += float64(e)
				rated++
			}
		}
		hard := l.Log.GetPerceivedEffort() >= adapt.HighSessionEffort
		for _, c := range l.Log.GetExercises() {
			k := strings.ToLower(c.GetExerciseSlug())
			sets, skipped := done(c)
			b := best(sets, l.Log.GetPerceivedEffort())
			if b.RPE >= adapt.ReduceRPE {
				hard = true
			}
			e := ex[k]
			if e == nil {
				e = &Exercise{Slug: c.GetExerciseSlug(), Name: name(in.Catalog[k], c.GetExerciseSlug(), in.Locale)}
				ex[k] = e
			}
			if !period {
				// Before the period: only the baseline it is compared with.
				e.Before = b
				continue
			}
			if e.Sessions == 0 && e.Before == (Best{}) {
				e.Before = b
			}
			f.PerSet = f.PerSet || slices.ContainsFunc(c.GetSets(), measured)
			f.Sets += len(sets)
			f.Skipped += skipped
			e.Sessions++
			e.Sets += len(sets)
			e.Last = b
			if c.GetPain() {
				e.Pain++
				if c.GetPainNote() != "" {
					e.PainNote = c.GetPainNote()
				}
			}
			x := prescribed(in.Plan, l.Week, l.Day, k)
			if x != nil {
				cat := in.Catalog[k]
				e.Next = adapt.Suggest(adapt.SuggestInput{
					Prescribed: x, Measurement: measurement(cat, x), Equipment: cat.GetEquipment(), Last: c,
					SessionEffort: l.Log.GetPerceivedEffort(), Locale: in.Locale,
				})
			}
		}
		if period && hard {
			f.Hard++
		}
	}
	if rated > 0 {
		f.Effort = math.Round(efforts/float64(rated)*10) / 10
	}
	order := planOrder(in.Plan)
	for k, e := range ex {
		if e.Sessions > 0 {
			f.Exercises = append(f.Exercises, *e)
		}
		if _, ok := order[k]; !ok {
			order[k] = len(order)
		}
	}
	slices.SortStableFunc(f.Exercises, func(a, b Exercise) int {
		return order[strings.ToLower(a.Slug)] - order[strings.ToLower(b.Slug)]
	})

	revs := slices.Clone(in.Revisions)
	slices.SortFunc(revs, func(a, b *planv1.PlanRevision) int { return int(a.GetNumber() - b.GetNumber()) })
	for _, r := range revs {
		if !inPeriod(r.GetWeek()) {
			continue
		}
		switch r.GetKind() {
		case planv1.RevisionKind_REVISION_KIND_ADAPTATION, planv1.RevisionKind_REVISION_KIND_SWAP:
			f.Changes = append(f.Changes, r.GetChanges()...)
			f.Deload = f.Deload || r.GetDeload()
		case planv1.RevisionKind_REVISION_KIND_REVERT:
			// A revert undoes what came before it in the period.
			f.Changes, f.Deload = nil, false
		}
	}

	if f.Done == 0 {
		hw := max(in.Week, 1)
		for _, d := range week(in.Plan, hw).GetDays() {
			if !d.GetIsRestDay() {
				f.Holds = append(f.Holds, Session{Week: hw, Day: d.GetDayNumber(), Name: d.GetWorkoutName()})
			}
		}
	}
	last := f.To
	if w := week(in.Plan, last+1); w != nil {
		f.Next = &Upcoming{Week: w.GetWeekNumber(), Focus: w.GetWeekFocus()}
		for _, d := range w.GetDays() {
			if !d.GetIsRestDay() {
				f.Next.Sessions++
			}
		}
	}
	prev := adapt.WorkingSets(week(in.Plan, last))
	for n := last + 1; n <= f.Weeks; n++ {
		cur := adapt.WorkingSets(week(in.Plan, n))
		if prev > 0 && float64(cur) <= lighterShare*float64(prev) {
			f.Lighter = append(f.Lighter, n)
		}
		prev = cur
	}
	return f
}

// lighterShare is the share of the previous week's working sets at or below which a week
// counts as lighter: deloads keep 40–60 % (COACHING.md §5), a taper somewhat more.
const lighterShare = 0.8

// done returns the sets done of a log (the per-set log, or reps_done for older logs) and how
// many were skipped.
func done(c *planv1.CompletedExercise) (sets []*planv1.SetLog, skipped int) {
	if len(c.GetSets()) > 0 {
		for _, s := range c.GetSets() {
			if s.GetSkipped() {
				skipped++
				continue
			}
			sets = append(sets, s)
		}
		return sets, skipped
	}
	for _, r := range c.GetRepsDone() {
		sets = append(sets, &planv1.SetLog{Reps: r})
	}
	if len(sets) == 0 && c.GetSetsDone() > 0 {
		for range c.GetSetsDone() {
			sets = append(sets, &planv1.SetLog{})
		}
	}
	return sets, 0
}

// best is the best set of a session; the session's effort stands in when no set has one.
func best(sets []*planv1.SetLog, session int32) Best {
	var b Best
	for _, s := range sets {
		switch {
		case s.GetLoadKg() > b.LoadKg:
			b.LoadKg, b.Reps = s.GetLoadKg(), s.GetReps()
		case s.GetLoadKg() == b.LoadKg:
			b.Reps = max(b.Reps, s.GetReps())
		}
		b.Seconds = max(b.Seconds, s.GetSeconds())
		b.Distance = max(b.Distance, s.GetDistanceMeters())
		switch {
		case s.Rpe != nil:
			b.RPE = math.Max(b.RPE, float64(s.GetRpe()))
		case s.Rir != nil:
			b.RPE = math.Max(b.RPE, math.Max(1, 10-float64(s.GetRir())))
		}
	}
	if b.RPE == 0 && len(sets) > 0 {
		b.RPE = float64(session)
	}
	return b
}

func prescribed(p *planv1.WorkoutPlan, w, d int32, k string) *planv1.Exercise {
	var any *planv1.Exercise
	for _, wk := range p.GetWeeks() {
		for _, day := range wk.GetDays() {
			for _, x := range day.GetExercises() {
				if strings.ToLower(x.GetExerciseSlug()) != k {
					continue
				}
				if wk.GetWeekNumber() == w && day.GetDayNumber() == d {
					return x
				}
				if any == nil {
					any = x
				}
			}
		}
	}
	return any
}

func planOrder(p *planv1.WorkoutPlan) map[string]int {
	out := map[string]int{}
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			for _, x := range d.GetExercises() {
				k := strings.ToLower(x.GetExerciseSlug())
				if _, ok := out[k]; !ok {
					out[k] = len(out)
				}
			}
		}
	}
	return out
}

func week(p *planv1.WorkoutPlan, n int32) *planv1.Week {
	for _, w := range p.GetWeeks() {
		if w.GetWeekNumber() == n {
			return w
		}
	}
	return nil
}

func measurement(c *catalogv1.Exercise, x *planv1.Exercise) typesv1.Measurement {
	if m := c.GetMeasurement(); m != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		return m
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

func name(c *catalogv1.Exercise, slug, locale string) string {
	if locale == "ru" && c.GetName().GetRu() != "" {
		return c.GetName().GetRu()
	}
	if c.GetName().GetEn() != "" {
		return c.GetName().GetEn()
	}
	return strings.ReplaceAll(slug, "-", " ")
}

// version changes when the writers change what they write from the same facts, so that
// stored reports are written again.
const version = "report/1"

// Fingerprint names what the report of week (0: the whole plan) is written from: the plan's
// revision, the person's language and coach, whether the LLM writes, and every log up to the
// week (earlier logs are the baseline loads are compared with).
func Fingerprint(week, revision int32, locale string, archetype typesv1.Archetype, llm bool, logs []DayLog) string {
	h := sha256.New()
	h.Write([]byte(version))
	var buf [8]byte
	num := func(v int64) {
		binary.BigEndian.PutUint64(buf[:], uint64(v))
		h.Write(buf[:])
	}
	num(int64(week))
	num(int64(revision))
	num(int64(archetype))
	h.Write([]byte(locale + "\x00"))
	if llm {
		num(1)
	} else {
		num(0)
	}
	for _, l := range logs {
		if week > 0 && l.Week > week {
			continue
		}
		num(int64(l.Week))
		num(int64(l.Day))
		b, err := proto.MarshalOptions{Deterministic: true}.Marshal(l.Log)
		if err != nil {
			// A log that cannot be encoded still changes the fingerprint by its text.
			b = []byte(l.Log.String())
		}
		num(int64(len(b)))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// measured says a set carries what only per-set logging records: a load or an effort (sets
// derived from an old client's reps carry neither).
func measured(s *planv1.SetLog) bool {
	return s.GetLoadKg() > 0 || s.Rpe != nil || s.Rir != nil
}
