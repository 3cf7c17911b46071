package plan_test

import (
	"encoding/json"
	"google.golang.org/protobuf/proto"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
)

// requireValidPlan checks a stored plan against every plan rule and the person's whitelist.
func requireValidPlan(t *testing.T, p *planv1.Plan, profile *planv1.Profile) {
	t.Helper()
	wp := &planv1.WorkoutPlan{PlanName: p.GetPlanName(), DurationWeeks: p.GetDurationWeeks(), Goal: p.GetGoal(), Notes: p.GetNotes(), Weeks: p.GetWeeks()}
	require.Empty(t, aiplan.Validate(wp))
	ok := map[string]bool{}
	for _, e := range allowed(t, profile) {
		ok[e.GetSlug()] = true
	}
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			for _, e := range d.GetExercises() {
				require.True(t, ok[e.GetExerciseSlug()], "week %d day %d: %q is not an allowed slug", w.GetWeekNumber(), d.GetDayNumber(), e.GetExerciseSlug())
			}
		}
	}
}

func TestCreatePlanLLMScenarios(t *testing.T) {
	profile := sampleProfile() // 4 training days: days 1, 2, 4, 5
	badOutline := `{"plan_name":"x","duration_weeks":12,"goal":"short","notes":"","week_focus":[],"progression":{"sets_increase_every_weeks":1,"reps_increase_per_week":9,"deload_every_weeks":4,"deload_volume_percent":60}}`
	badDayTpl := goodTemplate(t, profile)
	badDayTpl.GetDays()[0].GetExercises()[0].Sets = proto.Int32(50)
	badDayTpl.GetDays()[0].GetExercises()[1].Reps = proto.String("12-8")
	badDay := dayJSON(t, badDayTpl.GetDays()[0])

	uncoachedTpl := goodTemplate(t, profile)
	first := uncoachedTpl.GetDays()[0]
	first.Exercises = first.GetExercises()[1:3] // no warm-up, no cool-down, a few minutes long
	uncoached := dayJSON(t, first)

	strayTpl := goodTemplate(t, profile)
	ex := strayTpl.GetDays()[0].GetExercises()
	ex[0].ExerciseSlug = "unicorn-squats"      // invented: no catalog entry
	ex[1].ExerciseSlug = "barbell-bench-press" // real, but needs a barbell
	ex[2].ExerciseSlug = "EX001"               // a code: normalised to its slug, not substituted
	ex[4].ExerciseSlug = "dragon-flag-xyz"     // invented, no word in common: the designed exercise of its block
	stray := dayJSON(t, strayTpl.GetDays()[0])

	type script struct {
		outline []llmtest.Step
		day1    []llmtest.Step
	}
	tests := []struct {
		name     string
		script   script
		opts     []envOption
		provider string
		reason   string
		// outlineCalls and day1Calls count the conversations' LLM calls (HTTP retries included).
		outlineCalls, day1Calls int
		// attempts is exact for plans the LLM made; when falling back, the other parts may be
		// cut short, so it is a lower bound.
		attempts      int32
		substitutions int32
		check         func(t *testing.T, reqs []llmtest.Request)
	}{
		{name: "good plan", provider: "openai", outlineCalls: 1, day1Calls: 1, attempts: 5},
		{name: "bad outline then good", script: script{outline: []llmtest.Step{{Content: badOutline}, {}}}, provider: "openai", outlineCalls: 2, day1Calls: 1, attempts: 6,
			check: func(t *testing.T, reqs []llmtest.Request) {
				for _, r := range reqs {
					if part, _ := partOf(r); part == "outline" && len(r.Messages) > 2 {
						require.Len(t, r.Messages, 4, "system, user, the bad answer, the violations")
						require.Equal(t, "assistant", r.Messages[2].Role)
						require.Contains(t, r.Messages[3].Content, "plan_name")
						require.Contains(t, r.Messages[3].Content, "progression.reps_increase_per_week")
						return
					}
				}
				t.Fatal("no reprompt")
			}},
		{name: "bad day then good", script: script{day1: []llmtest.Step{{Content: badDay}, {}}}, provider: "openai", outlineCalls: 1, day1Calls: 2, attempts: 6,
			check: func(t *testing.T, reqs []llmtest.Request) {
				for _, r := range reqs {
					if part, _ := partOf(r); part == "day 1" && len(r.Messages) > 2 {
						require.Contains(t, r.Messages[3].Content, "exercises[0].sets")
						require.Contains(t, r.Messages[3].Content, "exercises[1].reps")
						return
					}
				}
				t.Fatal("no reprompt")
			}},
		{name: "always bad", script: script{day1: []llmtest.Step{{Content: badDay}}}, provider: "builtin", reason: generate.ReasonInvalidPlan, outlineCalls: 1, day1Calls: 3, attempts: 3},
		{name: "malformed JSON then good", script: script{outline: []llmtest.Step{{Content: `{"plan_name": "x", "week_focus": [`}, {}}}, provider: "openai", outlineCalls: 2, day1Calls: 1, attempts: 6,
			check: func(t *testing.T, reqs []llmtest.Request) {
				for _, r := range reqs {
					if part, _ := partOf(r); part == "outline" && len(r.Messages) > 2 {
						require.Contains(t, r.Messages[3].Content, "json.syntax")
						return
					}
				}
				t.Fatal("no reprompt")
			}},
		{name: "always malformed", script: script{outline: []llmtest.Step{{Content: "Sure! Here is your plan: {oops"}}}, provider: "builtin", reason: generate.ReasonInvalidPlan, outlineCalls: 3, day1Calls: 1, attempts: 3},
		{name: "JSON in markdown fences", script: script{day1: []llmtest.Step{{Content: "Here you go:\n```json\n" + dayJSON(t, goodTemplate(t, profile).GetDays()[0]) + "\n```\nEnjoy!"}}}, provider: "openai", outlineCalls: 1, day1Calls: 1, attempts: 5},
		// A truncated part is asked once more with a larger cap before the plan falls back.
		{name: "truncated", script: script{outline: []llmtest.Step{{Content: badOutline[:40], FinishReason: "length"}}}, provider: "builtin", reason: generate.ReasonTruncated, outlineCalls: 2, day1Calls: 1, attempts: 2},
		{name: "truncated then good", script: script{outline: []llmtest.Step{{Content: badOutline[:40], FinishReason: "length"}, {}}}, provider: "openai", outlineCalls: 2, day1Calls: 1, attempts: 6},
		{name: "refusal", script: script{day1: []llmtest.Step{{Refusal: "I can't help with that."}}}, provider: "builtin", reason: generate.ReasonRefusal, outlineCalls: 1, day1Calls: 1, attempts: 1},
		// attempts counts HTTP requests: the outline's retry after the 429 is one.
		{name: "429 then success", script: script{outline: []llmtest.Step{{Status: http.StatusTooManyRequests, RetryAfter: "0"}, {}}}, provider: "openai", outlineCalls: 2, day1Calls: 1, attempts: 6},
		{name: "500 always", script: script{outline: []llmtest.Step{{Status: http.StatusInternalServerError}}}, provider: "builtin", reason: generate.ReasonUpstreamError, outlineCalls: 3, day1Calls: 1, attempts: 1},
		{name: "429 always", script: script{outline: []llmtest.Step{{Status: http.StatusTooManyRequests, RetryAfter: "0"}}}, provider: "builtin", reason: generate.ReasonRateLimited, outlineCalls: 3, day1Calls: 1, attempts: 1},
		{name: "slower than the deadline", script: script{outline: []llmtest.Step{{Delay: 10 * time.Second}}}, opts: []envOption{withTimeout(1500 * time.Millisecond)},
			provider: "builtin", reason: generate.ReasonTimeout, outlineCalls: 1, day1Calls: 1, attempts: 1},
		// Sent back twice (the reprompt names them), then substituted by similar allowed ones.
		{name: "exercise outside the whitelist", script: script{day1: []llmtest.Step{{Content: stray}}}, provider: "openai", outlineCalls: 1, day1Calls: 3, attempts: 7, substitutions: 36},
		// A valid day that breaks the coaching rules (no warm-up, far too short) is sent back.
		{name: "coaching violation then good", script: script{day1: []llmtest.Step{{Content: uncoached}, {}}}, provider: "openai", outlineCalls: 1, day1Calls: 2, attempts: 6},
		{name: "coaching violation always", script: script{day1: []llmtest.Step{{Content: uncoached}}}, provider: "builtin", reason: generate.ReasonInvalidPlan, outlineCalls: 1, day1Calls: 3, attempts: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := newModel(t, goodTemplate(t, profile))
			m.outline, m.days[1] = tc.script.outline, tc.script.day1
			e := newEnv(t, "", []llmtest.Step{{Respond: m.respond}}, tc.opts...)
			e.onboard(t, "alice", nil)
			start := time.Now()
			resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "r1"})
			require.NoError(t, err)
			took := time.Since(start)
			p := resp.GetPlan()
			requireValidPlan(t, p, profile)
			require.Equal(t, tc.provider, p.GetProvider())
			require.Equal(t, tc.reason, p.GetFallbackReason())
			if tc.provider == "openai" {
				require.Equal(t, tc.attempts, p.GetAttempts())
				require.Equal(t, "test-model", p.GetModel())
				require.Positive(t, p.GetUsage().GetCompletionTokens())
				require.Equal(t, goodTemplate(t, profile).GetPlanName(), p.GetPlanName())
			} else {
				require.GreaterOrEqual(t, p.GetAttempts(), tc.attempts)
			}
			require.Equal(t, tc.substitutions, p.GetSubstitutionCount())
			require.Len(t, p.GetSubstitutions(), int(tc.substitutions))
			require.Equal(t, prompt.Version, p.GetPromptVersion())
			require.Equal(t, int32(12), p.GetDurationWeeks())
			if tc.reason == generate.ReasonTimeout {
				require.Less(t, took, 3*time.Second, "the deadline bounds the generation")
			}
			if tc.provider == "openai" {
				require.Equal(t, tc.outlineCalls, m.count("outline"))
			} else {
				// A failing part cancels the others: the outline may not have been sent yet.
				require.LessOrEqual(t, m.count("outline"), tc.outlineCalls)
			}
			if tc.provider == "openai" || tc.reason == generate.ReasonInvalidPlan && tc.script.day1 != nil {
				require.Equal(t, tc.day1Calls, m.count("day 1"))
			}

			reqs := e.llm.Requests()
			for _, r := range reqs {
				requireStrictSchema(t, r, profile)
			}
			if tc.check != nil {
				tc.check(t, reqs)
			}

			// Stored as answered, with its provenance.
			got, err := e.client.GetPlan(e.as(t, "alice"), &planv1.GetPlanRequest{PlanId: p.GetId()})
			require.NoError(t, err)
			require.Equal(t, p.GetProvider(), got.GetPlan().GetProvider())
			require.Equal(t, p.GetFallbackReason(), got.GetPlan().GetFallbackReason())
			require.Equal(t, p.GetAttempts(), got.GetPlan().GetAttempts())
			require.Equal(t, p.GetSubstitutionCount(), got.GetPlan().GetSubstitutionCount())
			require.Equal(t, p.GetUsage().GetTotalTokens(), got.GetPlan().GetUsage().GetTotalTokens())
			require.Equal(t, len(p.GetWeeks()), len(got.GetPlan().GetWeeks()))
		})
	}
}

