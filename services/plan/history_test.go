package plan_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/history"
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

// firstRepsExercise is the index of d's first exercise prescribed in reps.
func firstRepsExercise(t testing.TB, d *planv1.Day) int {
	t.Helper()
	for i, e := range d.GetExercises() {
		if e.Reps != nil {
			return i
		}
	}
	t.Fatalf("day %d has no exercise in reps", d.GetDayNumber())
	return -1
}

func TestCompleteWorkoutSets(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", nil)
	ctx := e.as(t, "alice")
	resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	day := firstTrainingDay(p)
	i := firstRepsExercise(t, day)
	slug := day.GetExercises()[i].GetExerciseSlug()

	t.Run("sets are stored and counted", func(t *testing.T) {
		sent := &planv1.CompletedExercise{ExerciseSlug: strings.ToUpper(slug), SetsDone: 7, RepsDone: []int32{1}, Pain: true, PainNote: "left knee",
			Sets: []*planv1.SetLog{
				{Reps: 10, LoadKg: 40, Rpe: proto.Int32(7)},
				{Reps: 9, LoadKg: 40, Rir: proto.Int32(1)},
				{Reps: 3, LoadKg: 40, Skipped: true},
			}}
		c, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 8,
			Exercises: []*planv1.CompletedExercise{sent}})
		require.NoError(t, err)
		want := &planv1.CompletedExercise{ExerciseSlug: slug, SetsDone: 2, RepsDone: []int32{10, 9}, Pain: true, PainNote: "left knee",
			Sets: []*planv1.SetLog{
				{Reps: 10, LoadKg: 40, Rpe: proto.Int32(7)},
				{Reps: 9, LoadKg: 40, Rir: proto.Int32(1)},
				{Skipped: true},
			}}
		log := c.GetLog()
		require.Len(t, log.GetExercises(), 1)
		require.True(t, proto.Equal(want, log.GetExercises()[0]), "%v", log.GetExercises()[0])
		require.Equal(t, p.GetRevision(), log.GetRevision())
		got, err := e.client.GetWorkout(ctx, &planv1.GetWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber()})
		require.NoError(t, err)
		require.True(t, proto.Equal(log, got.GetWorkout().GetLog()), "the answer is what is stored")
	})

	t.Run("an old client's sets_done and reps_done become sets", func(t *testing.T) {
		c, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 6,
			Exercises: []*planv1.CompletedExercise{{ExerciseSlug: slug, SetsDone: 3, RepsDone: []int32{12, 10}}}})
		require.NoError(t, err)
		got := c.GetLog().GetExercises()[0]
		require.Equal(t, int32(3), got.GetSetsDone())
		require.Equal(t, []int32{12, 10, 0}, got.GetRepsDone())
		require.True(t, proto.Equal(&planv1.CompletedExercise{ExerciseSlug: slug, SetsDone: 3, RepsDone: []int32{12, 10, 0},
			Sets: []*planv1.SetLog{{Reps: 12}, {Reps: 10}, {}}}, got), "%v", got)
	})

	violations := []struct {
		name      string
		exercises []*planv1.CompletedExercise
		field     string
	}{
		{"a set with nothing in it", []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: []*planv1.SetLog{{Reps: 5}, {Rpe: proto.Int32(8)}}}}, "exercises[0].sets[1]"},
		{"a load moved for nothing", []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: []*planv1.SetLog{{Reps: 5}, {Reps: 5}, {LoadKg: 40}}}}, "exercises[0].sets[2].load_kg"},
		{"RPE and reps in reserve", []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: []*planv1.SetLog{{Reps: 5, Rpe: proto.Int32(8), Rir: proto.Int32(2)}}}}, "exercises[0].sets[0].rir"},
		{"an exercise logged more often than the day lists it", []*planv1.CompletedExercise{{ExerciseSlug: slug}, {ExerciseSlug: slug}}, "exercises[1].exercise_slug"},
		{"an exercise not in the day", []*planv1.CompletedExercise{{ExerciseSlug: slug}, {ExerciseSlug: "not-today"}}, "exercises[1].exercise_slug"},
		{"more than 20 sets", []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: make([]*planv1.SetLog, 21)}}, "exercises[0].sets"},
		{"a load past 1000 kg", []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: []*planv1.SetLog{{Reps: 1, LoadKg: 1001}}}}, "exercises[0].sets[0].load_kg"},
		{"a pain note without pain", []*planv1.CompletedExercise{{ExerciseSlug: slug, PainNote: "?"}}, "exercises[0]"},
	}
	for _, tt := range violations {
		t.Run(tt.name, func(t *testing.T) {
			for i, s := range tt.exercises[0].GetSets() {
				if s == nil {
					tt.exercises[0].Sets[i] = &planv1.SetLog{Reps: 1}
				}
			}
			_, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 5, Exercises: tt.exercises})
			require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
			require.Contains(t, violationFields(err), tt.field)
		})
	}
}

