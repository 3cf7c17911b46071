DROP INDEX workoutlog_subject_complete_time;
ALTER TABLE workout_logs DROP COLUMN revision;