// requireStrictSchema asserts what the model was sent: a streamed request for strict
// structured output whose schema is derived from the part's proto message; a day's schema
// has the allowed slugs as the enum of exercise_slug, and its prompt lists them too.
func requireStrictSchema(t *testing.T, r llmtest.Request, profile *planv1.Profile) {
	t.Helper()
	require.Equal(t, "test-model", r.Model)
	require.True(t, r.Stream)
	require.Equal(t, "json_schema", r.ResponseFormat.Type)
	require.True(t, r.ResponseFormat.JSONSchema.Strict)
	// The configured cap, or twice it (at least 4000) for a part asked again after truncation.
	require.Contains(t, []int64{1500, 4000}, r.MaxCompletionTokens)
	require.Contains(t, r.Messages[0].Content, profile.GetGoal(), "the profile is in the system prompt")
	var schema struct {
		AdditionalProperties bool     `json:"additionalProperties"`
		Required             []string `json:"required"`
		Properties           struct {
			Exercises struct {
				Items struct {
					AdditionalProperties bool `json:"additionalProperties"`
					Properties           struct {
						Slug struct {
							Enum []string `json:"enum"`
						} `json:"exercise_slug"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"exercises"`
		} `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(r.ResponseFormat.JSONSchema.Schema, &schema))
	require.False(t, schema.AdditionalProperties)
	switch part, _ := partOf(r); {
	case part == "outline":
		require.Equal(t, generate.OutlineSchemaName, r.ResponseFormat.JSONSchema.Name)
		require.ElementsMatch(t, []string{"plan_name", "duration_weeks", "goal", "notes", "week_focus", "progression"}, schema.Required)
	case strings.HasPrefix(part, "day "):
		require.Equal(t, generate.DaySchemaName, r.ResponseFormat.JSONSchema.Name)
		require.ElementsMatch(t, []string{"day_number", "workout_name", "is_rest_day", "confidence_task", "exercises"}, schema.Required)
		require.False(t, schema.Properties.Exercises.Items.AdditionalProperties)
		enum := schema.Properties.Exercises.Items.Properties.Slug.Enum
		var want []string
		for _, e := range allowed(t, profile) {
			want = append(want, e.GetSlug())
		}
		require.ElementsMatch(t, want, enum)
		require.False(t, slices.Contains(enum, "barbell-bench-press"), "needs equipment the person lacks")
		require.Contains(t, r.Messages[1].Content, "dumbbell-bench-press", "the prompt lists the allowed exercises")
	default:
		t.Fatalf("request for an unknown part: %s", r.Messages[1].Content)
	}
}

func TestCreatePlanSubstitutions(t *testing.T) {
	profile := sampleProfile()
	tpl := goodTemplate(t, profile)
	ex := tpl.GetDays()[0].GetExercises()
	ex[0].ExerciseSlug = "unicorn-squats"
	ex[1].ExerciseSlug = "barbell-bench-press"
	ex[2].ExerciseSlug = "EX001"
	ex[3].ExerciseSlug = "Push-Ups"
	sameBlock := map[string]bool{} // the designed day's exercises in the block of ex[4]
	for _, x := range goodTemplate(t, profile).GetDays()[0].GetExercises() {
		if x.GetBlock() == ex[4].GetBlock() {
			sameBlock[x.GetExerciseSlug()] = true
		}
	}
	ex[4].ExerciseSlug = "dragon-flag-xyz"
	m := newModel(t, tpl)
	e := newEnv(t, "", []llmtest.Step{{Respond: m.respond}})
	e.onboard(t, "alice", nil)
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	requireValidPlan(t, p, profile)
	require.Equal(t, "openai", p.GetProvider(), p.GetFallbackReason())
	subs := map[string]string{}
	for _, s := range p.GetSubstitutions() {
		require.True(t, s.GetWeek() >= 1 && s.GetWeek() <= p.GetDurationWeeks(), "weeks are 1..N, not %d", s.GetWeek())
		require.Equal(t, int32(1), s.GetDay())
		subs[s.GetFromSlug()] = s.GetToSlug()
	}
	require.Len(t, subs, 3)
	require.Contains(t, subs["unicorn-squats"], "squat", "an invented exercise becomes the closest allowed one")
	require.True(t, sameBlock[subs["dragon-flag-xyz"]], "an invented exercise with no word in common takes the designed exercise of its block, not %q", subs["dragon-flag-xyz"])
	require.NotEqual(t, "barbell-bench-press", subs["barbell-bench-press"])
	day1 := p.GetWeeks()[5].GetDays()[0].GetExercises()
	require.Equal(t, "push-ups", day1[2].GetExerciseSlug(), "codes become slugs")
	require.Equal(t, "push-ups", day1[3].GetExerciseSlug(), "case is normalised")
	require.Positive(t, e.catalog.AlternativesCalls.Load())
}

func TestCreatePlanWithoutAPIKey(t *testing.T) {
	e := newEnv(t, "", nil)
	profiles := []func(*planv1.Profile){
		nil,
		func(p *planv1.Profile) { p.Equipment, p.DaysPerWeek, p.DurationWeeks, p.Locale = nil, 2, 4, "ru" },
		func(p *planv1.Profile) { p.Limitations, p.DaysPerWeek = "bad knees and lower back pain", 6 },
	}
	for i, edit := range profiles {
		sub := []string{"a", "b", "c"}[i]
		prof := e.onboard(t, sub, edit)
		resp, err := e.client.CreatePlan(e.as(t, sub), &planv1.CreatePlanRequest{})
		require.NoError(t, err)
		p := resp.GetPlan()
		requireValidPlan(t, p, prof)
		require.Equal(t, "builtin", p.GetProvider())
		require.Equal(t, generate.ReasonNoAPIKey, p.GetFallbackReason())
		require.Equal(t, int32(0), p.GetAttempts())
		require.Equal(t, prof.GetDurationWeeks(), p.GetDurationWeeks())
	}
}

func TestCreatePlanFallbackOff(t *testing.T) {
	e := newEnv(t, "", []llmtest.Step{{Status: http.StatusInternalServerError}}, withConfig(func(c *plan.Config) { c.FallbackToLegacy = false }))
	e.onboard(t, "alice", nil)
	_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "x"})
	require.Equal(t, codes.Unavailable, status.Code(err))
}
