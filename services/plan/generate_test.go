package plan_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
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
	profile := sampleProfile()
	good := templateJSON(t, goodTemplate(t, profile))
	badTpl := goodTemplate(t, profile)
	badTpl.GetDays()[0].GetExercises()[0].Sets = 50
	badTpl.GetDays()[0].GetExercises()[1].Reps = "12-8"
	bad := templateJSON(t, badTpl)

	strayTpl := goodTemplate(t, profile)
	ex := strayTpl.GetDays()[0].GetExercises()
	ex[0].ExerciseSlug = "unicorn-squats"        // invented: no catalog entry
	ex[1].ExerciseSlug = "barbell-bench-press"   // real, but needs a barbell
	ex[2].ExerciseSlug = strings.ToUpper("EX001") // a code in capitals: normalised, not substituted
	stray := templateJSON(t, strayTpl)

	// A model that ignores the template and writes the whole plan out.
	full, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(microcycle.Expand(goodTemplate(t, profile), "en"))
	require.NoError(t, err)

	tests := []struct {
		name          string
		steps         []llmtest.Step
		opts          []envOption
		provider      string
		reason        string
		attempts      int32
		requests      int
		substitutions int32
		check         func(t *testing.T, reqs []llmtest.Request)
	}{
		{name: "good plan", steps: []llmtest.Step{{Content: good}}, provider: "openai", attempts: 1, requests: 1},
		{name: "bad then good", steps: []llmtest.Step{{Content: bad}, {Content: good}}, provider: "openai", attempts: 2, requests: 2,
			check: func(t *testing.T, reqs []llmtest.Request) {
				last := reqs[1].Messages
				require.Len(t, last, 4, "system, user, the bad answer, the violations")
				require.Equal(t, "assistant", last[2].Role)
				require.Contains(t, last[3].Content, "days[0].exercises[0].sets")
				require.Contains(t, last[3].Content, "days[0].exercises[1].reps")
			}},
		{name: "always bad", steps: []llmtest.Step{{Content: bad}}, provider: "builtin", reason: generate.ReasonInvalidPlan, attempts: 3, requests: 3},
		{name: "malformed JSON then good", steps: []llmtest.Step{{Content: `{"plan_name": "x", "days": [`}, {Content: good}}, provider: "openai", attempts: 2, requests: 2,
			check: func(t *testing.T, reqs []llmtest.Request) {
				require.Contains(t, reqs[1].Messages[3].Content, "json.syntax")
			}},
		{name: "always malformed", steps: []llmtest.Step{{Content: "Sure! Here is your plan: {oops"}}, provider: "builtin", reason: generate.ReasonInvalidPlan, attempts: 3, requests: 3},
		{name: "JSON in markdown fences", steps: []llmtest.Step{{Content: "Here you go:\n```json\n" + good + "\n```\nEnjoy!"}}, provider: "openai", attempts: 1, requests: 1},
		{name: "truncated", steps: []llmtest.Step{{Content: good[:len(good)/2], FinishReason: "length"}}, provider: "builtin", reason: generate.ReasonTruncated, attempts: 1, requests: 1},
		{name: "refusal", steps: []llmtest.Step{{Refusal: "I can't help with that."}}, provider: "builtin", reason: generate.ReasonRefusal, attempts: 1, requests: 1},
		{name: "429 then success", steps: []llmtest.Step{{Status: http.StatusTooManyRequests, RetryAfter: "0"}, {Content: good}}, provider: "openai", attempts: 1, requests: 2},
		{name: "500 always", steps: []llmtest.Step{{Status: http.StatusInternalServerError}}, provider: "builtin", reason: generate.ReasonUpstreamError, attempts: 1, requests: 3},
		{name: "429 always", steps: []llmtest.Step{{Status: http.StatusTooManyRequests, RetryAfter: "0"}}, provider: "builtin", reason: generate.ReasonRateLimited, attempts: 1, requests: 3},
		{name: "slower than the deadline", steps: []llmtest.Step{{Content: good, Delay: 10 * time.Second}}, opts: []envOption{withTimeout(1500 * time.Millisecond)},
			provider: "builtin", reason: generate.ReasonTimeout, attempts: 1, requests: 1},
		{name: "exercise outside the whitelist", steps: []llmtest.Step{{Content: stray}}, provider: "openai", attempts: 1, requests: 1, substitutions: 2},
		{name: "whole plan instead of a template", steps: []llmtest.Step{{Content: string(full)}}, provider: "openai", attempts: 1, requests: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "", tc.steps, tc.opts...)
			e.onboard(t, "alice", nil)
			start := time.Now()
			resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "r1"})
			require.NoError(t, err)
			took := time.Since(start)
			p := resp.GetPlan()
			requireValidPlan(t, p, profile)
			require.Equal(t, tc.provider, p.GetProvider())
			require.Equal(t, tc.reason, p.GetFallbackReason())
			require.Equal(t, tc.attempts, p.GetAttempts())
			require.Equal(t, tc.substitutions, p.GetSubstitutionCount())
			require.Len(t, p.GetSubstitutions(), int(tc.substitutions))
			require.Equal(t, "v1", p.GetPromptVersion())
			require.Equal(t, int32(12), p.GetDurationWeeks())
			if tc.provider == "openai" {
				require.Equal(t, "test-model", p.GetModel())
				require.Positive(t, p.GetUsage().GetCompletionTokens())
			}
			if tc.reason == generate.ReasonTimeout {
				require.Less(t, took, 3*time.Second, "the deadline bounds the generation")
			}

			reqs := e.llm.Requests()
			require.Len(t, reqs, tc.requests)
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
			require.Equal(t, p.GetSubstitutionCount(), got.GetPlan().GetSubstitutionCount())
			require.Equal(t, p.GetUsage().GetTotalTokens(), got.GetPlan().GetUsage().GetTotalTokens())
			require.Equal(t, len(p.GetWeeks()), len(got.GetPlan().GetWeeks()))
		})
	}
}

