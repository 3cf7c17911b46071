-- Plan revisions after the first (the plans row is revision 1) and stored coach reports.
CREATE TABLE plan_revisions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  subject     TEXT NOT NULL,
  number      INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  base        INTEGER NOT NULL,
  week        INTEGER NOT NULL,
  body        BLOB NOT NULL,
  summary     TEXT NOT NULL,
  changes     TEXT NOT NULL,
  provider    TEXT NOT NULL,
  deload      BOOLEAN NOT NULL,
  op_key      TEXT,
  create_time DATETIME NOT NULL
);
CREATE UNIQUE INDEX planrevision_plan_id_number ON plan_revisions (plan_id, number);
CREATE UNIQUE INDEX planrevision_plan_id_op_key ON plan_revisions (plan_id, op_key);

CREATE TABLE coach_reports (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  subject     TEXT NOT NULL,
  week        INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  body        TEXT NOT NULL,
  create_time DATETIME NOT NULL
);
CREATE UNIQUE INDEX coachreport_plan_id_week_fingerprint ON coach_reports (plan_id, week, fingerprint);
