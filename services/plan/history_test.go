package plan_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// logEverySession completes every training day of p in order with four sets of each
// exercise, the load rising 2.5 kg a week from 20 kg (holds 30 s, cardio 1 km in 6 min, both
// growing weekly), and returns how many sessions it logged.
func logEverySession(t testing.TB, e *env, ctx context.Context, p *planv1.Plan) int {
	t.Helper()
	n := 0
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			if d.GetIsRestDay() || len(d.GetExercises()) == 0 {
				continue
			}
			_, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{
				PlanId: p.GetId(), Week: w.GetWeekNumber(), Day: d.GetDayNumber(), PerceivedEffort: 7,
				Exercises: doneAsPrescribed(d, w.GetWeekNumber()),
			})
			require.NoError(t, err)
			n++
		}
	}
	return n
}

// doneAsPrescribed is a log of every exercise of d in week w (see logEverySession).
func doneAsPrescribed(d *planv1.Day, w int32) []*planv1.CompletedExercise {
	var out []*planv1.CompletedExercise
	for _, ex := range d.GetExercises() {
		var set *planv1.SetLog
		switch {
		case ex.Reps != nil:
			set = &planv1.SetLog{Reps: 10, LoadKg: 20 + 2.5*float64(w-1), Rpe: proto.Int32(8)}
		case ex.DistanceMeters != nil || (ex.DurationSeconds != nil && ex.Sets == nil):
			set = &planv1.SetLog{DistanceMeters: 1000 + 100*(w-1), Seconds: 360}
		default:
			set = &planv1.SetLog{Seconds: 30 + 5*(w-1)}
		}
		c := &planv1.CompletedExercise{ExerciseSlug: ex.GetExerciseSlug()}
		for range 4 {
			c.Sets = append(c.Sets, proto.CloneOf(set))
		}
		out = append(out, c)
	}
	return out
}
