package plan

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"

	"github.com/fitcoach/fitcoach/pkg/auth"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/history"
)

// The history and progress calls read a person's logs whole (at most a few hundred rows) and
// leave the arithmetic to the history package. Only the caller's own logs are ever read.

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// ListSessions lists the caller's logged sessions, newest first, across plans or of one.
func (s *Service) ListSessions(ctx context.Context, req *planv1.ListSessionsRequest) (*planv1.ListSessionsResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	if req.GetPlanId() != "" {
		if _, err := s.plan(ctx, sub, req.GetPlanId()); err != nil {
			return nil, err
		}
	}
	after, err := decodeSessionToken(req.GetPageToken(), req.GetPlanId())
	if err != nil {
		return nil, err
	}
	logs, err := s.store.ListWorkoutLogs(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	all := sessions(logs)
	newest := slices.Clone(all)
	slices.SortStableFunc(newest, func(a, b history.Session) int { return -compareSessions(sessionKeyOf(a), sessionKeyOf(b)) })

	out := &planv1.ListSessionsResponse{}
	size := pageSize(req.PageSize)
	page := newest
	if after != nil {
		// The first session older than the last one of the previous page.
		i := slices.IndexFunc(newest, func(s history.Session) bool { return compareSessions(sessionKeyOf(s), *after) < 0 })
		if i < 0 {
			i = len(newest)
		}
		page = newest[i:]
	}
	if len(page) > size {
		page = page[:size]
		out.NextPageToken = encodeSessionToken(sessionKeyOf(page[size-1]), req.GetPlanId())
	}

	locale := ""
	if prof, err := s.profile(ctx, sub); err == nil {
		locale = prof.GetLocale()
	}
	plans := map[string]*planv1.Plan{}
	planOf := func(id string) *planv1.Plan {
		if p, ok := plans[id]; ok {
			return p
		}
		p, err := s.plan(ctx, sub, id)
		if err != nil {
			// A plan that cannot be read now still lists its sessions, without names.
			s.log.WarnContext(ctx, "session's plan unavailable", "plan_id", id, "err", err)
		}
		plans[id] = p
		return p
	}
	var slugs []string
	for _, ses := range page {
		for _, e := range ses.Log.GetExercises() {
			slugs = append(slugs, e.GetExerciseSlug())
		}
	}
	cat := s.historyCatalog(ctx, slugs, nil, locale)
	for _, ses := range page {
		var day *planv1.Day
		if p := planOf(ses.PlanID); p != nil {
			_, day, _ = findDay(p, ses.Week, ses.Day)
		}
		out.Sessions = append(out.Sessions, history.SessionSummary(ses, day, cat))
	}

	// The streak is the filtered plan's, or that of the plan of the latest session: the one
	// the person is following.
	streakPlan := req.GetPlanId()
	if streakPlan == "" && len(newest) > 0 {
		streakPlan = newest[0].PlanID
	}
	if streakPlan != "" {
		if p := planOf(streakPlan); p != nil {
			out.CurrentStreak, _ = history.Streaks(p, all)
		}
	}
	return out, nil
}

// GetExerciseHistory returns the caller's logged sessions of one exercise, newest first,
// with what they did last time, their records in it and what to aim for next time.
func (s *Service) GetExerciseHistory(ctx context.Context, req *planv1.GetExerciseHistoryRequest) (*planv1.GetExerciseHistoryResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	logs, err := s.store.ListWorkoutLogs(ctx, sub, "")
	if err != nil {
		return nil, err
	}
	locale := "en"
	if prof, err := s.profile(ctx, sub); err == nil {
		locale = prof.GetLocale()
	}
	all := sessions(logs)
	slug := strings.ToLower(req.GetExerciseSlug())
	cat := s.historyCatalog(ctx, []string{slug}, nil, locale)
	out := &planv1.GetExerciseHistoryResponse{
		ExerciseSlug: slug,
		Name:         cmp.Or(cat[slug].Name, slug),
		Entries:      history.Entries(all, slug),
		LastTime:     history.LastTime(all, slug, locale),
		Records:      history.Records(all, func(s string) bool { return s == slug }, cat.Names()),
	}
	if lt := out.GetLastTime(); lt != nil {
		// The target of the session last done is what the suggestion measures it against.
		if p, err := s.plan(ctx, sub, lt.GetPlanId()); err == nil {
			if _, d, err := findDay(p, lt.GetWeek(), lt.GetDay()); err == nil {
				for _, e := range d.GetExercises() {
					if strings.EqualFold(e.GetExerciseSlug(), slug) {
						out.Suggestion = suggestion(e, cat[slug].Measurement, s.catalog.exercises(ctx, []string{slug})[slug].GetEquipment(), lt, locale)
						break
					}
				}
			}
		}
	}
	if size := pageSize(req.PageSize); len(out.Entries) > size {
		out.Entries = out.Entries[:size]
	}
	return out, nil
}

// GetProgress returns one of the caller's plans as done, week by week.
func (s *Service) GetProgress(ctx context.Context, req *planv1.GetProgressRequest) (*planv1.GetProgressResponse, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.plan(ctx, sub, req.GetPlanId())
	if err != nil {
		return nil, err
	}
	logs, err := s.store.ListWorkoutLogs(ctx, sub, p.GetId())
	if err != nil {
		return nil, err
	}
	var slugs []string
	prescribed := map[string]*planv1.Exercise{}
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			for _, e := range d.GetExercises() {
				slugs = append(slugs, e.GetExerciseSlug())
				prescribed[strings.ToLower(e.GetExerciseSlug())] = e
			}
		}
	}
	cat := s.historyCatalog(ctx, slugs, prescribed, s.locale(ctx, sub, p))
	return history.Progress(p, sessions(logs), cat), nil
}

