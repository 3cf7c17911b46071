package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/config"
	"github.com/fitcoach/fitcoach/pkg/obs"
)

// Settings are the process-wide settings every role reads.
type Settings struct {
	DataDir  string `env:"FITCOACH_DATA_DIR" default:"./data" usage:"where dev keeps SQLite files, the JWT secret and local media (all)"`
	HTTPAddr string `env:"FITCOACH_HTTP_ADDR" default:"127.0.0.1:8080" usage:"REST listen address (gateway, dev)"`
	GRPCAddr string `env:"FITCOACH_GRPC_ADDR" default:"127.0.0.1:9090" usage:"gRPC listen address (catalog, video, plan, dev)"`
	// PprofAddr serves net/http/pprof for profiling; keep it on loopback.
	PprofAddr string `env:"FITCOACH_PPROF_ADDR" usage:"address for net/http/pprof profiling endpoints; off when unset (all)"`
	// MetricsAddr serves the process's Prometheus registry, so the services (which have no
	// HTTP port) can be scraped too; the gateway also serves it on its REST port.
	MetricsAddr string `env:"FITCOACH_METRICS_ADDR" usage:"address serving GET /metrics (Prometheus) on its own listener; off when unset (all)"`
	LogLevel    string `env:"LOG_LEVEL" default:"info" usage:"debug, info, warn or error (all)"`
	// JWTSecret is the HS256 secret; when empty, one is generated into DataDir/jwt.secret.
	JWTSecret   string `env:"FITCOACH_JWT_SECRET" usage:"HS256 secret shared by every service; generated into the data dir when unset (all)"`
	JWKSURL     string `env:"FITCOACH_JWKS_URL" usage:"identity provider's JWKS URL; tokens it signs are accepted beside HS256 service tokens (all)"`
	JWTIssuer   string `env:"FITCOACH_JWT_ISSUER" usage:"required iss of identity-provider tokens (all)"`
	JWTAudience string `env:"FITCOACH_JWT_AUDIENCE" usage:"required aud of identity-provider tokens (all)"`
	// ServiceToken is sent on service-to-service calls made outside a person's request.
	ServiceToken string `env:"FITCOACH_SERVICE_TOKEN" usage:"bearer token services use for background calls to each other; minted from the HS256 secret when unset (catalog, video, plan)"`
	// OpsToken is the admin token the ops commands (import, coverage, cache) send.
	OpsToken    string `env:"FITCOACH_TOKEN" usage:"admin bearer token for import, coverage and cache invalidate; minted from the data dir's secret when unset (cli)"`
	RedisURL    string `env:"REDIS_URL" usage:"redis://host:port/db; caches shared by replicas (in-process when unset) (catalog, video, plan)"`
	CatalogAddr string `env:"CATALOG_ADDR" default:"127.0.0.1:9091" usage:"address of the catalog service (gateway, video, plan)"`
	VideoAddr   string `env:"VIDEO_ADDR" default:"127.0.0.1:9092" usage:"address of the video service (gateway, catalog, plan)"`
	// LoadStarter loads the starter catalog and media, adding what an existing database lacks
	// of them (always on in dev).
	LoadStarter bool   `env:"FITCOACH_LOAD_STARTER" default:"false" usage:"load the starter catalog and clips, adding the starter exercises, their nature and clips an existing database lacks, as dev does (catalog, video)"`
	PlanAddr    string `env:"PLAN_ADDR" default:"127.0.0.1:9093" usage:"address of the plan service (gateway)"`
	// Tracing is OpenTelemetry tracing, off until an OTLP endpoint is set.
	Tracing obs.TraceConfig
}

func loadSettings() (Settings, error) {
	var s Settings
	err := config.Load(&s, nil)
	return s, err
}

