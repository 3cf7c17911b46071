package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// AdaptPlan makes the revision of the weeks after req.week from that week's logs.
func (s *Service) AdaptPlan(ctx context.Context, req *planv1.AdaptPlanRequest) (*planv1.AdaptPlanResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	rev, err := s.Adapt(ctx, sub, req.GetPlanId(), req.GetWeek())
	if err != nil {
		return nil, err
	}
	p, err := s.plan(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	return &planv1.AdaptPlanResponse{Revision: rev, Plan: p}, nil
}

// Adapt makes (or finds) the adaptation of the person's plan after week, from that week's
// logs, on the current revision: the LLM writes it in the coach's voice when one is
// configured, within the rules' bounds, and the rules write it otherwise. It is idempotent
// per (plan, week, base revision) and answers the current revision when it already is this
// week's adaptation, so a job retried after a crash makes one revision;
// FAILED_PRECONDITION when another revision was made meanwhile (retrying adapts that one).
func (s *Service) Adapt(ctx context.Context, sub, planID string, week int32) (*planv1.PlanRevision, error) {
	p, err := s.plan(ctx, sub, planID)
	if err != nil {
		return nil, err
	}
	if week < 1 || week >= p.GetDurationWeeks() {
		return nil, grpcerr.Invalid("week", "week.before_last", fmt.Sprintf("week must be 1..%d: the weeks after it are adapted", p.GetDurationWeeks()-1))
	}
	if p.GetRevision() > 1 {
		// A retry after the revision was stored (a job that crashed before it acked, a
		// repeated request) finds the plan already at its adaptation of this week.
		cur, err := s.store.GetRevision(ctx, sub, planID, p.GetRevision())
		if err != nil {
			return nil, err
		}
		if cur.Meta.GetKind() == planv1.RevisionKind_REVISION_KIND_ADAPTATION && cur.Meta.GetWeek() == week {
			return cur.Meta, nil
		}
	}
	key := store.AdaptKey(week, p.GetRevision())
	if r, err := s.store.RevisionByKey(ctx, sub, planID, key); err == nil {
		return r.Meta, nil
	} else if !errors.Is(err, grpcerr.ErrNotFound) {
		return nil, err
	}
	in, err := s.adaptInput(ctx, sub, p)
	if err != nil {
		return nil, err
	}
	in.Week = week
	logs, err := s.store.ListWorkoutLogs(ctx, sub, planID)
	if err != nil {
		return nil, err
	}
	for _, l := range logs {
		if l.Week == week {
			in.Logs = append(in.Logs, adapt.DayLog{Day: l.Day, Log: l.Log})
		}
	}
	res, provider, err := s.adapter.Adapt(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("adapt week %d: %v: %w", week, err, grpcerr.ErrFailedPrecondition)
	}
	rev, created, err := s.store.AppendRevision(ctx, sub, planID, store.NewRevision{
		Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Base: p.GetRevision(), Week: week, Summary: res.Summary,
		Changes: res.Changes, Provider: provider, Deload: res.Deload, Body: res.Plan, Key: key,
	})
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "plan adapted", "plan_id", planID, "week", week, "revision", rev.Meta.GetNumber(), "created", created, "provider", provider, "changes", len(res.Changes), "deload", res.Deload)
	s.setCurrent(ctx, sub, rev)
	return rev.Meta, nil
}

// adaptInput gathers what the adaptation and swap rules read: the plan as of its current
// revision, the profile, the allowed exercises and the catalog facts of every exercise.
func (s *Service) adaptInput(ctx context.Context, sub string, p *planv1.Plan) (adapt.Input, error) {
	prof, err := s.profile(ctx, sub)
	if errors.Is(err, grpcerr.ErrNotFound) {
		return adapt.Input{}, fmt.Errorf("complete onboarding (PUT /v1/me/profile) first: %w", grpcerr.ErrFailedPrecondition)
	}
	if err != nil {
		return adapt.Input{}, err
	}
	allowed, err := s.catalog.Allowed(ctx, generate.Equipment(prof), prof.GetFitnessLevel())
	if err != nil {
		return adapt.Input{}, err
	}
	body := store.WorkoutPlanOf(p)
	var slugs []string
	for _, w := range body.GetWeeks() {
		for _, d := range w.GetDays() {
			for _, x := range d.GetExercises() {
				slugs = append(slugs, x.GetExerciseSlug())
			}
		}
	}
	known := s.catalog.exercises(ctx, slugs)
	all := make([]*catalogv1.Exercise, 0, len(known)+len(allowed))
	for _, e := range known {
		all = append(all, e)
	}
	all = append(all, allowed...)
	return adapt.Input{Plan: body, Profile: prof, Catalog: coaching.Index(all), Allowed: allowed}, nil
}

