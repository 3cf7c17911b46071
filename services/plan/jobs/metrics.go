package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// metrics count every run of a job by kind and outcome, and time it, as a River worker
// middleware: it sees each attempt's result where it happens, none is sampled or dropped.
type metrics struct {
	river.WorkerMiddlewareDefaults
	runs     *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// Outcomes of one run.
const (
	outcomeCompleted = "completed" // done
	outcomeFailed    = "failed"    // failed, will be retried
	outcomeDiscarded = "discarded" // failed its last attempt: the dead letter
	outcomeCancelled = "cancelled" // failed for good at once (a permanent error)
)

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_jobs_total",
			Help: "Background job runs by kind and outcome (completed; failed: to be retried; discarded: attempts spent, see `fitcoach jobs list --state discarded`; cancelled: a permanent error).",
		}, []string{"kind", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "fitcoach_plan_job_duration_seconds", Help: "Time one run of a background job took, by kind.",
			Buckets: []float64{0.01, 0.05, 0.25, 1, 2.5, 5, 10, 20, 30, 60, 90, 120},
		}, []string{"kind"}),
	}
	for _, k := range Kinds {
		for _, o := range []string{outcomeCompleted, outcomeFailed, outcomeDiscarded, outcomeCancelled} {
			m.runs.WithLabelValues(k, o)
		}
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.runs, m.duration} {
			if err := reg.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// Work runs the job and records how it went; a panic counts as a failure and goes on up to
// River, which records it on the job.
func (m *metrics) Work(ctx context.Context, job *rivertype.JobRow, doInner func(ctx context.Context) error) (err error) {
	start := time.Now()
	done := false
	defer func() {
		m.duration.WithLabelValues(job.Kind).Observe(time.Since(start).Seconds())
		if !done {
			m.runs.WithLabelValues(job.Kind, runOutcome(job, errors.New("panic"))).Inc()
		}
	}()
	err = doInner(ctx)
	done = true
	m.runs.WithLabelValues(job.Kind, runOutcome(job, err)).Inc()
	return err
}

func runOutcome(job *rivertype.JobRow, err error) string {
	var cancel *rivertype.JobCancelError
	switch {
	case err == nil:
		return outcomeCompleted
	case errors.As(err, &cancel):
		return outcomeCancelled
	case job.Attempt >= job.MaxAttempts:
		return outcomeDiscarded
	}
	return outcomeFailed
}
