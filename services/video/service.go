// Package video is fitcoach's video-storage service: clips and where their bytes live
// (provider/), playback URLs, clip coverage for the catalog, and the deterministic workout
// playlists (playlist/) that "Start workout" plays, kept off storage latency by the existence
// cache (existence/).
package video

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"buf.build/go/protovalidate"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/fitcoach/fitcoach/pkg/config"
	"github.com/fitcoach/fitcoach/pkg/db"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/video/exercises"
	"github.com/fitcoach/fitcoach/services/video/existence"
	"github.com/fitcoach/fitcoach/services/video/migrations"
	"github.com/fitcoach/fitcoach/services/video/playlist"
	"github.com/fitcoach/fitcoach/services/video/provider"
	"github.com/fitcoach/fitcoach/services/video/store"
)

// Config is the video service's settings, loaded with config.Load (DefaultConfig gives the
// defaults without reading the environment).
type Config struct {
	DatabaseURL string `env:"DATABASE_URL" default:"sqlite://data/video.db" usage:"video database: sqlite://PATH or postgres://..."`

	Providers provider.Config
	Playlist  PlaylistConfig
	Existence ExistenceConfig

	CatalogRefreshInterval time.Duration `env:"CATALOG_REFRESH_INTERVAL" default:"60s" usage:"how often the exercise names and codes are re-read from the catalog"`
	CatalogTimeout         time.Duration `env:"CATALOG_TIMEOUT" default:"2s" usage:"timeout of the InvalidateCache call made after every clip write"`
}

// PlaylistConfig tunes playlist building.
type PlaylistConfig struct {
	MistakeProb        float64       `env:"PLAYLIST_MISTAKE_PROB" default:"0.30" usage:"probability that an exercise gets its common-mistakes clip"`
	MaxCandidates      int           `env:"PLAYLIST_FALLBACK_MAX_CANDIDATES" default:"20" usage:"candidates read per (exercise, kind, archetype, locale)"`
	StorageRetry       int           `env:"PLAYLIST_STORAGE_RETRY" default:"2" usage:"candidates whose storage says missing skipped before a slot is reported missing"`
	CandidateCacheTTL  time.Duration `env:"PLAYLIST_CANDIDATE_CACHE_TTL" default:"60s" usage:"reuse of an exercise's candidate clips; clip writes in this process drop them at once"`
	CandidateCacheSize int           `env:"PLAYLIST_CANDIDATE_CACHE_SIZE" default:"10000" usage:"exercises whose candidate clips are kept in memory"`
}

// ExistenceConfig tunes the clip existence cache.
type ExistenceConfig struct {
	TTL          time.Duration `env:"EXISTENCE_CACHE_TTL" default:"300s" usage:"how long a clip's present/missing verdict is fresh; stale verdicts are served and re-verified in the background"`
	ErrorTTL     time.Duration `env:"EXISTENCE_ERROR_TTL" default:"15s" usage:"how long a clip whose storage errored is skipped before it is checked again"`
	CheckTimeout time.Duration `env:"EXISTENCE_CHECK_TIMEOUT" default:"100ms" usage:"most time one playlist waits on existence checks of clips never checked before; then they are assumed present"`
	Workers      int           `env:"EXISTENCE_WORKERS" default:"8" usage:"concurrent background existence checks"`
}

// DefaultConfig returns the defaults of every setting.
func DefaultConfig() Config {
	var c Config
	_ = config.Load(&c, func(string) (string, bool) { return "", false })
	return c
}

// Validate checks the settings and fills zero timeouts with their defaults.
func (c *Config) Validate() error {
	if c.CatalogTimeout <= 0 {
		c.CatalogTimeout = 2 * time.Second
	}
	var errs []error
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required"))
	}
	if c.Playlist.MistakeProb < 0 || c.Playlist.MistakeProb > 1 {
		errs = append(errs, errors.New("PLAYLIST_MISTAKE_PROB must be within 0..1"))
	}
	if c.Playlist.MaxCandidates < 1 || c.Playlist.MaxCandidates > 500 {
		errs = append(errs, errors.New("PLAYLIST_FALLBACK_MAX_CANDIDATES must be within 1..500"))
	}
	if c.Playlist.StorageRetry < 0 || c.Playlist.StorageRetry > 20 {
		errs = append(errs, errors.New("PLAYLIST_STORAGE_RETRY must be within 0..20"))
	}
	return errors.Join(errs...)
}

// Deps are the service's collaborators.
type Deps struct {
	Logger *slog.Logger
	// Registry receives the service's metrics; nil keeps them private.
	Registry prometheus.Registerer
	// CatalogClient is told to drop its whitelist after clip writes and supplies exercise
	// names and codes. Nil: no invalidation, codes are not resolved. Outside a request (the
	// background name refresh) its connection should add a service token (auth.ForwardToken).
	CatalogClient catalogv1.CatalogServiceClient
	// Resolver resolves external clip hosts for the SSRF guard; nil is the system resolver.
	Resolver provider.Resolver
	// StorageTransport wraps the transport of storage API calls, e.g. to trace them; nil
	// leaves it alone.
	StorageTransport func(http.RoundTripper) http.RoundTripper
}