// TestCompleteWorkoutConcurrently sends 50 different logs of the same day at once over gRPC:
// one log is stored, and every answer is the log its own call sent.
func TestCompleteWorkoutConcurrently(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnv(t, b.Open(t), nil)
			e.onboard(t, "alice", nil)
			ctx := e.as(t, "alice")
			resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
			require.NoError(t, err)
			p := resp.GetPlan()
			day := firstTrainingDay(p)
			slug := day.GetExercises()[firstRepsExercise(t, day)].GetExerciseSlug()

			const n = 50
			answers := make([]*planv1.WorkoutLog, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					c, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{
						PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: int32(1 + i%10), Notes: fmt.Sprintf("call %d", i),
						Exercises: []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: []*planv1.SetLog{{Reps: int32(1 + i), LoadKg: float64(i)}}}},
					})
					if err != nil {
						t.Error(err)
						return
					}
					answers[i] = c.GetLog()
				})
			}
			wg.Wait()
			require.False(t, t.Failed())
			for i, a := range answers {
				require.Equal(t, fmt.Sprintf("call %d", i), a.GetNotes())
				require.Equal(t, int32(1+i%10), a.GetPerceivedEffort())
				require.Equal(t, []int32{int32(1 + i)}, a.GetExercises()[0].GetRepsDone())
				require.Equal(t, float64(i), a.GetExercises()[0].GetSets()[0].GetLoadKg())
			}
			list, err := e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PlanId: p.GetId()})
			require.NoError(t, err)
			require.Len(t, list.GetSessions(), 1, "one stored log")
			stored := list.GetSessions()[0].GetLog()
			require.True(t, slices.ContainsFunc(answers, func(a *planv1.WorkoutLog) bool { return proto.Equal(a, stored) }), "the stored log is one call's answer: %v", stored)
		})
	}
}

