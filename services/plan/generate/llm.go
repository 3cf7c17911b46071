package generate

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
	"github.com/fitcoach/fitcoach/services/plan/planner"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
)

// fallbackReserve is kept from the generation deadline for the built-in planner and the
// store after the LLM phase gives up.
const fallbackReserve = 2 * time.Second

// maxEchoBytes bounds a bad answer sent back to the model in a reprompt.
const maxEchoBytes = 32 << 10

// Response format names sent to the LLM, one per part of a plan.
const (
	OutlineSchemaName = "fitcoach_plan_outline"
	DaySchemaName     = "fitcoach_plan_day"
)

// part is one LLM conversation of a generation: the outline, or one training day.
type part struct {
	name       string
	prompt     prompt.Prompt
	schemaName string
	schema     []byte
	// accept decodes an answer into the part's message and returns its violations.
	accept func(raw []byte) []aiplan.Violation
}

type partResult struct {
	attempts int32
	usage    llm.Usage
	reason   string
}

// viaLLM runs the LLM phase into res: res.Plan is set on success; otherwise the reason for
// falling back is returned. res.Attempts, Usage and LLMTime count what was spent either way.
//
// The week's split (which days train, and what) is the built-in planner's; the outline and
// every training day are then asked for at once, in parallel conversations, so a plan takes
// as long as the longest single answer (a few hundred tokens) instead of the whole week.
// The parts are assembled into a PlanTemplate, whitelisted, expanded and checked against
// every WorkoutPlan rule.
func (g *Generator) viaLLM(ctx context.Context, p *planv1.Profile, allowed []*catalogv1.Exercise, wl *whitelist, res *Result) string {
	res.Provider, res.Model = ProviderOpenAI, g.cfg.Model
	if dl, ok := ctx.Deadline(); ok {
		reserve := min(fallbackReserve, time.Until(dl)/10)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-reserve))
		defer cancel()
	}
	parts, assemble, err := g.parts(p, allowed, wl)
	if err != nil {
		g.log.ErrorContext(ctx, "plan prompts", "err", err)
		return ReasonLLMError
	}

	began := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]partResult, len(parts))
	var (
		wg          sync.WaitGroup
		once        sync.Once
		firstReason string
	)
	for i, pt := range parts {
		wg.Go(func() {
			results[i] = g.runPart(ctx, p.GetLocale(), pt)
			if results[i].reason != "" {
				// One failed part fails the plan: stop the others and fall back now.
				once.Do(func() { firstReason = results[i].reason })
				cancel()
			}
		})
	}
	wg.Wait()
	res.LLMTime = time.Since(began)
	for _, r := range results {
		res.Attempts += r.attempts
		res.Usage = res.Usage.Add(r.usage)
	}
	if firstReason != "" {
		return firstReason
	}

	t := assemble()
	if vs := g.checker.Validate(t); len(vs) > 0 {
		g.log.WarnContext(ctx, "assembled template breaks plan rules", "first", vs[0].String())
		return ReasonInvalidPlan
	}
	subs := g.substitute(ctx, p, wl, []*planv1.Week{{WeekNumber: 0, Days: t.GetDays()}})
	plan := microcycle.Expand(t, p.GetLocale())
	if vs := aiplan.Validate(plan); len(vs) > 0 {
		g.log.WarnContext(ctx, "expanded plan breaks plan rules", "first", vs[0].String())
		return ReasonInvalidPlan
	}
	res.Plan, res.Substitutions = plan, subs
	return ""
}

