package plan_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/fitcoach/fitcoach/pkg/config"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
)

func TestProfile(t *testing.T) {
	e := newEnv(t, "", nil)
	_, err := e.client.GetProfile(e.as(t, "alice"), &planv1.GetProfileRequest{})
	require.Equal(t, codes.NotFound, status.Code(err), "before onboarding")

	first := e.onboard(t, "alice", nil)
	require.NotNil(t, first.GetUpdateTime())
	second := e.onboard(t, "alice", func(p *planv1.Profile) { p.Locale, p.Equipment = "ru", nil })
	got, err := e.client.GetProfile(e.as(t, "alice"), &planv1.GetProfileRequest{})
	require.NoError(t, err)
	require.Equal(t, "ru", got.GetProfile().GetLocale())
	require.Empty(t, got.GetProfile().GetEquipment())
	require.Equal(t, second.GetGoal(), got.GetProfile().GetGoal())

	tests := []struct {
		name  string
		edit  func(*planv1.Profile)
		field string
	}{
		{"days per week", func(p *planv1.Profile) { p.DaysPerWeek = 7 }, "profile.days_per_week"},
		{"duration", func(p *planv1.Profile) { p.DurationWeeks = 3 }, "profile.duration_weeks"},
		{"locale", func(p *planv1.Profile) { p.Locale = "de" }, "profile.locale"},
		{"level", func(p *planv1.Profile) { p.FitnessLevel = typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED }, "profile.fitness_level"},
		{"archetype", func(p *planv1.Profile) { p.Archetype = 42 }, "profile.archetype"},
		{"equipment", func(p *planv1.Profile) { p.Equipment = []string{"Dumb Bell"} }, "profile.equipment[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := sampleProfile()
			tc.edit(p)
			_, err := e.client.UpsertProfile(e.as(t, "alice"), &planv1.UpsertProfileRequest{Profile: p})
			require.Equal(t, codes.InvalidArgument, status.Code(err))
			require.Contains(t, violationFields(err), tc.field)
		})
	}
}

func violationFields(err error) []string {
	var out []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField())
			}
		}
	}
	return out
}

func TestCreatePlanNeedsProfile(t *testing.T) {
	e := newEnv(t, "", nil)
	_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
}

// TestCreatePlanIdempotent runs on both databases: the unique (subject, request_id) index is
// what settles concurrent duplicates across replicas.
func TestCreatePlanIdempotent(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) { testCreatePlanIdempotent(t, b.Open(t)) })
	}
}

func testCreatePlanIdempotent(t *testing.T, dsn string) {
	m := newModel(t, goodTemplate(t, sampleProfile()))
	m.tps = 2000
	e := newEnv(t, dsn, []llmtest.Step{{Respond: m.respond}})
	e.onboard(t, "alice", nil)
	e.onboard(t, "bob", nil)

	first, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "req-1"})
	require.NoError(t, err)
	again, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "req-1"})
	require.NoError(t, err)
	require.Equal(t, first.GetPlan().GetId(), again.GetPlan().GetId())
	require.Equal(t, 1, m.count("outline"), "a repeated request id makes no second generation")

	// The same request id of another person is another plan.
	bobs, err := e.client.CreatePlan(e.as(t, "bob"), &planv1.CreatePlanRequest{RequestId: "req-1"})
	require.NoError(t, err)
	require.NotEqual(t, first.GetPlan().GetId(), bobs.GetPlan().GetId())

	// Concurrent duplicates: one plan.
	const n = 8
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "req-2"})
			if err == nil {
				ids[i] = resp.GetPlan().GetId()
			}
		})
	}
	wg.Wait()
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
	list, err := e.client.ListPlans(e.as(t, "alice"), &planv1.ListPlansRequest{})
	require.NoError(t, err)
	require.Len(t, list.GetPlans(), 2)

	// Without a request id every call is a new plan.
	a, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	b, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	require.NotEqual(t, a.GetPlan().GetId(), b.GetPlan().GetId())
}

