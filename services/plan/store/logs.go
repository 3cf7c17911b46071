package store

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/ent"
	"github.com/fitcoach/fitcoach/services/plan/ent/workoutlog"
)

// PutWorkoutLog stores the log of one day of the person's plan, replacing an earlier log of
// the same day, and returns the log exactly as this call wrote it. The caller checks that the
// plan and the day exist.
//
// The answer is built from what was written rather than read back: under concurrent saves of
// the same day a read after the upsert may already see another call's log, and a response
// must describe its own. The unique (plan_id, week, day) index keeps one row per day; the
// last writer's log is the one that stays.
func (s *Store) PutWorkoutLog(ctx context.Context, subject, planID string, week, day int32, log *planv1.WorkoutLog) (*planv1.WorkoutLog, error) {
	exercises, err := protoList(log.GetExercises())
	if err != nil {
		return nil, err
	}
	// Both dialects keep microseconds; truncating first makes the answer equal a later read.
	now := time.Now().UTC().Truncate(time.Microsecond)
	err = s.c.WorkoutLog.Create().
		SetPlanID(planID).
		SetSubject(subject).
		SetWeek(week).
		SetDay(day).
		SetExercises(exercises).
		SetPerceivedEffort(log.GetPerceivedEffort()).
		SetNotes(log.GetNotes()).
		SetCompleteTime(now).
		SetRevision(log.GetRevision()).
		OnConflictColumns(workoutlog.FieldPlanID, workoutlog.FieldWeek, workoutlog.FieldDay).
		UpdateExercises().UpdatePerceivedEffort().UpdateNotes().UpdateCompleteTime().UpdateRevision().
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("store workout log: %w", err)
	}
	out := &planv1.WorkoutLog{
		PerceivedEffort: log.GetPerceivedEffort(), Notes: log.GetNotes(),
		CompleteTime: timestamppb.New(now), Revision: log.GetRevision(),
	}
	for _, e := range log.GetExercises() {
		out.Exercises = append(out.Exercises, proto.CloneOf(e))
	}
	return out, nil
}

// eachLogPage is how many logs EachWorkoutLog reads at a time: two weeks of daily sessions,
// which hold every exercise of a plan's week.
const eachLogPage = 14

// EachWorkoutLog calls yield with the person's logs, newest first, until it returns false.
// It reads them a page at a time and decodes a log only when it is reached: a reader that
// needs the latest few (what was done last time) reads one page and decodes a handful, not a
// whole history.
func (s *Store) EachWorkoutLog(ctx context.Context, subject string, yield func(DayLog) bool) error {
	for offset := 0; ; offset += eachLogPage {
		rows, err := s.c.WorkoutLog.Query().Where(workoutlog.Subject(subject)).
			Order(ent.Desc(workoutlog.FieldCompleteTime), ent.Desc(workoutlog.FieldID)).
			Offset(offset).Limit(eachLogPage).All(ctx)
		if err != nil {
			return fmt.Errorf("list workout logs: %w", err)
		}
		for _, row := range rows {
			l, err := logFromRow(row)
			if err != nil {
				return err
			}
			if !yield(DayLog{PlanID: row.PlanID, Week: row.Week, Day: row.Day, Log: l}) {
				return nil
			}
		}
		if len(rows) < eachLogPage {
			return nil
		}
	}
}
