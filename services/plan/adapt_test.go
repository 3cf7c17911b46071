package plan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
)

// logWeekOne completes every training day of week 1 at the top of each range, effort 7.
func logWeekOne(t *testing.T, e *env, sub string, p *planv1.Plan) {
	t.Helper()
	for _, d := range p.GetWeeks()[0].GetDays() {
		if d.GetIsRestDay() {
			continue
		}
		var done []*planv1.CompletedExercise
		for _, x := range d.GetExercises() {
			reps := x.GetReps()
			if i := strings.Index(reps, "-"); i >= 0 {
				reps = reps[i+1:]
			}
			n := int32(0)
			for _, c := range reps {
				n = n*10 + int32(c-'0')
			}
			ce := &planv1.CompletedExercise{ExerciseSlug: x.GetExerciseSlug(), SetsDone: max(1, x.GetSets())}
			for range max(1, x.GetSets()) {
				ce.RepsDone = append(ce.RepsDone, n)
			}
			done = append(done, ce)
		}
		_, err := e.client.CompleteWorkout(e.as(t, sub), &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: d.GetDayNumber(), Exercises: done, PerceivedEffort: 7})
		require.NoError(t, err)
	}
}

func TestAdaptSwapRevert(t *testing.T) {
	e := newEnv(t, "", nil)
	ctx := e.as(t, "ada")
	e.onboard(t, "ada", nil)
	created, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "a1"})
	require.NoError(t, err)
	p := created.GetPlan()
	require.EqualValues(t, 1, p.GetRevision())
	logWeekOne(t, e, "ada", p)

	_, err = e.client.AdaptPlan(ctx, &planv1.AdaptPlanRequest{PlanId: p.GetId(), Week: p.GetDurationWeeks()})
	requireField(t, err, "week")

	ad, err := e.client.AdaptPlan(ctx, &planv1.AdaptPlanRequest{PlanId: p.GetId(), Week: 1})
	require.NoError(t, err)
	rev := ad.GetRevision()
	require.EqualValues(t, 2, rev.GetNumber())
	require.Equal(t, planv1.RevisionKind_REVISION_KIND_ADAPTATION, rev.GetKind())
	require.Equal(t, "rules", rev.GetProvider())
	require.NotEmpty(t, rev.GetChanges())
	require.EqualValues(t, 2, ad.GetPlan().GetRevision())
	again, err := e.client.AdaptPlan(ctx, &planv1.AdaptPlanRequest{PlanId: p.GetId(), Week: 1})
	require.NoError(t, err)
	require.EqualValues(t, 2, again.GetRevision().GetNumber(), "adapting the same week on the same revision answers it")
	_, err = e.client.AdaptPlan(e.as(t, "eve"), &planv1.AdaptPlanRequest{PlanId: p.GetId(), Week: 1})
	require.Equal(t, codes.NotFound, status.Code(err))

	got, err := e.client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: p.GetId()})
	require.NoError(t, err)
	require.EqualValues(t, 2, got.GetPlan().GetRevision())

	// Swap the first exercise of week 2's first training day, for the later weeks too.
	var day *planv1.Day
	for _, d := range got.GetPlan().GetWeeks()[1].GetDays() {
		if !d.GetIsRestDay() && day == nil {
			day = d
		}
	}
	var slug string
	var opts *planv1.ListSwapOptionsResponse
	for _, x := range day.GetExercises() {
		o, err := e.client.ListSwapOptions(ctx, &planv1.ListSwapOptionsRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber(), ExerciseSlug: x.GetExerciseSlug()})
		require.NoError(t, err)
		if len(o.GetOptions()) > 0 {
			slug, opts = x.GetExerciseSlug(), o
			break
		}
	}
	require.NotEmpty(t, slug, "some exercise of the day has options")
	require.NotEmpty(t, opts.GetOptions()[0].GetReason())
	_, err = e.client.SwapExercise(ctx, &planv1.SwapExerciseRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber(), ExerciseSlug: slug, ToSlug: "not-an-option"})
	requireField(t, err, "to_slug")
	_, err = e.client.ListSwapOptions(ctx, &planv1.ListSwapOptionsRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber(), ExerciseSlug: "not-in-the-day"})
	requireField(t, err, "exercise_slug")
	to := opts.GetOptions()[0].GetExerciseSlug()
	sw, err := e.client.SwapExercise(ctx, &planv1.SwapExerciseRequest{PlanId: p.GetId(), Week: 2, Day: day.GetDayNumber(), ExerciseSlug: slug, ToSlug: to, LaterWeeks: true})
	require.NoError(t, err)
	require.EqualValues(t, 3, sw.GetRevision().GetNumber())
	require.Equal(t, planv1.RevisionKind_REVISION_KIND_SWAP, sw.GetRevision().GetKind())
	require.EqualValues(t, 3, sw.GetWorkout().GetRevision())

	// The playlist follows the current revision.
	_, err = e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 3, Day: day.GetDayNumber()})
	require.NoError(t, err)
	var played []string
	for _, x := range e.video.Last().GetExercises() {
		played = append(played, x.GetExerciseSlug())
	}
	require.Contains(t, played, to)
	require.NotContains(t, played, slug)

	list, err := e.client.ListRevisions(ctx, &planv1.ListRevisionsRequest{PlanId: p.GetId()})
	require.NoError(t, err)
	require.Len(t, list.GetRevisions(), 3)
	require.EqualValues(t, 3, list.GetRevisions()[0].GetNumber())

	_, err = e.client.RevertPlan(ctx, &planv1.RevertPlanRequest{PlanId: p.GetId(), Current: 2})
	require.Equal(t, codes.FailedPrecondition, status.Code(err), "the caller has not seen revision 3")
	rv, err := e.client.RevertPlan(ctx, &planv1.RevertPlanRequest{PlanId: p.GetId(), Current: 3})
	require.NoError(t, err)
	require.EqualValues(t, 4, rv.GetRevision().GetNumber())
	require.Equal(t, planv1.RevisionKind_REVISION_KIND_REVERT, rv.GetRevision().GetKind())
	for _, x := range rv.GetPlan().GetWeeks()[2].GetDays()[day.GetDayNumber()-1].GetExercises() {
		require.NotEqual(t, to, x.GetExerciseSlug(), "the swap is undone")
	}
}