// requireStrictSchema asserts what the model was sent: a streamed request for strict
// structured output whose schema is the PlanTemplate's, with the allowed slugs as its enum.
func requireStrictSchema(t *testing.T, r llmtest.Request, profile *planv1.Profile) {
	t.Helper()
	require.Equal(t, "test-model", r.Model)
	require.True(t, r.Stream)
	require.Equal(t, "json_schema", r.ResponseFormat.Type)
	require.True(t, r.ResponseFormat.JSONSchema.Strict)
	require.Equal(t, generate.SchemaName, r.ResponseFormat.JSONSchema.Name)
	require.Equal(t, int64(6000), r.MaxCompletionTokens)
	var schema struct {
		AdditionalProperties bool     `json:"additionalProperties"`
		Required             []string `json:"required"`
		Properties           struct {
			Days struct {
				Items struct {
					Properties struct {
						Exercises struct {
							Items struct {
								Properties struct {
									Slug struct {
										Enum []string `json:"enum"`
									} `json:"exercise_slug"`
								} `json:"properties"`
							} `json:"items"`
						} `json:"exercises"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"days"`
		} `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(r.ResponseFormat.JSONSchema.Schema, &schema))
	require.False(t, schema.AdditionalProperties)
	require.ElementsMatch(t, []string{"plan_name", "duration_weeks", "goal", "notes", "days", "week_focus", "progression"}, schema.Required)
	enum := schema.Properties.Days.Items.Properties.Exercises.Items.Properties.Slug.Enum
	var want []string
	for _, e := range allowed(t, profile) {
		want = append(want, e.GetSlug())
	}
	require.ElementsMatch(t, want, enum)
	require.False(t, slices.Contains(enum, "barbell-bench-press"), "needs equipment the person lacks")
	// The prompt lists the allowed exercises too, and the profile.
	require.Contains(t, r.Messages[1].Content, "dumbbell-bench-press")
	require.Contains(t, r.Messages[1].Content, profile.GetGoal())
}

func TestCreatePlanSubstitutions(t *testing.T) {
	profile := sampleProfile()
	tpl := goodTemplate(t, profile)
	ex := tpl.GetDays()[0].GetExercises()
	ex[0].ExerciseSlug = "unicorn-squats"
	ex[1].ExerciseSlug = "barbell-bench-press"
	ex[2].ExerciseSlug = "EX001"
	ex[3].ExerciseSlug = "Push-Ups"
	e := newEnv(t, "", []llmtest.Step{{Content: templateJSON(t, tpl)}})
	e.onboard(t, "alice", nil)
	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{})
	require.NoError(t, err)
	p := resp.GetPlan()
	requireValidPlan(t, p, profile)
	subs := map[string]string{}
	for _, s := range p.GetSubstitutions() {
		require.Equal(t, int32(0), s.GetWeek(), "a template substitution applies to every week")
		require.Equal(t, int32(1), s.GetDay())
		subs[s.GetFromSlug()] = s.GetToSlug()
	}
	require.Len(t, subs, 2)
	require.Contains(t, subs["unicorn-squats"], "squat", "an invented exercise becomes the closest allowed one")
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
