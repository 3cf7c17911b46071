package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// Queues: generation is what a person waits for, so the coach's weekly work never holds
// its workers.
const (
	QueueGenerate = "generate"
	QueueCoach    = "coach"
)

// Config is how jobs run; zero fields take the defaults.
type Config struct {
	// GenerateWorkers and CoachWorkers are how many jobs of each queue one process runs at
	// once. Default 4 and 2.
	GenerateWorkers int
	CoachWorkers    int
	// GenerateTimeout bounds one generation attempt: the generation's own deadline and a
	// margin to store the plan. Default 90s.
	GenerateTimeout time.Duration
	// CoachTimeout bounds one adaptation or report attempt. Default 2m.
	CoachTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is presumed lost with its
	// process (killed, crashed) and retried. It must exceed both timeouts: a job that still
	// runs is never taken from under its worker. Default the longer timeout plus a minute.
	RescueAfter time.Duration
	// MaxAttempts is how many times a job runs before it is discarded. Default 5.
	MaxAttempts int
	// RetryBase is the wait before the first retry; each retry waits twice as long as the
	// one before (with a tenth of jitter), up to 10 minutes. Default 10s.
	RetryBase time.Duration
	// SweepInterval is how often plans are searched for weeks that ended without being
	// adapted. Default 1h.
	SweepInterval time.Duration
	// PollInterval is how often the queue looks for jobs besides being notified of them
	// (a missed notification, a retry come due). Default 1s.
	PollInterval time.Duration
}

// Validate fills the defaults and checks the config.
func (c *Config) Validate() error {
	c.GenerateWorkers = cmpOr(c.GenerateWorkers, 4)
	c.CoachWorkers = cmpOr(c.CoachWorkers, 2)
	c.GenerateTimeout = cmpOr(c.GenerateTimeout, 90*time.Second)
	c.CoachTimeout = cmpOr(c.CoachTimeout, 2*time.Minute)
	c.RescueAfter = cmpOr(c.RescueAfter, max(c.GenerateTimeout, c.CoachTimeout)+time.Minute)
	c.MaxAttempts = cmpOr(c.MaxAttempts, 5)
	c.RetryBase = cmpOr(c.RetryBase, 10*time.Second)
	c.SweepInterval = cmpOr(c.SweepInterval, time.Hour)
	c.PollInterval = cmpOr(c.PollInterval, time.Second)
	var errs []error
	if c.GenerateWorkers < 0 || c.CoachWorkers < 0 {
		errs = append(errs, errors.New("jobs: GenerateWorkers and CoachWorkers cannot be negative"))
	}
	if c.PollInterval < 100*time.Millisecond {
		// River fetches at most every 100ms (its FetchCooldown); a shorter poll is refused.
		errs = append(errs, fmt.Errorf("jobs: PollInterval (%s) must be at least 100ms", c.PollInterval))
	}
	if c.MaxAttempts < 1 {
		errs = append(errs, errors.New("jobs: MaxAttempts must be at least 1"))
	}
	if c.RescueAfter <= max(c.GenerateTimeout, c.CoachTimeout) {
		errs = append(errs, fmt.Errorf("jobs: RescueAfter (%s) must exceed the job timeouts (%s, %s)", c.RescueAfter, c.GenerateTimeout, c.CoachTimeout))
	}
	return errors.Join(errs...)
}

