package plan

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/quota"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// UpsertProfile stores the caller's onboarding answers.
func (s *Service) UpsertProfile(ctx context.Context, req *planv1.UpsertProfileRequest) (*planv1.UpsertProfileResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.store.UpsertProfile(ctx, sub, req.GetProfile())
	if err != nil {
		return nil, err
	}
	s.profiles.put(sub, p)
	return &planv1.UpsertProfileResponse{Profile: p}, nil
}

// GetProfile returns the caller's profile.
func (s *Service) GetProfile(ctx context.Context, _ *planv1.GetProfileRequest) (*planv1.GetProfileResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.store.GetProfile(ctx, sub)
	if err != nil {
		return nil, err
	}
	return &planv1.GetProfileResponse{Profile: p}, nil
}

// profile reads the caller's profile through the cache.
func (s *Service) profile(ctx context.Context, sub string) (*planv1.Profile, error) {
	if p, ok := s.profiles.get(sub); ok {
		return p, nil
	}
	p, err := s.store.GetProfile(ctx, sub)
	if err != nil {
		return nil, err
	}
	s.profiles.put(sub, p)
	return p, nil
}

// CreatePlan asks for a plan, once per request id, and answers it READY when its generation
// job makes it within wait_seconds (default 30); otherwise it answers the plan PENDING, with
// the id to poll with GetPlan (or to find in ListPlans), or FAILED with the error when the job
// gave up. An attempt that fails while the call waits here is answered as its error (e.g.
// UNAVAILABLE when the LLM failed and the fallback is off); the job retries it, and asking
// again with the same request id answers the plan in its state (and queues its generation
// again should it have been lost).
func (s *Service) CreatePlan(ctx context.Context, req *planv1.CreatePlanRequest) (*planv1.CreatePlanResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	wait := DefaultPlanWait
	if req.WaitSeconds != nil {
		wait = time.Duration(req.GetWaitSeconds()) * time.Second
	}
	rid := req.GetRequestId()
	if rid == "" {
		// No idempotency asked for: every call makes a new plan.
		rid = "auto-" + randomHex(12)
	} else if p, err := s.store.PlanByRequest(ctx, sub, rid); err == nil {
		return &planv1.CreatePlanResponse{Plan: p}, nil
	} else if !errors.Is(err, grpcerr.ErrNotFound) {
		return nil, err
	}
	r, err := s.store.RequestByRequestID(ctx, sub, rid)
	switch {
	case err == nil && r.State == store.RequestFailed:
		return &planv1.CreatePlanResponse{Plan: r.Plan()}, nil
	case err == nil:
		// Queued before; queueing again is a no-op unless the job was lost for good.
		if _, err := s.jobs.EnqueueGenerate(ctx, jobs.GeneratePlanArgs{Subject: sub, RequestID: rid, PlanID: r.ID}); err != nil {
			return nil, err
		}
	case errors.Is(err, grpcerr.ErrNotFound):
		if r, err = s.takeRequest(ctx, sub, rid); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	p, err := s.awaitPlan(ctx, sub, r, wait)
	if err != nil {
		return nil, err
	}
	return &planv1.CreatePlanResponse{Plan: p}, nil
}

// takeRequest admits a new request (the quota) and queues its generation. Duplicates in this
// process share one admission; across replicas the unique (subject, request_id) index picks
// one request and the job's uniqueness one generation. The job does not depend on the caller:
// a client that goes away, or a process that restarts, leaves it to finish.
func (s *Service) takeRequest(ctx context.Context, sub, rid string) (*store.PlanRequest, error) {
	if _, err := s.store.GetProfile(ctx, sub); errors.Is(err, grpcerr.ErrNotFound) {
		return nil, fmt.Errorf("complete onboarding (PUT /v1/me/profile) before asking for a plan: %w", grpcerr.ErrFailedPrecondition)
	} else if err != nil {
		return nil, err
	}
	v, err, _ := s.flight.Do(sub+"\x00"+rid, func() (any, error) {
		if err := s.quota.Admit(ctx, sub); err != nil {
			return nil, s.exhausted(err)
		}
		r, _, err := s.store.CreateRequest(ctx, sub, rid, store.NewPlanID(time.Now()))
		if err != nil {
			return nil, err
		}
		if _, err := s.jobs.EnqueueGenerate(ctx, jobs.GeneratePlanArgs{Subject: sub, RequestID: rid, PlanID: r.ID}); err != nil {
			return nil, err
		}
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*store.PlanRequest), nil
}

func (s *Service) generateAndStore(ctx context.Context, sub, rid, id string, profile *planv1.Profile) (*planv1.Plan, error) {
	start := time.Now()
	res, err := s.gen.Generate(ctx, profile)
	if err != nil {
		return nil, err
	}
	wp := res.Plan
	p := &planv1.Plan{
		Id:                id,
		PlanName:          wp.GetPlanName(),
		DurationWeeks:     wp.GetDurationWeeks(),
		Goal:              wp.GetGoal(),
		Notes:             wp.GetNotes(),
		Weeks:             wp.GetWeeks(),
		Provider:          res.Provider,
		Model:             res.Model,
		Attempts:          res.Attempts,
		Substitutions:     res.Substitutions,
		SubstitutionCount: int32(len(res.Substitutions)),
		FallbackReason:    res.FallbackReason,
		PromptVersion:     res.PromptVersion,
		Usage:             &planv1.TokenUsage{PromptTokens: res.Usage.PromptTokens, CompletionTokens: res.Usage.CompletionTokens, TotalTokens: res.Usage.TotalTokens},
		GenerationMs:      time.Since(start).Milliseconds(),
		LlmMs:             res.LLMTime.Milliseconds(),
		RequestId:         rid,
		Archetype:         profile.GetArchetype(),
		Locale:            profile.GetLocale(),
	}
	// Tokens were spent whether or not the plan is stored.
	s.quota.Charge(ctx, sub, res.Usage.TotalTokens)
	stored, created, err := s.store.CreatePlan(ctx, sub, p)
	if err != nil {
		return nil, err
	}
	if created && res.Usage.TotalTokens > 0 {
		s.metrics.planTokens.WithLabelValues("prompt").Observe(float64(res.Usage.PromptTokens))
		s.metrics.planTokens.WithLabelValues("completion").Observe(float64(res.Usage.CompletionTokens))
	}
	s.log.InfoContext(ctx, "plan stored", "plan_id", stored.GetId(), "created", created, "provider", stored.GetProvider(),
		"attempts", stored.GetAttempts(), "substitutions", stored.GetSubstitutionCount(), "fallback_reason", stored.GetFallbackReason(),
		"generation_ms", stored.GetGenerationMs(), "completion_tokens", stored.GetUsage().GetCompletionTokens())
	stored.Revision = 1
	s.plans.set(sub, stored, stored)
	return stored, nil
}

// ListPlans lists the caller's plans, newest first.
func (s *Service) ListPlans(ctx context.Context, req *planv1.ListPlansRequest) (*planv1.ListPlansResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	size := 20
	if req.PageSize != nil {
		size = int(req.GetPageSize())
	}
	after, err := decodePageToken(req.GetPageToken())
	if err != nil {
		return nil, err
	}
	plans, next, err := s.store.ListPlans(ctx, sub, size, after)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(plans))
	for _, p := range plans {
		ids = append(ids, p.GetId())
	}
	revs, err := s.store.CurrentRevisions(ctx, sub, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		p.Revision = max(1, revs[p.GetId()])
	}
	out := &planv1.ListPlansResponse{Plans: plans}
	if next != "" {
		out.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(next))
	}
	return out, nil
}

