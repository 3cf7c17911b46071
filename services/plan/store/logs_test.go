package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// TestConcurrentWorkoutLogs saves the same day from 50 goroutines at once, each with its own
// log: one row is stored, every answer is exactly what its call sent, and the stored row is
// one of the answers (the last writer's), complete time and revision included.
func TestConcurrentWorkoutLogs(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d := dbtest.Open(t, b.Open(t), store.Migrations())
			s := store.New(d)
			id := store.NewPlanID(time.Now())
			_, _, err := s.CreatePlan(ctx, "racer", samplePlan(id, "r"))
			require.NoError(t, err)

			const n = 50
			sent := make([]*planv1.WorkoutLog, n)
			got := make([]*planv1.WorkoutLog, n)
			var wg sync.WaitGroup
			for i := range n {
				sent[i] = &planv1.WorkoutLog{
					Exercises: []*planv1.CompletedExercise{{
						ExerciseSlug: "plank", SetsDone: 1, RepsDone: []int32{0},
						Sets: []*planv1.SetLog{{Seconds: int32(10 + i), LoadKg: float64(i) / 4, Rpe: proto.Int32(int32(1 + i%10))}},
						Pain: i%2 == 0, PainNote: map[bool]string{true: fmt.Sprintf("twinge %d", i)}[i%2 == 0],
					}},
					PerceivedEffort: int32(1 + i%10), Notes: fmt.Sprintf("call %d", i), Revision: int32(i),
				}
				wg.Go(func() {
					l, err := s.PutWorkoutLog(ctx, "racer", id, 1, 1, sent[i])
					if err != nil {
						t.Error(err)
						return
					}
					got[i] = l
				})
			}
			wg.Wait()
			require.False(t, t.Failed())

			var rows int
			q := "SELECT count(*) FROM workout_logs WHERE plan_id = ? AND week = 1 AND day = 1"
			if d.Dialect == db.Postgres {
				q = strings.Replace(q, "?", "$1", 1)
			}
			require.NoError(t, d.QueryRowContext(ctx, q, id).Scan(&rows))
			require.Equal(t, 1, rows)

			stored, err := s.GetWorkoutLog(ctx, "racer", id, 1, 1)
			require.NoError(t, err)
			winners := 0
			for i := range n {
				require.NotNil(t, got[i].GetCompleteTime(), "call %d", i)
				want := proto.CloneOf(sent[i])
				want.CompleteTime = got[i].GetCompleteTime()
				require.True(t, proto.Equal(want, got[i]), "call %d answered %v, sent %v", i, got[i], sent[i])
				if proto.Equal(stored, got[i]) {
					winners++
				}
			}
			require.Equal(t, 1, winners, "the stored log, complete time included, is one call's answer: %v", stored)
		})
	}
}

// TestOldWorkoutLogReads stores a log the way it was before per-set logging and revisions (a
// version-2 schema, exercises with sets_done and reps_done only), migrates, and reads it.
func TestOldWorkoutLogReads(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d, err := db.Open(ctx, b.Open(t))
			require.NoError(t, err)
			t.Cleanup(func() { d.Close() })
			r, err := db.NewMigrator(d, store.Migrations())
			require.NoError(t, err)
			_, err = r.UpTo(ctx, 2)
			require.NoError(t, err)

			s := store.New(d)
			id := store.NewPlanID(time.Now())
			_, _, err = s.CreatePlan(ctx, "old", samplePlan(id, "r"))
			require.NoError(t, err)
			q := `INSERT INTO workout_logs (plan_id, subject, week, day, exercises, perceived_effort, notes, complete_time)
VALUES (?, 'old', 1, 1, '[{"exerciseSlug":"plank","setsDone":3,"repsDone":[30,30,25]}]', 7, 'before sets', ?)`
			if d.Dialect == db.Postgres {
				q = strings.NewReplacer("(?, 'old'", "($1, 'old'", "', ?)", "', $2)").Replace(q)
			}
			at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
			_, err = d.ExecContext(ctx, q, id, at)
			require.NoError(t, err)

			v, err := r.Up(ctx)
			require.NoError(t, err)
			require.Equal(t, r.Versions()[len(r.Versions())-1].Number, v, "migrated to the latest version")

			want := &planv1.WorkoutLog{
				Exercises:       []*planv1.CompletedExercise{{ExerciseSlug: "plank", SetsDone: 3, RepsDone: []int32{30, 30, 25}}},
				PerceivedEffort: 7, Notes: "before sets",
			}
			got, err := s.GetWorkoutLog(ctx, "old", id, 1, 1)
			require.NoError(t, err)
			require.True(t, got.GetCompleteTime().AsTime().Equal(at), "complete time %v", got.GetCompleteTime().AsTime())
			got.CompleteTime = nil
			require.True(t, proto.Equal(want, got), "%v", got)
			require.Zero(t, got.GetRevision(), "stored before revisions")

			all, err := s.ListWorkoutLogs(ctx, "old", "")
			require.NoError(t, err)
			require.Len(t, all, 1)
			require.Equal(t, int32(1), all[0].Week)
			require.Equal(t, []int32{30, 30, 25}, all[0].Log.GetExercises()[0].GetRepsDone())
		})
	}
}