// app holds what every role shares: logger, metrics registry, token signer and verifier.
type app struct {
	settings Settings
	log      *slog.Logger
	registry *prometheus.Registry
	grpcMet  *obs.GRPCMetrics
	signer   *auth.HS256
	verifier auth.Verifier
	// tracing is on when startTracing found an OTLP endpoint; nil or off traces nothing.
	tracing *obs.Tracing

	closers []func() error
	mu      sync.Mutex
	svcTok  string
	svcExp  time.Time
}

func newApp(s Settings, stderr io.Writer) (*app, error) {
	a := &app{settings: s, log: obs.NewLogger(stderr, s.LogLevel), registry: prometheus.NewRegistry()}
	a.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a.grpcMet = obs.NewGRPCMetrics(a.registry)
	secret, err := auth.LoadOrCreateSecret(s.JWTSecret, s.DataDir)
	if err != nil {
		return nil, err
	}
	if a.signer, err = auth.NewHS256(secret); err != nil {
		return nil, err
	}
	a.verifier = a.signer
	if s.JWKSURL != "" {
		jwks, err := auth.NewJWKS(auth.JWKSConfig{URL: s.JWKSURL, Issuer: s.JWTIssuer, Audience: s.JWTAudience})
		if err != nil {
			return nil, err
		}
		a.verifier = auth.Chain{jwks, a.signer}
	}
	return a, nil
}

// startTracing sets up the process's tracing for role; its spans are flushed last, when the
// app closes after the servers drained.
func (a *app) startTracing(ctx context.Context, role string) error {
	t, err := obs.NewTracing(ctx, a.settings.Tracing, role)
	if err != nil {
		return err
	}
	a.tracing = t
	if t.Enabled() {
		a.log.Info("tracing on: exporting spans over OTLP", "role", role)
	}
	a.onClose(func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return t.Shutdown(sctx)
	})
	return nil
}

// serviceToken returns the token for background service-to-service calls: the configured one,
// or one minted from the HS256 secret and renewed well before it expires.
func (a *app) serviceToken() string {
	if a.settings.ServiceToken != "" {
		return a.settings.ServiceToken
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if time.Until(a.svcExp) > 10*time.Minute {
		return a.svcTok
	}
	tok, err := a.signer.Mint("service:fitcoach", []string{auth.RoleService, auth.RoleAdmin}, time.Hour)
	if err != nil {
		a.log.Error("cannot mint the service token", "err", err)
		return ""
	}
	a.svcTok, a.svcExp = tok, time.Now().Add(time.Hour)
	return tok
}

// serviceContext marks work done by fitcoach itself (starter data, background jobs), so calls
// it makes to other services carry the service token.
func (a *app) serviceContext(ctx context.Context) context.Context {
	return auth.WithPrincipal(ctx, auth.Principal{Subject: "service:fitcoach", Roles: []string{auth.RoleService, auth.RoleAdmin}, Token: a.serviceToken()})
}

// cacheFor returns the cache of one service: Redis (degrading to memory) when REDIS_URL is set.
func (a *app) cacheFor(ctx context.Context, svc string) (cache.Cache, error) {
	if a.settings.RedisURL == "" {
		return cache.NewMemory(0), nil
	}
	r, err := cache.NewRedis(a.settings.RedisURL, "fitcoach:"+svc+":")
	if err != nil {
		return nil, err
	}
	a.onClose(r.Close)
	if err := r.Ping(ctx); err != nil {
		a.log.Warn("redis is not reachable; caching in process until it is", "service", svc, "err", err)
	}
	return cache.NewFallback(r, a.log.With("service", svc)), nil
}

// sqliteURL is the SQLite database of one service under the data dir.
func (a *app) sqliteURL(svc string) string {
	return "sqlite://" + filepath.Join(a.settings.DataDir, svc+".db")
}

func (a *app) onClose(f func() error) { a.closers = append(a.closers, f) }

// close runs the closers in reverse order of registration: last opened, first closed.
func (a *app) close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i]())
	}
	return errors.Join(errs...)
}

func loadServiceConfig(cfg any) error {
	if err := config.Load(cfg, nil); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}
