DROP TABLE coach_reports;
DROP TABLE plan_revisions;
