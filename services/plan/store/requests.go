package store

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/ent"
	entplan "github.com/fitcoach/fitcoach/services/plan/ent/plan"
	"github.com/fitcoach/fitcoach/services/plan/ent/planrequest"
	"github.com/fitcoach/fitcoach/services/plan/ent/weekclose"
)

// Request states, as stored.
const (
	RequestPending = "pending"
	RequestReady   = "ready"
	RequestFailed  = "failed"
)

// PlanRequest is a plan asked for: its id is the plan's to be.
type PlanRequest struct {
	ID, Subject, RequestID string
	// State is RequestPending, RequestReady or RequestFailed.
	State string
	// Error says why the last attempt failed.
	Error      string
	Attempts   int32
	CreateTime time.Time
}

// Plan is the request as a plan without weeks, in its state, for clients to poll.
func (r *PlanRequest) Plan() *planv1.Plan {
	st := planv1.PlanState_PLAN_STATE_PENDING
	switch r.State {
	case RequestFailed:
		st = planv1.PlanState_PLAN_STATE_FAILED
	case RequestReady:
		st = planv1.PlanState_PLAN_STATE_READY
	}
	return &planv1.Plan{Id: r.ID, RequestId: r.RequestID, State: st, Error: r.Error, CreateTime: timestamppb.New(r.CreateTime)}
}

// CreateRequest takes the person's request for a plan under requestID, pending, with id as
// the plan's id to be. When the person already asked under requestID (an earlier or a
// concurrent duplicate), that request is returned with created false.
func (s *Store) CreateRequest(ctx context.Context, subject, requestID, id string) (req *PlanRequest, created bool, err error) {
	now := time.Now().UTC()
	err = s.c.PlanRequest.Create().
		SetID(id).SetSubject(subject).SetRequestID(requestID).
		SetState(RequestPending).SetError("").SetAttempts(0).
		SetCreateTime(now).SetUpdateTime(now).
		Exec(ctx)
	if ent.IsConstraintError(err) {
		existing, gerr := s.RequestByRequestID(ctx, subject, requestID)
		if gerr != nil {
			return nil, false, fmt.Errorf("plan request %q after a conflict: %w", requestID, gerr)
		}
		return existing, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store plan request: %w", err)
	}
	return &PlanRequest{ID: id, Subject: subject, RequestID: requestID, State: RequestPending, CreateTime: now}, true, nil
}

// RequestByRequestID returns the person's request made under requestID; ErrNotFound when
// there is none.
func (s *Store) RequestByRequestID(ctx context.Context, subject, requestID string) (*PlanRequest, error) {
	row, err := s.c.PlanRequest.Query().Where(planrequest.Subject(subject), planrequest.RequestID(requestID)).Only(ctx)
	return requestFromRow(row, err, requestID)
}

// Request returns the person's request whose plan id is id; ErrNotFound when there is none.
func (s *Store) Request(ctx context.Context, subject, id string) (*PlanRequest, error) {
	row, err := s.c.PlanRequest.Query().Where(planrequest.ID(id), planrequest.Subject(subject)).Only(ctx)
	return requestFromRow(row, err, id)
}

func requestFromRow(row *ent.PlanRequest, err error, key string) (*PlanRequest, error) {
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("plan request %q: %w", key, grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read plan request: %w", err)
	}
	return &PlanRequest{
		ID: row.ID, Subject: row.Subject, RequestID: row.RequestID, State: row.State,
		Error: row.Error, Attempts: row.Attempts, CreateTime: row.CreateTime,
	}, nil
}

// SetRequestState records where the generation of request id stands after attempts
// attempts; errText is the last attempt's error (empty when it succeeded).
func (s *Store) SetRequestState(ctx context.Context, id, state, errText string, attempts int32) error {
	err := s.c.PlanRequest.UpdateOneID(id).
		SetState(state).SetError(errText).SetAttempts(attempts).SetUpdateTime(time.Now().UTC()).
		Exec(ctx)
	if ent.IsNotFound(err) {
		return fmt.Errorf("plan request %q: %w", id, grpcerr.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("update plan request %q: %w", id, err)
	}
	return nil
}

// openRequests are up to limit of the person's requests that are not plans yet, newest
// first, with ids below after (empty: any).
func (s *Store) openRequests(ctx context.Context, subject string, limit int, after string) ([]*ent.PlanRequest, error) {
	q := s.c.PlanRequest.Query().Where(planrequest.Subject(subject), planrequest.StateNEQ(RequestReady))
	if after != "" {
		q = q.Where(planrequest.IDLT(after))
	}
	rows, err := q.Order(ent.Desc(planrequest.FieldID)).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list plan requests: %w", err)
	}
	return rows, nil
}

