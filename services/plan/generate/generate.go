// Package generate makes a person's plan: it fetches the exercises they may be shown on
// video, asks the LLM for a weekly template under a strict schema, checks the answer against
// every plan rule, reprompts with the violations, swaps exercises outside the whitelist for
// catalog alternatives, and falls back to the built-in planner when the LLM cannot deliver in
// time. Whatever happens, a generation that returns without error returns a valid plan made
// only of allowed exercises, with a record of how it was made.
package generate

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
	"github.com/fitcoach/fitcoach/services/plan/planner"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
)

// Providers recorded on a plan.
const (
	ProviderOpenAI  = "openai"
	ProviderBuiltin = "builtin"
)

// Fallback reasons recorded on a plan made by the built-in planner.
const (
	ReasonNoAPIKey      = "no_api_key"
	ReasonTimeout       = "timeout"
	ReasonRefusal       = "refusal"
	ReasonTruncated     = "truncated"
	ReasonRateLimited   = "rate_limited"
	ReasonUpstreamError = "upstream_error"
	ReasonInvalidPlan   = "invalid_plan"
	ReasonLLMError      = "llm_error"
)

// Catalog is what generation needs of the exercise catalog.
type Catalog interface {
	// Allowed returns the exercises with complete video coverage that fit equipment and level.
	Allowed(ctx context.Context, equipment []string, level typesv1.FitnessLevel) ([]*catalogv1.Exercise, error)
	// Alternatives returns allowed exercises that can replace slug; an error wrapping
	// grpcerr.ErrNotFound when the catalog does not know slug.
	Alternatives(ctx context.Context, slug string, equipment []string, level typesv1.FitnessLevel) ([]*catalogv1.Exercise, error)
}

// Completer is the LLM; *llm.Client implements it.
type Completer interface {
	Complete(ctx context.Context, req llm.Request) (*llm.Response, error)
}

// Config tunes generation.
type Config struct {
	// Model is the LLM model name.
	Model string
	// MaxReprompts is how many times a violating answer is sent back with its violations.
	MaxReprompts int
	// Fallback enables the built-in planner when the LLM fails; without it such a
	// generation fails with ErrUnavailable.
	Fallback bool
	// Timeout bounds a whole generation.
	Timeout time.Duration
	// MaxOutputTokens caps one LLM answer; an outline or a day needs a few hundred.
	MaxOutputTokens int64
}

// Generator makes plans. It is safe for concurrent use.
type Generator struct {
	cfg     Config
	llm     Completer
	catalog Catalog
	prompts *prompt.Set
	checker *microcycle.Checker
	metrics *Metrics
	log     *slog.Logger

	mu      sync.Mutex
	schemas map[string][]byte
}

// New builds a Generator; a nil llm means the built-in planner makes every plan.
func New(cfg Config, c Completer, catalog Catalog, m *Metrics, log *slog.Logger) (*Generator, error) {
	ps, err := prompt.Load()
	if err != nil {
		return nil, err
	}
	chk, err := microcycle.NewChecker()
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxOutputTokens <= 0 {
		cfg.MaxOutputTokens = 2000
	}
	if cfg.MaxReprompts < 0 {
		cfg.MaxReprompts = 0
	}
	return &Generator{cfg: cfg, llm: c, catalog: catalog, prompts: ps, checker: chk, metrics: m, log: log, schemas: map[string][]byte{}}, nil
}

// Result is a generated plan and how it was made.
type Result struct {
	Plan           *planv1.WorkoutPlan
	Provider       string
	Model          string
	Attempts       int32
	Substitutions  []*planv1.Substitution
	FallbackReason string
	PromptVersion  string
	Usage          llm.Usage
	LLMTime        time.Duration
}

// Equipment is what the catalog is asked about for a person: their equipment plus
// "bodyweight", so that someone with no equipment is filtered to bodyweight exercises
// instead of getting the unfiltered set.
func Equipment(p *planv1.Profile) []string {
	eq := append([]string{"bodyweight"}, p.GetEquipment()...)
	slices.Sort(eq)
	return slices.Compact(eq)
}

// Generate makes a plan for the profile. Errors: ErrFailedPrecondition when no allowed
// exercise fits the person; ErrUnavailable when the catalog cannot be reached, or the LLM
// failed and the fallback is off.
func (g *Generator) Generate(ctx context.Context, p *planv1.Profile) (*Result, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
	defer cancel()

	allowed, err := g.catalog.Allowed(ctx, Equipment(p), p.GetFitnessLevel())
	if err != nil {
		return nil, fmt.Errorf("allowed exercises: %w: %w", grpcerr.ErrUnavailable, err)
	}
	g.metrics.whitelistSize.Set(float64(len(allowed)))
	if len(allowed) == 0 {
		return nil, fmt.Errorf("no exercise with video coverage fits this equipment and level: %w", grpcerr.ErrFailedPrecondition)
	}
	wl := newWhitelist(allowed)

	res := &Result{}
	reason := ReasonNoAPIKey
	if g.llm != nil {
		reason = g.viaLLM(ctx, p, allowed, wl, res)
	}
	if res.Plan == nil {
		g.metrics.fallbacks.WithLabelValues(reason).Inc()
		if !g.cfg.Fallback && reason != ReasonNoAPIKey {
			g.metrics.generations.WithLabelValues(ProviderOpenAI, "failed").Inc()
			return nil, fmt.Errorf("the AI planner failed (%s) and the fallback is off: %w", reason, grpcerr.ErrUnavailable)
		}
		builtin, err := planner.Plan(p, allowed)
		if err != nil {
			return nil, fmt.Errorf("built-in planner: %w", err)
		}
		res.Plan, res.Provider, res.Model, res.FallbackReason, res.Substitutions = builtin, ProviderBuiltin, "", reason, nil
	}
	res.PromptVersion = prompt.Version
	outcome := "ok"
	if res.FallbackReason != "" {
		outcome = "fallback"
	}
	g.metrics.generations.WithLabelValues(res.Provider, outcome).Inc()
	g.metrics.generationSeconds.WithLabelValues(res.Provider).Observe(time.Since(start).Seconds())
	g.metrics.substitutions.Add(float64(len(res.Substitutions)))
	g.metrics.tokens.WithLabelValues("prompt").Add(float64(res.Usage.PromptTokens))
	g.metrics.tokens.WithLabelValues("completion").Add(float64(res.Usage.CompletionTokens))
	return res, nil
}
