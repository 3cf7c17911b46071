// Package plan is the plan-generator service: people's onboarding profiles, their AI plans
// (always valid, made only of exercises with video), the day's workout with its playlist,
// and workout logs. See DESIGN.md "The AI plan".
//
// Layout: store/ (database), generate/ (the generation pipeline), planner/ (the built-in
// planner), microcycle/ (the weekly template the LLM writes and its expansion), llm/ (the
// OpenAI-compatible client), prompt/ (versioned prompts), aiplan/ (plan parsing and
// validation), adapt/ (the weekly adaptation), report/ (the coach's report), llmtest/ (a
// scripted LLM server for tests and benchmarks).
package plan

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"

	"github.com/fitcoach/fitcoach/pkg/db"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
	"github.com/fitcoach/fitcoach/services/plan/quota"
	"github.com/fitcoach/fitcoach/services/plan/report"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// Config is the plan-generator's settings, read from the environment.
type Config struct {
	DatabaseURL string `env:"DATABASE_URL" default:"sqlite://data/plan.db" usage:"plan database: sqlite://PATH or postgres://..."`

	OpenAIAPIKey  string `env:"OPENAI_API_KEY" usage:"OpenAI API key; unset: the built-in planner makes every plan"`
	OpenAIBaseURL string `env:"OPENAI_BASE_URL" usage:"base URL of an OpenAI-compatible API (unset: api.openai.com)"`
	OpenAIModel   string `env:"OPENAI_MODEL" default:"gpt-4o-mini" usage:"model that writes plans"`
	// LLMMaxRetries and LLMMaxOutputTokens bound one LLM call.
	LLMMaxRetries      int   `env:"OPENAI_MAX_RETRIES" default:"2" usage:"retries of an LLM call answered 429 or 5xx, with backoff"`
	LLMMaxOutputTokens int64 `env:"OPENAI_MAX_OUTPUT_TOKENS" default:"2000" usage:"output token cap of one LLM answer (an outline or one day needs a few hundred; raise it for reasoning models, whose thinking counts too)"`

	RepromptMaxAttempts int           `env:"AI_REPROMPT_MAX_ATTEMPTS" default:"2" usage:"times an AI plan that breaks the rules is sent back with its violations"`
	FallbackToLegacy    bool          `env:"FALLBACK_TO_LEGACY_FLOW" default:"true" usage:"make the plan with the built-in planner when the LLM fails"`
	GenerationTimeout   time.Duration `env:"PLAN_GENERATION_TIMEOUT" default:"60s" usage:"deadline of a whole plan generation"`

	PlaylistTimeout   time.Duration `env:"PLAN_PLAYLIST_TIMEOUT" default:"2s" usage:"how long Start workout waits for the playlist before answering without it"`
	WhitelistCacheTTL time.Duration `env:"PLAN_WHITELIST_CACHE_TTL" default:"60s" usage:"how long the plan service reuses an allowed-exercise list"`
	ProfileCacheTTL   time.Duration `env:"PLAN_PROFILE_CACHE_TTL" default:"30s" usage:"how long a profile is cached for Start workout (local upserts invalidate at once)"`
	PlanCacheSize     int           `env:"PLAN_CACHE_SIZE" default:"10000" usage:"plans kept in memory (plans are immutable)"`
	// RevisionTTL bounds how long a replica may show a plan's previous revision after
	// another replica made a new one (adaptation, swap, revert); see planCache.
	RevisionTTL time.Duration `env:"PLAN_REVISION_TTL" default:"2s" usage:"how long a cached plan's current revision is trusted before the database is asked again (revisions made by this process are seen at once)"`

	// PlanRateLimit and PlanRatePeriod bound how often one person may ask for a plan; each can
	// be paid LLM work. Shared by replicas through Redis when REDIS_URL is set.
	PlanRateLimit  int           `env:"PLAN_RATE_LIMIT" default:"10" usage:"plans one person may ask for per PLAN_RATE_PERIOD, also the burst; past it CreatePlan answers 429 with Retry-After (0: no limit)"`
	PlanRatePeriod time.Duration `env:"PLAN_RATE_PERIOD" default:"1h" usage:"the period of PLAN_RATE_LIMIT"`
	// LLMDailyTokenBudget bounds the LLM tokens one person's plans use per UTC day.
	LLMDailyTokenBudget int64 `env:"LLM_DAILY_TOKENS_PER_PERSON" default:"200000" usage:"LLM tokens (prompt and completion) one person's plans may use per UTC day; past it CreatePlan answers 429 until midnight UTC (0: no budget)"`
}

// Validate checks the config.
func (c *Config) Validate() error {
	var errs []error
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required"))
	}
	if c.RepromptMaxAttempts < 0 || c.RepromptMaxAttempts > 5 {
		errs = append(errs, errors.New("AI_REPROMPT_MAX_ATTEMPTS must be 0..5"))
	}
	if c.GenerationTimeout <= 0 {
		errs = append(errs, errors.New("PLAN_GENERATION_TIMEOUT must be positive"))
	}
	if c.PlaylistTimeout <= 0 {
		c.PlaylistTimeout = 2 * time.Second
	}
	if c.PlanCacheSize <= 0 {
		c.PlanCacheSize = 10000
	}
	if c.RevisionTTL < 0 {
		errs = append(errs, errors.New("PLAN_REVISION_TTL cannot be negative"))
	}
	if c.PlanRateLimit < 0 || c.LLMDailyTokenBudget < 0 {
		errs = append(errs, errors.New("PLAN_RATE_LIMIT and LLM_DAILY_TOKENS_PER_PERSON cannot be negative"))
	}
	if c.PlanRateLimit > 0 && c.PlanRatePeriod <= 0 {
		errs = append(errs, errors.New("PLAN_RATE_PERIOD must be positive when PLAN_RATE_LIMIT is set"))
	}
	if c.OpenAIModel == "" {
		c.OpenAIModel = "gpt-4o-mini"
	}
	return errors.Join(errs...)
}