func cmpOr[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// Attempt is which run of a job this is.
type Attempt struct {
	Number, Max int
}

// Final reports whether a failure now discards the job.
func (a Attempt) Final() bool { return a.Number >= a.Max }

// GenerateFunc makes and stores the plan of a request. It runs again after a failure and
// after a lost process, so it must be idempotent per request.
type GenerateFunc func(ctx context.Context, args GeneratePlanArgs, at Attempt) error

// AdaptFunc adapts the weeks of a plan after week (the plan service's Adapt); it must be
// idempotent per (plan, week): a retry after a crash may find the work done.
type AdaptFunc func(ctx context.Context, subject, planID string, week int32) error

// ReportFunc writes the coach's report on week of a plan, idempotent per (plan, week).
type ReportFunc func(ctx context.Context, subject, planID string, week int32) error

// Handlers are the work jobs do, injected by the service. A nil Generate makes a queue that
// only inserts and administers jobs (the CLI); a nil Adapt or Report leaves that kind out:
// EnqueueAdapt and EnqueueReport answer ErrNotConfigured and the sweep skips it.
type Handlers struct {
	Generate GenerateFunc
	Adapt    AdaptFunc
	Report   ReportFunc
}

// ErrNotConfigured is returned when a job kind has no handler in this process.
var ErrNotConfigured = errors.New("jobs: this kind of work is not configured")

// Options are what Open needs.
type Options struct {
	// DB is the service's open, migrated database; on SQLite River shares its pool.
	DB *db.DB
	// DSN is the database's URL; on PostgreSQL River opens its own pgx pool on it (for
	// LISTEN/NOTIFY, which database/sql cannot give).
	DSN string
	// Store is the service's store (week closes); required with Handlers.
	Store    *store.Store
	Config   Config
	Handlers Handlers
	// Registry receives the per-kind metrics; nil registers none.
	Registry prometheus.Registerer
	Logger   *slog.Logger
}

// client is what Queue uses of a River client, whichever the driver's transaction type.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
}

// Queue is the service's job queue.
type Queue struct {
	c       client
	pool    *pgxpool.Pool
	cfg     Config
	h       Handlers
	store   *store.Store
	log     *slog.Logger
	working bool
}

// Open builds the queue on the service's database. Start runs its workers.
func Open(ctx context.Context, o Options) (*Queue, error) {
	if o.DB == nil {
		return nil, errors.New("jobs: DB is required")
	}
	if err := o.Config.Validate(); err != nil {
		return nil, err
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	q := &Queue{cfg: o.Config, h: o.Handlers, store: o.Store, log: o.Logger, working: o.Handlers.Generate != nil}
	if q.working && o.Store == nil {
		return nil, errors.New("jobs: Store is required to run jobs")
	}
	rc := &river.Config{
		Logger:               o.Logger,
		MaxAttempts:          o.Config.MaxAttempts,
		JobTimeout:           max(o.Config.GenerateTimeout, o.Config.CoachTimeout),
		RescueStuckJobsAfter: o.Config.RescueAfter,
		RetryPolicy:          &backoff{base: o.Config.RetryBase},
		FetchPollInterval:    o.Config.PollInterval,
	}
	if q.working {
		m, err := newMetrics(o.Registry)
		if err != nil {
			return nil, err
		}
		workers := river.NewWorkers()
		river.AddWorker(workers, &generateWorker{q: q})
		river.AddWorker(workers, &sweepWorker{q: q})
		if q.h.Adapt != nil {
			river.AddWorker(workers, &adaptWorker{q: q})
		}
		if q.h.Report != nil {
			river.AddWorker(workers, &reportWorker{q: q})
		}
		rc.Workers = workers
		rc.Middleware = []rivertype.Middleware{m}
		rc.Queues = map[string]river.QueueConfig{
			QueueGenerate: {MaxWorkers: o.Config.GenerateWorkers},
			QueueCoach:    {MaxWorkers: o.Config.CoachWorkers},
		}
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(o.Config.SweepInterval),
			func() (river.JobArgs, *river.InsertOpts) { return CloseWeeksArgs{}, nil },
			&river.PeriodicJobOpts{ID: KindCloseWeeks, RunOnStart: true},
		)}
	}
	var err error
	switch o.DB.Dialect {
	case db.Postgres:
		var pc *pgxpool.Config
		if pc, err = pgxpool.ParseConfig(o.DSN); err != nil {
			return nil, fmt.Errorf("jobs: database pool: %w", err)
		}
		// As the service's own pool does (db.PingAfterIdle): a connection idle for a moment is
		// pinged before reuse, so a PostgreSQL restart costs no request.
		pc.ShouldPing = func(_ context.Context, p pgxpool.ShouldPingParams) bool { return p.IdleDuration > db.PingAfterIdle }
		q.pool, err = pgxpool.NewWithConfig(ctx, pc)
		if err != nil {
			return nil, fmt.Errorf("jobs: database pool: %w", err)
		}
		q.c, err = river.NewClient(riverpgxv5.New(q.pool), rc)
	default:
		// River shares the service's pool: its WAL mode, busy timeout and IMMEDIATE
		// transactions are what keep River's writers and the service's from failing with
		// SQLITE_BUSY (see the concurrency test). River's SQLite listener polls its
		// notification table, so a job queued by another process starts within ~50ms too.
		q.c, err = river.NewClient(riversqlite.New(o.DB.DB), rc)
	}
	if err != nil {
		q.closePool()
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return q, nil
}

