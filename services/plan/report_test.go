package plan_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/report"
)

// TestReport reads reports through the handlers on the rules: any week of the plan or the
// whole of it, a week without logs included; NOT_FOUND past the plan or for another person.
func TestReport(t *testing.T) {
	e := newEnv(t, "", nil)
	ctx := e.as(t, "rae")
	e.onboard(t, "rae", func(p *planv1.Profile) { p.DurationWeeks = 4 })
	created, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "r1"})
	require.NoError(t, err)
	p := created.GetPlan()

	empty, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 2})
	require.NoError(t, err)
	r := empty.GetReport()
	require.Equal(t, "rules", r.GetProvider())
	require.EqualValues(t, 0, r.GetSessions())
	require.EqualValues(t, 2, r.GetWeek())
	require.Equal(t, p.GetId(), r.GetPlanId())
	require.Contains(t, r.GetAnalysis(), "Week 2 holds", "a week without logs says what it holds")
	require.NotEmpty(t, r.GetMotivation())
	require.NotEmpty(t, r.GetLongTermStrategy())
	require.NotNil(t, r.GetCreateTime())

	logWeekOne(t, e, "rae", p)
	week, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 1})
	require.NoError(t, err)
	planned := 0
	for _, d := range p.GetWeeks()[0].GetDays() {
		if !d.GetIsRestDay() {
			planned++
		}
	}
	require.EqualValues(t, planned, week.GetReport().GetSessions())
	require.Contains(t, week.GetReport().GetAnalysis(), "Week 1: ")
	require.GreaterOrEqual(t, len(week.GetReport().GetRecommendations()), 2)
	require.Contains(t, week.GetReport().GetRecommendations(), "Log the load and effort of every set: then the next step is set from your numbers rather than guessed.",
		"logs of sets and reps alone")

	whole, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 0})
	require.NoError(t, err)
	require.EqualValues(t, 0, whole.GetReport().GetWeek())
	require.EqualValues(t, planned, whole.GetReport().GetSessions())
	require.Contains(t, whole.GetReport().GetLongTermStrategy(), "weeks remain")

	_, err = e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: p.GetDurationWeeks() + 1})
	require.Equal(t, codes.NotFound, status.Code(err), "a week beyond the plan")
	_, err = e.client.GetReport(e.as(t, "eve"), &planv1.GetReportRequest{PlanId: p.GetId(), Week: 1})
	require.Equal(t, codes.NotFound, status.Code(err), "another person's plan")
}

// TestReportWithLLM: the model writes the report once; reading it again (over gRPC or by the
// job's WriteReport) makes no request, and a new log makes a new report. A model that keeps
// breaking the schema leaves the report to the rules.
func TestReportWithLLM(t *testing.T) {
	good := `{"analysis":"You did every session of week 1.","motivation":"Steady work, my friend.","recommendations":["Keep the same numbers next week."],"long_term_strategy":"The weeks ahead build slowly."}`
	bad := `{"analysis":"","motivation":"ok","recommendations":[],"long_term_strategy":"ok"}`
	tests := []struct {
		name     string
		answers  []string
		provider string
		requests int
	}{
		{"good", []string{good}, "openai", 1},
		{"bad then good", []string{bad, good}, "openai", 2},
		{"always bad", []string{bad}, "rules", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			e := newEnv(t, "", []llmtest.Step{{Respond: func(r llmtest.Request) llmtest.Step {
				if r.ResponseFormat.JSONSchema.Name != report.SchemaName {
					// Plan generation: let the built-in planner make the plan.
					return llmtest.Step{Status: 400}
				}
				n++
				return llmtest.Step{Content: tt.answers[min(n-1, len(tt.answers)-1)]}
			}}})
			ctx := e.as(t, "lev")
			e.onboard(t, "lev", nil)
			created, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "l1"})
			require.NoError(t, err)
			p := created.GetPlan()
			logWeekOne(t, e, "lev", p)

			first, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 1})
			require.NoError(t, err)
			require.Equal(t, tt.provider, first.GetReport().GetProvider())
			require.Equal(t, tt.requests, n)
			if tt.provider == "openai" {
				require.Equal(t, "You did every session of week 1.", first.GetReport().GetAnalysis())
			} else {
				require.Contains(t, first.GetReport().GetAnalysis(), "Week 1: ")
			}

			again, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 1})
			require.NoError(t, err)
			require.Equal(t, tt.requests, n, "the second read makes no LLM request")
			require.Equal(t, first.GetReport().GetCreateTime().AsTime(), again.GetReport().GetCreateTime().AsTime())
			job, err := e.svc.WriteReport(t.Context(), "lev", p.GetId(), 1)
			require.NoError(t, err)
			require.Equal(t, tt.requests, n, "the job finds the stored report")
			require.Equal(t, first.GetReport().GetAnalysis(), job.GetAnalysis())

			// Logging a day of the week again changes what the report reads.
			var ex *planv1.Day
			for _, d := range p.GetWeeks()[0].GetDays() {
				if !d.GetIsRestDay() && ex == nil {
					ex = d
				}
			}
			_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: ex.GetDayNumber(),
				Exercises: []*planv1.CompletedExercise{{ExerciseSlug: ex.GetExercises()[0].GetExerciseSlug(), SetsDone: 1, RepsDone: []int32{5}}}, PerceivedEffort: 9})
			require.NoError(t, err)
			changed, err := e.client.GetReport(ctx, &planv1.GetReportRequest{PlanId: p.GetId(), Week: 1})
			require.NoError(t, err)
			require.Greater(t, n, tt.requests, "a new log makes a new report")
			require.Equal(t, tt.provider, changed.GetReport().GetProvider())
			if tt.provider == "rules" {
				require.NotEqual(t, first.GetReport().GetAnalysis(), changed.GetReport().GetAnalysis(), "the rules read the new effort")
			}
		})
	}
}
