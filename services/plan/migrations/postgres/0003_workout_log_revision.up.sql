-- The plan revision a day was done from (0 for logs stored before revisions), and the index
-- that reads a person's logs in order for history, progress and "last time".
ALTER TABLE workout_logs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX workoutlog_subject_complete_time ON workout_logs (subject, complete_time);