func TestWorkoutLastTime(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", func(p *planv1.Profile) { p.Locale = "ru" })
	ctx := e.as(t, "alice")
	resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	day := firstTrainingDay(p)
	i := firstRepsExercise(t, day)
	slug := day.GetExercises()[i].GetExerciseSlug()

	st, err := e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber()})
	require.NoError(t, err)
	for _, ex := range st.GetWorkout().GetExercises() {
		require.Nil(t, ex.GetLastTime(), "nothing logged yet")
	}
	require.Equal(t, p.GetRevision(), st.GetWorkout().GetRevision())

	sets := []*planv1.SetLog{{Reps: 10, LoadKg: 42.5, Rpe: proto.Int32(8)}, {Reps: 10, LoadKg: 42.5, Rpe: proto.Int32(8)}, {Reps: 10, LoadKg: 42.5, Rpe: proto.Int32(8)}}
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 8,
		Exercises: []*planv1.CompletedExercise{{ExerciseSlug: slug, Sets: sets, Pain: true}}})
	require.NoError(t, err)

	for _, call := range []func() *planv1.Workout{
		func() *planv1.Workout {
			st, err := e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber()})
			require.NoError(t, err)
			return st.GetWorkout()
		},
		func() *planv1.Workout {
			g, err := e.client.GetWorkout(ctx, &planv1.GetWorkoutRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber()})
			require.NoError(t, err)
			return g.GetWorkout()
		},
	} {
		w := call()
		last := w.GetExercises()[i].GetLastTime()
		require.NotNil(t, last)
		require.Equal(t, "3 × 10 × 42,5 кг, RPE 8", last.GetSummary())
		require.Equal(t, int32(1), last.GetWeek())
		require.Equal(t, p.GetId(), last.GetPlanId())
		require.True(t, last.GetPain())
		require.Len(t, last.GetSets(), 3)
		sug := w.GetExercises()[i].GetSuggestion()
		require.Equal(t, planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE, sug.GetAction(), "it hurt: %v", sug)
		require.Less(t, sug.GetLoadKg(), 42.5)
		require.NotEmpty(t, sug.GetReason())
		for j, ex := range w.GetExercises() {
			if j != i && ex.GetExerciseSlug() != slug {
				require.Nil(t, ex.GetLastTime(), "%s was not logged", ex.GetExerciseSlug())
			}
		}
	}

	// Another person's logs are never anyone's last time.
	e.onboard(t, "bob", nil)
	bob := e.as(t, "bob")
	bobs, err := e.client.CreatePlan(bob, &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	st, err = e.client.StartWorkout(bob, &planv1.StartWorkoutRequest{PlanId: bobs.GetPlan().GetId(), Week: 1, Day: day.GetDayNumber()})
	require.NoError(t, err)
	for _, ex := range st.GetWorkout().GetExercises() {
		require.Nil(t, ex.GetLastTime())
	}

	// A rest day says how to recover, in the profile's language.
	for _, d := range p.GetWeeks()[0].GetDays() {
		if !d.GetIsRestDay() {
			continue
		}
		st, err := e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: d.GetDayNumber()})
		require.NoError(t, err)
		require.Contains(t, st.GetWorkout().GetRecoveryGuidance(), "прогулка")
		g, err := e.client.GetWorkout(bob, &planv1.GetWorkoutRequest{PlanId: bobs.GetPlan().GetId(), Week: 1, Day: d.GetDayNumber()})
		require.NoError(t, err)
		require.Contains(t, g.GetWorkout().GetRecoveryGuidance(), "walk")
		break
	}
	st, err = e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber()})
	require.NoError(t, err)
	require.Empty(t, st.GetWorkout().GetRecoveryGuidance(), "a training day has none")
}

