package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/report"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// GetReport returns the coach's report of a week of the caller's plan, or of the whole plan
// so far (week 0).
func (s *Service) GetReport(ctx context.Context, req *planv1.GetReportRequest) (*planv1.GetReportResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.WriteReport(ctx, sub, req.GetPlanId(), req.GetWeek())
	if err != nil {
		return nil, err
	}
	return &planv1.GetReportResponse{Report: r}, nil
}

// WriteReport returns the report of week (0: the whole plan so far) of the person's plan,
// writing and storing it when none was written from the same logs and revision: it is keyed
// by a fingerprint of what it read, so asking again (a second read, a job retried after an
// adaptation) costs nothing, and a new log or revision makes a new one. NOT_FOUND for a plan
// that is not the person's or a week beyond it.
func (s *Service) WriteReport(ctx context.Context, sub, planID string, week int32) (*planv1.CoachReport, error) {
	p, err := s.plan(ctx, sub, planID)
	if err != nil {
		return nil, err
	}
	if week < 0 || week > p.GetDurationWeeks() {
		return nil, fmt.Errorf("week %d of a %d-week plan: %w", week, p.GetDurationWeeks(), grpcerr.ErrNotFound)
	}
	locale, archetype := p.GetLocale(), p.GetArchetype()
	if prof, err := s.profile(ctx, sub); err == nil {
		locale, archetype = prof.GetLocale(), prof.GetArchetype()
	} else if !errors.Is(err, grpcerr.ErrNotFound) {
		return nil, err
	}
	stored, err := s.store.ListWorkoutLogs(ctx, sub, planID)
	if err != nil {
		return nil, err
	}
	logs := make([]report.DayLog, 0, len(stored))
	for _, l := range stored {
		logs = append(logs, report.DayLog{Week: l.Week, Day: l.Day, Log: l.Log})
	}
	fp := report.Fingerprint(week, p.GetRevision(), locale, archetype, s.reporter.LLM != nil, logs)
	if r, err := s.store.GetReport(ctx, sub, planID, week, fp); err == nil {
		return r, nil
	} else if !errors.Is(err, grpcerr.ErrNotFound) {
		return nil, err
	}
	// Concurrent first reads of one report in this process make one LLM call.
	v, err, _ := s.flight.Do("report\x00"+sub+"\x00"+planID+"\x00"+fp, func() (any, error) {
		revs, err := s.store.ListRevisions(ctx, sub, planID)
		if err != nil {
			return nil, err
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
		for _, l := range logs {
			for _, x := range l.Log.GetExercises() {
				slugs = append(slugs, x.GetExerciseSlug())
			}
		}
		cat := s.catalog.exercises(ctx, slugs)
		byKey := make(map[string]*catalogv1.Exercise, len(cat))
		for slug, e := range cat {
			byKey[strings.ToLower(slug)] = e
		}
		f := report.Read(report.Input{Plan: body, Week: week, Logs: logs, Revisions: revs, Catalog: byKey, Locale: locale, Archetype: archetype})
		r := s.reporter.Write(ctx, f)
		r.PlanId = planID
		out, err := s.store.PutReport(ctx, sub, r, fp)
		if err != nil {
			return nil, err
		}
		s.log.InfoContext(ctx, "coach report written", "plan_id", planID, "week", week, "provider", out.GetProvider(), "sessions", out.GetSessions())
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*planv1.CoachReport), nil
}
