// Package plan is the plan-generator service: people's onboarding profiles, their AI plans
// (always valid, made only of exercises with video), the day's workout with its playlist,
// and workout logs. See DESIGN.md "The AI plan".
//
// Layout: store/ (database), jobs/ (durable background work on River: generation,
// adaptation, reports), generate/ (the generation pipeline), planner/ (the built-in
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
	"github.com/fitcoach/fitcoach/services/plan/jobs"
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

	// Background jobs (River, in the plan database): generation, adaptation, reports.
	JobWorkers      int           `env:"PLAN_JOB_WORKERS" default:"4" usage:"plan generations one process runs at once"`
	CoachJobWorkers int           `env:"PLAN_COACH_JOB_WORKERS" default:"2" usage:"adaptations and reports one process runs at once"`
	JobMaxAttempts  int           `env:"PLAN_JOB_MAX_ATTEMPTS" default:"5" usage:"runs of a background job before it is discarded (then 'fitcoach jobs list --state discarded' shows it and 'fitcoach jobs retry ID' runs it again)"`
	JobRetryBase    time.Duration `env:"PLAN_JOB_RETRY_BASE" default:"10s" usage:"wait before a failed job's first retry; each next retry waits twice as long, up to 10m"`
	CoachJobTimeout time.Duration `env:"PLAN_COACH_JOB_TIMEOUT" default:"2m" usage:"deadline of one adaptation or report"`
	JobRescueAfter  time.Duration `env:"PLAN_JOB_RESCUE_AFTER" usage:"how long a job may run before it is presumed lost with a killed process and retried (unset: the longest job deadline plus 1m)"`
	JobPollInterval time.Duration `env:"PLAN_JOB_POLL_INTERVAL" default:"1s" usage:"how often a process looks for due jobs besides being notified of new ones"`
	WeekSweepEvery  time.Duration `env:"PLAN_WEEK_SWEEP_INTERVAL" default:"1h" usage:"how often plans are searched for weeks that ended without an adaptation"`
}

// jobsConfig is the queue's config: a generation attempt may take the generation's deadline
// and a margin to store the plan.
func (c *Config) jobsConfig() jobs.Config {
	return jobs.Config{
		GenerateWorkers: c.JobWorkers, CoachWorkers: c.CoachJobWorkers,
		GenerateTimeout: c.GenerationTimeout + 5*time.Second, CoachTimeout: c.CoachJobTimeout,
		RescueAfter: c.JobRescueAfter, MaxAttempts: c.JobMaxAttempts, RetryBase: c.JobRetryBase,
		SweepInterval: c.WeekSweepEvery, PollInterval: c.JobPollInterval,
	}
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
	if c.JobWorkers < 0 || c.CoachJobWorkers < 0 || c.JobMaxAttempts < 0 || c.JobRetryBase < 0 || c.CoachJobTimeout < 0 || c.JobRescueAfter < 0 || c.JobPollInterval < 0 || c.WeekSweepEvery < 0 {
		errs = append(errs, errors.New("PLAN_JOB_WORKERS, PLAN_COACH_JOB_WORKERS, PLAN_JOB_MAX_ATTEMPTS, PLAN_JOB_RETRY_BASE, PLAN_COACH_JOB_TIMEOUT, PLAN_JOB_RESCUE_AFTER, PLAN_JOB_POLL_INTERVAL and PLAN_WEEK_SWEEP_INTERVAL cannot be negative"))
	} else if jc := c.jobsConfig(); c.GenerationTimeout > 0 {
		if err := jc.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("PLAN_JOB_RESCUE_AFTER: %w", err))
		}
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
	// AdaptWeek and CoachReport do the adapt_week and coach_report jobs' work (the
	// adaptation's and the report's packages); nil does them with this service's Adapt and
	// WriteReport.
	AdaptWeek   jobs.AdaptFunc
	CoachReport jobs.ReportFunc
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
	jobs     *jobs.Queue
	waits    *waitHub
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

// adaptJob is the adapt_week job's work: the weekly adaptation (idempotent per week and base
// revision, so a retried job makes one revision).
func (s *Service) adaptJob(ctx context.Context, sub, planID string, week int32) error {
	_, err := s.Adapt(ctx, sub, planID, week)
	return err
}

// reportJob is the coach_report job's work: the report, stored under its fingerprint.
func (s *Service) reportJob(ctx context.Context, sub, planID string, week int32) error {
	_, err := s.WriteReport(ctx, sub, planID, week)
	return err
}

// newQueue builds the service's job queue on its database and starts its workers.
func (s *Service) newQueue(deps Deps) error {
	if deps.AdaptWeek == nil {
		deps.AdaptWeek = s.adaptJob
	}
	if deps.CoachReport == nil {
		deps.CoachReport = s.reportJob
	}
	q, err := jobs.Open(context.Background(), jobs.Options{
		DB: s.db, DSN: s.cfg.DatabaseURL, Store: s.store, Config: s.cfg.jobsConfig(),
		Handlers: jobs.Handlers{Generate: s.generateJob, Adapt: deps.AdaptWeek, Report: deps.CoachReport},
		Registry: deps.Registry, Logger: deps.Logger,
	})
	if err != nil {
		return fmt.Errorf("plan jobs: %w", err)
	}
	if err := q.Start(context.Background()); err != nil {
		return fmt.Errorf("plan jobs: %w", err)
	}
	s.jobs = q
	return nil
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
	s := &Service{
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
		waits:    newWaitHub(),
	}
	if err := s.newQueue(deps); err != nil {
		return nil, err
	}
	return s, nil
}

// Register adds the PlanService to srv.
func (s *Service) Register(srv *server.Server) {
	srv.Register(&planv1.PlanService_ServiceDesc, s)
}

// Close stops the job queue, letting running jobs finish for a few seconds (those still
// running are cancelled and retried after the next start, here or on a replica), then closes
// the database.
func (s *Service) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(s.jobs.Stop(ctx), s.store.Close(), s.db.Close())
}
