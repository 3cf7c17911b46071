package plan

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// DefaultPlanWait is how long CreatePlan waits for its plan when the request does not say.
const DefaultPlanWait = 30 * time.Second

// pollEvery is how often a waiting CreatePlan reads the database, for a plan made by another
// replica; one made here wakes it at once.
const pollEvery = 250 * time.Millisecond

// generateJob is the generate_plan job: it makes the request's plan and stores it under the
// id chosen when the request was taken. It runs again after a failure and after a lost
// process; the plans table's unique (subject, request_id) index makes sure one request gets
// one plan whatever runs twice.
func (s *Service) generateJob(ctx context.Context, a jobs.GeneratePlanArgs, at jobs.Attempt) error {
	if _, err := s.store.PlanByRequest(ctx, a.Subject, a.RequestID); err == nil {
		// Stored by an attempt that was lost before it could record so.
		return s.finishRequest(ctx, a, at, nil)
	} else if !errors.Is(err, grpcerr.ErrNotFound) {
		return err
	}
	profile, err := s.store.GetProfile(ctx, a.Subject)
	if errors.Is(err, grpcerr.ErrNotFound) {
		err = fmt.Errorf("the profile is gone: %w", grpcerr.ErrFailedPrecondition)
	}
	if err == nil {
		_, err = s.generateAndStore(ctx, a.Subject, a.RequestID, a.PlanID, profile)
	}
	return s.finishRequest(ctx, a, at, err)
}

// finishRequest records how the attempt went on the request (so clients polling GetPlan see
// it), wakes the CreatePlan calls waiting here, and tells River whether to retry.
func (s *Service) finishRequest(ctx context.Context, a jobs.GeneratePlanArgs, at jobs.Attempt, err error) error {
	state, msg := store.RequestReady, ""
	permanent := errors.Is(err, grpcerr.ErrFailedPrecondition)
	if err != nil {
		state = store.RequestPending
		if permanent || at.Final() {
			state = store.RequestFailed
		}
		st, _ := grpcerr.ToStatus(err)
		msg = st.Message()
		s.log.WarnContext(ctx, "plan generation failed", "plan_id", a.PlanID, "attempt", at.Number, "max_attempts", at.Max, "state", state, "err", err)
	}
	if serr := s.store.SetRequestState(ctx, a.PlanID, state, msg, int32(at.Number)); serr != nil {
		return errors.Join(err, serr)
	}
	s.waits.notify(a.PlanID, err)
	if permanent {
		return jobs.Permanent(err)
	}
	return err
}

// awaitPlan waits up to wait for the request's plan and answers it READY; the request as a
// FAILED plan when generation gave up; the error of an attempt that failed here meanwhile
// (the job retries it: asking again with the same request id answers the plan in its state);
// or, when the wait is over, the request as a PENDING plan to poll.
func (s *Service) awaitPlan(ctx context.Context, sub string, r *store.PlanRequest, wait time.Duration) (*planv1.Plan, error) {
	woke, stop := s.waits.subscribe(r.ID)
	defer stop()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		if p, err := s.store.PlanByRequest(ctx, sub, r.RequestID); err == nil {
			s.plans.set(sub, p, p)
			return p, nil
		} else if !errors.Is(err, grpcerr.ErrNotFound) {
			return nil, err
		}
		cur, err := s.store.RequestByRequestID(ctx, sub, r.RequestID)
		if err != nil {
			return nil, err
		}
		if cur.State == store.RequestFailed {
			return cur.Plan(), nil
		}
		select {
		case err := <-woke:
			if err != nil {
				return nil, err
			}
		case <-tick.C:
		case <-deadline.C:
			return cur.Plan(), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// waitHub wakes the CreatePlan calls of this process waiting on a request when an attempt of
// its job ends here.
type waitHub struct {
	mu      sync.Mutex
	waiting map[string]map[chan error]struct{}
}

func newWaitHub() *waitHub { return &waitHub{waiting: map[string]map[chan error]struct{}{}} }

func (h *waitHub) subscribe(id string) (<-chan error, func()) {
	ch := make(chan error, 1)
	h.mu.Lock()
	if h.waiting[id] == nil {
		h.waiting[id] = map[chan error]struct{}{}
	}
	h.waiting[id][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.waiting[id], ch)
		if len(h.waiting[id]) == 0 {
			delete(h.waiting, id)
		}
		h.mu.Unlock()
	}
}

func (h *waitHub) notify(id string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.waiting[id] {
		select {
		case ch <- err:
		default: // a wake-up is already pending; the waiter reads the state anyway
		}
	}
}

// EnqueueAdapt queues the adaptation of the weeks after week of the person's plan, once per
// (plan, week): CompleteWorkout calls it when the week's last planned session is logged.
func (s *Service) EnqueueAdapt(ctx context.Context, sub, planID string, week int32) error {
	return s.jobs.EnqueueAdapt(ctx, sub, planID, week)
}