func TestListPlansPaging(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", nil)
	var made []string
	for i := range 5 {
		resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: fmt.Sprintf("r%d", i)})
		require.NoError(t, err)
		made = append(made, resp.GetPlan().GetId())
		time.Sleep(2 * time.Millisecond)
	}
	var seen []string
	tok := ""
	for {
		size := int32(2)
		resp, err := e.client.ListPlans(e.as(t, "alice"), &planv1.ListPlansRequest{PageSize: &size, PageToken: tok})
		require.NoError(t, err)
		for _, p := range resp.GetPlans() {
			seen = append(seen, p.GetId())
			require.Equal(t, "builtin", p.GetProvider())
		}
		if tok = resp.GetNextPageToken(); tok == "" {
			break
		}
	}
	require.Equal(t, []string{made[4], made[3], made[2], made[1], made[0]}, seen, "newest first, each once")
	_, err := e.client.ListPlans(e.as(t, "alice"), &planv1.ListPlansRequest{PageToken: "garbage"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

func TestCrossPersonAccessDenied(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", nil)
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "mine"})
	require.NoError(t, err)
	id := resp.GetPlan().GetId()
	// Warm the cache with alice's plan: the cache must not leak it either.
	_, err = e.client.StartWorkout(e.as(t, "alice"), &planv1.StartWorkoutRequest{PlanId: id, Week: 1, Day: 1})
	require.NoError(t, err)

	bob := e.as(t, "bob")
	calls := map[string]func() error{
		"GetPlan": func() error {
			_, err := e.client.GetPlan(bob, &planv1.GetPlanRequest{PlanId: id})
			return err
		},
		"GetWorkout": func() error {
			_, err := e.client.GetWorkout(bob, &planv1.GetWorkoutRequest{PlanId: id, Week: 1, Day: 1})
			return err
		},
		"StartWorkout": func() error {
			_, err := e.client.StartWorkout(bob, &planv1.StartWorkoutRequest{PlanId: id, Week: 1, Day: 1})
			return err
		},
		"CompleteWorkout": func() error {
			_, err := e.client.CompleteWorkout(bob, &planv1.CompleteWorkoutRequest{PlanId: id, Week: 1, Day: 1, PerceivedEffort: 5})
			return err
		},
		"GetProfile": func() error {
			_, err := e.client.GetProfile(bob, &planv1.GetProfileRequest{})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, codes.NotFound, status.Code(call()))
		})
	}
	list, err := e.client.ListPlans(bob, &planv1.ListPlansRequest{})
	require.NoError(t, err)
	require.Empty(t, list.GetPlans())
	// Bob's identical request id does not answer alice's plan.
	e.onboard(t, "bob", nil)
	bobs, err := e.client.CreatePlan(bob, &planv1.CreatePlanRequest{RequestId: "mine"})
	require.NoError(t, err)
	require.NotEqual(t, id, bobs.GetPlan().GetId())

	_, err = e.client.GetPlan(t.Context(), &planv1.GetPlanRequest{PlanId: id})
	require.Equal(t, codes.Unauthenticated, status.Code(err))
}

