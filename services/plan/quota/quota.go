// Package quota bounds what one person can make the plan service spend: how many plans they
// may ask for per period (each can be paid LLM work), and how many LLM tokens their plans may
// use per UTC day. Replicas share the counts through Redis; `fitcoach dev` keeps them in
// process.
package quota

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Config sets the limits; a zero limit is off.
type Config struct {
	// Plans is how many plans a person may ask for per Period, and also the burst: a person
	// who has asked for none lately may ask for that many at once.
	Plans  int
	Period time.Duration
	// DailyTokens is the LLM tokens (prompt and completion) a person's plans may use per UTC
	// day. A generation that starts under the budget finishes even if it ends above it.
	DailyTokens int64
}

// Backend keeps the counts. Errors are the store's (Redis down); the Quota then admits, so a
// cache outage does not stop plan generation.
type Backend interface {
	// Allow takes one event from key's allowance of limit per period, or reports how long
	// until one is available.
	Allow(ctx context.Context, key string, limit int, period time.Duration) (ok bool, retryAfter time.Duration, err error)
	// Used returns the amount counted under key.
	Used(ctx context.Context, key string) (int64, error)
	// Add counts n more under key, which is forgotten after ttl.
	Add(ctx context.Context, key string, n int64, ttl time.Duration) error
}

// Limit names a limit in errors and metrics.
type Limit string

// The limits.
const (
	LimitPlans  Limit = "plans"
	LimitTokens Limit = "tokens"
)

// ExhaustedError is a refused request: which limit, and when to try again.
type ExhaustedError struct {
	Limit      Limit
	RetryAfter time.Duration
}

func (e *ExhaustedError) Error() string {
	switch e.Limit {
	case LimitTokens:
		return fmt.Sprintf("today's AI budget for your plans is spent; try again in %s", e.RetryAfter.Round(time.Minute))
	default:
		return fmt.Sprintf("too many plans asked for; try again in %s", e.RetryAfter.Round(time.Second))
	}
}

// Quota applies Config on a Backend.
type Quota struct {
	cfg     Config
	backend Backend
	now     func() time.Time
	// OnError is told about backend errors (it logs them); nil ignores them.
	OnError func(error)
}

// New returns a Quota. A zero Period with Plans set is an error.
func New(cfg Config, b Backend) (*Quota, error) {
	if cfg.Plans < 0 || cfg.DailyTokens < 0 {
		return nil, errors.New("quota: limits cannot be negative")
	}
	if cfg.Plans > 0 && cfg.Period <= 0 {
		return nil, errors.New("quota: a plan limit needs a positive period")
	}
	if b == nil {
		return nil, errors.New("quota: a backend is required")
	}
	return &Quota{cfg: cfg, backend: b, now: time.Now}, nil
}

// Admit decides whether sub may start a plan generation now. It returns an *ExhaustedError
// when a limit is reached, and nil otherwise (also when the backend fails).
func (q *Quota) Admit(ctx context.Context, sub string) error {
	if q.cfg.DailyTokens > 0 {
		used, err := q.backend.Used(ctx, q.tokenKey(sub))
		if err != nil {
			q.failed(err)
		} else if used >= q.cfg.DailyTokens {
			return &ExhaustedError{Limit: LimitTokens, RetryAfter: q.untilTomorrow()}
		}
	}
	if q.cfg.Plans > 0 {
		ok, retry, err := q.backend.Allow(ctx, "plans:"+sub, q.cfg.Plans, q.cfg.Period)
		if err != nil {
			q.failed(err)
		} else if !ok {
			return &ExhaustedError{Limit: LimitPlans, RetryAfter: max(retry, time.Second)}
		}
	}
	return nil
}

// Charge counts tokens spent on sub's plan today.
func (q *Quota) Charge(ctx context.Context, sub string, tokens int64) {
	if q.cfg.DailyTokens <= 0 || tokens <= 0 {
		return
	}
	// Kept two days so that the count of a day that just ended is still there for a replica
	// whose clock is a little behind.
	if err := q.backend.Add(ctx, q.tokenKey(sub), tokens, 48*time.Hour); err != nil {
		q.failed(err)
	}
}

func (q *Quota) tokenKey(sub string) string {
	return "tokens:" + q.now().UTC().Format(time.DateOnly) + ":" + sub
}

func (q *Quota) untilTomorrow() time.Duration {
	now := q.now().UTC()
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC).Sub(now)
}

func (q *Quota) failed(err error) {
	if q.OnError != nil {
		q.OnError(err)
	}
}
