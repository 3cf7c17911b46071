package gateway

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc/codes"

	"github.com/fitcoach/fitcoach/pkg/obs"
)

// incomingHeaders forwards the bearer token and the request id to the services; nothing else
// from the client reaches them.
func incomingHeaders(key string) (string, bool) {
	switch textproto.CanonicalMIMEHeaderKey(key) {
	case "Authorization":
		return "authorization", true
	case "X-Request-Id":
		return obs.RequestIDHeader, true
	}
	return "", false
}

// outgoingHeaders drops gRPC response metadata; the request id is set by the middleware.
func outgoingHeaders(string) (string, bool) { return "", false }

func (g *Gateway) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A client's own id is kept (it correlates by it; the logs carry the trace id too);
		// otherwise a traced request's id is its trace id, so the requestId of an error body
		// finds the whole trace.
		id := r.Header.Get("X-Request-Id")
		if !obs.ValidRequestID(id) {
			if id = obs.TraceID(r.Context()); id == "" {
				id = obs.NewRequestID()
			}
			r.Header.Set("X-Request-Id", id)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(obs.WithRequestID(r.Context(), id)))
	})
}

func (g *Gateway) cors(next http.Handler) http.Handler {
	allowAny := slices.Contains(g.cfg.AllowedOrigins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (allowAny || slices.Contains(g.cfg.AllowedOrigins, origin)) {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Expose-Headers", "X-Request-Id")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

type bodyKey struct{}

// bodyState is what the error handler learns about a request body: whether it was too large
// (answer 413 rather than a decode error), and the bytes the route read, which it decodes
// again to explain a body grpc-gateway could not decode (decode.go).
type bodyState struct {
	exceeded atomic.Bool
	read     bytes.Buffer
}

// limitedBody fails reads past the limit and remembers that it did, and what it returned.
type limitedBody struct {
	io.ReadCloser
	left  int64
	state *bodyState
}

var errTooLarge = errors.New("request body too large")

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe one byte: a body of exactly the limit is fine.
		var one [1]byte
		if n, _ := b.ReadCloser.Read(one[:]); n > 0 {
			b.state.exceeded.Store(true)
			return 0, errTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	b.state.read.Write(p[:n])
	return n, err
}

func requestBody(ctx context.Context) *bodyState {
	s, _ := ctx.Value(bodyKey{}).(*bodyState)
	return s
}

func tooLarge(ctx context.Context) bool {
	s := requestBody(ctx)
	return s != nil && s.exceeded.Load()
}

// validURL rejects a path or query that is not UTF-8 once unescaped: it would reach a proto
// string field, which gRPC refuses to marshal, and surface as a 500 instead of the client's 400.
func validURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok := utf8.ValidString(r.URL.Path)
		for k, vs := range r.URL.Query() {
			ok = ok && utf8.ValidString(k)
			for _, v := range vs {
				ok = ok && utf8.ValidString(v)
			}
		}
		if !ok {
			writeJSON(w, http.StatusBadRequest, ErrorBody{Code: codeName(codes.InvalidArgument), Message: "the URL path and query must be UTF-8", RequestID: obs.RequestID(r.Context())})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// fieldMaskNames rewrites the paths of an updateMask (or update_mask) query parameter from
// the JSON names REST clients use (r2Key, title.en) to the proto names the services read
// (r2_key), as protojson does for a FieldMask in a body; grpc-gateway's query parser takes them
// verbatim. Only PATCH routes take a mask, so other requests pass untouched (and unparsed).
func fieldMaskNames(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch || !strings.Contains(r.URL.RawQuery, "ask=") { // updateMask=, update_mask=
			next.ServeHTTP(w, r)
			return
		}
		q := r.URL.Query()
		changed := false
		for _, key := range []string{"updateMask", "update_mask"} {
			vs, ok := q[key]
			if !ok {
				continue
			}
			for i, v := range vs {
				if snake := snakeMask(v); snake != v {
					vs[i], changed = snake, true
				}
			}
		}
		if changed {
			u := *r.URL
			u.RawQuery = q.Encode()
			r = r.Clone(r.Context())
			r.URL = &u
		}
		next.ServeHTTP(w, r)
	})
}

// snakeMask turns "provider,r2Key,title.en" into "provider,r2_key,title.en".
func snakeMask(mask string) string {
	var b strings.Builder
	for i := 0; i < len(mask); i++ {
		c := mask[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 && mask[i-1] != ',' && mask[i-1] != '.' {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (g *Gateway) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > g.cfg.MaxBodyBytes {
			writeJSON(w, http.StatusRequestEntityTooLarge, ErrorBody{Code: codeName(codes.InvalidArgument), Message: "request body too large", RequestID: obs.RequestID(r.Context())})
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			state := &bodyState{}
			r.Body = &limitedBody{ReadCloser: r.Body, left: g.cfg.MaxBodyBytes, state: state}
			r = r.WithContext(context.WithValue(r.Context(), bodyKey{}, state))
		}
		next.ServeHTTP(w, r)
	})
}

type httpMetrics struct {
	requests *prometheus.CounterVec
	seconds  *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP API requests, by method, route pattern and status code.",
		}, []string{"method", "route", "code"}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "HTTP API request time, by method and route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10, 60},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.seconds)
	return m
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// middleware records RED metrics per route pattern (not per URL, which would explode the label
// space with plan ids).
func (m *httpMetrics) middleware(next runtime.HandlerFunc) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		start := time.Now()
		route := "unknown"
		if p, ok := runtime.HTTPPattern(r.Context()); ok {
			route = p.String()
		}
		obs.SetHTTPRoute(r.Context(), r.Method, route)
		rec := &statusRecorder{ResponseWriter: w}
		next(rec, r, params)
		code := rec.code
		if code == 0 {
			code = http.StatusOK
		}
		m.requests.WithLabelValues(r.Method, route, strconv.Itoa(code)).Inc()
		m.seconds.WithLabelValues(r.Method, route).Observe(time.Since(start).Seconds())
	}
}

// bearer returns the Authorization header of r, for handlers outside grpc-gateway.
func bearer(r *http.Request) string { return strings.TrimSpace(r.Header.Get("Authorization")) }
