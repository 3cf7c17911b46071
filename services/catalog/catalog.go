// Package catalog is the exercise-catalog service: the exercises, the AI whitelist (exercises
// with complete video coverage), the coverage report, alternatives, bulk import and the
// built-in starter catalog. It serves fitcoach.catalog.v1.CatalogService.
//
// Subpackages, one concept each: store (ent-backed storage), migrations (embedded SQL per
// dialect), whitelist (the allowed set, its cache and stale fallback), coverage (the report),
// alternatives (substitute ranking), importer (CSV/JSON import for the CLI), starter (the
// embedded starter catalog), nature (the names of an exercise's measurement, mechanics,
// movement patterns, joint stresses and impact).
package catalog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"buf.build/go/protovalidate"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/db"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/pkg/validate"
	"github.com/fitcoach/fitcoach/services/catalog/migrations"
	"github.com/fitcoach/fitcoach/services/catalog/starter"
	"github.com/fitcoach/fitcoach/services/catalog/store"
	"github.com/fitcoach/fitcoach/services/catalog/whitelist"
)

// Config holds the catalog's settings, loaded from the environment with pkg/config.
type Config struct {
	DatabaseURL string `env:"DATABASE_URL" default:"sqlite://data/catalog.db" usage:"catalog database: sqlite://PATH or postgres://..."`
	// WhitelistCacheTTL is how long a computed whitelist is served before it is recomputed.
	WhitelistCacheTTL time.Duration `env:"WHITELIST_CACHE_TTL" default:"300s" usage:"how long the computed AI whitelist is cached"`
	// WhitelistStaleTTL is how long the last good whitelist is kept for stale serving.
	WhitelistStaleTTL time.Duration `env:"WHITELIST_STALE_TTL" default:"168h" usage:"how long the last good whitelist is kept to serve (stale) while the video service is down"`
	// WhitelistRetryBackoff spaces out calls to a failing video service.
	WhitelistRetryBackoff time.Duration `env:"WHITELIST_RETRY_BACKOFF" default:"5s" usage:"after a failed whitelist computation, serve the stale set this long before calling the video service again"`
	// PageTokenSecret keys the MAC of ListExercises page tokens.
	PageTokenSecret string `env:"CATALOG_PAGE_TOKEN_SECRET" usage:"secret that signs ListExercises page tokens (unset: tokens are checksummed, not signed)"`
}

// Validate checks the config and fills defaults for zero values.
func (c *Config) Validate() error {
	if c.DatabaseURL == "" {
		return errors.New("catalog: DATABASE_URL is required")
	}
	if c.WhitelistCacheTTL <= 0 {
		c.WhitelistCacheTTL = 300 * time.Second
	}
	if c.WhitelistStaleTTL <= 0 {
		c.WhitelistStaleTTL = 7 * 24 * time.Hour
	}
	if c.WhitelistStaleTTL < c.WhitelistCacheTTL {
		return fmt.Errorf("catalog: WHITELIST_STALE_TTL (%s) must not be shorter than WHITELIST_CACHE_TTL (%s)", c.WhitelistStaleTTL, c.WhitelistCacheTTL)
	}
	return nil
}

// Deps are what the catalog needs from its process.
type Deps struct {
	Logger *slog.Logger
	// Registry receives the whitelist metrics; nil registers none.
	Registry prometheus.Registerer
	// Cache holds the whitelist: in-process, or Redis shared by replicas. Nil means a new
	// in-process cache.
	Cache cache.Cache
	// VideoClient answers GetClipCoverage; required.
	VideoClient videov1.VideoServiceClient
	// Validator checks merged updates and the starter catalog; nil means a new one.
	Validator protovalidate.Validator
}

// Service is the catalog service. Create it with New; Close it when done.
type Service struct {
	catalogv1.UnimplementedCatalogServiceServer

	db        *db.DB
	store     *store.Store
	whitelist *whitelist.Whitelist
	video     videov1.VideoServiceClient
	validator protovalidate.Validator
	tokens    pageTokens
	log       *slog.Logger
}