// Service implements videov1.VideoServiceServer.
type Service struct {
	videov1.UnimplementedVideoServiceServer

	cfg       Config
	log       *slog.Logger
	db        *db.DB
	store     *store.Store
	providers *provider.Registry
	checker   *existence.Checker
	names     *exercises.Directory
	builder   *playlist.Builder
	catalog   catalogv1.CatalogServiceClient
	validator protovalidate.Validator
	mediaDir  string
	metrics   *serviceMetrics

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type serviceMetrics struct {
	checks          *prometheus.CounterVec
	invalidateFails prometheus.Counter
}

// Migrations returns the service's embedded migrations, for `fitcoach migrate video`.
func Migrations() db.Migrations { return db.Migrations{Service: "video", FS: migrations.FS} }

// New opens the database, applies migrations and starts the background work (catalog name
// refresh, existence checks). Close stops it.
func New(ctx context.Context, cfg Config, deps Deps) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	log := deps.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("service", "video")
	reg := deps.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("video: protovalidate: %w", err)
	}
	providers, err := provider.NewRegistry(cfg.Providers, provider.Deps{Logger: log, Resolver: deps.Resolver, StorageTransport: deps.StorageTransport})
	if err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	mediaDir, err := provider.LocalDir(cfg.Providers)
	if err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	if _, err := db.Migrate(d, Migrations(), db.Up); err != nil {
		d.Close()
		return nil, fmt.Errorf("video: %w", err)
	}

	m := &serviceMetrics{
		checks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "video_storage_checks_total",
			Help: "Clip existence checks made against storage, by provider and result.",
		}, []string{"provider", "result"}),
		invalidateFails: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "video_catalog_invalidate_failures_total",
			Help: "Clip writes after which telling the catalog to drop its whitelist failed.",
		}),
	}
	if err := errors.Join(reg.Register(m.checks), reg.Register(m.invalidateFails)); err != nil {
		d.Close()
		return nil, fmt.Errorf("video: metrics: %w", err)
	}

	s := &Service{
		cfg: cfg, log: log, db: d, store: store.New(d), providers: providers,
		catalog: deps.CatalogClient, validator: validator, mediaDir: mediaDir, metrics: m,
	}
	s.checker = existence.New(providers, existence.Config{
		TTL: cfg.Existence.TTL, ErrorTTL: cfg.Existence.ErrorTTL, Workers: cfg.Existence.Workers, Logger: log,
		OnCheck: func(p videov1.Provider, result string) {
			m.checks.WithLabelValues(store.ProviderName(p), result).Inc()
		},
	})
	s.names = exercises.New(deps.CatalogClient, cfg.CatalogRefreshInterval, log)
	s.builder = playlist.New(playlist.Config{
		MistakeProb:   cfg.Playlist.MistakeProb,
		MaxCandidates: cfg.Playlist.MaxCandidates,
		StorageRetry:  cfg.Playlist.StorageRetry,
		CheckBudget:   cfg.Existence.CheckTimeout,
		CacheTTL:      cfg.Playlist.CandidateCacheTTL,
		CacheSize:     cfg.Playlist.CandidateCacheSize,
		Logger:        log,
	}, s.store, s.checker, providers, s.names, playlist.NewMetrics(reg))

	bg, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.names.Run(bg)
	}()
	return s, nil
}

// Register adds the VideoService to srv.
func (s *Service) Register(srv *server.Server) {
	srv.Register(&videov1.VideoService_ServiceDesc, s)
	srv.RequireAdmin(&videov1.VideoService_ServiceDesc, "CreateClip", "UpdateClip", "DeleteClip", "CreateUpload")
}

// MediaDir is the absolute directory of local-provider clips, which the gateway serves under
// /media/.
func (s *Service) MediaDir() string { return s.mediaDir }

// Close stops the background work and closes the database.
func (s *Service) Close() error {
	s.cancel()
	s.wg.Wait()
	s.checker.Close()
	return s.db.Close()
}

// afterWrite runs after every clip write: local caches drop what changed, and the catalog is
// told to recompute its whitelist. A catalog failure is logged, not returned: the write is
// done, and the whitelist's own TTL bounds how long it stays stale.
func (s *Service) afterWrite(ctx context.Context, ids ...string) {
	s.builder.Invalidate()
	for _, id := range ids {
		s.checker.Forget(id)
	}
	if s.catalog == nil {
		return
	}
	cctx, cancel := context.WithTimeout(ctx, s.cfg.CatalogTimeout)
	defer cancel()
	if _, err := s.catalog.InvalidateCache(cctx, &catalogv1.InvalidateCacheRequest{}); err != nil {
		s.metrics.invalidateFails.Inc()
		s.log.WarnContext(ctx, "telling the catalog to drop its whitelist failed; it refreshes on its TTL", "err", err)
	}
}
