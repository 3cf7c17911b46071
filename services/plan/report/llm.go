package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/llm"
)

// SchemaName names the report's response format.
const SchemaName = "coach_report"

// Bounds of what the LLM writes, in characters.
const (
	MaxAnalysis       = 1200
	MaxMotivation     = 500
	MaxRecommendation = 300
	MaxStrategy       = 800
	// MaxLLMRecommendations is how many recommendations the LLM may write (at least one).
	MaxLLMRecommendations = 5
	// MinLanguageShare is the share of letters that must be of the person's script
	// (Cyrillic for ru, Latin otherwise) in every part.
	MinLanguageShare = 0.6
)

// Voices gives the coach archetype's voice and the reprompt for violations; *prompt.Set
// implements it.
type Voices interface {
	Voice(a typesv1.Archetype, locale string) string
	Reprompt(locale string, vs []aiplan.Violation) (string, error)
}

// Writer writes reports: the LLM in the coach's voice when one is configured, checked and
// sent back with the violations up to MaxReprompts times; the rules otherwise, and whenever
// the LLM fails or keeps breaking the schema.
type Writer struct {
	LLM          llm.Completer // nil: the rules write every report
	Voices       Voices
	Model        string
	MaxReprompts int
	Timeout      time.Duration
	Log          *slog.Logger
}

// Write writes the report of f (the caller sets its plan id). It does not fail: the rules'
// report stands in for the LLM's.
func (w *Writer) Write(ctx context.Context, f Facts) *planv1.CoachReport {
	rules := Rules(f)
	if w == nil || w.LLM == nil {
		return rules.Report(f, ProviderRules)
	}
	p, err := w.viaLLM(ctx, f, rules)
	if err != nil {
		if w.Log != nil {
			w.Log.WarnContext(ctx, "LLM report failed; the rules wrote it", "week", f.Week, "err", err)
		}
		return rules.Report(f, ProviderRules)
	}
	return p.Report(f, ProviderOpenAI)
}

func (w *Writer) viaLLM(ctx context.Context, f Facts, rules Parts) (Parts, error) {
	if w.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.Timeout)
		defer cancel()
	}
	sys, user, err := w.prompt(f, rules)
	if err != nil {
		return Parts{}, err
	}
	req := llm.Request{Model: w.Model, SchemaName: SchemaName, Schema: schema, MaxOutputTokens: 1500,
		Messages: []llm.Message{{Role: llm.System, Content: sys}, {Role: llm.User, Content: user}}}
	return llm.Ask(ctx, w.LLM, req, llm.Checked[Parts, aiplan.Violation]{
		Accept:       func(content string) (Parts, []aiplan.Violation) { return Check([]byte(content), f.Locale) },
		Fix:          func(vs []aiplan.Violation) (string, error) { return w.Voices.Reprompt(f.Locale, vs) },
		MaxReprompts: w.MaxReprompts,
		Rejected: func(attempt int, vs []aiplan.Violation) {
			if w.Log != nil {
				w.Log.InfoContext(ctx, "LLM report breaks the schema", "attempt", attempt, "violations", len(vs), "first", vs[0].String())
			}
		},
	})
}

// schema is the strict JSON Schema of the answer.
var schema = func() json.RawMessage {
	str := func(n int) map[string]any { return map[string]any{"type": "string", "minLength": 1, "maxLength": n} }
	b, err := json.Marshal(map[string]any{
		"type": "object", "additionalProperties": false,
		"required": []string{"analysis", "motivation", "recommendations", "long_term_strategy"},
		"properties": map[string]any{
			"analysis":   str(MaxAnalysis),
			"motivation": str(MaxMotivation),
			"recommendations": map[string]any{
				"type": "array", "minItems": 1, "maxItems": MaxLLMRecommendations, "items": str(MaxRecommendation),
			},
			"long_term_strategy": str(MaxStrategy),
		},
	})
	if err != nil {
		panic(err)
	}
	return b
}()

// Check decodes an answer and checks it against the schema's bounds and the person's
// language; the violations name the field that breaks them.
func Check(raw []byte, locale string) (Parts, []aiplan.Violation) {
	var p Parts
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Parts{}, []aiplan.Violation{{Rule: aiplan.RuleJSONSyntax, Message: err.Error()}}
	}
	var vs []aiplan.Violation
	text := func(field, v string, limit int) string {
		v = strings.TrimSpace(v)
		switch n := utf8.RuneCountInString(v); {
		case n == 0:
			vs = append(vs, aiplan.Violation{Field: field, Rule: "report.required", Message: field + " must not be empty"})
		case n > limit:
			vs = append(vs, aiplan.Violation{Field: field, Rule: "report.max_len", Message: fmt.Sprintf("%s has %d characters; at most %d", field, n, limit)})
		default:
			if share := scriptShare(v, locale); share < MinLanguageShare {
				lang := "English"
				if locale == "ru" {
					lang = "Russian"
				}
				vs = append(vs, aiplan.Violation{Field: field, Rule: "report.language",
					Message: fmt.Sprintf("%s must be written in %s (%.0f%% of its letters are)", field, lang, share*100)})
			}
		}
		return v
	}
	p.Analysis = text("analysis", p.Analysis, MaxAnalysis)
	p.Motivation = text("motivation", p.Motivation, MaxMotivation)
	p.Strategy = text("long_term_strategy", p.Strategy, MaxStrategy)
	if n := len(p.Recommendations); n < 1 || n > MaxLLMRecommendations {
		vs = append(vs, aiplan.Violation{Field: "recommendations", Rule: "report.recommendations",
			Message: fmt.Sprintf("write 1 to %d recommendations, not %d", MaxLLMRecommendations, n)})
	}
	for i, r := range p.Recommendations {
		p.Recommendations[i] = text(fmt.Sprintf("recommendations[%d]", i), r, MaxRecommendation)
	}
	if len(vs) > 0 {
		return Parts{}, vs
	}
	return p, nil
}