// CloseWeek records that week of the plan was handed to adaptation, for cause ("logged" or
// "ended"); created is false when it already was.
func (s *Store) CloseWeek(ctx context.Context, subject, planID string, week int32, cause string) (created bool, err error) {
	err = s.c.WeekClose.Create().
		SetPlanID(planID).SetSubject(subject).SetWeek(week).SetCause(cause).SetEnqueueTime(time.Now().UTC()).
		Exec(ctx)
	if ent.IsConstraintError(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("close week %d of plan %q: %w", week, planID, err)
	}
	return true, nil
}

// EndedWeek is a plan's week that is over and was not handed to adaptation yet.
type EndedWeek struct {
	Subject, PlanID string
	Week            int32
	// Last is true for the plan's last week: there is nothing after it to adapt.
	Last bool
}

// Week is how long a plan week lasts from the plan's creation.
const Week = 7 * 24 * time.Hour

// EndedWeeks returns, for up to limit plans with ids above after (empty: from the first),
// the latest week that is over at now (a plan's week w ends at its create time plus w
// weeks) and not closed yet; next is the id to continue after, empty at the end. Only
// plans that can still have a week ending are read (created within 12 weeks and a day).
func (s *Store) EndedWeeks(ctx context.Context, now time.Time, limit int, after string) (due []EndedWeek, next string, err error) {
	q := s.c.Plan.Query().Where(entplan.CreateTimeGT(now.Add(-12*Week-24*time.Hour)), entplan.CreateTimeLTE(now.Add(-Week)))
	if after != "" {
		q = q.Where(entplan.IDGT(after))
	}
	rows, err := q.Order(ent.Asc(entplan.FieldID)).Limit(limit).
		Select(entplan.FieldID, entplan.FieldSubject, entplan.FieldDurationWeeks, entplan.FieldCreateTime).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("plans with ended weeks: %w", err)
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	if len(rows) == limit {
		next = rows[len(rows)-1].ID
	}
	want := map[string]int32{}
	var ids []string
	for _, r := range rows {
		w := int32(now.Sub(r.CreateTime) / Week)
		if w > r.DurationWeeks {
			w = r.DurationWeeks
		}
		if w < 1 {
			continue
		}
		want[r.ID] = w
		ids = append(ids, r.ID)
	}
	closed, err := s.c.WeekClose.Query().Where(weekclose.PlanIDIn(ids...)).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("closed weeks: %w", err)
	}
	done := map[string]bool{}
	for _, c := range closed {
		if c.Week == want[c.PlanID] {
			done[c.PlanID] = true
		}
	}
	for _, r := range rows {
		w, ok := want[r.ID]
		if !ok || done[r.ID] {
			continue
		}
		due = append(due, EndedWeek{Subject: r.Subject, PlanID: r.ID, Week: w, Last: w == r.DurationWeeks})
	}
	return due, next, nil
}

// mergeOpen adds the open requests to plans (both newest first) as summaries in their
// state, keeping the order by id. A request whose plan is listed already (stored, but its
// state not yet updated) is left out.
func mergeOpen(plans []*planv1.PlanSummary, open []*ent.PlanRequest) []*planv1.PlanSummary {
	if len(open) == 0 {
		return plans
	}
	listed := map[string]bool{}
	for _, p := range plans {
		listed[p.GetId()] = true
	}
	out := make([]*planv1.PlanSummary, 0, len(plans)+len(open))
	i := 0
	for _, r := range open {
		if listed[r.ID] {
			continue
		}
		for i < len(plans) && plans[i].GetId() > r.ID {
			out = append(out, plans[i])
			i++
		}
		pr := (&PlanRequest{ID: r.ID, RequestID: r.RequestID, State: r.State, CreateTime: r.CreateTime}).Plan()
		out = append(out, &planv1.PlanSummary{Id: r.ID, CreateTime: pr.GetCreateTime(), State: pr.GetState()})
	}
	return append(out, plans[i:]...)
}