// Migrations returns the catalog's embedded migrations, for `fitcoach migrate catalog`.
func Migrations() db.Migrations {
	return db.Migrations{Service: "catalog", FS: migrations.FS}
}

// New opens the catalog database, applies pending migrations and builds the service.
func New(ctx context.Context, cfg Config, deps Deps) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.VideoClient == nil {
		return nil, errors.New("catalog: Deps.VideoClient is required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Cache == nil {
		deps.Cache = cache.NewMemory(0)
	}
	if deps.Validator == nil {
		v, err := protovalidate.New()
		if err != nil {
			return nil, fmt.Errorf("catalog: protovalidate: %w", err)
		}
		deps.Validator = v
	}
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if _, err := db.Migrate(d, Migrations(), db.Up); err != nil {
		d.Close()
		return nil, fmt.Errorf("catalog: %w", err)
	}
	st := store.New(d.Ent())
	wl, err := whitelist.New(st, deps.VideoClient, deps.Cache, whitelist.Config{
		TTL:          cfg.WhitelistCacheTTL,
		StaleTTL:     cfg.WhitelistStaleTTL,
		RetryBackoff: cfg.WhitelistRetryBackoff,
	}, deps.Registry, deps.Logger)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return &Service{
		db:        d,
		store:     st,
		whitelist: wl,
		video:     deps.VideoClient,
		validator: deps.Validator,
		tokens:    newPageTokens(cfg.PageTokenSecret),
		log:       deps.Logger,
	}, nil
}

// Register adds the CatalogService to srv.
func (s *Service) Register(srv *server.Server) {
	srv.Register(&catalogv1.CatalogService_ServiceDesc, s)
	// InvalidateCache also admits the service role, so its handler checks for itself.
	srv.RequireAdmin(&catalogv1.CatalogService_ServiceDesc, "CreateExercise", "UpdateExercise", "DeleteExercise", "ImportExercises")
}

// Close closes the database.
func (s *Service) Close() error { return s.db.Close() }

// LoadStarter brings the embedded starter catalog into the database and reports how many
// exercises it added. It inserts the starter exercises whose slugs do not exist yet (all of
// them in an empty catalog, the ones a newer starter catalog added in an older data
// directory) and gives existing starter exercises that have no nature yet (rows from before
// the catalog kept it) the starter's. Everything else an admin changed — names, activity, a
// nature already set — is left alone, so it is safe on every start and in several processes.
func (s *Service) LoadStarter(ctx context.Context) (int, error) {
	exs, err := starter.Exercises()
	if err != nil {
		return 0, err
	}
	for _, ex := range exs {
		if err := validate.Message(s.validator, ex); err != nil {
			return 0, fmt.Errorf("starter exercise %q: %w", ex.GetSlug(), err)
		}
	}
	added, err := s.store.CreateMissing(ctx, exs)
	if err != nil {
		return 0, fmt.Errorf("catalog: load starter: %w", err)
	}
	filled, err := s.store.FillNature(ctx, exs)
	if err != nil {
		return 0, fmt.Errorf("catalog: load starter: %w", err)
	}
	if added == 0 && filled == 0 {
		return 0, nil
	}
	s.invalidate(ctx)
	s.log.InfoContext(ctx, "catalog: loaded the starter catalog", "exercises", added, "natures_filled", filled)
	return added, nil
}

// invalidate drops the cached whitelist after a write. A failure (Redis unreachable) is
// logged rather than failing a write that has committed: the set expires within its TTL.
func (s *Service) invalidate(ctx context.Context) {
	if err := s.whitelist.Invalidate(ctx); err != nil {
		s.log.WarnContext(ctx, "catalog: whitelist invalidation did not reach the shared cache", "err", err)
	}
}