// scriptShare is the share of s's letters in the locale's script: Cyrillic for ru, Latin
// otherwise. Text without letters (numbers alone) passes.
func scriptShare(s, locale string) float64 {
	letters, ours := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if locale == "ru" && unicode.Is(unicode.Cyrillic, r) || locale != "ru" && unicode.Is(unicode.Latin, r) {
			ours++
		}
	}
	if letters == 0 {
		return 1
	}
	return float64(ours) / float64(letters)
}

// prompt writes the conversation's opening: the voice and the task, then the facts.
func (w *Writer) prompt(f Facts, rules Parts) (sys, user string, err error) {
	lang := "English"
	if f.Locale == "ru" {
		lang = "Russian"
	}
	sys = w.Voices.Voice(f.Archetype, f.Locale) + "\n\n" +
		"You write the coach's report on a person's training " + scope(f) + ", in " + lang + ", in your voice, from the facts you are given and nothing else. " +
		"analysis: what was done against what was planned, effort, how loads and reps moved, pain, and what the plan's adaptation changed. " +
		"motivation: a few sentences that encourage without exaggerating. " +
		fmt.Sprintf("recommendations: 1 to %d concrete steps, each tied to a fact (an exercise with its numbers, missed sessions, pain). ", MaxLLMRecommendations) +
		"long_term_strategy: where the plan goes next — the remaining weeks, lighter weeks, the goal. " +
		"Never advise training through pain; an exercise that hurt is eased or swapped. Do not invent numbers, exercises or sessions. " +
		"rule_report is a plain draft from the same facts: keep its facts, write it better."
	type exercise struct {
		Name       string `json:"name"`
		Sessions   int    `json:"sessions"`
		Sets       int    `json:"sets"`
		Before     Best   `json:"before"`
		Last       Best   `json:"last"`
		Pain       bool   `json:"pain,omitempty"`
		PainNote   string `json:"pain_note,omitempty"`
		NextStep   string `json:"next_step,omitempty"`
		NextAction string `json:"next_action,omitempty"`
		Trend      int    `json:"trend"`
	}
	var xs []exercise
	for _, e := range f.Exercises {
		x := exercise{Name: e.Name, Sessions: e.Sessions, Sets: e.Sets, Before: e.Before, Last: e.Last, Pain: e.Pain > 0, PainNote: e.PainNote, Trend: e.Trend()}
		if e.Next != nil {
			x.NextStep = e.Next.GetReason()
			x.NextAction = strings.ToLower(strings.TrimPrefix(e.Next.GetAction().String(), "SUGGESTION_ACTION_"))
		}
		xs = append(xs, x)
	}
	var changes []string
	for _, c := range f.Changes {
		changes = append(changes, fmt.Sprintf("%s %s: %s → %s (%s)", strings.ToLower(strings.TrimPrefix(c.GetAction().String(), "CHANGE_ACTION_")),
			or(c.GetName(), c.GetExerciseSlug()), c.GetBefore(), or(c.GetToName(), c.GetAfter()), c.GetReason()))
	}
	var holds []string
	for _, h := range f.Holds {
		holds = append(holds, fmt.Sprintf("week %d day %d: %s", h.Week, h.Day, h.Name))
	}
	body, err := json.MarshalIndent(map[string]any{
		"week": f.Week, "weeks_read": []int32{f.From, f.To}, "plan_weeks": f.Weeks, "goal": f.Goal,
		"sessions_planned": f.Planned, "sessions_done": f.Done, "sets_done": f.Sets, "sets_skipped": f.Skipped,
		"mean_session_rpe": f.Effort, "sessions_at_limit": f.Hard, "exercises": xs, "adaptation_changes": changes,
		"next_week_lighter_after_adaptation": f.Deload, "sessions_not_yet_logged": holds, "next_week": f.Next, "lighter_weeks_ahead": f.Lighter,
		"rule_report": rules,
	}, "", " ")
	if err != nil {
		return "", "", err
	}
	return sys, string(body), nil
}

func scope(f Facts) string {
	if f.Week > 0 {
		return fmt.Sprintf("week %d of %d", f.Week, f.Weeks)
	}
	return fmt.Sprintf("plan so far (weeks %d–%d of %d)", f.From, f.To, f.Weeks)
}
