package jobs_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
)

// TestAdaptAndReport: EnqueueAdapt (what CompleteWorkout calls) queues one adaptation per
// week however often it is called; the adaptation is followed by the week's report; both
// databases.
func TestAdaptAndReport(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			f := newFixture(t, b.Open(t))
			q := f.queue(t, testConfig())
			ctx := t.Context()
			for range 3 {
				require.NoError(t, q.EnqueueAdapt(ctx, "alice", "plan-1", 2))
			}
			waitJob(t, q, jobs.KindAdaptWeek, rivertype.JobStateCompleted)
			job := waitJob(t, q, jobs.KindCoachReport, rivertype.JobStateCompleted)
			var a jobs.CoachReportArgs
			require.NoError(t, json.Unmarshal(job.EncodedArgs, &a))
			require.Equal(t, jobs.CoachReportArgs{Subject: "alice", PlanID: "plan-1", Week: 2}, a)
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_adaptations WHERE plan_id = 'plan-1' AND week = 2 AND subject = 'alice'`))
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_adapt_starts`), "the adaptation ran once")
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_reports WHERE plan_id = 'plan-1' AND week = 2`))
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM week_closes WHERE plan_id = 'plan-1' AND week = 2 AND cause = 'logged'`))
			require.Equal(t, 1.0, jobsTotal(t, f, jobs.KindAdaptWeek, "completed"))
		})
	}
}

// TestSweep: the periodic job hands a plan's ended week to adaptation once, the last week
// to its report, and leaves running weeks and weeks already handed over alone.
func TestSweep(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			f := newFixture(t, b.Open(t))
			// Not started: the test calls the sweep itself, at chosen times.
			q, err := jobs.Open(t.Context(), jobs.Options{
				DB: f.d, DSN: f.dsn, Store: f.store, Config: testConfig(),
				Handlers: jobs.Handlers{Generate: generated(f.d), Adapt: f.coach.adapt, Report: f.coach.report},
			})
			require.NoError(t, err)
			t.Cleanup(func() { _ = q.Stop(t.Context()) })
			ctx := t.Context()
			now := time.Now()
			week := 7 * 24 * time.Hour
			ended := f.plan(t, "alice", now.Add(-week-time.Hour), 4)      // week 1 is over
			running := f.plan(t, "bob", now.Add(-3*24*time.Hour), 4)      // in week 1
			finished := f.plan(t, "carol", now.Add(-4*week-time.Hour), 4) // all 4 weeks over
			logged := f.plan(t, "dave", now.Add(-2*week-time.Hour), 4)    // week 2 is over, handed over when logged
			require.NoError(t, q.EnqueueAdapt(ctx, "dave", logged, 2))

			n, err := q.Sweep(ctx, now)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			js, err := q.List(ctx, jobs.ListFilter{})
			require.NoError(t, err)
			var got []string
			for _, j := range js {
				var a jobs.AdaptWeekArgs
				require.NoError(t, json.Unmarshal(j.EncodedArgs, &a))
				got = append(got, fmt.Sprintf("%s %s %s %d", j.Kind, a.Subject, a.PlanID, a.Week))
			}
			require.ElementsMatch(t, []string{
				"adapt_week alice " + ended + " 1",
				"coach_report carol " + finished + " 4",
				"adapt_week dave " + logged + " 2",
			}, got)
			_ = running

			n, err = q.Sweep(ctx, now.Add(time.Minute))
			require.NoError(t, err)
			require.Zero(t, n, "a week is handed over once")
			// A week later alice's week 2 and bob's week 1 are over.
			n, err = q.Sweep(ctx, now.Add(week))
			require.NoError(t, err)
			require.Equal(t, 3, n, "alice's week 2, bob's week 1, dave's week 3")
		})
	}
}

// TestDeadLetter: a job that fails every attempt is retried with backoff, then discarded,
// where List shows it and Retry runs it again; the metrics count each outcome.
func TestDeadLetter(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	f.coach.failAdapt = 2
	cfg := testConfig()
	cfg.MaxAttempts = 2
	q := f.queue(t, cfg)
	ctx := t.Context()
	require.NoError(t, q.EnqueueAdapt(ctx, "alice", "plan-1", 1))
	job := waitJob(t, q, jobs.KindAdaptWeek, rivertype.JobStateDiscarded)
	require.Len(t, job.Errors, 2)
	require.Contains(t, job.Errors[1].Error, "the scripted adaptation failure of plan plan-1")
	require.Equal(t, 1.0, jobsTotal(t, f, jobs.KindAdaptWeek, "failed"))
	require.Equal(t, 1.0, jobsTotal(t, f, jobs.KindAdaptWeek, "discarded"))

	dead, err := q.List(ctx, jobs.ListFilter{States: []string{"discarded"}})
	require.NoError(t, err)
	require.Len(t, dead, 1)
	require.Equal(t, job.ID, dead[0].ID)

	_, err = q.Retry(ctx, job.ID)
	require.NoError(t, err)
	waitJob(t, q, jobs.KindAdaptWeek, rivertype.JobStateCompleted)
	require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_adaptations`))
	require.Equal(t, 1.0, jobsTotal(t, f, jobs.KindAdaptWeek, "completed"))

	_, err = q.Retry(ctx, 987654)
	require.ErrorIs(t, err, jobs.ErrNoJob)
	_, err = q.List(ctx, jobs.ListFilter{States: []string{"dead"}})
	require.ErrorContains(t, err, `state: "dead" is not a job state`)
	_, err = q.List(ctx, jobs.ListFilter{Kinds: []string{"adapt"}})
	require.ErrorContains(t, err, `kind: "adapt" is not a job kind`)
}

// TestNotConfigured: a process without an adaptation refuses to queue one rather than
// leave a job no worker takes.
func TestNotConfigured(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	q, err := jobs.Open(t.Context(), jobs.Options{DB: f.d, Store: f.store, Config: testConfig(), Handlers: jobs.Handlers{Generate: generated(f.d)}})
	require.NoError(t, err)
	require.NoError(t, q.Start(t.Context()))
	t.Cleanup(func() { _ = q.Stop(t.Context()) })
	require.ErrorIs(t, q.EnqueueAdapt(t.Context(), "alice", "plan-1", 1), jobs.ErrNotConfigured)
	require.ErrorIs(t, q.EnqueueReport(t.Context(), "alice", "plan-1", 1), jobs.ErrNotConfigured)
}

func TestConfigValidate(t *testing.T) {
	c := jobs.Config{GenerateTimeout: time.Minute, RescueAfter: 30 * time.Second}
	err := c.Validate()
	require.ErrorContains(t, err, "RescueAfter (30s) must exceed the job timeouts")
	c = jobs.Config{}
	require.NoError(t, c.Validate())
	require.Equal(t, 3*time.Minute, c.RescueAfter)
	require.True(t, errors.Is(jobs.Permanent(jobs.ErrNoJob), jobs.ErrNoJob))
}
