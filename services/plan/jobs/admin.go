package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// ListFilter picks the jobs List shows.
type ListFilter struct {
	// States and Kinds keep jobs in any of them; empty keeps all.
	States []string
	Kinds  []string
	// Limit is how many jobs at most, newest first; default 50, at most 1000.
	Limit int
}

// List returns the jobs f picks, newest first.
func (q *Queue) List(ctx context.Context, f ListFilter) ([]*rivertype.JobRow, error) {
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	switch {
	case f.Limit == 0:
		p = p.First(50)
	case f.Limit < 0 || f.Limit > 1000:
		return nil, fmt.Errorf("limit: %d is not in 1..1000", f.Limit)
	default:
		p = p.First(f.Limit)
	}
	if len(f.States) > 0 {
		var states []rivertype.JobState
		for _, s := range f.States {
			st := rivertype.JobState(strings.ToLower(s))
			if !slices.Contains(rivertype.JobStates(), st) {
				return nil, fmt.Errorf("state: %q is not a job state (one of %s)", s, stateNames())
			}
			states = append(states, st)
		}
		p = p.States(states...)
	}
	if len(f.Kinds) > 0 {
		for _, k := range f.Kinds {
			if !slices.Contains(Kinds, k) {
				return nil, fmt.Errorf("kind: %q is not a job kind (one of %s)", k, strings.Join(Kinds, ", "))
			}
		}
		p = p.Kinds(f.Kinds...)
	}
	res, err := q.c.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	return res.Jobs, nil
}

// ErrNoJob is returned by Retry for an id no job has.
var ErrNoJob = errors.New("no such job")

// Retry makes a finished job (discarded, cancelled or completed) run again now, or a
// scheduled or retryable one run at once; a running job is left alone. It returns the job as
// updated.
func (q *Queue) Retry(ctx context.Context, id int64) (*rivertype.JobRow, error) {
	job, err := q.c.JobRetry(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return nil, fmt.Errorf("job %d: %w", id, ErrNoJob)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: retry %d: %w", id, err)
	}
	return job, nil
}

func stateNames() string {
	var names []string
	for _, s := range rivertype.JobStates() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}
