// Package gateway is fitcoach's REST/JSON front: grpc-gateway routes for the three services,
// health and readiness, metrics, the OpenAPI document, local media and the web client.
package gateway

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/obs"
)

//go:embed openapi/fitcoach.swagger.json
var openAPI []byte

// Config configures the gateway.
type Config struct {
	// AllowedOrigins may call the API from a browser (CORS); "*" allows any origin.
	AllowedOrigins []string `env:"CORS_ALLOWED_ORIGINS" usage:"comma-separated origins allowed by CORS (gateway)"`
	// MaxBodyBytes caps a request body; larger bodies get 413.
	MaxBodyBytes int64 `env:"GATEWAY_MAX_BODY_BYTES" default:"1048576" usage:"largest accepted request body in bytes (gateway)"`
	// MediaDir is served under /media/ for the local video provider; empty serves nothing.
	MediaDir string `env:"MEDIA_DIR" usage:"directory of local-provider video files, served under /media/ (video, gateway)"`
	// CatalogCacheTTL keeps catalog reads (GET /v1/exercises, /v1/exercises/{slug}) for this long;
	// 0 turns the cache off. It needs Deps.Verifier.
	CatalogCacheTTL time.Duration `env:"GATEWAY_CATALOG_CACHE_TTL" default:"2s" usage:"how long the gateway reuses catalog read answers (0: off) (gateway)"`
	// MediaOrigins are origins the web client fetches video, captions and posters from (R2,
	// Stream, external hosts); the Content-Security-Policy allows them in img-src and
	// connect-src. media-src allows any https: origin regardless (see contentSecurityPolicy).
	MediaOrigins []string `env:"GATEWAY_MEDIA_ORIGINS" usage:"comma-separated origins (https://host) of video storage the web client fetches from, added to the CSP (gateway)"`
	// ReadyTimeout bounds each backend health check of /readyz.
	ReadyTimeout time.Duration `env:"GATEWAY_READY_TIMEOUT" default:"2s" usage:"time limit of each backend health check behind /readyz (gateway)"`
}

// Backends are connections to the three services; in one process they are in-process conns.
type Backends struct {
	Catalog grpc.ClientConnInterface
	Video   grpc.ClientConnInterface
	Plan    grpc.ClientConnInterface
}

// Deps are the gateway's collaborators.
type Deps struct {
	Logger *slog.Logger
	// Registry receives the HTTP metrics; Gatherer serves /metrics.
	Registry prometheus.Registerer
	Gatherer prometheus.Gatherer
	// Web is the embedded web client served at /; nil serves none.
	Web fs.FS
	// Verifier checks tokens for the catalog read cache; nil turns that cache off.
	Verifier auth.Verifier
	// DevToken mints a person token for POST /dev/token; only `fitcoach dev` sets it, so the web
	// client can sign a newcomer in without an identity provider.
	DevToken func(sub string) (string, error)
	// Tracing starts a server span per request (nil: off); the request id of an untraced
	// request is random, of a traced one its trace id.
	Tracing *obs.Tracing
}

// Gateway is the HTTP handler of the REST front.
type Gateway struct {
	cfg      Config
	deps     Deps
	backends Backends
	mux      *runtime.ServeMux
	metrics  *httpMetrics
	handler  http.Handler
}

var marshaler = &runtime.JSONPb{
	MarshalOptions: protojson.MarshalOptions{EmitUnpopulated: true},
	// Unknown fields are rejected: a typo in a request is a 400, not silently ignored.
	UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
}

