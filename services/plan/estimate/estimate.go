// Package estimate says how long a prescribed exercise and a session take, from the
// prescription alone, as COACHING.md §2 counts it: sets × (work + rest), work being reps × 3 s
// or the prescribed seconds, plus a short transition per exercise. The built-in planner fills
// sessions to the person's minutes with it, the progression keeps weeks inside them, and the
// coaching checks judge LLM and built-in plans by the same numbers.
package estimate

import (
	"strconv"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

const (
	// SecondsPerRep is the time of one controlled repetition.
	SecondsPerRep = 3
	// Transition is the time to move to, set up and start an exercise.
	Transition = 20
	// bareSlug is what an exercise with no prescription at all is taken to take.
	bareSlug = 60
	// metersPerMinute converts a distance without a duration at an easy jog/brisk walk pace.
	metersPerMinute = 125
)

// Seconds estimates one exercise, its transition included.
func Seconds(e *planv1.Exercise) int {
	return Transition + Work(e)
}

// Work estimates one exercise without its transition.
func Work(e *planv1.Exercise) int {
	if e.Rounds != nil {
		return int(e.GetRounds()) * int(e.GetWorkSeconds()+e.GetRecoverySeconds())
	}
	sets := int(e.GetSets())
	if e.Sets == nil {
		sets = 1
	}
	rest := int(e.GetRestSeconds())
	switch {
	case e.DurationSeconds != nil:
		return sets * (int(e.GetDurationSeconds()) + rest)
	case e.Reps != nil:
		return sets * (RepsMid(e.GetReps())*SecondsPerRep + rest)
	case e.DistanceMeters != nil:
		return int(e.GetDistanceMeters()) * 60 / metersPerMinute
	case e.Sets != nil:
		// Sets without reps or seconds: a set of about ten reps.
		return sets * (10*SecondsPerRep + rest)
	}
	return bareSlug
}

// Day estimates a session in seconds.
func Day(d *planv1.Day) int {
	total := 0
	for _, e := range d.GetExercises() {
		total += Seconds(e)
	}
	return total
}

// RepsMid is the middle of a reps value "n" or "a-b" (0 when unreadable).
func RepsMid(reps string) int {
	lo, hi, isRange := strings.Cut(reps, "-")
	a, err := strconv.Atoi(lo)
	if err != nil {
		return 0
	}
	if !isRange {
		return a
	}
	b, err := strconv.Atoi(hi)
	if err != nil {
		return a
	}
	return (a + b + 1) / 2
}

// RepsRange returns the low and high ends of a reps value (both n for "n").
func RepsRange(reps string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(reps, "-")
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	if !isRange {
		return x, x, true
	}
	y, err := strconv.Atoi(b)
	if err != nil {
		return 0, 0, false
	}
	return x, y, true
}