// parts builds the conversations of a generation and the function that assembles their
// answers into a template once all have succeeded.
func (g *Generator) parts(p *planv1.Profile, allowed []*catalogv1.Exercise, wl *whitelist) ([]part, func() *planv1.PlanTemplate, error) {
	week := planner.Week(p.GetDaysPerWeek(), p.GetLocale())
	sessions := make([]prompt.Session, 0, len(week))
	for _, s := range week {
		sessions = append(sessions, prompt.Session{Day: s.Day, Name: s.Name, Focus: s.Focus})
	}
	// Enough exercises that the week holds the ten the plan rules need, and as many as the
	// session length suggests.
	minEx := int32((10 + len(week) - 1) / len(week))
	maxEx := max(minEx, min(10, p.GetSessionMinutes()/7))

	outlineSchema, err := g.schema("outline", (&planv1.PlanOutline{}).ProtoReflect().Descriptor(), nil)
	if err != nil {
		return nil, nil, err
	}
	daySchema, err := g.schema("day:"+wl.key, (&planv1.Day{}).ProtoReflect().Descriptor(), wl.enum())
	if err != nil {
		return nil, nil, err
	}
	outlinePrompt, err := g.prompts.Outline(p, sessions)
	if err != nil {
		return nil, nil, err
	}
	outline := &planv1.PlanOutline{}
	parts := []part{{
		name: "outline", prompt: outlinePrompt, schemaName: OutlineSchemaName, schema: outlineSchema,
		accept: func(raw []byte) []aiplan.Violation {
			o := &planv1.PlanOutline{}
			if vs := g.checker.Decode(raw, o); vs != nil {
				return vs
			}
			vs := g.checker.Validate(o)
			if o.GetDurationWeeks() != p.GetDurationWeeks() {
				vs = append(vs, aiplan.Violation{Field: "duration_weeks", Rule: "duration_weeks.requested", Message: fmt.Sprintf("duration_weeks must be %d", p.GetDurationWeeks())})
			}
			if len(vs) == 0 {
				outline = o
			}
			return vs
		},
	}}
	days := make([]*planv1.Day, len(week))
	for i, s := range sessions {
		pr, err := g.prompts.Day(p, sessions, s, minEx, maxEx, allowed)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, part{
			name: fmt.Sprintf("day %d", s.Day), prompt: pr, schemaName: DaySchemaName, schema: daySchema,
			accept: func(raw []byte) []aiplan.Violation {
				d := &planv1.Day{}
				if vs := g.checker.Decode(raw, d); vs != nil {
					return vs
				}
				vs := g.checker.Validate(d)
				if d.GetDayNumber() != s.Day {
					vs = append(vs, aiplan.Violation{Field: "day_number", Rule: "day_number.requested", Message: fmt.Sprintf("day_number must be %d", s.Day)})
				}
				if d.GetIsRestDay() {
					vs = append(vs, aiplan.Violation{Field: "is_rest_day", Rule: "is_rest_day.requested", Message: "this is a training day: is_rest_day must be false"})
				}
				if n := int32(len(d.GetExercises())); n < minEx {
					vs = append(vs, aiplan.Violation{Field: "exercises", Rule: "exercises.min_count", Message: fmt.Sprintf("write at least %d exercises, not %d", minEx, n)})
				}
				if len(vs) == 0 {
					days[i] = d
				}
				return vs
			},
		})
	}
	assemble := func() *planv1.PlanTemplate {
		t := &planv1.PlanTemplate{
			PlanName: outline.GetPlanName(), DurationWeeks: outline.GetDurationWeeks(), Goal: outline.GetGoal(),
			Notes: outline.GetNotes(), WeekFocus: outline.GetWeekFocus(), Progression: outline.GetProgression(),
		}
		next := 0
		for d := int32(1); d <= 7; d++ {
			if next < len(week) && week[next].Day == d {
				t.Days = append(t.Days, days[next])
				next++
				continue
			}
			t.Days = append(t.Days, planner.RestDay(d, p.GetLocale()))
		}
		return t
	}
	return parts, assemble, nil
}

// runPart holds one conversation: ask, check, and reprompt with the violations up to
// MaxReprompts times.
func (g *Generator) runPart(ctx context.Context, locale string, pt part) partResult {
	var r partResult
	req := llm.Request{
		Model:           g.cfg.Model,
		Messages:        []llm.Message{{Role: llm.System, Content: pt.prompt.System}, {Role: llm.User, Content: pt.prompt.User}},
		SchemaName:      pt.schemaName,
		Schema:          pt.schema,
		MaxOutputTokens: g.cfg.MaxOutputTokens,
	}
	for attempt := 0; attempt <= g.cfg.MaxReprompts; attempt++ {
		if attempt > 0 {
			g.metrics.reprompts.Inc()
		}
		began := time.Now()
		resp, err := g.llm.Complete(ctx, req)
		g.metrics.llmSeconds.Observe(time.Since(began).Seconds())
		r.attempts++
		if resp != nil {
			r.usage = r.usage.Add(resp.Usage)
		}
		if err != nil {
			r.reason = failureReason(ctx, err)
			g.metrics.attempts.WithLabelValues(r.reason).Inc()
			if !errors.Is(err, context.Canceled) {
				g.log.WarnContext(ctx, "LLM call failed", "part", pt.name, "attempt", r.attempts, "reason", r.reason, "err", err)
			}
			return r
		}
		vs := pt.accept([]byte(resp.Content))
		if len(vs) == 0 {
			g.metrics.attempts.WithLabelValues("ok").Inc()
			return r
		}
		g.metrics.attempts.WithLabelValues(ReasonInvalidPlan).Inc()
		g.log.InfoContext(ctx, "LLM answer breaks plan rules", "part", pt.name, "attempt", r.attempts, "violations", len(vs), "first", vs[0].String())
		if attempt == g.cfg.MaxReprompts {
			break
		}
		fix, err := g.prompts.Reprompt(locale, vs)
		if err != nil {
			r.reason = ReasonLLMError
			return r
		}
		echo := resp.Content
		if len(echo) > maxEchoBytes {
			echo = echo[:maxEchoBytes]
		}
		req.Messages = append(req.Messages, llm.Message{Role: llm.Assistant, Content: echo}, llm.Message{Role: llm.User, Content: fix})
	}
	r.reason = ReasonInvalidPlan
	return r
}

func failureReason(ctx context.Context, err error) string {
	switch {
	case errors.Is(err, llm.ErrRefusal):
		return ReasonRefusal
	case errors.Is(err, llm.ErrTruncated):
		return ReasonTruncated
	case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded):
		return ReasonTimeout
	case errors.Is(err, llm.ErrRateLimited):
		return ReasonRateLimited
	case errors.Is(err, llm.ErrUpstream):
		return ReasonUpstreamError
	default:
		return ReasonLLMError
	}
}