// TestRevisionStalenessAcrossReplicas runs two services on one database: a revision made on
// one is seen by the other once PLAN_REVISION_TTL has passed, and not before.
func TestRevisionStalenessAcrossReplicas(t *testing.T) {
	dsn := "sqlite://" + t.TempDir() + "/shared.db"
	const ttl = 300 * time.Millisecond
	a := newEnv(t, dsn, nil, withConfig(func(c *plan.Config) { c.RevisionTTL = ttl }))
	b := newEnv(t, dsn, nil, withConfig(func(c *plan.Config) { c.RevisionTTL = ttl }))
	a.onboard(t, "rita", nil)
	created, err := a.client.CreatePlan(a.as(t, "rita"), &planv1.CreatePlanRequest{RequestId: "r1"})
	require.NoError(t, err)
	id := created.GetPlan().GetId()
	seen, err := b.client.GetPlan(b.as(t, "rita"), &planv1.GetPlanRequest{PlanId: id})
	require.NoError(t, err)
	require.EqualValues(t, 1, seen.GetPlan().GetRevision())

	logWeekOne(t, a, "rita", created.GetPlan())
	ad, err := a.client.AdaptPlan(a.as(t, "rita"), &planv1.AdaptPlanRequest{PlanId: id, Week: 1})
	require.NoError(t, err)
	require.EqualValues(t, 2, ad.GetPlan().GetRevision(), "the writing replica sees it at once")
	start := time.Now()
	stale, err := b.client.GetPlan(b.as(t, "rita"), &planv1.GetPlanRequest{PlanId: id})
	require.NoError(t, err)
	if time.Since(start) < ttl/2 {
		require.EqualValues(t, 1, stale.GetPlan().GetRevision(), "the other replica's cache is within its TTL")
	}
	require.Eventually(t, func() bool {
		fresh, err := b.client.GetPlan(b.as(t, "rita"), &planv1.GetPlanRequest{PlanId: id})
		return err == nil && fresh.GetPlan().GetRevision() == 2
	}, 3*ttl, 20*time.Millisecond, "seen within the TTL")
}

