package planner

import (
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

// dayBuilder fills one session.
type dayBuilder struct {
	d       *design
	used    map[string]bool
	variant int
}

func (b *dayBuilder) take(e *catalogv1.Exercise) *catalogv1.Exercise {
	if e != nil {
		b.used[e.GetSlug()] = true
	}
	return e
}

// Warm-up drills and cool-down stretches by session kind, preferred first; any mobility
// exercise of the pool stands in when none of these is allowed.
var (
	warmDrills = map[kind][]string{
		upperBody: {"arm-circles", "thoracic-open-book", "cat-cow", "band-pull-aparts"},
		pushDay:   {"arm-circles", "thoracic-open-book", "cat-cow", "band-pull-aparts"},
		pullDay:   {"arm-circles", "thoracic-open-book", "cat-cow"},
		lowerBody: {"leg-swings", "hip-circles", "cat-cow", "inchworm"},
		legDay:    {"leg-swings", "hip-circles", "cat-cow", "inchworm"},
		cardioDay: {"leg-swings", "hip-circles", "calf-stretch"},
	}
	defaultDrills = []string{"hip-circles", "arm-circles", "leg-swings", "cat-cow", "thoracic-open-book"}
	stretches     = map[kind][]string{
		upperBody:   {"chest-doorway-stretch", "thoracic-open-book", "childs-pose", "cobra-stretch"},
		pushDay:     {"chest-doorway-stretch", "thoracic-open-book", "childs-pose"},
		pullDay:     {"childs-pose", "thoracic-open-book", "chest-doorway-stretch"},
		lowerBody:   {"hamstring-stretch", "figure-four-stretch", "standing-quad-stretch", "calf-stretch", "kneeling-hip-flexor-stretch"},
		legDay:      {"hamstring-stretch", "figure-four-stretch", "standing-quad-stretch", "calf-stretch"},
		cardioDay:   {"calf-stretch", "hamstring-stretch", "standing-quad-stretch", "figure-four-stretch", "kneeling-hip-flexor-stretch"},
		mobilityDay: {"cobra-stretch", "figure-four-stretch", "childs-pose", "hamstring-stretch"},
	}
	defaultStretches = []string{"hamstring-stretch", "chest-doorway-stretch", "figure-four-stretch", "childs-pose", "calf-stretch"}
	// Pulse raisers, gentlest first.
	pulseRaisers = []string{"low-impact-cardio", "brisk-walk", "jumping-jacks", "stationary-bike", "rowing-machine", "shadow-boxing"}
)

// mobilityPick returns the first preferred slug the pool has, else any unused mobility drill.
func (b *dayBuilder) mobilityPick(preferred []string) *catalogv1.Exercise {
	if e := b.d.pool.first(b.used, preferred...); e != nil {
		return b.take(e)
	}
	return b.take(b.d.pool.find(want{pattern: mobility, measures: []typesv1.Measurement{mTime}, avoid: b.used}, 0))
}

// warmup is a pulse raiser then mobility drills for the day, seconds long in all.
func (b *dayBuilder) warmup(seconds int, k kind) []*planv1.Exercise {
	drills := 2
	if seconds >= 8*60 {
		drills = 3
	}
	var out []*planv1.Exercise
	pulse := b.d.pool.first(b.used, pulseRaisers...)
	if a := b.d.activity(); k == cardioDay && a != nil && a.GetSlug() != "brisk-walk" {
		// Before a run or a ride: walk briskly first (COACHING §2: a pulse raiser).
		pulse = b.d.pool.first(b.used, append([]string{"brisk-walk"}, pulseRaisers...)...)
	}
	drillSecs := 40
	if pulse != nil {
		b.take(pulse)
		secs := max(60, seconds-drills*(drillSecs+estimate.Transition)-estimate.Transition)
		out = append(out, b.timedItem(pulse, "warmup", secs, b.cue("easy pace, build up gradually", "в лёгком темпе, постепенно ускоряясь")))
	}
	pref := warmDrills[k]
	if pref == nil {
		pref = defaultDrills
	}
	for range drills {
		e := b.mobilityPick(pref)
		if e == nil {
			break
		}
		out = append(out, b.timedItem(e, "warmup", drillSecs, b.cue("smooth and controlled, growing range", "плавно, постепенно увеличивая амплитуду")))
	}
	return out
}

// cooldown is stretches for the day's muscles, seconds long in all.
func (b *dayBuilder) cooldown(seconds int, k kind) []*planv1.Exercise {
	n := 2
	if seconds >= 6*60 {
		n = 3
	}
	pref := stretches[k]
	if pref == nil {
		pref = defaultStretches
	}
	per := max(30, seconds/n-estimate.Transition)
	var out []*planv1.Exercise
	for range n {
		e := b.mobilityPick(pref)
		if e == nil {
			break
		}
		it := b.timedItem(e, "cooldown", per, b.cue("breathe slowly into a gentle stretch; both sides where there are two", "дышите медленно, мягкое растяжение; на обе стороны, где их две"))
		if per >= 60 {
			// Two holds per side rather than one long one.
			sets, half := int32(2), int32(per/2)
			it.Sets, it.DurationSeconds = &sets, &half
		}
		out = append(out, it)
	}
	return out
}

// timedItem is one continuous stretch of seconds of e: a warm-up drill, a stretch, a block
// of cardio.
func (b *dayBuilder) timedItem(e *catalogv1.Exercise, block string, seconds int, cue string) *planv1.Exercise {
	s := int32(min(max(seconds, 10), 1800))
	one := int32(1)
	out := &planv1.Exercise{ExerciseSlug: e.GetSlug(), DurationSeconds: &s, Block: block, Cue: cue}
	if Measurement(e) != mDist {
		out.Sets = &one
	}
	return out
}

func (b *dayBuilder) cue(en, ru string) string { return text(b.d.ru, en, ru) }

// maxDayExercises is the plan rule's bound on a day's exercises (Day.exercises max_items).
const maxDayExercises = 20

// strength fills seconds with the session's strength slots: main compounds, then accessories,
// at most room exercises (a long session that runs out of room gets its time back as sets).
func (b *dayBuilder) strength(seconds int, s sessionSpec, room int) (main, acc []*planv1.Exercise) {
	rs := recipes[s.kind]
	slots := rs[s.variant%len(rs)]
	used := 0
	// A short session covers its patterns with fewer sets first; sets come back below.
	short := seconds < 12*60
	add := func(sl slot, e *catalogv1.Exercise) bool {
		if len(main)+len(acc) >= room {
			return false
		}
		role := roleFor(sl, e, s.kind)
		ex := b.d.prescribe(e, role)
		if s.kind == cardioDay {
			// A cardio day's strength supports the activity: 2 moderate sets, not hard work.
			rpe := min(ex.GetTargetRpe(), 6)
			ex.Sets, ex.TargetRpe, ex.TargetRir = ptr(min(ex.GetSets(), 2)), &rpe, nil
		}
		if short && ex.Sets != nil {
			ex.Sets = ptr(min(ex.GetSets(), minSets(role)))
			// Short sessions move briskly between light sets (heavy sets keep their rest).
			if _, hi, ok := estimate.RepsRange(ex.GetReps()); ok && hi > 6 && ex.GetRestSeconds() > 30 {
				ex.RestSeconds = ptr(int32(30))
			}
		}
		cost := estimate.Seconds(ex)
		for cost > seconds-used+45 && ex.Sets != nil && ex.GetSets() > minSets(role) {
			v := ex.GetSets() - 1
			ex.Sets = &v
			cost = estimate.Seconds(ex)
		}
		if cost > seconds-used+45 {
			return false
		}
		b.take(e)
		used += cost
		if role == roleMain {
			ex.Block = "main"
			main = append(main, ex)
		} else {
			ex.Block = "accessory"
			acc = append(acc, ex)
		}
		return true
	}
	for pass := 0; pass < 3 && seconds-used > 150; pass++ {
		for i, sl := range slots {
			if seconds-used < 120 {
				break
			}
			if pass > 0 {
				sl.main = false
			}
			e := b.d.pool.find(want{pattern: sl.pattern, main: sl.main, muscle: sl.muscle, measures: strengthMeasures, avoid: b.used}, b.variant+i+pass)
			if e == nil && sl.pattern == carry {
				e = b.d.pool.find(want{pattern: core, measures: strengthMeasures, avoid: b.used}, b.variant+i)
			}
			if e == nil {
				continue
			}
			add(sl, e)
		}
		// More sets on the main lifts before more exercises (COACHING §1: volume in the
		// compounds), up to what the objective and level allow.
		for _, ex := range main {
			for seconds-used > oneSet(ex) && ex.GetSets() < b.d.maxSets(roleMain) {
				v := ex.GetSets() + 1
				ex.Sets = &v
				used += oneSet(ex)
			}
		}
	}
	return main, acc
}

var strengthMeasures = []typesv1.Measurement{mReps, mTime}

func oneSet(e *planv1.Exercise) int {
	if e.GetSets() == 0 {
		return 1 << 30
	}
	return estimate.Work(e) / int(e.GetSets())
}

// fit nudges the session to its time: extra sets on accessories when short, fewer when long.
func (b *dayBuilder) fit(day *planv1.Day, total int) {
	for range 40 {
		t := estimate.Day(day)
		switch {
		case float64(t) < 0.95*float64(total):
			if !b.grow(day, total-t) {
				return
			}
		case float64(t) > 1.05*float64(total):
			if !b.shrink(day) {
				return
			}
		default:
			return
		}
	}
}

// grow adds a set to the accessory or main exercise that fits the gap, or lengthens the
// conditioning or the cool-down.
func (b *dayBuilder) grow(day *planv1.Day, gap int) bool {
	for _, blk := range []string{"accessory", "main"} {
		for _, e := range day.GetExercises() {
			if e.GetBlock() != blk || e.Sets == nil || e.Rounds != nil || e.GetSets() >= b.d.maxSets(roleAccessory) {
				continue
			}
			if one := oneSet(e); one <= gap+30 {
				v := e.GetSets() + 1
				e.Sets = &v
				return true
			}
		}
	}
	for _, e := range day.GetExercises() {
		if blk := e.GetBlock(); (blk == "conditioning" || blk == "main") && e.Rounds != nil && e.GetRounds() < 30 {
			if one := int(e.GetWorkSeconds() + e.GetRecoverySeconds()); one <= gap+30 {
				v := e.GetRounds() + 1
				e.Rounds = &v
				return true
			}
		}
		if blk := e.GetBlock(); (blk == "conditioning" || blk == "main") && e.Sets == nil && e.DurationSeconds != nil && e.GetDurationSeconds() < 1800 {
			v := min(1800, e.GetDurationSeconds()+int32(min(gap, 300)))
			e.DurationSeconds = &v
			return true
		}
	}
	for _, e := range day.GetExercises() {
		if e.GetBlock() == "cooldown" && e.GetDurationSeconds() < 90 {
			v := min(90, e.GetDurationSeconds()+int32(max(10, min(gap/2, 30))))
			e.DurationSeconds = &v
			return true
		}
	}
	return false
}

// shrink takes a set from the last accessory that has more than one, then from a main lift.
func (b *dayBuilder) shrink(day *planv1.Day) bool {
	for _, blk := range []string{"accessory", "main"} {
		xs := day.GetExercises()
		for i := len(xs) - 1; i >= 0; i-- {
			e := xs[i]
			if e.GetBlock() != blk || e.Sets == nil || e.GetSets() <= minSets(roleAccessory) {
				continue
			}
			v := e.GetSets() - 1
			e.Sets = &v
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }
