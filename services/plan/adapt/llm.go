package adapt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/llm"
)

// Provider names of how an adaptation was written.
const (
	ProviderRules  = "rules"
	ProviderOpenAI = "openai"
)

// SchemaName names the adaptation's response format.
const SchemaName = "plan_adaptation"

// Completer is the LLM; *llm.Client implements it.
type Completer = llm.Completer

// Voices gives the coach archetype's voice and the reprompt for violations; *prompt.Set
// implements it.
type Voices interface {
	Voice(a typesv1.Archetype, locale string) string
	Reprompt(locale string, vs []aiplan.Violation) (string, error)
}

// Writer writes adaptations: the LLM in the coach's voice when one is configured, bounded by
// the rules and sent back with the violations up to MaxReprompts times; the rules otherwise,
// and whenever the LLM fails or keeps breaking the bounds.
type Writer struct {
	LLM          Completer // nil: the rules write every adaptation
	Voices       Voices
	Model        string
	MaxReprompts int
	Timeout      time.Duration
	Log          *slog.Logger
}

// Adapt returns the adaptation and who wrote it (ProviderOpenAI or ProviderRules).
func (w *Writer) Adapt(ctx context.Context, in Input) (*Result, string, error) {
	rules, err := Rules(in)
	if err != nil {
		return nil, "", err
	}
	if w.LLM == nil {
		return rules, ProviderRules, nil
	}
	f, _ := Read(in)
	res, err := w.viaLLM(ctx, in, f, rules)
	if err != nil {
		if w.Log != nil {
			w.Log.WarnContext(ctx, "LLM adaptation failed; the rules wrote it", "week", in.Week, "err", err)
		}
		return rules, ProviderRules, nil
	}
	return res, ProviderOpenAI, nil
}

// answer is the JSON the LLM writes.
type answer struct {
	Summary   string `json:"summary"`
	Exercises []struct {
		Slug    string   `json:"exercise_slug"`
		Action  string   `json:"action"`
		ToSlug  *string  `json:"to_slug"`
		LoadKg  *float64 `json:"load_kg"`
		Sets    *int32   `json:"sets"`
		Reps    *string  `json:"reps"`
		Seconds *int32   `json:"seconds"`
		Reason  string   `json:"reason"`
	} `json:"exercises"`
}

var actions = map[string]planv1.ChangeAction{
	"keep": planv1.ChangeAction_CHANGE_ACTION_KEEP, "progress": planv1.ChangeAction_CHANGE_ACTION_PROGRESS,
	"regress": planv1.ChangeAction_CHANGE_ACTION_REGRESS, "swap": planv1.ChangeAction_CHANGE_ACTION_SWAP,
}

func (w *Writer) viaLLM(ctx context.Context, in Input, f Facts, rules *Result) (*Result, error) {
	if w.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.Timeout)
		defer cancel()
	}
	locale := in.Profile.GetLocale()
	sys, user, schema, err := w.prompt(in, f, rules)
	if err != nil {
		return nil, err
	}
	req := llm.Request{Model: w.Model, SchemaName: SchemaName, Schema: schema, MaxOutputTokens: 2000,
		Messages: []llm.Message{{Role: llm.System, Content: sys}, {Role: llm.User, Content: user}}}
	return llm.Ask(ctx, w.LLM, req, llm.Checked[*Result, aiplan.Violation]{
		Accept:       func(content string) (*Result, []aiplan.Violation) { return w.accept(in, f, []byte(content)) },
		Fix:          func(vs []aiplan.Violation) (string, error) { return w.Voices.Reprompt(locale, vs) },
		MaxReprompts: w.MaxReprompts,
		Rejected: func(attempt int, vs []aiplan.Violation) {
			if w.Log != nil {
				w.Log.InfoContext(ctx, "LLM adaptation breaks the bounds", "attempt", attempt, "violations", len(vs), "first", vs[0].String())
			}
		},
	})
}

// accept decodes an answer and checks it: known exercises and actions, swaps among the
// options, then the whole result against Bounds.
func (w *Writer) accept(in Input, f Facts, raw []byte) (*Result, []aiplan.Violation) {
	var a answer
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return nil, []aiplan.Violation{{Rule: aiplan.RuleJSONSyntax, Message: err.Error()}}
	}
	var vs []aiplan.Violation
	var ds []Decision
	for i, e := range a.Exercises {
		field := fmt.Sprintf("exercises[%d]", i)
		k := strings.ToLower(e.Slug)
		if _, ok := f.Last[k]; !ok {
			vs = append(vs, aiplan.Violation{Field: field + ".exercise_slug", Rule: "adapt.logged_exercise", Message: fmt.Sprintf("%q is not an exercise logged in week %d", e.Slug, in.Week)})
			continue
		}
		act, ok := actions[e.Action]
		if !ok {
			vs = append(vs, aiplan.Violation{Field: field + ".action", Rule: "adapt.action", Message: "action must be keep, progress, regress or swap"})
			continue
		}
		if strings.TrimSpace(e.Reason) == "" {
			vs = append(vs, aiplan.Violation{Field: field + ".reason", Rule: "adapt.reason", Message: "every change needs a reason citing the logs"})
		}
		d := Decision{Slug: f.Last[k].Prescribed.GetExerciseSlug(), Action: act, Reason: e.Reason, Reps: deref(e.Reps)}
		if e.LoadKg != nil {
			d.LoadKg = *e.LoadKg
		}
		if e.Sets != nil {
			d.Sets = *e.Sets
		}
		if e.Seconds != nil {
			d.Seconds = *e.Seconds
		}
		if d.Reps != "" {
			if lo, hi := repRange(d.Reps); lo == 0 || lo > hi || repsText(lo, hi) != d.Reps {
				vs = append(vs, aiplan.Violation{Field: field + ".reps", Rule: "adapt.reps", Message: "reps must be a number or a range like 8-12"})
			}
		}
		if act == planv1.ChangeAction_CHANGE_ACTION_SWAP {
			d.ToSlug = deref(e.ToSlug)
			found := false
			for _, o := range SwapOptions(in, d.Slug) {
				found = found || strings.EqualFold(o.Exercise.GetSlug(), d.ToSlug)
			}
			if !found {
				vs = append(vs, aiplan.Violation{Field: field + ".to_slug", Rule: "adapt.swap_option", Message: fmt.Sprintf("%q is not one of the swap options of %s", d.ToSlug, d.Slug)})
				continue
			}
		}
		ds = append(ds, d)
	}
	if len(vs) > 0 {
		return nil, vs
	}
	res, err := Apply(in, f, ds, strings.TrimSpace(a.Summary))
	if err != nil {
		return nil, []aiplan.Violation{{Field: "exercises", Rule: "adapt.apply", Message: err.Error()}}
	}
	if vs := Bounds(in, res.Plan); len(vs) > 0 {
		return nil, vs
	}
	return res, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// prompt writes the conversation's opening and the strict schema of the answer.
