package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/fitcoach/fitcoach/services/plan/store"
)

// permanentError marks an error no retry can fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as one no retry can fix (the person has no profile, no exercise fits):
// the job is cancelled at once instead of retried.
func Permanent(err error) error { return permanentError{err} }

// outcome turns a handler's error into River's: a permanent error cancels the job.
func outcome(err error) error {
	var p permanentError
	if errors.As(err, &p) {
		return river.JobCancel(p.err)
	}
	return err
}

type generateWorker struct {
	river.WorkerDefaults[GeneratePlanArgs]
	q *Queue
}

func (w *generateWorker) Timeout(*river.Job[GeneratePlanArgs]) time.Duration {
	return w.q.cfg.GenerateTimeout
}

func (w *generateWorker) Work(ctx context.Context, job *river.Job[GeneratePlanArgs]) error {
	return outcome(w.q.h.Generate(ctx, job.Args, Attempt{Number: job.Attempt, Max: job.MaxAttempts}))
}

type adaptWorker struct {
	river.WorkerDefaults[AdaptWeekArgs]
	q *Queue
}

func (w *adaptWorker) Timeout(*river.Job[AdaptWeekArgs]) time.Duration { return w.q.cfg.CoachTimeout }

// Work adapts the plan, then asks for the week's report, which can speak of the changes.
func (w *adaptWorker) Work(ctx context.Context, job *river.Job[AdaptWeekArgs]) error {
	a := job.Args
	if err := w.q.h.Adapt(ctx, a.Subject, a.PlanID, a.Week); err != nil {
		return outcome(fmt.Errorf("adapt plan %q week %d: %w", a.PlanID, a.Week, err))
	}
	if w.q.h.Report == nil {
		return nil
	}
	return w.q.EnqueueReport(ctx, a.Subject, a.PlanID, a.Week)
}

type reportWorker struct {
	river.WorkerDefaults[CoachReportArgs]
	q *Queue
}

func (w *reportWorker) Timeout(*river.Job[CoachReportArgs]) time.Duration {
	return w.q.cfg.CoachTimeout
}

func (w *reportWorker) Work(ctx context.Context, job *river.Job[CoachReportArgs]) error {
	a := job.Args
	if err := w.q.h.Report(ctx, a.Subject, a.PlanID, a.Week); err != nil {
		return outcome(fmt.Errorf("report on plan %q week %d: %w", a.PlanID, a.Week, err))
	}
	return nil
}

// sweepWorker hands every plan week that ended without being handed over to adaptation (or,
// for a plan's last week, to its report). The week's end is the trigger beside the logging
// of its last session (EnqueueAdapt): a person who skips sessions still gets next week
// adapted (to the missed sessions) once the week is over.
type sweepWorker struct {
	river.WorkerDefaults[CloseWeeksArgs]
	q *Queue
}

func (w *sweepWorker) Timeout(*river.Job[CloseWeeksArgs]) time.Duration { return w.q.cfg.CoachTimeout }

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[CloseWeeksArgs]) error {
	_, err := w.q.Sweep(ctx, time.Now())
	return err
}

// Sweep hands over the weeks ended at now, as the periodic job does, and reports how many.
func (q *Queue) Sweep(ctx context.Context, now time.Time) (int, error) {
	n := 0
	after := ""
	for {
		due, next, err := q.store.EndedWeeks(ctx, now, 200, after)
		if err != nil {
			return n, err
		}
		for _, d := range due {
			handed, err := q.handOver(ctx, d)
			if err != nil {
				return n, err
			}
			if handed {
				n++
			}
		}
		if next == "" {
			return n, nil
		}
		after = next
	}
}

// handOver queues the ended week's adaptation (or the last week's report) and records the
// week as handed over; nothing when this process has neither kind.
func (q *Queue) handOver(ctx context.Context, d store.EndedWeek) (bool, error) {
	switch {
	case !d.Last && q.h.Adapt != nil:
		if _, err := q.c.Insert(ctx, AdaptWeekArgs{Subject: d.Subject, PlanID: d.PlanID, Week: d.Week}, nil); err != nil {
			return false, fmt.Errorf("jobs: enqueue adaptation of plan %q week %d: %w", d.PlanID, d.Week, err)
		}
	case d.Last && q.h.Report != nil:
		if err := q.EnqueueReport(ctx, d.Subject, d.PlanID, d.Week); err != nil {
			return false, err
		}
	default:
		return false, nil
	}
	if _, err := q.store.CloseWeek(ctx, d.Subject, d.PlanID, d.Week, "ended"); err != nil {
		return false, err
	}
	return true, nil
}
