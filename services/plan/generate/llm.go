package generate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
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
	// attempts counts the HTTP requests sent: each call and each of its retries after a 429
	// or 5xx.
	attempts int32
	usage    llm.Usage
	reason   string
}

// count records a call's requests and tokens.
func (r *partResult) count(resp *llm.Response) {
	r.attempts++
	if resp != nil {
		r.attempts += int32(resp.Retries)
		r.usage = r.usage.Add(resp.Usage)
	}
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
	design, err := planner.Design(p, allowed)
	if err != nil {
		g.log.ErrorContext(ctx, "plan design", "err", err)
		return ReasonLLMError
	}
	// The model chooses among, and substitutes from, only what is safe for this person.
	wl = newWhitelist(design.Safe)
	parts, assemble, err := g.parts(p, design, wl)
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
	subs := g.substitute(ctx, p, wl, []*planv1.Week{{WeekNumber: 0, Days: t.GetDays()}}, design.Template.GetDays())
	plan := microcycle.Expand(t, design.Expansion)
	if vs := aiplan.Validate(plan); len(vs) > 0 {
		g.log.WarnContext(ctx, "expanded plan breaks plan rules", "first", vs[0].String())
		return ReasonInvalidPlan
	}
	// Substitutes are checked too: nothing unsafe is ever stored. Every week repeats the
	// template's exercises, so checking its week is checking the plan.
	week := &planv1.WorkoutPlan{Weeks: []*planv1.Week{{WeekNumber: 1, Days: t.GetDays()}}}
	if s := coaching.Safety(coaching.Input{Plan: week, Profile: p, Catalog: coaching.Index(allowed)}); s.Score < 100 {
		g.log.WarnContext(ctx, "plan is unsafe for the person", "first", s.Findings[0].String())
		return ReasonInvalidPlan
	}
	res.Plan, res.Substitutions = plan, everyWeek(subs, plan.GetDurationWeeks())
	return ""
}

// parts builds the conversations of a generation and the function that assembles their
// answers into a template once all have succeeded.
func (g *Generator) parts(p *planv1.Profile, design *planner.Result, wl *whitelist) ([]part, func() *planv1.PlanTemplate, error) {
	week := design.Sessions
	sessions := make([]prompt.Session, 0, len(week))
	for _, s := range week {
		sessions = append(sessions, promptSession(s))
	}
	// Enough exercises that the week holds the ten the plan rules need, and as many as the
	// session's blocks need.
	minEx := int32(max(4, (10+len(week)-1)/len(week)))
	maxEx := max(minEx, min(20, p.GetSessionMinutes()/4))
	catalog := coaching.Index(design.Safe)
	level := p.GetFitnessLevel()

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
		pr, err := g.prompts.Day(p, sessions, s, minEx, maxEx, design.Safe)
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
				// The coaching rules, like the plan rules, go back to the model when broken.
				if len(vs) == 0 {
					for _, f := range coaching.CheckDay(d, week[i], catalog, level) {
						vs = append(vs, aiplan.Violation{Field: f.Field, Rule: f.Rule, Message: f.Message})
					}
				}
				if allSoft(vs) {
					days[i] = d
				}
				return vs
			},
		})
	}
	assemble := func() *planv1.PlanTemplate {
		// The progression is the coach's, not the model's: deloads, taper and growth follow
		// the objectives and level (COACHING §5). The model's week focuses are kept only when
		// its deload weeks are the same, so no focus announces a deload that is not one.
		pr := design.Template.GetProgression()
		t := &planv1.PlanTemplate{
			PlanName: outline.GetPlanName(), DurationWeeks: outline.GetDurationWeeks(), Goal: outline.GetGoal(),
			Notes: outline.GetNotes(), Progression: pr,
		}
		if outline.GetProgression().GetDeloadEveryWeeks() == pr.GetDeloadEveryWeeks() && !design.Expansion.Taper {
			t.WeekFocus = outline.GetWeekFocus()
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
	widened := false
	for attempt := 0; attempt <= g.cfg.MaxReprompts; attempt++ {
		if attempt > 0 {
			g.metrics.reprompts.Inc()
		}
		if ctx.Err() != nil {
			// Cancelled before it was sent (another part failed, or the deadline): no call.
			r.reason = failureReason(ctx, ctx.Err())
			return r
		}
		began := time.Now()
		resp, err := g.llm.Complete(ctx, req)
		if errors.Is(err, llm.ErrTruncated) && !widened {
			// One answer ran out of tokens: ask that part once more with twice the room
			// before giving the whole plan to the built-in planner.
			widened = true
			r.count(resp)
			req.MaxOutputTokens = max(2*req.MaxOutputTokens, 4000)
			g.log.InfoContext(ctx, "LLM answer truncated; retrying the part with a larger cap", "part", pt.name, "max_output_tokens", req.MaxOutputTokens)
			resp, err = g.llm.Complete(ctx, req)
		}
		g.metrics.llmSeconds.Observe(time.Since(began).Seconds())
		r.count(resp)
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
			if allSoft(vs) {
				// Only exercises outside the whitelist are left: they were sent back once and
				// are now substituted by similar allowed ones.
				return r
			}
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

// promptSession describes a designed session for the prompts.
func promptSession(s planner.Session) prompt.Session {
	blocks := make([]string, 0, len(s.Blocks))
	for _, b := range s.Blocks {
		blocks = append(blocks, fmt.Sprintf("%s %d min", b.Name, b.Minutes))
	}
	pats := make([]string, 0, len(s.Patterns))
	for _, p := range s.Patterns {
		pats = append(pats, prompt.PatternName(p))
	}
	return prompt.Session{Day: s.Day, Name: s.Name, Focus: s.Focus, Minutes: s.Minutes, Blocks: strings.Join(blocks, ", "), Patterns: strings.Join(pats, ", ")}
}

// allSoft reports whether every violation is one that substitution can repair: an exercise
// outside the person's allowed list, which is sent back in a reprompt first.
func allSoft(vs []aiplan.Violation) bool {
	for _, v := range vs {
		if v.Rule != coaching.RuleNotAllowed {
			return false
		}
	}
	return true
}

// everyWeek lists each substitution made in the weekly template once per plan week, where it
// took effect (weeks are 1..n; the template itself has no week number).
func everyWeek(subs []*planv1.Substitution, n int32) []*planv1.Substitution {
	if len(subs) == 0 {
		return nil
	}
	out := make([]*planv1.Substitution, 0, len(subs)*int(n))
	for w := int32(1); w <= n; w++ {
		for _, s := range subs {
			out = append(out, &planv1.Substitution{Week: w, Day: s.GetDay(), FromSlug: s.GetFromSlug(), ToSlug: s.GetToSlug()})
		}
	}
	return out
}