// setCurrent makes rev the cached current revision of its plan in this process.
func (s *Service) setCurrent(ctx context.Context, sub string, rev *store.Revision) {
	e, _, ok := s.plans.get(sub, rev.Meta.GetPlanId())
	orig := e.orig
	if !ok {
		p, err := s.store.GetPlan(ctx, sub, rev.Meta.GetPlanId())
		if err != nil {
			return
		}
		p.Revision = 1
		orig = p
	}
	s.plans.set(sub, orig, planView(orig, rev))
}

// ListRevisions lists a plan's revisions, newest first.
func (s *Service) ListRevisions(ctx context.Context, req *planv1.ListRevisionsRequest) (*planv1.ListRevisionsResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	revs, err := s.store.ListRevisions(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	return &planv1.ListRevisionsResponse{Revisions: revs}, nil
}

// RevertPlan makes a revision whose weeks are those of the revision before the current one.
func (s *Service) RevertPlan(ctx context.Context, req *planv1.RevertPlanRequest) (*planv1.RevertPlanResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	cur, err := s.store.CurrentRevision(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	if req.GetCurrent() != 0 && req.GetCurrent() != cur {
		return nil, fmt.Errorf("current: the plan is at revision %d, not %d; reload it before undoing: %w", cur, req.GetCurrent(), grpcerr.ErrFailedPrecondition)
	}
	if cur == 1 {
		return nil, fmt.Errorf("the plan is as it was generated; there is nothing to undo: %w", grpcerr.ErrFailedPrecondition)
	}
	prev, err := s.store.GetRevision(ctx, sub, req.GetPlanId(), cur-1)
	if err != nil {
		return nil, err
	}
	ru := s.locale(ctx, sub, &planv1.Plan{}) == "ru"
	summary := fmt.Sprintf("Back to revision %d: revision %d is undone.", cur-1, cur)
	if ru {
		summary = fmt.Sprintf("Возврат к версии %d: версия %d отменена.", cur-1, cur)
	}
	rev, _, err := s.store.AppendRevision(ctx, sub, req.GetPlanId(), store.NewRevision{
		Kind: planv1.RevisionKind_REVISION_KIND_REVERT, Base: cur, Summary: summary, Provider: "person", Body: prev.Body,
	})
	if err != nil {
		return nil, err
	}
	s.setCurrent(ctx, sub, rev)
	p, err := s.plan(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	return &planv1.RevertPlanResponse{Revision: rev.Meta, Plan: p}, nil
}

// swapContext resolves a swap request: the plan, its day, the exercise in it and the options.
func (s *Service) swapContext(ctx context.Context, planID string, week, day int32, slug string) (string, *planv1.Plan, *planv1.Week, *planv1.Day, *planv1.Exercise, []adapt.SwapOption, error) {
	sub, p, w, d, err := s.callerDay(ctx, planID, week, day)
	if err != nil {
		return "", nil, nil, nil, nil, nil, err
	}
	var x *planv1.Exercise
	for _, e := range d.GetExercises() {
		if strings.EqualFold(e.GetExerciseSlug(), slug) {
			x = e
		}
	}
	if x == nil {
		return "", nil, nil, nil, nil, nil, grpcerr.Invalid("exercise_slug", "exercise_slug.in_workout", fmt.Sprintf("%q is not an exercise of week %d day %d", slug, week, day))
	}
	in, err := s.adaptInput(ctx, sub, p)
	if err != nil {
		return "", nil, nil, nil, nil, nil, err
	}
	return sub, p, w, d, x, adapt.SwapOptions(in, x.GetExerciseSlug()), nil
}

// ListSwapOptions lists what can replace an exercise of a day for the caller, best first.
func (s *Service) ListSwapOptions(ctx context.Context, req *planv1.ListSwapOptionsRequest) (*planv1.ListSwapOptionsResponse, error) {
	sub, _, _, _, _, opts, err := s.swapContext(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay(), req.GetExerciseSlug())
	if err != nil {
		return nil, err
	}
	ru := s.locale(ctx, sub, &planv1.Plan{}) == "ru"
	out := &planv1.ListSwapOptionsResponse{}
	for _, o := range opts {
		out.Options = append(out.Options, &planv1.SwapOption{ExerciseSlug: o.Exercise.GetSlug(), Name: localName(o.Exercise, map[bool]string{true: "ru", false: "en"}[ru]), Reason: o.Reason})
	}
	return out, nil
}

// SwapExercise replaces an exercise of a day (and of the same day of later weeks when asked)
// as a new revision.
func (s *Service) SwapExercise(ctx context.Context, req *planv1.SwapExerciseRequest) (*planv1.SwapExerciseResponse, error) {
	sub, p, _, _, x, opts, err := s.swapContext(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay(), req.GetExerciseSlug())
	if err != nil {
		return nil, err
	}
	var to *adapt.SwapOption
	for i, o := range opts {
		if req.GetToSlug() == "" || strings.EqualFold(o.Exercise.GetSlug(), req.GetToSlug()) {
			to = &opts[i]
			break
		}
	}
	if to == nil {
		if req.GetToSlug() == "" {
			return nil, fmt.Errorf("no exercise can replace %s for you: %w", x.GetExerciseSlug(), grpcerr.ErrFailedPrecondition)
		}
		return nil, grpcerr.Invalid("to_slug", "to_slug.swap_option", fmt.Sprintf("%q is not one of the swap options of %s (ListSwapOptions)", req.GetToSlug(), x.GetExerciseSlug()))
	}
	locale := s.locale(ctx, sub, p)
	body := proto.Clone(store.WorkoutPlanOf(p)).(*planv1.WorkoutPlan)
	for _, w := range body.GetWeeks() {
		if w.GetWeekNumber() != req.GetWeek() && (!req.GetLaterWeeks() || w.GetWeekNumber() < req.GetWeek()) {
			continue
		}
		for _, d := range w.GetDays() {
			if d.GetDayNumber() != req.GetDay() {
				continue
			}
			for _, e := range d.GetExercises() {
				if strings.EqualFold(e.GetExerciseSlug(), x.GetExerciseSlug()) {
					e.ExerciseSlug, e.LoadKg = to.Exercise.GetSlug(), nil
				}
			}
		}
	}
	reason := req.GetReason()
	if reason == "" {
		reason = to.Reason
	}
	toName := localName(to.Exercise, locale)
	summary := fmt.Sprintf("%s → %s", x.GetExerciseSlug(), toName)
	rev, _, err := s.store.AppendRevision(ctx, sub, p.GetId(), store.NewRevision{
		Kind: planv1.RevisionKind_REVISION_KIND_SWAP, Base: p.GetRevision(), Week: req.GetWeek(), Summary: summary, Provider: "person", Body: body,
		Changes: []*planv1.ExerciseChange{{
			Week: req.GetWeek(), Day: req.GetDay(), ExerciseSlug: x.GetExerciseSlug(), Action: planv1.ChangeAction_CHANGE_ACTION_SWAP,
			ToSlug: to.Exercise.GetSlug(), ToName: toName, Before: adapt.Describe(x, locale == "ru"), After: adapt.Describe(x, locale == "ru"), Reason: reason,
		}},
	})
	if err != nil {
		return nil, err
	}
	s.setCurrent(ctx, sub, rev)
	np, err := s.plan(ctx, sub, p.GetId())
	if err != nil {
		return nil, err
	}
	w, d, err := findDay(np, req.GetWeek(), req.GetDay())
	if err != nil {
		return nil, err
	}
	wo := s.workout(ctx, np, w, d, locale)
	wo.Revision = np.GetRevision()
	return &planv1.SwapExerciseResponse{Revision: rev.Meta, Workout: wo}, nil
}
