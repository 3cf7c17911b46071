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

// CompleteWorkout stores what the caller did on a day; repeating it replaces the log.
func (s *Service) CompleteWorkout(ctx context.Context, req *planv1.CompleteWorkoutRequest) (*planv1.CompleteWorkoutResponse, error) {
	sub, p, _, day, err := s.callerDay(ctx, req.GetPlanId(), req.GetWeek(), req.GetDay())
	if err != nil {
		return nil, err
	}
	inDay := map[string]string{}
	for _, e := range day.GetExercises() {
		inDay[strings.ToLower(e.GetExerciseSlug())] = e.GetExerciseSlug()
	}
	var violations []grpcerr.FieldViolation
	exercises := make([]*planv1.CompletedExercise, 0, len(req.GetExercises()))
	for i, e := range req.GetExercises() {
		slug, ok := inDay[strings.ToLower(e.GetExerciseSlug())]
		if !ok {
			violations = append(violations, grpcerr.FieldViolation{
				Field: fmt.Sprintf("exercises[%d].exercise_slug", i), Rule: "exercise_slug.in_workout",
				Message: fmt.Sprintf("%q is not an exercise of week %d day %d", e.GetExerciseSlug(), req.GetWeek(), req.GetDay()),
			})
			continue
		}
		exercises = append(exercises, &planv1.CompletedExercise{ExerciseSlug: slug, SetsDone: e.GetSetsDone(), RepsDone: e.GetRepsDone()})
	}
	if len(violations) > 0 {
		return nil, &grpcerr.InvalidError{Violations: violations}
	}
	log, err := s.store.PutWorkoutLog(ctx, sub, p.GetId(), req.GetWeek(), req.GetDay(), &planv1.WorkoutLog{
		Exercises: exercises, PerceivedEffort: req.GetPerceivedEffort(), Notes: req.GetNotes(),
	})
	if err != nil {
		return nil, err
	}
	return &planv1.CompleteWorkoutResponse{Log: log}, nil
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

// workout shapes one day for a client, with the catalog's names of its exercises.
func (s *Service) workout(ctx context.Context, p *planv1.Plan, w *planv1.Week, d *planv1.Day, locale string) *planv1.Workout {
	out := &planv1.Workout{
		PlanId: p.GetId(), Week: w.GetWeekNumber(), Day: d.GetDayNumber(), WorkoutName: d.GetWorkoutName(),
		IsRestDay: d.GetIsRestDay(), WeekFocus: w.GetWeekFocus(), ConfidenceTask: d.GetConfidenceTask(),
	}
	if len(d.GetExercises()) == 0 {
		return out
	}
	slugs := make([]string, 0, len(d.GetExercises()))
	for _, e := range d.GetExercises() {
		slugs = append(slugs, e.GetExerciseSlug())
	}
	info := s.catalog.exercises(ctx, slugs)
	for _, e := range d.GetExercises() {
		we := &planv1.WorkoutExercise{
			ExerciseSlug: e.GetExerciseSlug(), Sets: e.GetSets(), Reps: e.GetReps(),
			RestSeconds: e.GetRestSeconds(), DurationSeconds: e.GetDurationSeconds(),
			DistanceMeters: e.GetDistanceMeters(), TargetRpe: e.GetTargetRpe(), TargetRir: e.GetTargetRir(),
			WorkSeconds: e.GetWorkSeconds(), RecoverySeconds: e.GetRecoverySeconds(), Rounds: e.GetRounds(),
			Block: e.GetBlock(), Cue: e.GetCue(), Measurement: measurementOf(e),
		}
		if ex, ok := info[e.GetExerciseSlug()]; ok {
			we.ExerciseCode, we.Names, we.Name = ex.GetCode(), ex.GetName(), localName(ex, locale)
			if m := ex.GetMeasurement(); m != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
				we.Measurement = m
			}
		}
		out.Exercises = append(out.Exercises, we)
	}
	return out
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