// historyCatalog is what the catalog says of slugs, as history reads it, names in locale. An
// exercise the catalog does not answer for is measured from its prescription when there is
// one (prescribed, by lower-case slug).
func (s *Service) historyCatalog(ctx context.Context, slugs []string, prescribed map[string]*planv1.Exercise, locale string) history.Catalog {
	slices.Sort(slugs)
	slugs = slices.Compact(slugs)
	info := s.catalog.exercises(ctx, slugs)
	out := make(history.Catalog, len(slugs))
	for _, slug := range slugs {
		key := strings.ToLower(slug)
		var e history.Exercise
		if ex, ok := info[slug]; ok {
			e = history.Exercise{Name: localName(ex, locale), MuscleGroups: ex.GetMuscleGroups(), Measurement: ex.GetMeasurement()}
		}
		if p, ok := prescribed[key]; ok && e.Measurement == typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
			e.Measurement = measurementOf(p)
		}
		out[key] = e
	}
	return out
}

func pageSize(asked *int32) int {
	if asked == nil {
		return defaultPageSize
	}
	return min(int(*asked), maxPageSize)
}

// sessionKey orders sessions newest first; page tokens carry the last one returned.
type sessionKey struct {
	Time   int64  `json:"t"` // complete time, Unix microseconds
	PlanID string `json:"p"`
	Week   int32  `json:"w"`
	Day    int32  `json:"d"`
}

func sessionKeyOf(s history.Session) sessionKey {
	return sessionKey{Time: s.Log.GetCompleteTime().AsTime().UnixMicro(), PlanID: s.PlanID, Week: s.Week, Day: s.Day}
}

// compareSessions orders keys oldest first.
func compareSessions(a, b sessionKey) int {
	return cmp.Or(cmp.Compare(a.Time, b.Time), cmp.Compare(a.PlanID, b.PlanID), cmp.Compare(a.Week, b.Week), cmp.Compare(a.Day, b.Day))
}

// sessionToken is a ListSessions page token: where the last page ended, for which filter.
type sessionToken struct {
	After  sessionKey `json:"a"`
	PlanID string     `json:"f"`
}

func encodeSessionToken(after sessionKey, planID string) string {
	b, _ := json.Marshal(sessionToken{After: after, PlanID: planID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeSessionToken reads a page token; nil for the first page. A token of another plan
// filter is refused: it would skip or repeat sessions.
func decodeSessionToken(tok, planID string) (*sessionKey, error) {
	if tok == "" {
		return nil, nil
	}
	invalid := grpcerr.Invalid("page_token", "page_token.valid", "page_token is not one this service issued for this plan_id")
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return nil, invalid
	}
	var t sessionToken
	if err := json.Unmarshal(b, &t); err != nil || t.PlanID != planID || t.After.Time <= 0 || t.After.PlanID == "" {
		return nil, invalid
	}
	return &t.After, nil
}
