package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
	"github.com/fitcoach/fitcoach/services/plan/report"
)

func answer(t *testing.T, p report.Parts) string {
	t.Helper()
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return string(b)
}

var goodEN = report.Parts{
	Analysis: "You did all three sessions and moved the goblet squat from 16 to 20 kg.", Motivation: "Coach says: proud of you.",
	Recommendations: []string{"Add 2 kg to the goblet squat."}, Strategy: "One week remains, a lighter one.",
}

func TestCheck(t *testing.T) {
	long := strings.Repeat("a", report.MaxMotivation+1)
	tests := []struct {
		name, locale, raw, field, rule string
	}{
		{"good", "en", answer(t, goodEN), "", ""},
		{"good Russian", "ru", answer(t, report.Parts{Analysis: "Вы провели все три тренировки: 16 → 20 кг.", Motivation: "Отлично!", Recommendations: []string{"Добавьте 2 кг."}, Strategy: "Осталась одна неделя."}), "", ""},
		{"English for a Russian speaker", "ru", answer(t, goodEN), "analysis", "report.language"},
		{"too long", "en", answer(t, report.Parts{Analysis: "ok", Motivation: long, Recommendations: []string{"ok"}, Strategy: "ok"}), "motivation", "report.max_len"},
		{"no recommendations", "en", answer(t, report.Parts{Analysis: "ok", Motivation: "ok", Strategy: "ok"}), "recommendations", "report.recommendations"},
		{"too many recommendations", "en", answer(t, report.Parts{Analysis: "ok", Motivation: "ok", Recommendations: strings.Split("a b c d e f", " "), Strategy: "ok"}), "recommendations", "report.recommendations"},
		{"an empty recommendation", "en", answer(t, report.Parts{Analysis: "ok", Motivation: "ok", Recommendations: []string{"ok", " "}, Strategy: "ok"}), "recommendations[1]", "report.required"},
		{"an unknown field", "en", `{"analysis":"ok","motivation":"ok","recommendations":["ok"],"long_term_strategy":"ok","mood":"x"}`, "", "json.syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, vs := report.Check([]byte(tt.raw), tt.locale)
			if tt.rule == "" {
				require.Empty(t, vs)
				require.NotEmpty(t, p.Analysis)
				return
			}
			require.NotEmpty(t, vs)
			require.Equal(t, tt.field, vs[0].Field)
			require.Contains(t, vs[0].Rule, tt.rule)
		})
	}
}

func TestWriterLLM(t *testing.T) {
	bad := answer(t, report.Parts{Analysis: "ok", Motivation: "ok", Strategy: "ok"})
	tests := []struct {
		name     string
		steps    []llmtest.Step
		provider string
		requests int
	}{
		{"good", []llmtest.Step{{Content: answer(t, goodEN)}}, report.ProviderOpenAI, 1},
		{"bad then good", []llmtest.Step{{Content: bad}, {Content: answer(t, goodEN)}}, report.ProviderOpenAI, 2},
		{"always bad", []llmtest.Step{{Content: bad}}, report.ProviderRules, 3},
		{"the API fails", []llmtest.Step{{Status: 400}}, report.ProviderRules, 1},
	}
	prompts, err := prompt.Load()
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(tt.steps...)
			t.Cleanup(srv.Close)
			w := &report.Writer{LLM: llm.New(llm.Config{APIKey: "test", BaseURL: srv.BaseURL()}), Voices: prompts, Model: "test-model", MaxReprompts: 2}
			f := report.Read(report.Input{Plan: testPlan(), Week: 1, Logs: weekOne(), Catalog: testCatalog, Locale: "en", Archetype: typesv1.Archetype_ARCHETYPE_PROFESSIONAL})
			r := w.Write(t.Context(), f)
			require.Equal(t, tt.provider, r.GetProvider())
			require.Len(t, srv.Requests(), tt.requests)
			if tt.provider == report.ProviderOpenAI {
				require.Equal(t, goodEN.Analysis, r.GetAnalysis())
				require.Equal(t, goodEN.Recommendations, r.GetRecommendations())
			} else {
				require.Equal(t, report.Rules(f).Analysis, r.GetAnalysis(), "the rules' report stands in")
			}
			first := srv.Requests()[0]
			require.Equal(t, report.SchemaName, first.ResponseFormat.JSONSchema.Name)
			require.Contains(t, first.Messages[0].Content, prompts.Voice(typesv1.Archetype_ARCHETYPE_PROFESSIONAL, "en"), "the coach's voice")
			require.Contains(t, first.Messages[1].Content, `"sessions_done": 3`, "the facts")
			if tt.requests > 1 {
				last := srv.Requests()[len(srv.Requests())-1]
				require.Contains(t, last.Messages[len(last.Messages)-1].Content, "report.recommendations", "the reprompt names the violation")
			}
		})
	}
}
