package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"

	"github.com/fitcoach/fitcoach/gateway"
	"github.com/fitcoach/fitcoach/gateway/web"
	"github.com/fitcoach/fitcoach/pkg/cache"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/quota"
	"github.com/fitcoach/fitcoach/services/video"
	"github.com/fitcoach/fitcoach/services/video/provider"
)

// role is one service built into a server.
type role interface {
	Register(*server.Server)
	Close() error
}

func (a *app) newServer() (*server.Server, error) {
	return server.New(server.Config{Logger: a.log, Verifier: a.verifier, Metrics: a.grpcMet, Tracing: a.tracing})
}

// conns are the connections a role uses to reach the other services.
type conns struct {
	catalog, video, plan grpc.ClientConnInterface
}

func (a *app) dialAll(serviceToken func() string) (conns, error) {
	var c conns
	for _, d := range []struct {
		addr string
		dst  *grpc.ClientConnInterface
	}{
		{a.settings.CatalogAddr, &c.catalog},
		{a.settings.VideoAddr, &c.video},
		{a.settings.PlanAddr, &c.plan},
	} {
		cc, err := server.Dial(d.addr, serviceToken, a.tracing.DialOptions()...)
		if err != nil {
			return conns{}, err
		}
		a.onClose(cc.Close)
		*d.dst = cc
	}
	return c, nil
}

func (a *app) newCatalog(ctx context.Context, c conns, dev bool) (*catalog.Service, error) {
	var cfg catalog.Config
	if err := loadServiceConfig(&cfg); err != nil {
		return nil, err
	}
	if dev || cfg.DatabaseURL == "" {
		cfg.DatabaseURL = a.sqliteURL("catalog")
	}
	store, err := a.cacheFor(ctx, "catalog")
	if err != nil {
		return nil, err
	}
	svc, err := catalog.New(ctx, cfg, catalog.Deps{
		Logger:      a.log.With("service", "catalog"),
		Registry:    a.registry,
		Cache:       store,
		VideoClient: videov1.NewVideoServiceClient(c.video),
	})
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return svc, nil
}

func (a *app) newVideo(ctx context.Context, c conns, dev bool) (*video.Service, error) {
	var cfg video.Config
	if err := loadServiceConfig(&cfg); err != nil {
		return nil, err
	}
	if dev || cfg.DatabaseURL == "" {
		cfg.DatabaseURL = a.sqliteURL("video")
	}
	if dev {
		cfg.Providers.Local.MediaDir = filepath.Join(a.settings.DataDir, "media")
		cfg.Providers.Local.MediaBaseURL = "http://" + a.settings.HTTPAddr + "/media"
	}
	deps := video.Deps{
		Logger:        a.log,
		Registry:      a.registry,
		CatalogClient: catalogv1.NewCatalogServiceClient(c.catalog),
	}
	if a.tracing.Enabled() {
		deps.StorageTransport = a.tracing.Transport
	}
	svc, err := video.New(ctx, cfg, deps)
	if err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	return svc, nil
}

func (a *app) newPlan(ctx context.Context, c conns, dev bool) (*plan.Service, error) {
	var cfg plan.Config
	if err := loadServiceConfig(&cfg); err != nil {
		return nil, err
	}
	if dev || cfg.DatabaseURL == "" {
		cfg.DatabaseURL = a.sqliteURL("plan")
	}
	deps := plan.Deps{
		Logger:        a.log.With("service", "plan"),
		Registry:      a.registry,
		CatalogClient: catalogv1.NewCatalogServiceClient(c.catalog),
		VideoClient:   videov1.NewVideoServiceClient(c.video),
	}
	// Per-person limits are shared by the replicas through Redis; without REDIS_URL (fitcoach
	// dev) they are kept in process. A Redis outage admits requests unchecked (and counts it in
	// fitcoach_plan_quota_errors_total) rather than stopping plan generation.
	if a.settings.RedisURL != "" {
		r, err := cache.NewRedis(a.settings.RedisURL, "")
		if err != nil {
			return nil, err
		}
		a.onClose(r.Close)
		deps.Quota = quota.NewRedis(r.Client(), "fitcoach:plan:quota:")
	}
	if a.tracing.Enabled() {
		// A client span per LLM HTTP call, retries included.
		deps.LLMHTTPClient = &http.Client{Transport: a.tracing.Transport(nil)}
	}
	svc, err := plan.New(ctx, cfg, deps)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return svc, nil
}

func (a *app) newGateway(ctx context.Context, c conns, mediaDir string, dev bool) (*gateway.Gateway, error) {
	var cfg gateway.Config
	if err := loadServiceConfig(&cfg); err != nil {
		return nil, err
	}
	if mediaDir != "" {
		cfg.MediaDir = mediaDir
	}
	// The web client plays clips and captions from wherever the video service's providers
	// point; the gateway's Content-Security-Policy allows those origins.
	var providers provider.Config
	if err := loadServiceConfig(&providers); err != nil {
		return nil, err
	}
	cfg.MediaOrigins = append(cfg.MediaOrigins, providers.Origins()...)
	deps := gateway.Deps{Logger: a.log.With("service", "gateway"), Registry: a.registry, Gatherer: a.registry, Web: web.FS(), Verifier: a.verifier, Tracing: a.tracing}
	if dev {
		deps.DevToken = func(sub string) (string, error) { return a.signer.Mint(sub, nil, 7*24*time.Hour) }
	}
	return gateway.New(ctx, cfg, gateway.Backends{Catalog: c.catalog, Video: c.video, Plan: c.plan}, deps)
}

// serveHTTP serves h on lis until ctx is done, then drains in-flight requests for up to 10 s.
func serveHTTP(ctx context.Context, lis net.Listener, h http.Handler) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(lis) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// servePprof serves the profiling endpoints on their own listener (never on the public one)
// when FITCOACH_PPROF_ADDR is set.
func (a *app) servePprof(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return a.serveSide(ctx, "pprof", a.settings.PprofAddr, mux)
}

// serveMetrics serves GET /metrics from the process's registry on its own listener when
// FITCOACH_METRICS_ADDR is set: the services have no HTTP port to scrape otherwise.
func (a *app) serveMetrics(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.registry, promhttp.HandlerOpts{}))
	return a.serveSide(ctx, "metrics", a.settings.MetricsAddr, mux)
}

// serveSide serves an operator endpoint on addr until ctx is done; nothing when addr is empty.
func (a *app) serveSide(ctx context.Context, what, addr string, h http.Handler) error {
	if addr == "" {
		return nil
	}
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%s: listen %s: %w", what, addr, err)
	}
	a.log.Info(what+" listening", "addr", lis.Addr().String())
	return serveHTTP(ctx, lis, h)
}
