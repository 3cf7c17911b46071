package jobs_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// helperEnv names the database a re-executed test binary works jobs on, as a second process.
const helperEnv = "FITCOACH_JOBS_HELPER_DSN"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(helperEnv); dsn != "" {
		os.Exit(runHelper(dsn))
	}
	os.Exit(m.Run())
}

// runHelper works jobs with an adaptation that hangs (a slow LLM) until the process is
// killed.
func runHelper(dsn string) int {
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	c := &coach{d: d, hold: true}
	cfg := testConfig()
	cfg.CoachTimeout, cfg.RescueAfter = time.Minute, 2*time.Minute
	q, err := jobs.Open(ctx, jobs.Options{
		DB: d, DSN: dsn, Store: store.New(d), Config: cfg,
		Handlers: jobs.Handlers{Generate: generated(d), Adapt: c.adapt, Report: c.report},
	})
	if err == nil {
		err = q.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	select {}
}

// TestAdaptSurvivesKill: the process running an adaptation is killed (SIGKILL) in the
// middle of it; another process on the same database rescues the job and finishes the
// adaptation, exactly once.
func TestAdaptSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a process and waits for River's rescue")
	}
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			dsn := b.Open(t)
			f := newFixture(t, dsn)
			ctx := t.Context()

			helper := exec.Command(os.Args[0], "-test.run=^$")
			helper.Env = append(os.Environ(), helperEnv+"="+dsn)
			out := &syncBuffer{}
			helper.Stdout, helper.Stderr = out, out
			require.NoError(t, helper.Start())
			t.Cleanup(func() { _ = helper.Process.Kill(); _ = helper.Wait() })

			// This process only queues until the helper is gone.
			inserter, err := jobs.Open(ctx, jobs.Options{DB: f.d, DSN: dsn, Store: f.store, Config: testConfig(), Handlers: jobs.Handlers{Adapt: f.coach.adapt}})
			require.NoError(t, err)
			require.NoError(t, inserter.EnqueueAdapt(ctx, "alice", "plan-1", 1))
			require.Eventually(t, func() bool {
				return count(t, f.d, `SELECT count(*) FROM test_adapt_starts`) == 1
			}, 30*time.Second, 20*time.Millisecond, "the helper never started the adaptation: %s", out)
			require.NoError(t, helper.Process.Kill())
			_ = helper.Wait()
			running, err := inserter.List(ctx, jobs.ListFilter{Kinds: []string{jobs.KindAdaptWeek}})
			require.NoError(t, err)
			require.Len(t, running, 1)
			require.Equal(t, rivertype.JobStateRunning, running[0].State, "killed mid-adaptation")
			require.NoError(t, inserter.Stop(ctx))

			start := time.Now()
			q := f.queue(t, testConfig())
			job := waitJob(t, q, jobs.KindAdaptWeek, rivertype.JobStateCompleted)
			t.Logf("rescued and finished %s after the restart", time.Since(start).Round(time.Millisecond))
			require.Equal(t, 2, job.Attempt, "the killed attempt and the one that finished")
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_adaptations WHERE plan_id = 'plan-1' AND week = 1`))
			require.Equal(t, 2, count(t, f.d, `SELECT count(*) FROM test_adapt_starts`))
			waitJob(t, q, jobs.KindCoachReport, rivertype.JobStateCompleted)
			require.Equal(t, 1, count(t, f.d, `SELECT count(*) FROM test_reports WHERE plan_id = 'plan-1' AND week = 1`))
		})
	}
}