func TestWorkouts(t *testing.T) {
	e := newEnv(t, "", nil)
	prof := e.onboard(t, "alice", func(p *planv1.Profile) { p.DurationWeeks, p.Locale = 4, "ru" })
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	ctx := e.as(t, "alice")

	// Start and complete every day of the plan.
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			st, err := e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: w.GetWeekNumber(), Day: d.GetDayNumber()})
			require.NoError(t, err)
			wk := st.GetWorkout()
			require.Equal(t, d.GetIsRestDay(), wk.GetIsRestDay())
			require.Len(t, wk.GetExercises(), len(d.GetExercises()))
			require.Empty(t, st.GetNotice())
			require.Len(t, st.GetPlaylist().GetItems(), 1+len(d.GetExercises()))
			req := e.video.Last()
			require.Equal(t, prof.GetArchetype(), req.GetArchetype())
			require.Equal(t, "ru", req.GetLocale())
			var done []*planv1.CompletedExercise
			for _, ex := range wk.GetExercises() {
				require.NotEmpty(t, ex.GetName(), "catalog name in the profile's locale")
				require.NotEqual(t, ex.GetNames().GetEn(), ex.GetName())
				done = append(done, &planv1.CompletedExercise{ExerciseSlug: ex.GetExerciseSlug(), SetsDone: ex.GetSets(), RepsDone: []int32{10, 9}})
			}
			c, err := e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: w.GetWeekNumber(), Day: d.GetDayNumber(), Exercises: done, PerceivedEffort: 7, Notes: "ok"})
			require.NoError(t, err)
			require.Equal(t, int32(7), c.GetLog().GetPerceivedEffort())
		}
	}

	// Completing again replaces the log.
	day := firstTrainingDay(p)
	slug := day.GetExercises()[0].GetExerciseSlug()
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(),
		Exercises: []*planv1.CompletedExercise{{ExerciseSlug: strings.ToUpper(slug), SetsDone: 1, RepsDone: []int32{5}}}, PerceivedEffort: 3, Notes: "tired"})
	require.NoError(t, err)
	got, err := e.client.GetWorkout(ctx, &planv1.GetWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber()})
	require.NoError(t, err)
	log := got.GetWorkout().GetLog()
	require.Equal(t, int32(3), log.GetPerceivedEffort())
	require.Equal(t, "tired", log.GetNotes())
	require.Len(t, log.GetExercises(), 1)
	require.Equal(t, slug, log.GetExercises()[0].GetExerciseSlug())

	// Days that do not exist, and exercises not in the day.
	_, err = e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 5, Day: 1})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 6, Day: 1, PerceivedEffort: 5})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber(), PerceivedEffort: 5,
		Exercises: []*planv1.CompletedExercise{{ExerciseSlug: "not-in-this-day"}}})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = e.client.CompleteWorkout(ctx, &planv1.CompleteWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: 1, PerceivedEffort: 11})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = e.client.GetWorkout(ctx, &planv1.GetWorkoutRequest{PlanId: "nope", Week: 1, Day: 1})
	require.Equal(t, codes.NotFound, status.Code(err))
}

func firstTrainingDay(p *planv1.Plan) *planv1.Day {
	for _, d := range p.GetWeeks()[0].GetDays() {
		if !d.GetIsRestDay() {
			return d
		}
	}
	return nil
}

func TestStartWorkoutWhenVideoFails(t *testing.T) {
	e := newEnv(t, "", nil, withConfig(func(c *plan.Config) { c.PlaylistTimeout = 200 * time.Millisecond }))
	e.onboard(t, "alice", nil)
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	day := firstTrainingDay(p)

	tests := []struct {
		name  string
		delay time.Duration
		err   error
	}{
		{"video service down", 0, status.Error(codes.Unavailable, "down")},
		{"video service slow", 5 * time.Second, nil},
		{"video service broken", 0, status.Error(codes.Internal, "boom")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.video.Script(tc.delay, tc.err)
			start := time.Now()
			st, err := e.client.StartWorkout(e.as(t, "alice"), &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber()})
			require.NoError(t, err, "Start workout never fails because of video")
			require.Less(t, time.Since(start), time.Second)
			require.Len(t, st.GetWorkout().GetExercises(), len(day.GetExercises()))
			require.Empty(t, st.GetPlaylist().GetItems())
			require.Contains(t, st.GetNotice(), "Videos are unavailable")
		})
	}
	e.video.Script(0, nil)
	e.onboard(t, "alice", func(p *planv1.Profile) { p.Locale = "ru" })
	e.video.Script(0, status.Error(codes.Unavailable, "down"))
	st, err := e.client.StartWorkout(e.as(t, "alice"), &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: 1, Day: day.GetDayNumber()})
	require.NoError(t, err)
	require.Contains(t, st.GetNotice(), "Видео сейчас недоступны", "the notice follows the profile's locale at once")
	require.Equal(t, 3.0, metricValue(t, e, "fitcoach_plan_playlist_failures_total", "error"))
}

