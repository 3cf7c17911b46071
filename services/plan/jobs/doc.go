// Package jobs is the plan service's durable background work on River: plan generation,
// the weekly adaptation and the coach report. Jobs live in the service's own database (River's
// PostgreSQL driver in production, its SQLite driver under `fitcoach dev`), so a client that
// goes away does not cancel its generation, a killed process's jobs are picked up again
// (River rescues a job still "running" after Config.RescueAfter and retries it), and replicas
// share one queue.
//
// Every kind is unique per its arguments while a job of those arguments is queued, running or
// completed (River's default unique states), and what each worker does is idempotent on its
// own key besides (a plan per request id, a revision per week), so a retry after a crash never
// does the work twice. A job whose attempts are all spent is discarded: the dead letter that
// `fitcoach jobs list --state discarded` shows and `fitcoach jobs retry ID` runs again.
//
// The work itself is injected (Handlers): the package knows queues and retries, not plans.
package jobs