func TestHistoryAndProgress(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", func(p *planv1.Profile) { p.DurationWeeks, p.DaysPerWeek = 4, 3 })
	ctx := e.as(t, "alice")
	first, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "first"})
	require.NoError(t, err)
	p := first.GetPlan()
	// Weeks 1 and 2 of the first plan, then the first session of a second plan.
	var training [][2]int32
	for _, w := range p.GetWeeks()[:2] {
		for _, d := range w.GetDays() {
			if history.Planned(d) {
				training = append(training, [2]int32{w.GetWeekNumber(), d.GetDayNumber()})
			}
		}
	}
	for _, wd := range training {
		_, d, _ := dayOf(p, wd[0], wd[1])
		_, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: wd[0], Day: wd[1], PerceivedEffort: 7, Exercises: doneAsPrescribed(d, wd[0])})
		require.NoError(t, err)
	}
	second, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "second"})
	require.NoError(t, err)
	q := second.GetPlan()
	qd := firstTrainingDay(q)
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: q.GetId(), Week: 1, Day: qd.GetDayNumber(), PerceivedEffort: 5, Exercises: doneAsPrescribed(qd, 1)})
	require.NoError(t, err)

	t.Run("sessions, newest first, paged", func(t *testing.T) {
		var got [][3]any
		tok := ""
		pages := 0
		for {
			page, err := e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PageSize: proto.Int32(2), PageToken: tok})
			require.NoError(t, err)
			pages++
			require.Equal(t, int32(1), page.GetCurrentStreak(), "the streak of the plan followed now: the second")
			for _, s := range page.GetSessions() {
				got = append(got, [3]any{s.GetPlanId(), s.GetWeek(), s.GetDay()})
				require.NotEmpty(t, s.GetWorkoutName())
				require.Positive(t, s.GetSetsDone())
			}
			if tok = page.GetNextPageToken(); tok == "" {
				break
			}
		}
		want := [][3]any{{q.GetId(), int32(1), qd.GetDayNumber()}}
		for i := len(training) - 1; i >= 0; i-- {
			want = append(want, [3]any{p.GetId(), training[i][0], training[i][1]})
		}
		require.Equal(t, want, got)
		require.Equal(t, (len(want)+1)/2, pages)

		mine, err := e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PlanId: p.GetId()})
		require.NoError(t, err)
		require.Len(t, mine.GetSessions(), len(training))
		require.Equal(t, int32(len(training)), mine.GetCurrentStreak())
		loaded := slices.ContainsFunc(mine.GetSessions(), func(s *planv1.SessionSummary) bool { return s.GetVolumeKg() > 0 })
		require.True(t, loaded, "sessions carry their kilograms")

		page, err := e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PageSize: proto.Int32(1)})
		require.NoError(t, err)
		_, err = e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PlanId: p.GetId(), PageToken: page.GetNextPageToken()})
		require.Equal(t, codes.InvalidArgument, status.Code(err), "a token of another filter")
		require.Equal(t, []string{"page_token"}, violationFields(err))
		_, err = e.client.ListSessions(ctx, &planv1.ListSessionsRequest{PageToken: "bm90IGEgdG9rZW4"})
		require.Equal(t, codes.InvalidArgument, status.Code(err))
	})

	// The first prescribed exercise in reps, logged every week with 2.5 kg more.
	d1 := firstTrainingDay(p)
	slug := d1.GetExercises()[firstRepsExercise(t, d1)].GetExerciseSlug()

	t.Run("exercise history", func(t *testing.T) {
		h, err := e.client.GetExerciseHistory(ctx, &planv1.GetExerciseHistoryRequest{ExerciseSlug: slug})
		require.NoError(t, err)
		require.Equal(t, slug, h.GetExerciseSlug())
		require.NotEmpty(t, h.GetName())
		require.GreaterOrEqual(t, len(h.GetEntries()), 2)
		for i := 1; i < len(h.GetEntries()); i++ {
			require.False(t, h.GetEntries()[i].GetCompleteTime().AsTime().After(h.GetEntries()[i-1].GetCompleteTime().AsTime()), "newest first")
		}
		newest := h.GetEntries()[0]
		require.Equal(t, newest.GetWeek(), h.GetLastTime().GetWeek())
		require.Equal(t, newest.GetPlanId(), h.GetLastTime().GetPlanId())
		require.NotEmpty(t, h.GetLastTime().GetSummary())
		// Every set of the last session at RPE 8 past the prescribed range: more load.
		require.Equal(t, planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, h.GetSuggestion().GetAction(), "%v", h.GetSuggestion())
		require.Greater(t, h.GetSuggestion().GetLoadKg(), 20.0)

		// The first plan's week 2 beat week 1: records for e1RM, load and volume.
		kinds := map[planv1.RecordKind]bool{}
		for _, r := range h.GetRecords() {
			require.Equal(t, slug, r.GetExerciseSlug())
			require.Equal(t, p.GetId(), r.GetPlanId())
			require.Equal(t, int32(2), r.GetWeek())
			kinds[r.GetKind()] = true
		}
		require.True(t, kinds[planv1.RecordKind_RECORD_KIND_E1RM] && kinds[planv1.RecordKind_RECORD_KIND_LOAD], "%v", h.GetRecords())

		one, err := e.client.GetExerciseHistory(ctx, &planv1.GetExerciseHistoryRequest{ExerciseSlug: strings.ToUpper(slug), PageSize: proto.Int32(1)})
		require.NoError(t, err)
		require.Len(t, one.GetEntries(), 1)
		require.True(t, proto.Equal(newest, one.GetEntries()[0]))

		never, err := e.client.GetExerciseHistory(ctx, &planv1.GetExerciseHistoryRequest{ExerciseSlug: "never-done"})
		require.NoError(t, err)
		require.Empty(t, never.GetEntries())
		require.Nil(t, never.GetLastTime())
	})

	t.Run("progress", func(t *testing.T) {
		g, err := e.client.GetProgress(ctx, &planv1.GetProgressRequest{PlanId: p.GetId()})
		require.NoError(t, err)
		require.Len(t, g.GetWeeks(), 4)
		for _, w := range g.GetWeeks()[:2] {
			require.Equal(t, w.GetSessionsPlanned(), w.GetSessionsDone())
			require.Equal(t, 1.0, w.GetAdherence())
			require.NotEmpty(t, w.GetVolume(), "hard sets per muscle group")
			require.Equal(t, 7.0, w.GetAverageEffort())
		}
		require.Zero(t, g.GetWeeks()[2].GetSessionsDone())
		require.Equal(t, int32(len(training)), g.GetSessionsDone())
		require.Equal(t, 1.0, g.GetAdherence(), "the weeks reached were all done")
		require.Equal(t, int32(len(training)), g.GetCurrentStreak())
		require.Equal(t, int32(len(training)), g.GetLongestStreak())
		require.NotEmpty(t, g.GetLifts())
		for _, l := range g.GetLifts() {
			require.GreaterOrEqual(t, len(l.GetPoints()), 2, "%s: a point a session", l.GetExerciseSlug())
			require.InDelta(t, 2.5*(1+10.0/30), l.GetChangeKg(), 0.01, "%s: 2.5 kg more for 10 reps in week 2", l.GetExerciseSlug())
		}
		require.NotEmpty(t, g.GetRecords())
	})

	t.Run("only one's own", func(t *testing.T) {
		bob := e.as(t, "bob")
		_, err := e.client.GetProgress(bob, &planv1.GetProgressRequest{PlanId: p.GetId()})
		require.Equal(t, codes.NotFound, status.Code(err))
		_, err = e.client.ListSessions(bob, &planv1.ListSessionsRequest{PlanId: p.GetId()})
		require.Equal(t, codes.NotFound, status.Code(err))
		list, err := e.client.ListSessions(bob, &planv1.ListSessionsRequest{})
		require.NoError(t, err)
		require.Empty(t, list.GetSessions())
		require.Zero(t, list.GetCurrentStreak())
		h, err := e.client.GetExerciseHistory(bob, &planv1.GetExerciseHistoryRequest{ExerciseSlug: slug})
		require.NoError(t, err)
		require.Empty(t, h.GetEntries())
		require.Empty(t, h.GetRecords())
		_, err = e.client.GetProgress(t.Context(), &planv1.GetProgressRequest{PlanId: p.GetId()})
		require.Equal(t, codes.Unauthenticated, status.Code(err))
	})
}

