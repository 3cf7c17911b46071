DROP TABLE week_closes;
DROP TABLE plan_requests;
