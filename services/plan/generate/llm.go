package generate

import (
	"context"
	"errors"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
)

// fallbackReserve is kept from the generation deadline for the built-in planner and the
// store after the LLM phase gives up.
const fallbackReserve = 2 * time.Second

// maxEchoBytes bounds a bad answer sent back to the model in a reprompt.
const maxEchoBytes = 32 << 10

// SchemaName names the response format sent to the LLM.
const SchemaName = "fitcoach_plan_template"

// viaLLM runs the LLM phase into res: res.Plan is set on success; otherwise the reason for
// falling back is returned. res.Attempts, Usage and LLMTime count what was spent either way.
func (g *Generator) viaLLM(ctx context.Context, p *planv1.Profile, allowed []*catalogv1.Exercise, wl *whitelist, res *Result) string {
	res.Provider, res.Model = ProviderOpenAI, g.cfg.Model
	if dl, ok := ctx.Deadline(); ok {
		reserve := min(fallbackReserve, time.Until(dl)/10)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-reserve))
		defer cancel()
	}
	pr, err := g.prompts.Build(p, allowed)
	if err != nil {
		g.log.ErrorContext(ctx, "build prompt", "err", err)
		return ReasonLLMError
	}
	schema, err := g.schema(wl)
	if err != nil {
		g.log.ErrorContext(ctx, "plan template schema", "err", err)
		return ReasonLLMError
	}
	req := llm.Request{
		Model:           g.cfg.Model,
		Messages:        []llm.Message{{Role: llm.System, Content: pr.System}, {Role: llm.User, Content: pr.User}},
		SchemaName:      SchemaName,
		Schema:          schema,
		MaxOutputTokens: g.cfg.MaxOutputTokens,
	}
	for attempt := 0; attempt <= g.cfg.MaxReprompts; attempt++ {
		if attempt > 0 {
			g.metrics.reprompts.Inc()
		}
		began := time.Now()
		resp, err := g.llm.Complete(ctx, req)
		took := time.Since(began)
		res.Attempts++
		res.LLMTime += took
		g.metrics.llmSeconds.Observe(took.Seconds())
		if resp != nil {
			res.Usage = res.Usage.Add(resp.Usage)
		}
		if err != nil {
			reason := failureReason(ctx, err)
			g.metrics.attempts.WithLabelValues(reason).Inc()
			g.log.WarnContext(ctx, "LLM attempt failed", "attempt", res.Attempts, "reason", reason, "err", err)
			return reason
		}
		plan, subs, vs := g.accept(ctx, p, []byte(resp.Content), wl)
		if len(vs) == 0 {
			g.metrics.attempts.WithLabelValues("ok").Inc()
			res.Plan, res.Substitutions = plan, subs
			return ""
		}
		g.metrics.attempts.WithLabelValues(ReasonInvalidPlan).Inc()
		g.log.InfoContext(ctx, "LLM answer violates plan rules", "attempt", res.Attempts, "violations", len(vs), "first", vs[0].String())
		if attempt == g.cfg.MaxReprompts {
			break
		}
		fix, err := g.prompts.Reprompt(p.GetLocale(), vs)
		if err != nil {
			g.log.ErrorContext(ctx, "build reprompt", "err", err)
			return ReasonLLMError
		}
		echo := resp.Content
		if len(echo) > maxEchoBytes {
			echo = echo[:maxEchoBytes]
		}
		req.Messages = append(req.Messages, llm.Message{Role: llm.Assistant, Content: echo}, llm.Message{Role: llm.User, Content: fix})
	}
	return ReasonInvalidPlan
}

// accept turns an answer into a plan: a weekly template (the schema asked for) or, from a
// model that wrote the plan out anyway, a whole WorkoutPlan. Exercises outside the whitelist
// are substituted; the violations returned are the ones worth a reprompt, with paths into
// what the model wrote.
func (g *Generator) accept(ctx context.Context, p *planv1.Profile, raw []byte, wl *whitelist) (*planv1.WorkoutPlan, []*planv1.Substitution, []aiplan.Violation) {
	if microcycle.IsFullPlan(raw) {
		plan, vs := aiplan.Check(raw)
		if len(vs) > 0 {
			return nil, nil, vs
		}
		subs := g.substitute(ctx, p, wl, plan.GetWeeks())
		if vs := aiplan.Validate(plan); len(vs) > 0 {
			return nil, nil, vs
		}
		return plan, subs, nil
	}
	t, vs := g.checker.Check(raw)
	if len(vs) > 0 {
		return nil, nil, vs
	}
	subs := g.substitute(ctx, p, wl, []*planv1.Week{{WeekNumber: 0, Days: t.GetDays()}})
	plan := microcycle.Expand(t, p.GetLocale())
	if vs := aiplan.Validate(plan); len(vs) > 0 {
		return nil, nil, microcycle.TemplateViolations(vs)
	}
	return plan, subs, nil
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