func (w *Writer) prompt(in Input, f Facts, rules *Result) (sys, user string, schema []byte, err error) {
	ru := in.Profile.GetLocale() == "ru"
	var slugs []string
	type exerciseFacts struct {
		Slug        string   `json:"exercise_slug"`
		Prescribed  string   `json:"prescribed"`
		Logged      string   `json:"logged"`
		Pain        bool     `json:"pain,omitempty"`
		PainNote    string   `json:"pain_note,omitempty"`
		Suggested   string   `json:"rule_suggestion"`
		SwapOptions []string `json:"swap_options,omitempty"`
	}
	var facts []exerciseFacts
	for _, k := range f.Order {
		l, ok := f.Last[k]
		if !ok {
			continue
		}
		slugs = append(slugs, l.Prescribed.GetExerciseSlug())
		st := readSets(doneSets(l.Log), l.Effort)
		ef := exerciseFacts{Slug: l.Prescribed.GetExerciseSlug(), Prescribed: Describe(l.Prescribed, ru), Logged: describe(doneSets(l.Log), st, ru),
			Pain: l.Log.GetPain(), PainNote: l.Log.GetPainNote()}
		if l.Suggestion != nil {
			ef.Suggested = l.Suggestion.GetReason()
		}
		if l.Log.GetPain() {
			for _, o := range SwapOptions(in, k) {
				ef.SwapOptions = append(ef.SwapOptions, o.Exercise.GetSlug())
			}
		}
		facts = append(facts, ef)
	}
	if len(slugs) == 0 {
		return "", "", nil, fmt.Errorf("week %d has no logged exercise to adapt", in.Week)
	}
	body, err := json.MarshalIndent(map[string]any{
		"week": in.Week, "sessions_planned": f.Planned, "sessions_done": f.Done, "next_week_is_deload": f.Deload,
		"exercises": facts, "rule_engine_summary": rules.Summary,
	}, "", " ")
	if err != nil {
		return "", "", nil, err
	}
	lang := "English"
	if ru {
		lang = "Russian"
	}
	sys = w.Voices.Voice(in.Profile.GetArchetype(), in.Profile.GetLocale()) + "\n\n" +
		"You adapt the next weeks of a person's training plan from what they logged this week. For each logged exercise choose keep, progress, regress or swap, " +
		"with new numbers only where they change, and a one-sentence reason that cites the log, in " + lang + ", in your voice. " +
		"Hard limits: load_kg at most +10% over the logged load, never a load for an exercise without one; sets so that each week stays within ±20% of its working sets; " +
		"an exercise logged with pain must be swapped to one of its swap_options; do not invent exercises. The deload decision is already made."
	user = string(body)
	enum := make([]any, 0, len(slugs))
	for _, s := range slugs {
		enum = append(enum, s)
	}
	nullable := func(t string) map[string]any { return map[string]any{"type": []string{t, "null"}} }
	schema, err = json.Marshal(map[string]any{
		"type": "object", "additionalProperties": false, "required": []string{"summary", "exercises"},
		"properties": map[string]any{
			"summary": map[string]any{"type": "string", "maxLength": 400},
			"exercises": map[string]any{"type": "array", "maxItems": len(slugs), "items": map[string]any{
				"type": "object", "additionalProperties": false,
				"required": []string{"exercise_slug", "action", "to_slug", "load_kg", "sets", "reps", "seconds", "reason"},
				"properties": map[string]any{
					"exercise_slug": map[string]any{"type": "string", "enum": enum},
					"action":        map[string]any{"type": "string", "enum": []string{"keep", "progress", "regress", "swap"}},
					"to_slug":       nullable("string"),
					"load_kg":       nullable("number"),
					"sets":          nullable("integer"),
					"reps":          nullable("string"),
					"seconds":       nullable("integer"),
					"reason":        map[string]any{"type": "string", "maxLength": 300},
				},
			}},
		},
	})
	return sys, user, schema, err
}