func decodePageToken(tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != 28 {
		return "", grpcerr.Invalid("page_token", "page_token.valid", "page_token is not one this service issued")
	}
	if _, err := hex.DecodeString(string(b)); err != nil {
		return "", grpcerr.Invalid("page_token", "page_token.valid", "page_token is not one this service issued")
	}
	return string(b), nil
}

// GetPlan returns one of the caller's plans.
func (s *Service) GetPlan(ctx context.Context, req *planv1.GetPlanRequest) (*planv1.GetPlanResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.plan(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	return &planv1.GetPlanResponse{Plan: p}, nil
}

// plan reads one of the caller's plans, as of its current revision, through the cache (see
// planCache for how fresh that is).
func (s *Service) plan(ctx context.Context, sub, id string) (*planv1.Plan, error) {
	e, fresh, ok := s.plans.get(sub, id)
	if ok && fresh {
		return e.view, nil
	}
	orig := e.orig
	if !ok {
		p, err := s.store.GetPlan(ctx, sub, id)
		if err != nil {
			return nil, err
		}
		if p.GetState() != planv1.PlanState_PLAN_STATE_READY {
			// Pending or failed: no weeks, no revisions yet.
			return p, nil
		}
		p.Revision = 1
		orig = p
	}
	cur, err := s.store.CurrentRevision(ctx, sub, id)
	if err != nil {
		if ok && !errors.Is(err, grpcerr.ErrNotFound) {
			// The database is unreachable: the revision we have beats no workout.
			s.log.WarnContext(ctx, "current revision unavailable; serving the cached one", "plan_id", id, "err", err)
			return e.view, nil
		}
		return nil, err
	}
	if ok && cur == e.view.GetRevision() {
		s.plans.touch(id)
		return e.view, nil
	}
	var rev *store.Revision
	if cur > 1 {
		if rev, err = s.store.GetRevision(ctx, sub, id, cur); err != nil {
			return nil, err
		}
	}
	view := planView(orig, rev)
	s.plans.set(sub, orig, view)
	return view, nil
}

// planView is orig (the plan as generated, revision 1) as of rev: its weeks, name, goal,
// notes and number. rev nil is orig itself. orig is shared and never modified.
func planView(orig *planv1.Plan, rev *store.Revision) *planv1.Plan {
	if rev == nil || rev.Meta.GetNumber() <= 1 {
		return orig
	}
	// A shallow copy of everything but the weeks, which the revision replaces: messages are
	// shared, not cloned (a 12-week plan is hundreds of them), and none is ever modified.
	view := &planv1.Plan{}
	dst := view.ProtoReflect()
	orig.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Name() != "weeks" {
			dst.Set(fd, v)
		}
		return true
	})
	b := rev.Body
	view.PlanName, view.DurationWeeks, view.Goal, view.Notes, view.Weeks = b.GetPlanName(), b.GetDurationWeeks(), b.GetGoal(), b.GetNotes(), b.GetWeeks()
	view.Revision = rev.Meta.GetNumber()
	return view
}

