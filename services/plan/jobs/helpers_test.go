package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// coach is the tests' adaptation and report: real work on the database, idempotent on its
// key as the service's must be, writing one row per (plan, week) however often it runs.
type coach struct {
	d *db.DB
	// hold, when set, blocks an adaptation until the context ends (a slow LLM).
	hold bool
	// failAdapt makes adaptations fail while it is above zero, counting down.
	mu        sync.Mutex
	failAdapt int
}

func newCoach(t testing.TB, d *db.DB) *coach {
	t.Helper()
	for _, q := range []string{
		`CREATE TABLE IF NOT EXISTS test_adaptations (plan_id TEXT NOT NULL, week INTEGER NOT NULL, subject TEXT NOT NULL, PRIMARY KEY (plan_id, week))`,
		`CREATE TABLE IF NOT EXISTS test_reports (plan_id TEXT NOT NULL, week INTEGER NOT NULL, PRIMARY KEY (plan_id, week))`,
		`CREATE TABLE IF NOT EXISTS test_adapt_starts (plan_id TEXT NOT NULL, week INTEGER NOT NULL)`,
	} {
		_, err := d.ExecContext(context.Background(), q)
		require.NoError(t, err)
	}
	return &coach{d: d}
}

// execSQL runs q with ?-placeholders on either dialect.
func execSQL(ctx context.Context, d *db.DB, q string, args ...any) error {
	if d.Dialect == db.Postgres {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	_, err := d.ExecContext(ctx, q, args...)
	return err
}

func (c *coach) adapt(ctx context.Context, sub, planID string, week int32) error {
	if err := execSQL(ctx, c.d, `INSERT INTO test_adapt_starts (plan_id, week) VALUES (?, ?)`, planID, week); err != nil {
		return err
	}
	if c.hold {
		<-ctx.Done()
		return ctx.Err()
	}
	c.mu.Lock()
	fail := c.failAdapt > 0
	c.failAdapt--
	c.mu.Unlock()
	if fail {
		return fmt.Errorf("the scripted adaptation failure of plan %s", planID)
	}
	return execSQL(ctx, c.d, `INSERT INTO test_adaptations (plan_id, week, subject) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, planID, week, sub)
}

func (c *coach) report(ctx context.Context, _, planID string, week int32) error {
	return execSQL(ctx, c.d, `INSERT INTO test_reports (plan_id, week) VALUES (?, ?) ON CONFLICT DO NOTHING`, planID, week)
}

func count(t testing.TB, d *db.DB, q string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRowContext(context.Background(), q).Scan(&n))
	return n
}

// generated records generation requests; the plan service's own is tested in package plan.
func generated(d *db.DB) jobs.GenerateFunc {
	return func(ctx context.Context, a jobs.GeneratePlanArgs, _ jobs.Attempt) error {
		return execSQL(ctx, d, `INSERT INTO test_reports (plan_id, week) VALUES (?, 0) ON CONFLICT DO NOTHING`, a.PlanID)
	}
}

// testConfig retries and rescues in (milli)seconds instead of minutes.
func testConfig() jobs.Config {
	return jobs.Config{
		GenerateTimeout: 2 * time.Second, CoachTimeout: 2 * time.Second, RescueAfter: 3 * time.Second,
		MaxAttempts: 3, RetryBase: 50 * time.Millisecond, PollInterval: 100 * time.Millisecond,
	}
}

type fixture struct {
	dsn   string
	d     *db.DB
	store *store.Store
	coach *coach
	reg   *prometheus.Registry
}

func newFixture(t *testing.T, dsn string) *fixture {
	t.Helper()
	d := dbtest.Open(t, dsn, store.Migrations())
	return &fixture{dsn: dsn, d: d, store: store.New(d), coach: newCoach(t, d), reg: prometheus.NewRegistry()}
}

// queue opens and starts a queue running the fixture's coach, stopped when the test ends.
func (f *fixture) queue(t *testing.T, cfg jobs.Config) *jobs.Queue {
	t.Helper()
	q, err := jobs.Open(t.Context(), jobs.Options{
		DB: f.d, DSN: f.dsn, Store: f.store, Config: cfg,
		Handlers: jobs.Handlers{Generate: generated(f.d), Adapt: f.coach.adapt, Report: f.coach.report},
		Registry: f.reg,
	})
	require.NoError(t, err)
	require.NoError(t, q.Start(t.Context()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		require.NoError(t, q.Stop(ctx))
	})
	return q
}

// waitJob waits until the only job of kind is in state.
func waitJob(t *testing.T, q *jobs.Queue, kind string, state rivertype.JobState) *rivertype.JobRow {
	t.Helper()
	var job *rivertype.JobRow
	require.Eventually(t, func() bool {
		js, err := q.List(t.Context(), jobs.ListFilter{Kinds: []string{kind}})
		require.NoError(t, err)
		if len(js) == 0 {
			return false
		}
		require.Len(t, js, 1, "jobs of kind %s", kind)
		job = js[0]
		return job.State == state
	}, 60*time.Second, 50*time.Millisecond, "job %s never reached %s (last %+v)", kind, state, func() any { return job })
	return job
}

// plan stores a plan for sub created at created, for the sweep to find.
func (f *fixture) plan(t *testing.T, sub string, created time.Time, weeks int32) string {
	t.Helper()
	id := store.NewPlanID(created)
	_, _, err := f.store.CreatePlan(t.Context(), sub, &planv1.Plan{
		Id: id, RequestId: "r-" + id, PlanName: "Plan", DurationWeeks: weeks, Goal: "goal of the plan",
		Usage: &planv1.TokenUsage{}, CreateTime: timestamppb.New(created),
	})
	require.NoError(t, err)
	return id
}

// syncBuffer is a bytes.Buffer a process writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
