CREATE TABLE profiles (
  subject         TEXT PRIMARY KEY,
  goal            TEXT NOT NULL,
  fitness_level   INTEGER NOT NULL,
  equipment       TEXT NOT NULL,
  days_per_week   INTEGER NOT NULL,
  duration_weeks  INTEGER NOT NULL,
  session_minutes INTEGER NOT NULL,
  limitations     TEXT NOT NULL,
  archetype       INTEGER NOT NULL,
  locale          TEXT NOT NULL,
  create_time     DATETIME NOT NULL,
  update_time     DATETIME NOT NULL
);

CREATE TABLE plans (
  id                 TEXT PRIMARY KEY,
  subject            TEXT NOT NULL,
  request_id         TEXT NOT NULL,
  plan_name          TEXT NOT NULL,
  duration_weeks     INTEGER NOT NULL,
  goal               TEXT NOT NULL,
  body               BLOB NOT NULL,
  provider           TEXT NOT NULL,
  model              TEXT NOT NULL,
  attempts           INTEGER NOT NULL,
  substitutions      TEXT NOT NULL,
  substitution_count INTEGER NOT NULL,
  fallback_reason    TEXT NOT NULL,
  prompt_version     TEXT NOT NULL,
  prompt_tokens      INTEGER NOT NULL,
  completion_tokens  INTEGER NOT NULL,
  total_tokens       INTEGER NOT NULL,
  generation_ms      INTEGER NOT NULL,
  llm_ms             INTEGER NOT NULL,
  archetype          INTEGER NOT NULL,
  locale             TEXT NOT NULL,
  create_time        DATETIME NOT NULL
);
CREATE UNIQUE INDEX plan_subject_request_id ON plans (subject, request_id);
CREATE INDEX plan_subject_create_time ON plans (subject, create_time);

CREATE TABLE workout_logs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id          TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  subject          TEXT NOT NULL,
  week             INTEGER NOT NULL,
  day              INTEGER NOT NULL,
  exercises        TEXT NOT NULL,
  perceived_effort INTEGER NOT NULL,
  notes            TEXT NOT NULL,
  complete_time    DATETIME NOT NULL
);
CREATE UNIQUE INDEX workoutlog_plan_id_week_day ON workout_logs (plan_id, week, day);
