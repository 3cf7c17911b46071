package gateway

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

// microcache keeps the JSON of catalog reads (the exercise list and single exercises) for a few
// seconds. Those answers are the same for every signed-in person and are read far more often
// than the catalog changes, so a short TTL removes nearly all of their cost at the price of up
// to TTL staleness after a write made through another gateway replica. Writes through this
// gateway drop the cache at once. The bearer token is still verified on every request, so a
// cached answer is never served to an anonymous or forged caller.
type microcache struct {
	ttl      time.Duration
	maxBody  int
	maxItems int
	verifier auth.Verifier

	mu    sync.RWMutex
	items map[string]cached
	gen   uint64
}

type cached struct {
	body    []byte
	expires time.Time
}

func newMicrocache(ttl time.Duration, v auth.Verifier) *microcache {
	return &microcache{ttl: ttl, maxBody: 1 << 20, maxItems: 1024, verifier: v, items: map[string]cached{}}
}

// cacheable reports whether a request reads the catalog.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Cache-Control") == "no-cache" {
		return false
	}
	p := r.URL.Path
	return p == "/v1/exercises" || (strings.HasPrefix(p, "/v1/exercises/") && !strings.HasSuffix(p, "/alternatives"))
}

// invalidates reports whether a request may change what the cache holds.
func invalidates(r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
		return false
	}
	return strings.HasPrefix(r.URL.Path, "/v1/exercises")
}

func (c *microcache) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if invalidates(r) {
			c.mu.Lock()
			c.items = map[string]cached{}
			c.gen++
			c.mu.Unlock()
			next.ServeHTTP(w, r)
			return
		}
		if !cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			next.ServeHTTP(w, r) // the service answers 401 in its own words
			return
		}
		if _, err := c.verifier.Verify(r.Context(), strings.TrimSpace(token)); err != nil {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		now := time.Now()
		c.mu.RLock()
		hit, found := c.items[key]
		gen := c.gen
		c.mu.RUnlock()
		if found && now.Before(hit.expires) {
			h := w.Header()
			h.Set("Content-Type", "application/json")
			h.Set("X-Cache", "hit")
			_, _ = w.Write(hit.body)
			return
		}
		rec := &bodyRecorder{ResponseWriter: w, limit: c.maxBody}
		next.ServeHTTP(rec, r)
		if rec.code != http.StatusOK || rec.overflow {
			return
		}
		c.mu.Lock()
		// A write that raced with this read bumped the generation: don't store the old answer.
		if c.gen == gen {
			if len(c.items) >= c.maxItems {
				c.items = map[string]cached{}
			}
			c.items[key] = cached{body: rec.buf.Bytes(), expires: now.Add(c.ttl)}
		}
		c.mu.Unlock()
	})
}

// bodyRecorder passes a response through while keeping a copy of a small enough body.
type bodyRecorder struct {
	http.ResponseWriter
	code     int
	buf      bytes.Buffer
	limit    int
	overflow bool
}

func (b *bodyRecorder) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
	b.ResponseWriter.WriteHeader(code)
}

func (b *bodyRecorder) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	if !b.overflow {
		if b.buf.Len()+len(p) > b.limit {
			b.overflow = true
			b.buf.Reset()
		} else {
			b.buf.Write(p)
		}
	}
	return b.ResponseWriter.Write(p)
}

func (b *bodyRecorder) Unwrap() http.ResponseWriter { return b.ResponseWriter }