// Deps are what the service is given by its composition root.
type Deps struct {
	Logger *slog.Logger
	// Registry receives the service's metrics; nil registers none.
	Registry prometheus.Registerer
	// CatalogClient gives the allowed exercises and alternatives; required.
	CatalogClient catalogv1.CatalogServiceClient
	// VideoClient builds playlists; required.
	VideoClient videov1.VideoServiceClient
	// LLMHTTPClient overrides the LLM client's transport (tests); nil uses the default.
	LLMHTTPClient *http.Client
	// Quota keeps the per-person limits: quota.NewRedis to share them between replicas; nil
	// keeps them in process.
	Quota quota.Backend
}

// Service is the plan-generator.
type Service struct {
	planv1.UnimplementedPlanServiceServer

	cfg      Config
	log      *slog.Logger
	db       *db.DB
	store    *store.Store
	gen      *generate.Generator
	catalog  *catalogClient
	video    videov1.VideoServiceClient
	plans    *planCache
	profiles *profileCache
	flight   singleflight.Group
	metrics  *metrics
	quota    *quota.Quota
	adapter  *adapt.Writer
	reporter *report.Writer
}

// Migrations are the service's embedded SQL migrations, for `fitcoach migrate plan`.
func Migrations() db.Migrations { return store.Migrations() }

// New opens the database, applies migrations and builds the service.
func New(ctx context.Context, cfg Config, deps Deps) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("plan config: %w", err)
	}
	if deps.CatalogClient == nil || deps.VideoClient == nil {
		return nil, errors.New("plan: CatalogClient and VideoClient are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("plan database: %w", err)
	}
	if _, err := db.Migrate(d, Migrations(), db.Up); err != nil {
		d.Close()
		return nil, fmt.Errorf("plan migrations: %w", err)
	}
	s, err := newService(cfg, deps, d)
	if err != nil {
		d.Close()
		return nil, err
	}
	return s, nil
}

func newService(cfg Config, deps Deps, d *db.DB) (*Service, error) {
	gm, err := generate.NewMetrics(deps.Registry)
	if err != nil {
		return nil, fmt.Errorf("plan metrics: %w", err)
	}
	m, err := newMetrics(deps.Registry)
	if err != nil {
		return nil, fmt.Errorf("plan metrics: %w", err)
	}
	cat := newCatalogClient(deps.CatalogClient, cfg.WhitelistCacheTTL)
	var completer generate.Completer
	if cfg.OpenAIAPIKey != "" {
		completer = llm.New(llm.Config{APIKey: cfg.OpenAIAPIKey, BaseURL: cfg.OpenAIBaseURL, MaxRetries: cfg.LLMMaxRetries, HTTPClient: deps.LLMHTTPClient})
	}
	gen, err := generate.New(generate.Config{
		Model:           cfg.OpenAIModel,
		MaxReprompts:    cfg.RepromptMaxAttempts,
		Fallback:        cfg.FallbackToLegacy,
		Timeout:         cfg.GenerationTimeout,
		MaxOutputTokens: cfg.LLMMaxOutputTokens,
	}, completer, cat, gm, deps.Logger)
	if err != nil {
		return nil, err
	}
	prompts, err := prompt.Load()
	if err != nil {
		return nil, err
	}
	adapter := &adapt.Writer{Voices: prompts, Model: cfg.OpenAIModel, MaxReprompts: cfg.RepromptMaxAttempts, Timeout: cfg.GenerationTimeout, Log: deps.Logger}
	reporter := &report.Writer{Voices: prompts, Model: cfg.OpenAIModel, MaxReprompts: cfg.RepromptMaxAttempts, Timeout: cfg.GenerationTimeout, Log: deps.Logger}
	if completer != nil {
		adapter.LLM = completer
		reporter.LLM = completer
	}
	backend := deps.Quota
	if backend == nil {
		backend = quota.NewMemory()
	}
	q, err := quota.New(quota.Config{Plans: cfg.PlanRateLimit, Period: cfg.PlanRatePeriod, DailyTokens: cfg.LLMDailyTokenBudget}, backend)
	if err != nil {
		return nil, err
	}
	log := deps.Logger
	q.OnError = func(err error) {
		m.quotaErrors.Inc()
		log.Warn("quota store failed; admitting the request unchecked", "err", err)
	}
	return &Service{
		quota:    q,
		cfg:      cfg,
		log:      deps.Logger,
		db:       d,
		store:    store.New(d),
		gen:      gen,
		catalog:  cat,
		video:    deps.VideoClient,
		plans:    newPlanCache(cfg.PlanCacheSize, cfg.RevisionTTL),
		profiles: newProfileCache(cfg.ProfileCacheTTL),
		metrics:  m,
		adapter:  adapter,
		reporter: reporter,
	}, nil
}

// Register adds the PlanService to srv.
func (s *Service) Register(srv *server.Server) {
	srv.Register(&planv1.PlanService_ServiceDesc, s)
}

// Close closes the database.
func (s *Service) Close() error {
	return errors.Join(s.store.Close(), s.db.Close())
}