// New builds the gateway over backends.
func New(ctx context.Context, cfg Config, backends Backends, deps Deps) (*Gateway, error) {
	if deps.Logger == nil {
		return nil, errors.New("gateway: Logger is required")
	}
	if backends.Catalog == nil || backends.Video == nil || backends.Plan == nil {
		return nil, errors.New("gateway: a connection to each of catalog, video and plan is required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = 2 * time.Second
	}
	if deps.Registry == nil {
		deps.Registry = prometheus.NewRegistry()
	}
	g := &Gateway{cfg: cfg, deps: deps, backends: backends, metrics: newHTTPMetrics(deps.Registry)}
	g.mux = runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, marshaler),
		runtime.WithErrorHandler(g.errorHandler),
		runtime.WithRoutingErrorHandler(g.routingErrorHandler),
		runtime.WithIncomingHeaderMatcher(incomingHeaders),
		runtime.WithOutgoingHeaderMatcher(outgoingHeaders),
		runtime.WithMiddlewares(g.metrics.middleware),
		runtime.WithDisableHTTPMethodOverride(),
	)
	catalog := catalogv1.NewCatalogServiceClient(backends.Catalog)
	video := videov1.NewVideoServiceClient(backends.Video)
	plan := planv1.NewPlanServiceClient(backends.Plan)
	for _, reg := range []error{
		catalogv1.RegisterCatalogServiceHandlerClient(ctx, g.mux, catalog),
		videov1.RegisterVideoServiceHandlerClient(ctx, g.mux, video),
		planv1.RegisterPlanServiceHandlerClient(ctx, g.mux, plan),
		g.mux.HandlePath(http.MethodPost, "/v1/plans:validate", g.validatePlan(plan)),
	} {
		if reg != nil {
			return nil, fmt.Errorf("gateway: register routes: %w", reg)
		}
	}
	g.handler = g.routes()
	return g, nil
}

// ServeHTTP implements http.Handler.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) { g.handler.ServeHTTP(w, r) }

func (g *Gateway) routes() http.Handler {
	top := http.NewServeMux()
	top.HandleFunc("GET /healthz", g.healthz)
	top.HandleFunc("GET /healthz/", g.healthz)
	top.HandleFunc("GET /readyz", g.readyz)
	gatherer := g.deps.Gatherer
	if gatherer == nil {
		gatherer = prometheus.DefaultGatherer
	}
	top.Handle("GET /metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	top.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	})
	if g.cfg.MediaDir != "" {
		top.Handle("GET /media/", http.StripPrefix("/media/", mediaHandler(g.cfg.MediaDir)))
	}
	var api http.Handler = g.mux
	if g.cfg.CatalogCacheTTL > 0 && g.deps.Verifier != nil {
		api = newMicrocache(g.cfg.CatalogCacheTTL, g.deps.Verifier).wrap(api)
	}
	top.Handle("/v1/", api)
	if g.deps.DevToken != nil {
		top.HandleFunc("POST /dev/token", g.devToken)
	}
	if g.deps.Web != nil {
		top.Handle("/", webHandler(g.deps.Web))
	}
	var h http.Handler = top
	h = g.limitBody(h)
	h = fieldMaskNames(h)
	h = validURL(h)
	h = g.cors(h)
	h = g.requestID(h)
	h = g.deps.Tracing.HTTPHandler(h, "gateway")
	h = securityHeaders(contentSecurityPolicy(g.cfg.MediaOrigins), h)
	return h
}

func (g *Gateway) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}

// mediaTypes are the only files /media/ serves: video, HLS playlists and segments, captions and
// images. Anything else in the directory (an .html page, a secret) is not media, and serving it
// from the app's origin would let it run script or leak.
var mediaTypes = map[string]string{
	".mp4":  "video/mp4",
	".webm": "video/webm",
	".m3u8": "application/vnd.apple.mpegurl",
	".ts":   "video/mp2t",
	".vtt":  "text/vtt; charset=utf-8",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".webp": "image/webp",
}

// mediaHandler serves local-provider files (with Range support, which video players use) and
// never lists directories. Files are opened through an os.Root, so neither ".." nor a symlink
// can reach outside dir (a link to ../jwt.secret answers 404), and only mediaTypes are served,
// with their type fixed by the extension and nosniff so browsers do not guess another.
func mediaHandler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		ctype, ok := mediaTypes[strings.ToLower(path.Ext(name))]
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || !ok {
			http.NotFound(w, r)
			return
		}
		// The root is opened per request: it is one open(2), and a media dir created or
		// replaced after start-up (dev writes the starter media) is still found.
		root, err := os.OpenRoot(dir)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer root.Close()
		f, err := root.Open(filepath.FromSlash(name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
	})
}
