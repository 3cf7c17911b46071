package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/history"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// GetWorkout returns one day of the caller's plan, with its log once completed.
func (s *Service) GetWorkout(ctx context.Context, req *planv1.GetWorkoutRequest) (*planv1.GetWorkoutResponse, error) {
	sub, p, week, day, err := s.callerDay(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay())
	if err != nil {
		return nil, err
	}
	w := s.workout(ctx, p, week, day, s.locale(ctx, sub, p))
	log, err := s.store.GetWorkoutLog(ctx, sub, p.GetId(), req.GetWeek(), req.GetDay())
	switch {
	case err == nil:
		w.Log = log
	case !errors.Is(err, grpcerr.ErrNotFound):
		return nil, err
	}
	return &planv1.GetWorkoutResponse{Workout: w}, nil
}

// StartWorkout returns the day's workout and its playlist. It is the hot path: the plan and
// the profile come from memory, and the video service gets PlaylistTimeout to answer; when
// it fails or is slow the workout comes back with an empty playlist and a notice instead of
// an error.
func (s *Service) StartWorkout(ctx context.Context, req *planv1.StartWorkoutRequest) (*planv1.StartWorkoutResponse, error) {
	sub, p, week, day, err := s.callerDay(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay())
	if err != nil {
		return nil, err
	}
	archetype, locale := p.GetArchetype(), p.GetLocale()
	if prof, err := s.profile(ctx, sub); err == nil {
		// The profile wins: a person who switched coach or language sees it at once.
		archetype, locale = prof.GetArchetype(), prof.GetLocale()
	}
	w := s.workout(ctx, p, week, day, locale)
	out := &planv1.StartWorkoutResponse{Workout: w, Playlist: &videov1.Playlist{}}

	preq := &videov1.BuildPlaylistRequest{
		PlanId: p.GetId(), Week: week.GetWeekNumber(), Day: day.GetDayNumber(), IsRestDay: day.GetIsRestDay(),
		Archetype: archetype, Locale: locale,
	}
	for _, e := range w.GetExercises() {
		preq.Exercises = append(preq.Exercises, &videov1.PlaylistExercise{
			ExerciseSlug: e.GetExerciseSlug(), Name: e.GetNames(), Sets: e.GetSets(), Reps: e.GetReps(),
			RestSeconds: e.GetRestSeconds(), DurationSeconds: e.GetDurationSeconds(),
		})
	}
	vctx, cancel := context.WithTimeout(ctx, s.cfg.PlaylistTimeout)
	defer cancel()
	resp, err := s.video.BuildPlaylist(vctx, preq)
	switch {
	case err != nil:
		cause := "error"
		// The server may enforce the deadline (grpc-timeout) a moment before our own timer fires.
		if vctx.Err() != nil || status.Code(err) == codes.DeadlineExceeded {
			cause = "timeout"
		}
		s.metrics.playlistFailures.WithLabelValues(cause).Inc()
		s.log.WarnContext(ctx, "playlist unavailable", "plan_id", p.GetId(), "week", req.GetWeek(), "day", req.GetDay(), "cause", cause, "err", err)
		out.Notice = notice(locale, noticeUnavailable)
	default:
		out.Playlist = resp.GetPlaylist()
		if out.Playlist == nil {
			out.Playlist = &videov1.Playlist{}
		}
		if len(out.Playlist.GetMissing()) > 0 {
			out.Notice = notice(locale, noticeIncomplete)
		}
	}
	return out, nil
}

// CompleteWorkout stores what the caller did on a day; repeating it replaces the log. Each
// exercise is stored in one shape, its sets (see history.Normalize): sent by new clients, made
// from reps_done for old ones. The answer is the log exactly as this call stored it.
func (s *Service) CompleteWorkout(ctx context.Context, req *planv1.CompleteWorkoutRequest) (*planv1.CompleteWorkoutResponse, error) {
	sub, p, _, day, err := s.callerDay(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay())
	if err != nil {
		return nil, err
	}
	exercises, violations := completed(req, day)
	if len(violations) > 0 {
		return nil, &grpcerr.InvalidError{Violations: violations}
	}
	log, err := s.store.PutWorkoutLog(ctx, sub, p.GetId(), req.GetWeek(), req.GetDay(), &planv1.WorkoutLog{
		Exercises: exercises, PerceivedEffort: req.GetPerceivedEffort(), Notes: req.GetNotes(), Revision: p.GetRevision(),
	})
	if err != nil {
		return nil, err
	}
	return &planv1.CompleteWorkoutResponse{Log: log}, nil
}