// dayOf is week w, day d of p.
func dayOf(p *planv1.Plan, w, d int32) (*planv1.Week, *planv1.Day, bool) {
	for _, wk := range p.GetWeeks() {
		for _, dy := range wk.GetDays() {
			if wk.GetWeekNumber() == w && dy.GetDayNumber() == d {
				return wk, dy, true
			}
		}
	}
	return nil, nil, false
}

// TestWorkoutSuggestion: every set at the top of the range with effort to spare suggests more
// load next time, in the workout and in the exercise's history.
func TestWorkoutSuggestion(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", nil)
	ctx := e.as(t, "alice")
	resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	day := firstTrainingDay(p)
	i := firstRepsExercise(t, day)
	ex := day.GetExercises()[i]
	top := ex.GetReps()
	if _, hi, ok := strings.Cut(top, "-"); ok {
		top = hi
	}
	reps, err := strconv.Atoi(top)
	require.NoError(t, err)
	set := func() *planv1.SetLog { return &planv1.SetLog{Reps: int32(reps), LoadKg: 40, Rpe: proto.Int32(7)} }
	sets := make([]*planv1.SetLog, ex.GetSets())
	for j := range sets {
		sets[j] = set()
	}
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 7,
		Exercises: []*planv1.CompletedExercise{{ExerciseSlug: ex.GetExerciseSlug(), Sets: sets}}})
	require.NoError(t, err)

	w, err := e.client.GetWorkout(ctx, &planv1.GetWorkoutRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber()})
	require.NoError(t, err)
	sug := w.GetWorkout().GetExercises()[i].GetSuggestion()
	require.Equal(t, planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, sug.GetAction(), "%v", sug)
	require.Greater(t, sug.GetLoadKg(), 40.0)
	require.LessOrEqual(t, sug.GetLoadKg(), 44.0, "at most +10 %")
	require.Contains(t, sug.GetReason(), "RPE 7")

	h, err := e.client.GetExerciseHistory(ctx, &planv1.GetExerciseHistoryRequest{ExerciseSlug: ex.GetExerciseSlug()})
	require.NoError(t, err)
	require.True(t, proto.Equal(sug, h.GetSuggestion()), "history suggests what the workout does: %v vs %v", sug, h.GetSuggestion())
}