// ValidatePlan checks a raw AI response against every plan rule. A response whose lists are
// longer than a plan's may be is refused as INVALID_ARGUMENT before it is decoded (see
// aiplan.Oversize), and at most aiplan.MaxViolations violations are reported, so the work and
// the answer stay small whatever the caller sends.
func (s *Service) ValidatePlan(_ context.Context, req *planv1.ValidatePlanRequest) (*planv1.ValidatePlanResponse, error) {
	raw := []byte(req.GetPlanJson())
	if over := aiplan.Oversize(raw, aiplan.MaxViolations); len(over) > 0 {
		return nil, oversizeStatus(over).Err()
	}
	_, vs := aiplan.Check(raw)
	vs = aiplan.Cap(vs, aiplan.MaxViolations)
	out := &planv1.ValidatePlanResponse{Valid: len(vs) == 0}
	for _, v := range vs {
		out.Violations = append(out.Violations, &planv1.Violation{Field: v.Field, Rule: v.Rule, Message: v.Message})
	}
	return out, nil
}

// exhausted renders a quota refusal as RESOURCE_EXHAUSTED with a RetryInfo detail, which the
// gateway turns into HTTP 429 with Retry-After, and counts it.
func (s *Service) exhausted(err error) error {
	var ex *quota.ExhaustedError
	if !errors.As(err, &ex) {
		return err
	}
	s.metrics.quotaRejections.WithLabelValues(string(ex.Limit)).Inc()
	st := status.New(codes.ResourceExhausted, ex.Error())
	if withDetails, derr := st.WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(ex.RetryAfter)}); derr == nil {
		st = withDetails
	}
	return st.Err()
}

// oversizeStatus is INVALID_ARGUMENT with the oversize violations as a BadRequest detail, in
// their order (the "and N more" marker last), which the gateway renders as an HTTP 400 body.
func oversizeStatus(vs []aiplan.Violation) *status.Status {
	st := status.New(codes.InvalidArgument, "plan_json: the plan has more weeks, days or exercises than a plan may have")
	br := &errdetails.BadRequest{}
	for _, v := range vs {
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: v.Field, Reason: v.Rule, Description: v.Message})
	}
	if withDetails, err := st.WithDetails(br); err == nil {
		return withDetails
	}
	return st
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