// Start runs the workers, the periodic sweep and River's maintenance (rescue of lost jobs,
// retries, cleaning) until Stop. A queue without handlers has nothing to start.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	// The client lives until Stop, not as long as the caller's context.
	if err := q.c.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop lets running jobs finish until ctx is done, then cancels them (they are retried
// later, here or by another replica), and releases the queue's pool.
func (q *Queue) Stop(ctx context.Context) error {
	defer q.closePool()
	if !q.working {
		return nil
	}
	err := q.c.Stop(ctx)
	if ctx.Err() != nil {
		hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		err = q.c.StopAndCancel(hard)
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

func (q *Queue) closePool() {
	if q.pool != nil {
		q.pool.Close()
		q.pool = nil
	}
}

// EnqueueGenerate queues the generation of a request's plan; a job for the same request
// that is queued, running or done is answered instead (Duplicate true).
func (q *Queue) EnqueueGenerate(ctx context.Context, args GeneratePlanArgs) (*rivertype.JobInsertResult, error) {
	res, err := q.c.Insert(ctx, args, nil)
	if err != nil && ctx.Err() == nil {
		// A pooled connection may have died with a database restart and is dropped by the
		// failed insert; the job is unique per request, so trying once more is safe.
		res, err = q.c.Insert(ctx, args, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: enqueue generation of request %q: %w", args.RequestID, err)
	}
	return res, nil
}

// EnqueueAdapt queues the adaptation of the weeks after week of a plan: CompleteWorkout calls
// it when the week's last planned session is logged. The week counts as handed over, so the
// periodic sweep will not queue it again when the week ends. ErrNotConfigured when this
// process has no adaptation.
func (q *Queue) EnqueueAdapt(ctx context.Context, subject, planID string, week int32) error {
	if q.h.Adapt == nil {
		return fmt.Errorf("adapt_week: %w", ErrNotConfigured)
	}
	if _, err := q.c.Insert(ctx, AdaptWeekArgs{Subject: subject, PlanID: planID, Week: week}, nil); err != nil {
		return fmt.Errorf("jobs: enqueue adaptation of plan %q week %d: %w", planID, week, err)
	}
	// After the insert: a crash between the two leaves the week open, and the sweep's insert
	// of the same job is a duplicate; the other order could lose the adaptation.
	if _, err := q.store.CloseWeek(ctx, subject, planID, week, "logged"); err != nil {
		return err
	}
	return nil
}

// EnqueueReport queues the coach's report on week of a plan; ErrNotConfigured when this
// process has no reports.
func (q *Queue) EnqueueReport(ctx context.Context, subject, planID string, week int32) error {
	if q.h.Report == nil {
		return fmt.Errorf("coach_report: %w", ErrNotConfigured)
	}
	if _, err := q.c.Insert(ctx, CoachReportArgs{Subject: subject, PlanID: planID, Week: week}, nil); err != nil {
		return fmt.Errorf("jobs: enqueue report on plan %q week %d: %w", planID, week, err)
	}
	return nil
}

// backoff waits RetryBase before the first retry and twice as long before each next one, up
// to ten minutes, with a tenth of jitter so that jobs failed together do not retry together.
type backoff struct{ base time.Duration }

func (b *backoff) NextRetry(job *rivertype.JobRow) time.Time {
	// job.Errors holds the failures before this one.
	d := b.base
	for range len(job.Errors) {
		if d >= 10*time.Minute {
			break
		}
		d *= 2
	}
	d = min(d, 10*time.Minute)
	d += time.Duration(rand.Int64N(int64(d)/10 + 1))
	return time.Now().Add(d)
}