// TestAdaptWithLLM: a good answer is kept in the coach's words; a bad one is sent back with
// its violations and the fixed one kept; one that stays bad leaves the work to the rules.
func TestAdaptWithLLM(t *testing.T) {
	tests := []struct {
		name     string
		answers  func(good string) []llmtest.Step
		provider string
		requests int
	}{
		{"good", func(good string) []llmtest.Step { return []llmtest.Step{{Content: good}} }, "openai", 1},
		{"bad then good", func(good string) []llmtest.Step { return []llmtest.Step{{Content: tooHeavy(good)}, {Content: good}} }, "openai", 2},
		{"always bad", func(good string) []llmtest.Step { return []llmtest.Step{{Content: tooHeavy(good)}} }, "rules", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var script []llmtest.Step
			var good string
			m := &struct{ n int }{}
			e := newEnv(t, "", []llmtest.Step{{Respond: func(r llmtest.Request) llmtest.Step {
				if r.ResponseFormat.JSONSchema.Name != "plan_adaptation" {
					// Plan generation: let the built-in planner make the plan.
					return llmtest.Step{Status: 400}
				}
				m.n++
				return script[min(m.n-1, len(script)-1)]
			}}})
			ctx := e.as(t, "lola")
			e.onboard(t, "lola", nil)
			created, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "l1"})
			require.NoError(t, err)
			p := created.GetPlan()
			// Logging the week's last session queues the same adaptation as a job: the script
			// is ready before, and whichever runs first makes the one revision.
			good = goodAdaptation(p)
			script = tt.answers(good)
			logWeekOne(t, e, "lola", p)
			ad, err := e.client.AdaptPlan(ctx, &planv1.AdaptPlanRequest{PlanId: p.GetId(), Week: 1})
			require.NoError(t, err)
			require.Equal(t, tt.provider, ad.GetRevision().GetProvider())
			require.GreaterOrEqual(t, m.n, tt.requests)
			if tt.provider == "openai" {
				require.Equal(t, "Steady week — keep going, my friend.", ad.GetRevision().GetSummary())
				require.Contains(t, ad.GetRevision().GetChanges()[0].GetReason(), "coach says")
			}
			if tt.requests > 1 {
				last := e.llm.Requests()[len(e.llm.Requests())-1]
				require.Contains(t, last.Messages[len(last.Messages)-1].Content, "adapt.load_without_basis", "the reprompt names the violation")
			}
		})
	}
}

// goodAdaptation keeps every exercise of week 1, each with a reason in the coach's words.
func goodAdaptation(p *planv1.Plan) string {
	seen := map[string]bool{}
	var items []string
	for _, d := range p.GetWeeks()[0].GetDays() {
		for _, x := range d.GetExercises() {
			if seen[x.GetExerciseSlug()] || x.GetBlock() == "warmup" || x.GetBlock() == "cooldown" {
				continue
			}
			seen[x.GetExerciseSlug()] = true
			items = append(items, `{"exercise_slug":"`+x.GetExerciseSlug()+`","action":"keep","to_slug":null,"load_kg":null,"sets":null,"reps":null,"seconds":null,"reason":"coach says: you did it all, keep it"}`)
		}
	}
	return `{"summary":"Steady week — keep going, my friend.","exercises":[` + strings.Join(items, ",") + `]}`
}

// tooHeavy gives the first exercise a load it has no logged basis for.
func tooHeavy(good string) string {
	return strings.Replace(good, `"load_kg":null`, `"load_kg":80`, 1)
}

func requireField(t *testing.T, err error, field string) {
	t.Helper()
	st := status.Convert(err)
	require.Equal(t, codes.InvalidArgument, st.Code(), "%v", err)
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				if v.GetField() == field {
					return
				}
			}
		}
	}
	t.Fatalf("no violation of %s in %v", field, err)
}
