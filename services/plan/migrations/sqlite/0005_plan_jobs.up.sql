-- A plan asked for is a request until its generation job stores the plan; the id is the
-- plan's, known to the client at once. Failed requests stay, with the error, for the client
-- to read and an operator to retry.
CREATE TABLE plan_requests (
  id          TEXT PRIMARY KEY,
  subject     TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  state       TEXT NOT NULL,
  error       TEXT NOT NULL,
  attempts    INTEGER NOT NULL,
  create_time DATETIME NOT NULL,
  update_time DATETIME NOT NULL
);
CREATE UNIQUE INDEX planrequest_subject_request_id ON plan_requests (subject, request_id);
CREATE INDEX planrequest_subject_state ON plan_requests (subject, state);

-- Weeks handed to the adaptation job, so the periodic sweep hands each over once.
CREATE TABLE week_closes (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id      TEXT NOT NULL,
  subject      TEXT NOT NULL,
  week         INTEGER NOT NULL,
  cause        TEXT NOT NULL,
  enqueue_time DATETIME NOT NULL
);
CREATE UNIQUE INDEX weekclose_plan_id_week ON week_closes (plan_id, week);
