package history

import (
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// Session is one logged day of a plan.
type Session struct {
	PlanID string
	Week   int32
	Day    int32
	Log    *planv1.WorkoutLog
}

// MaxE1RMReps is the most reps a set may have to estimate a one-rep max from: past it the
// Epley estimate drifts too far from what a person can lift once.
const MaxE1RMReps = 12

// E1RM is the Epley estimate of the one-rep max from a set of reps at load kilograms:
// load × (1 + reps / 30). It is 0 for unloaded sets and for sets outside 1..MaxE1RMReps reps.
func E1RM(load float64, reps int32) float64 {
	if load <= 0 || reps < 1 || reps > MaxE1RMReps {
		return 0
	}
	return load * (1 + float64(reps)/30)
}

// Normalize returns e in the one shape every reader uses: sets filled, and sets_done and
// reps_done derived from the sets that were not skipped. A skipped set's numbers are cleared
// (they are ignored). An exercise logged before per-set logging has no sets: they are made
// from reps_done, one set per number, and sets_done more sets with no numbers when it
// counted more sets than it gave reps for (holds and cardio were logged as sets alone).
// e is not changed.
func Normalize(e *planv1.CompletedExercise) *planv1.CompletedExercise {
	out := &planv1.CompletedExercise{ExerciseSlug: e.GetExerciseSlug(), Pain: e.GetPain(), PainNote: e.GetPainNote()}
	if len(e.GetSets()) == 0 {
		n := max(int(e.GetSetsDone()), len(e.GetRepsDone()))
		for i := range n {
			s := &planv1.SetLog{}
			if i < len(e.GetRepsDone()) {
				s.Reps = e.GetRepsDone()[i]
			}
			out.Sets = append(out.Sets, s)
		}
	} else {
		for _, s := range e.GetSets() {
			if s.GetSkipped() {
				out.Sets = append(out.Sets, &planv1.SetLog{Skipped: true})
				continue
			}
			out.Sets = append(out.Sets, proto.CloneOf(s))
		}
	}
	for _, s := range out.Sets {
		if !s.GetSkipped() {
			out.SetsDone++
			out.RepsDone = append(out.RepsDone, s.GetReps())
		}
	}
	return out
}

// Totals are the sums over an exercise's (or a session's) sets done.
type Totals struct {
	Sets     int32
	Reps     int32
	Seconds  int32
	Distance int32
	// VolumeKg is the sum of reps × load.
	VolumeKg float64
	// E1RMKg is the best estimate among the sets (see E1RM).
	E1RMKg float64
}

// Add counts the sets done of e (in any shape).
func (t *Totals) Add(e *planv1.CompletedExercise) {
	for _, s := range Normalize(e).GetSets() {
		if s.GetSkipped() {
			continue
		}
		t.Sets++
		t.Reps += s.GetReps()
		t.Seconds += s.GetSeconds()
		t.Distance += s.GetDistanceMeters()
		t.VolumeKg += float64(s.GetReps()) * s.GetLoadKg()
		t.E1RMKg = max(t.E1RMKg, E1RM(s.GetLoadKg(), s.GetReps()))
	}
}

// TotalsOf is the totals of one exercise's log.
func TotalsOf(e *planv1.CompletedExercise) Totals {
	var t Totals
	t.Add(e)
	return t
}