// completed checks the request's exercises against the day's prescription and returns them
// normalized, with the day's spelling of each slug. The edge has checked each field's range
// (at most 20 sets, loads 0..1000 kg, RPE 1..10); what is checked here needs the day or
// reads several fields together: every slug is one of the day's, logged at most as often as
// the day lists it; a set done has reps, seconds or a distance; a load was moved for reps,
// seconds or a distance; effort is RPE or reps in reserve, not both.
func completed(req *planv1.CompleteWorkoutRequest, day *planv1.Day) ([]*planv1.CompletedExercise, []grpcerr.FieldViolation) {
	inDay := map[string]string{}
	room := map[string]int{}
	for _, e := range day.GetExercises() {
		key := strings.ToLower(e.GetExerciseSlug())
		inDay[key] = e.GetExerciseSlug()
		room[key]++
	}
	var violations []grpcerr.FieldViolation
	violate := func(field, rule, format string, args ...any) {
		violations = append(violations, grpcerr.FieldViolation{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	exercises := make([]*planv1.CompletedExercise, 0, len(req.GetExercises()))
	for i, e := range req.GetExercises() {
		key := strings.ToLower(e.GetExerciseSlug())
		slug, ok := inDay[key]
		switch {
		case !ok:
			violate(fmt.Sprintf("exercises[%d].exercise_slug", i), "exercise_slug.in_workout",
				"%q is not an exercise of week %d day %d", e.GetExerciseSlug(), req.GetWeek(), req.GetDay())
			continue
		case room[key] == 0:
			violate(fmt.Sprintf("exercises[%d].exercise_slug", i), "exercise_slug.repeated",
				"%q is logged more often than week %d day %d lists it", e.GetExerciseSlug(), req.GetWeek(), req.GetDay())
			continue
		}
		room[key]--
		for j, set := range e.GetSets() {
			if set.GetSkipped() {
				continue
			}
			path := fmt.Sprintf("exercises[%d].sets[%d]", i, j)
			work := set.GetReps() > 0 || set.GetSeconds() > 0 || set.GetDistanceMeters() > 0
			switch {
			case !work && set.GetLoadKg() > 0:
				violate(path+".load_kg", "load_kg.needs_work", "a load of %g kg needs the reps, seconds or distance it was moved for", set.GetLoadKg())
			case !work:
				violate(path, "set.empty", "a set done needs its reps, seconds or distance; mark a set not done as skipped")
			}
			if set.Rpe != nil && set.Rir != nil {
				violate(path+".rir", "set.effort_one_of", "effort is RPE or reps in reserve, not both")
			}
		}
		n := history.Normalize(e)
		n.ExerciseSlug = slug
		exercises = append(exercises, n)
	}
	return exercises, violations
}

// callerDay resolves what every per-day call starts from: the caller, one of their plans (from
// the cache) and the asked week and day of it.
func (s *Service) callerDay(ctx context.Context, planID string, week, day int32) (string, *planv1.Plan, *planv1.Week, *planv1.Day, error) {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return "", nil, nil, nil, err
	}
	p, err := s.plan(ctx, sub, planID)
	if err != nil {
		return "", nil, nil, nil, err
	}
	w, d, err := findDay(p, week, day)
	if err != nil {
		return "", nil, nil, nil, err
	}
	return sub, p, w, d, nil
}

// findDay returns a day of the plan; NOT_FOUND when the plan has no such week or day.
func findDay(p *planv1.Plan, week, day int32) (*planv1.Week, *planv1.Day, error) {
	for _, w := range p.GetWeeks() {
		if w.GetWeekNumber() != week {
			continue
		}
		for _, d := range w.GetDays() {
			if d.GetDayNumber() == day {
				return w, d, nil
			}
		}
	}
	return nil, nil, fmt.Errorf("week %d day %d of a %d-week plan: %w", week, day, p.GetDurationWeeks(), grpcerr.ErrNotFound)
}

// locale is the language a workout is shown in: the profile's, else the plan's.
func (s *Service) locale(ctx context.Context, sub string, p *planv1.Plan) string {
	if prof, err := s.profile(ctx, sub); err == nil {
		return prof.GetLocale()
	}
	return p.GetLocale()
}

// workout shapes one day for a client, with the catalog's names of its exercises and, for
// each, what the caller (the context's subject) did of it last time.
func (s *Service) workout(ctx context.Context, p *planv1.Plan, w *planv1.Week, d *planv1.Day, locale string) *planv1.Workout {
	out := &planv1.Workout{
		PlanId: p.GetId(), Week: w.GetWeekNumber(), Day: d.GetDayNumber(), WorkoutName: d.GetWorkoutName(),
		IsRestDay: d.GetIsRestDay(), WeekFocus: w.GetWeekFocus(), ConfidenceTask: d.GetConfidenceTask(),
		Revision: p.GetRevision(),
	}
	if d.GetIsRestDay() {
		out.RecoveryGuidance = recoveryGuidance(locale)
	}
	if len(d.GetExercises()) == 0 {
		return out
	}
	slugs := make([]string, 0, len(d.GetExercises()))
	for _, e := range d.GetExercises() {
		slugs = append(slugs, e.GetExerciseSlug())
	}
	info := s.catalog.exercises(ctx, slugs)
	last := s.lastTimes(ctx, slugs, locale)
	for _, e := range d.GetExercises() {
		we := &planv1.WorkoutExercise{
			ExerciseSlug: e.GetExerciseSlug(), Sets: e.GetSets(), Reps: e.GetReps(),
			RestSeconds: e.GetRestSeconds(), DurationSeconds: e.GetDurationSeconds(),
			DistanceMeters: e.GetDistanceMeters(), TargetRpe: e.GetTargetRpe(), TargetRir: e.GetTargetRir(),
			WorkSeconds: e.GetWorkSeconds(), RecoverySeconds: e.GetRecoverySeconds(), Rounds: e.GetRounds(),
			Block: e.GetBlock(), Cue: e.GetCue(), Measurement: measurementOf(e), LoadKg: e.GetLoadKg(),
			LastTime: last[e.GetExerciseSlug()],
		}
		ex, ok := info[e.GetExerciseSlug()]
		if ok {
			we.ExerciseCode, we.Names, we.Name = ex.GetCode(), ex.GetName(), localName(ex, locale)
			if m := ex.GetMeasurement(); m != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
				we.Measurement = m
			}
		}
		we.Suggestion = suggestion(e, we.GetMeasurement(), ex.GetEquipment(), we.GetLastTime(), locale)
		out.Exercises = append(out.Exercises, we)
	}
	return out
}

// lastTimes is what the context's subject did of each of slugs the last time, from their
// logs read newest first only until every exercise is found: one query of the latest two
// weeks in the common case, never one per exercise (Start workout is the hot path; a
// finished 12-week plan is 60 logs). "Last time" is a help, not the workout:
// without a subject or when the read fails the workout comes back without it.
func (s *Service) lastTimes(ctx context.Context, slugs []string, locale string) map[string]*planv1.LastTime {
	sub, err := auth.RequireSubject(ctx)
	if err != nil {
		return nil
	}
	f := history.NewLastTimeFinder(slugs, locale)
	err = s.store.EachWorkoutLog(ctx, sub, func(l store.DayLog) bool {
		return f.Add(history.Session{PlanID: l.PlanID, Week: l.Week, Day: l.Day, Log: l.Log})
	})
	if err != nil {
		s.log.WarnContext(ctx, "last time unavailable", "err", err)
		return nil
	}
	return f.Found()
}

// suggestion is what to aim for today in a prescribed exercise, from what was done of it last
// time (nil without a last time): the suggestion engine's double progression.
func suggestion(e *planv1.Exercise, m typesv1.Measurement, equipment []string, last *planv1.LastTime, locale string) *planv1.Suggestion {
	if last == nil {
		return nil
	}
	return adapt.Suggest(adapt.SuggestInput{
		Prescribed: e, Measurement: m, Equipment: equipment, Locale: locale,
		Last: &planv1.CompletedExercise{ExerciseSlug: e.GetExerciseSlug(), Sets: last.GetSets(), Pain: last.GetPain()},
	})
}

// sessions are stored logs as history reads them.
func sessions(logs []store.DayLog) []history.Session {
	out := make([]history.Session, len(logs))
	for i, l := range logs {
		out[i] = history.Session{PlanID: l.PlanID, Week: l.Week, Day: l.Day, Log: l.Log}
	}
	return out
}

// recoveryGuidance is what a rest day asks for.
func recoveryGuidance(locale string) string {
	if locale == "ru" {
		return "День восстановления: спокойная прогулка 20–30 минут, 10 минут мягкой мобильности для бёдер, спины и плеч, вода и 7–9 часов сна."
	}
	return "Recovery day: an easy 20–30 minute walk, 10 minutes of gentle mobility for hips, back and shoulders, water, and 7–9 hours of sleep."
}

// measurementOf reads an exercise's measurement from its prescription, for when the catalog
// cannot say: intervals and seconds are time, reps are reps, a bare duration is cardio.
func measurementOf(e *planv1.Exercise) typesv1.Measurement {
	switch {
	case e.Reps != nil:
		return typesv1.Measurement_MEASUREMENT_REPS
	case e.Rounds != nil || (e.DurationSeconds != nil && e.Sets != nil):
		return typesv1.Measurement_MEASUREMENT_TIME
	case e.DurationSeconds != nil || e.DistanceMeters != nil:
		return typesv1.Measurement_MEASUREMENT_DISTANCE
	}
	return typesv1.Measurement_MEASUREMENT_REPS
}

func localName(e *catalogv1.Exercise, locale string) string {
	if locale == "ru" && e.GetName().GetRu() != "" {
		return e.GetName().GetRu()
	}
	return e.GetName().GetEn()
}

type noticeKind int

const (
	noticeUnavailable noticeKind = iota
	noticeIncomplete
)

var notices = map[noticeKind][2]string{
	noticeUnavailable: {"Videos are unavailable right now. Here is your workout; the videos will be back soon.", "Видео сейчас недоступны. Вот ваша тренировка, видео скоро вернутся."},
	noticeIncomplete:  {"Some videos of this workout are missing; the rest of the playlist is ready.", "Некоторых видео для этой тренировки нет; остальной плейлист готов."},
}

func notice(locale string, k noticeKind) string {
	if locale == "ru" {
		return notices[k][1]
	}
	return notices[k][0]
}
