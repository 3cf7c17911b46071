package jobs

import (
	"github.com/riverqueue/river"
)

// Job kinds, as stored in river_job.kind.
const (
	KindGeneratePlan = "generate_plan"
	KindAdaptWeek    = "adapt_week"
	KindCoachReport  = "coach_report"
	KindCloseWeeks   = "close_ended_weeks"
)

// Kinds lists every job kind, for the metrics and the CLI.
var Kinds = []string{KindGeneratePlan, KindAdaptWeek, KindCoachReport, KindCloseWeeks}

// GeneratePlanArgs asks for the plan of one request: unique per (subject, request_id), so
// however often a request is repeated, by however many replicas, one job makes its plan.
type GeneratePlanArgs struct {
	Subject   string `json:"subject" river:"unique"`
	RequestID string `json:"request_id" river:"unique"`
	// PlanID is the id the plan is stored under, chosen when the request was taken.
	PlanID string `json:"plan_id"`
}

// Kind is the job's kind.
func (GeneratePlanArgs) Kind() string { return KindGeneratePlan }

// InsertOpts makes the job unique per request.
func (GeneratePlanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueGenerate, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// AdaptWeekArgs asks for the adaptation of the weeks after week of a plan.
type AdaptWeekArgs struct {
	Subject string `json:"subject"`
	PlanID  string `json:"plan_id"`
	Week    int32  `json:"week"`
}

// Kind is the job's kind.
func (AdaptWeekArgs) Kind() string { return KindAdaptWeek }

// InsertOpts makes the job unique per (subject, plan, week).
func (AdaptWeekArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueCoach, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// CoachReportArgs asks for the coach's report on week of a plan.
type CoachReportArgs struct {
	Subject string `json:"subject"`
	PlanID  string `json:"plan_id"`
	Week    int32  `json:"week"`
}

// Kind is the job's kind.
func (CoachReportArgs) Kind() string { return KindCoachReport }

// InsertOpts makes the job unique per (subject, plan, week).
func (CoachReportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueCoach, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// CloseWeeksArgs is the periodic sweep for plan weeks that ended without being adapted.
type CloseWeeksArgs struct{}

// Kind is the job's kind.
func (CloseWeeksArgs) Kind() string { return KindCloseWeeks }

// InsertOpts puts the sweep beside the coach's jobs; the next sweep is its retry.
func (CloseWeeksArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueCoach, MaxAttempts: 1}
}
