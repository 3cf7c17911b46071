package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
)

const jobsUsage = "want: jobs list [--state S,…] [--kind K,…] [--limit N] [--json] | jobs retry ID"

// runJobs is `fitcoach jobs`: the plan service's background jobs (River) on DATABASE_URL,
// for operators. list shows them, newest first — the dead letter is --state discarded (jobs
// whose attempts are spent); retry runs one again.
func runJobs(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("jobs", stderr)
	dsn := fs.String("database-url", os.Getenv("DATABASE_URL"), "the plan service's database (env DATABASE_URL)")
	states := fs.String("state", "", "list: only jobs in these states, comma-separated ("+strings.Join(stateNames(), ", ")+")")
	kinds := fs.String("kind", "", "list: only jobs of these kinds, comma-separated ("+strings.Join(jobs.Kinds, ", ")+")")
	limit := fs.Int("limit", 50, "list: at most this many jobs (1..1000)")
	asJSON := fs.Bool("json", false, "list: one JSON object per job")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return usagef(jobsUsage)
	}
	action, rest := fs.Arg(0), fs.Args()[1:]
	var id int64
	switch action {
	case "list":
		if len(rest) > 0 {
			return usagef("list takes no argument, not %q (filter with --state and --kind)", rest[0])
		}
	case "retry":
		if len(rest) != 1 {
			return usagef("want: jobs retry ID")
		}
		n, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || n < 1 {
			return usagef("retry ID: a job id as `jobs list` shows it, not %q", rest[0])
		}
		id = n
	default:
		return usagef("unknown action %q: %s", action, jobsUsage)
	}
	if *dsn == "" {
		return usagef("DATABASE_URL (or --database-url) is required")
	}
	d, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	q, err := jobs.Open(ctx, jobs.Options{DB: d, DSN: *dsn})
	if err != nil {
		return err
	}
	defer q.Stop(context.WithoutCancel(ctx)) //nolint:errcheck // releases the pool; there are no workers to stop

	if action == "retry" {
		job, err := q.Retry(ctx, id)
		if errors.Is(err, jobs.ErrNoJob) {
			return fmt.Errorf("retry: %w (see `fitcoach jobs list`)", err)
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "job %d (%s) is %s: it runs again at %s\n", job.ID, job.Kind, job.State, job.ScheduledAt.Local().Format(time.DateTime))
		return err
	}
	if *limit < 1 || *limit > 1000 {
		return usagef("--limit: %d is not in 1..1000", *limit)
	}
	list, err := q.List(ctx, jobs.ListFilter{States: splitList(*states), Kinds: splitList(*kinds), Limit: *limit})
	if err != nil {
		if strings.HasPrefix(err.Error(), "state:") || strings.HasPrefix(err.Error(), "kind:") {
			return usagef("--%s", err)
		}
		if strings.Contains(err.Error(), "river_job") {
			return fmt.Errorf("%w (is the plan database migrated? `fitcoach migrate plan up`)", err)
		}
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		for _, j := range list {
			if err := enc.Encode(jobJSON(j)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(list) == 0 {
		_, err := fmt.Fprintln(stdout, "no jobs")
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATE\tATTEMPT\tWHEN\tARGS\tLAST ERROR")
	for _, j := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d/%d\t%s\t%s\t%s\n", j.ID, j.Kind, j.State, j.Attempt, j.MaxAttempts,
			jobTime(j).Local().Format(time.DateTime), j.EncodedArgs, clip(lastError(j), 80))
	}
	return tw.Flush()
}

type jobView struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	State       string          `json:"state"`
	Attempt     int             `json:"attempt"`
	MaxAttempts int             `json:"max_attempts"`
	Queue       string          `json:"queue"`
	Args        json.RawMessage `json:"args"`
	CreatedAt   time.Time       `json:"created_at"`
	ScheduledAt time.Time       `json:"scheduled_at"`
	FinalizedAt *time.Time      `json:"finalized_at,omitempty"`
	Errors      []string        `json:"errors,omitempty"`
}

func jobJSON(j *rivertype.JobRow) jobView {
	v := jobView{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
		Queue: j.Queue, Args: j.EncodedArgs, CreatedAt: j.CreatedAt, ScheduledAt: j.ScheduledAt, FinalizedAt: j.FinalizedAt}
	for _, e := range j.Errors {
		v.Errors = append(v.Errors, fmt.Sprintf("attempt %d at %s: %s", e.Attempt, e.At.Format(time.RFC3339), e.Error))
	}
	return v
}

// jobTime is when the job finished, or when it runs (next).
func jobTime(j *rivertype.JobRow) time.Time {
	if j.FinalizedAt != nil {
		return *j.FinalizedAt
	}
	return j.ScheduledAt
}

func lastError(j *rivertype.JobRow) string {
	if len(j.Errors) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(j.Errors[len(j.Errors)-1].Error), " ")
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func stateNames() []string {
	var out []string
	for _, s := range rivertype.JobStates() {
		out = append(out, string(s))
	}
	return out
}