func TestValidatePlan(t *testing.T) {
	e := newEnv(t, "", nil)
	full := `{"plan_name":"x"}`
	resp, err := e.client.ValidatePlan(e.as(t, "alice"), &planv1.ValidatePlanRequest{PlanJson: full})
	require.NoError(t, err)
	require.False(t, resp.GetValid())
	require.NotEmpty(t, resp.GetViolations())

	e.onboard(t, "alice", nil)
	made, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	raw := planJSON(t, made.GetPlan())
	resp, err = e.client.ValidatePlan(e.as(t, "alice"), &planv1.ValidatePlanRequest{PlanJson: "```json\n" + raw + "\n```"})
	require.NoError(t, err)
	require.True(t, resp.GetValid(), "%v", resp.GetViolations())
}

// TestValidatePlanBoundsTheWork sends the audit's request (400 weeks × 7 days × 50 empty
// exercises, about 600 KB) over gRPC: it is refused as INVALID_ARGUMENT with at most 100
// violations and an "and N more" marker, in bounded memory. Before the size gate the same
// request produced about 700,000 violations and a response larger than gRPC's 4 MB limit.
func TestValidatePlanBoundsTheWork(t *testing.T) {
	e := newEnv(t, "", nil)
	ctx := e.as(t, "alice")
	var b strings.Builder
	b.WriteString(`{"plan_name":"Audit plan","duration_weeks":4,"goal":"Find the limits","weeks":[`)
	for w := range 400 {
		if w > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"week_number":%d,"days":[`, w+1)
		for d := range 7 {
			if d > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"day_number":%d,"workout_name":"Day","exercises":[%s{}]}`, d+1, strings.Repeat("{},", 49))
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	body := b.String()

	// Warm up: the first call builds the rule set and the connection.
	_, err := e.client.ValidatePlan(ctx, &planv1.ValidatePlanRequest{PlanJson: `{}`})
	require.NoError(t, err)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = e.client.ValidatePlan(ctx, &planv1.ValidatePlanRequest{PlanJson: body})
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc

	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	var vs []*errdetails.BadRequest_FieldViolation
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			vs = br.GetFieldViolations()
		}
	}
	require.Len(t, vs, 101, "100 violations and the marker")
	require.Equal(t, "weeks", vs[0].GetField())
	require.Equal(t, "repeated.max_items", vs[0].GetReason())
	require.Equal(t, "violations.truncated", vs[100].GetReason())
	require.Equal(t, "and 2701 more violations", vs[100].GetDescription())
	// The request itself is copied a few times on its way (client marshal, server unmarshal,
	// string to bytes): a handful of megabytes. The unbounded check allocated ~280 MB.
	require.Less(t, allocated, uint64(16<<20), "ValidatePlan allocated %d bytes", allocated)
	t.Logf("ValidatePlan of the %d-byte audit request allocated %d bytes (client and server)", len(body), allocated)

	// A plan within the limits but wrong everywhere is judged (200, valid false) with the cap.
	b.Reset()
	b.WriteString(`{"weeks":[`)
	for w := range 12 {
		if w > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"days":[` + strings.Repeat(`{"exercises":[`+strings.Repeat(`{"sets":99},`, 19)+`{"sets":99}]},`, 6) + `{}]}`)
	}
	b.WriteString(`]}`)
	resp, err := e.client.ValidatePlan(ctx, &planv1.ValidatePlanRequest{PlanJson: b.String()})
	require.NoError(t, err)
	require.False(t, resp.GetValid())
	require.Len(t, resp.GetViolations(), 101)
	require.Equal(t, "violations.truncated", resp.GetViolations()[100].GetRule())
	require.Regexp(t, `^and \d+ more violations$`, resp.GetViolations()[100].GetMessage())
}

func TestMetrics(t *testing.T) {
	m := newModel(t, goodTemplate(t, sampleProfile()))
	m.outline = []llmtest.Step{{Content: "not json"}}
	e := newEnv(t, "", []llmtest.Step{{Respond: m.respond}})
	e.onboard(t, "alice", nil)
	_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	families, err := e.reg.Gather()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, f := range families {
		names[f.GetName()] = true
	}
	for _, n := range []string{
		"fitcoach_plan_generations_total", "fitcoach_plan_llm_attempts_total", "fitcoach_plan_reprompts_total",
		"fitcoach_plan_fallbacks_total", "fitcoach_plan_llm_seconds", "fitcoach_plan_whitelist_size",
		"fitcoach_plan_llm_tokens_total", "fitcoach_plan_generation_seconds",
	} {
		require.True(t, names[n], n)
	}
	require.Equal(t, 2.0, metricValue(t, e, "fitcoach_plan_reprompts_total"))
	require.Equal(t, 1.0, metricValue(t, e, "fitcoach_plan_fallbacks_total", "invalid_plan"))
}

func TestConfigVars(t *testing.T) {
	var names []string
	for _, v := range config.Vars(plan.Config{}) {
		names = append(names, v.Name)
	}
	for _, want := range []string{"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "AI_REPROMPT_MAX_ATTEMPTS", "FALLBACK_TO_LEGACY_FLOW", "PLAN_GENERATION_TIMEOUT", "DATABASE_URL"} {
		require.Contains(t, names, want)
	}
	var cfg plan.Config
	require.NoError(t, config.Load(&cfg, func(string) (string, bool) { return "", false }))
	require.Equal(t, "gpt-4o-mini", cfg.OpenAIModel)
	require.Equal(t, 2, cfg.RepromptMaxAttempts)
	require.True(t, cfg.FallbackToLegacy)
	require.Equal(t, 60*time.Second, cfg.GenerationTimeout)
	require.NoError(t, cfg.Validate())
}

// metricValue sums the counter or gauge samples of a metric family whose label values
// include every one of labels.
func metricValue(t *testing.T, e *env, name string, labels ...string) float64 {
	t.Helper()
	families, err := e.reg.Gather()
	require.NoError(t, err)
	sum := 0.0
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	metrics:
		for _, m := range f.GetMetric() {
			for _, want := range labels {
				found := false
				for _, lp := range m.GetLabel() {
					found = found || lp.GetValue() == want
				}
				if !found {
					continue metrics
				}
			}
			sum += m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return sum
}

// planJSON renders a stored plan as the WorkoutPlan JSON an LLM would write.
func planJSON(t *testing.T, p *planv1.Plan) string {
	t.Helper()
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(&planv1.WorkoutPlan{
		PlanName: p.GetPlanName(), DurationWeeks: p.GetDurationWeeks(), Goal: p.GetGoal(), Notes: p.GetNotes(), Weeks: p.GetWeeks(),
	})
	require.NoError(t, err)
	return string(b)
}

func TestCreatePlanWhenCatalogFails(t *testing.T) {
	e := newEnv(t, "", nil)
	e.onboard(t, "alice", nil)
	e.catalog.FailWith(status.Error(codes.Unavailable, "catalog down"))
	_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.Equal(t, codes.Unavailable, status.Code(err), "no allowed list, no plan: never one with exercises lacking video")

	e.catalog.FailWith(nil)
	_, err = e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	// A recent allowed list carries generation through a catalog outage.
	e.catalog.FailWith(status.Error(codes.Unavailable, "catalog down"))
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	requireValidPlan(t, resp.GetPlan(), sampleProfile())

	// No exercise fits: a clear precondition error.
	e.catalog.FailWith(nil)
	e.catalog.SetExercises(nil)
	e.onboard(t, "bob", func(p *planv1.Profile) { p.Equipment = []string{"kettlebell"} })
	_, err = e.client.CreatePlan(e.as(t, "bob"), &planv1.CreatePlanRequest{})
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
}
