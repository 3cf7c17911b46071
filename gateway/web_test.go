package gateway

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/gateway/web"
	"github.com/fitcoach/fitcoach/pkg/auth"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// newWebServer serves the gateway with the web client files of web and a media directory.
func newWebServer(t *testing.T, webFS fs.FS, cfg Config) *httptest.Server {
	t.Helper()
	signer, err := auth.NewHS256([]byte(strings.Repeat("w", 32)))
	require.NoError(t, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	srv.Register(&planv1.PlanService_ServiceDesc, planStub{})
	conn, err := srv.InProcess()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(); srv.Shutdown() })
	g, err := New(t.Context(), cfg, Backends{Catalog: conn, Video: conn, Plan: conn}, Deps{Logger: log, Web: webFS})
	require.NoError(t, err)
	hs := httptest.NewServer(g)
	t.Cleanup(hs.Close)
	return hs
}

// get fetches path with the given Accept-Encoding, none when empty (Go's transport would
// otherwise ask for gzip and decode it behind the test's back), and returns the response and
// the raw body.
func get(t *testing.T, hs *httptest.Server, p, acceptEncoding string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, hs.URL+p, nil)
	require.NoError(t, err)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	tr := hs.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

func decode(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch coding {
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		require.NoError(t, err)
		r = zr
	case "":
		return b
	default:
		t.Fatalf("unexpected Content-Encoding %q", coding)
	}
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return out
}

var testWeb = fstest.MapFS{
	"index.html":                   {Data: []byte("<!doctype html><html><head><title>fitcoach</title></head><body>" + strings.Repeat("<p>fitcoach</p>", 40) + "</body></html>")},
	"favicon.svg":                  {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	"sw.js":                        {Data: []byte(strings.Repeat("self.addEventListener('fetch', () => {});\n", 20))},
	"manifest.webmanifest":         {Data: []byte(`{"name":"fitcoach","short_name":"fitcoach","start_url":"/","display":"standalone","icons":[` + strings.Repeat(`{"src":"/icon.png","sizes":"192x192","type":"image/png"},`, 5) + `{"src":"/icon.svg"}]}`)},
	"assets/index-HHH_QePF.js":     {Data: []byte(strings.Repeat("export const answer = 42; console.log(answer);\n", 100))},
	"assets/index-BrbA7-Sx.css":    {Data: []byte(strings.Repeat("body { margin: 0; color: #123; }\n", 100))},
	"assets/icon-192-AbCdEf12.png": {Data: []byte("\x89PNG\r\n\x1a\n not really")},
}

func TestWebCompressedVariants(t *testing.T) {
	hs := newWebServer(t, testWeb, Config{})
	for _, name := range []string{"index.html", "assets/index-HHH_QePF.js", "assets/index-BrbA7-Sx.css", "sw.js", "manifest.webmanifest"} {
		orig := testWeb[name].Data
		etags := map[string]string{}
		for _, tc := range []struct{ accept, want string }{
			{"br", "br"},
			{"gzip", "gzip"},
			{"gzip, deflate, br, zstd", "br"},
			{"br;q=0.5, gzip", "gzip"},
			{"br;q=0, gzip;q=0", ""},
			{"*", "br"},
			{"identity", ""},
			{"", ""},
		} {
			t.Run(name+"/"+tc.accept, func(t *testing.T) {
				resp, body := get(t, hs, "/"+name, tc.accept)
				require.Equal(t, http.StatusOK, resp.StatusCode)
				require.Equal(t, tc.want, resp.Header.Get("Content-Encoding"))
				require.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
				require.Equal(t, len(body), int(resp.ContentLength), "Content-Length is the variant's own")
				require.Equal(t, orig, decode(t, tc.want, body), "decodes to the original bytes")
				if tc.want != "" {
					require.Less(t, len(body), len(orig))
				}
				etag := resp.Header.Get("ETag")
				require.NotEmpty(t, etag)
				if prev, ok := etags[tc.want]; ok {
					require.Equal(t, prev, etag, "one ETag per variant")
				}
				etags[tc.want] = etag

				// A revalidation with the variant's ETag is a 304.
				resp, body = get(t, hs, "/"+name, tc.accept, "If-None-Match", etag)
				require.Equal(t, http.StatusNotModified, resp.StatusCode)
				require.Empty(t, body)
			})
		}
		require.Len(t, etags, 3, "%s: identity, br and gzip have distinct ETags", name)
		seen := map[string]bool{}
		for _, e := range etags {
			require.False(t, seen[e], "%s: ETags differ between variants: %v", name, etags)
			seen[e] = true
		}
	}

	// Already-compressed types are served as they are, without Vary.
	resp, body := get(t, hs, "/assets/icon-192-AbCdEf12.png", "br, gzip")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Empty(t, resp.Header.Get("Content-Encoding"))
	require.Empty(t, resp.Header.Get("Vary"))
	require.Equal(t, "image/png", resp.Header.Get("Content-Type"))
	require.Equal(t, testWeb["assets/icon-192-AbCdEf12.png"].Data, body)
}

func TestWebCaching(t *testing.T) {
	hs := newWebServer(t, testWeb, Config{})
	for _, tc := range []struct {
		path, cache, ctype string
	}{
		{"/", "no-cache", "text/html; charset=utf-8"},
		{"/index.html", "no-cache", "text/html; charset=utf-8"},
		{"/plans/abc/weeks/1/days/2", "no-cache", "text/html; charset=utf-8"},
		{"/sw.js", "no-cache", "text/javascript; charset=utf-8"},
		{"/manifest.webmanifest", "no-cache", "application/manifest+json"},
		{"/favicon.svg", "no-cache", "image/svg+xml"},
		{"/assets/index-HHH_QePF.js", "public, max-age=31536000, immutable", "text/javascript; charset=utf-8"},
		{"/assets/index-BrbA7-Sx.css", "public, max-age=31536000, immutable", "text/css; charset=utf-8"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, _ := get(t, hs, tc.path, "br")
			require.Equal(t, http.StatusOK, resp.StatusCode)
			require.Equal(t, tc.cache, resp.Header.Get("Cache-Control"))
			require.Equal(t, tc.ctype, resp.Header.Get("Content-Type"))
		})
	}
	// A missing asset is a 404, not the index page cached for a year as a script.
	resp, _ := get(t, hs, "/assets/index-00000000.js", "br")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.NotContains(t, resp.Header.Get("Cache-Control"), "immutable")
}

// TestSecurityHeaders checks the headers on API, web, media, health and error responses.
func TestSecurityHeaders(t *testing.T) {
	hs := newWebServer(t, testWeb, Config{MediaOrigins: []string{"https://videodelivery.net", "https://cdn.example.com"}})
	for _, p := range []string{"/", "/assets/index-HHH_QePF.js", "/plans/x", "/v1/me/profile", "/v1/nope", "/healthz", "/openapi.json", "/assets/missing-12345678.js"} {
		t.Run(p, func(t *testing.T) {
			resp, _ := get(t, hs, p, "gzip")
			h := resp.Header
			csp := h.Get("Content-Security-Policy")
			for _, d := range []string{
				"default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self' https://videodelivery.net https://cdn.example.com",
				"img-src 'self' data: blob: https://videodelivery.net https://cdn.example.com", "media-src 'self' data: blob: https:",
				"object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "worker-src 'self' blob:",
			} {
				require.Contains(t, strings.Split(csp, "; "), d, "CSP of %s", p)
			}
			require.NotContains(t, csp, "unsafe-inline")
			require.NotContains(t, csp, "unsafe-eval")
			require.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
			require.Equal(t, "strict-origin-when-cross-origin", h.Get("Referrer-Policy"))
			require.Contains(t, h.Get("Permissions-Policy"), "camera=()")
			require.Equal(t, "DENY", h.Get("X-Frame-Options"))
		})
	}
}

// TestEmbeddedClientColdLoad measures what a first visit transfers: the index page and the
// scripts and styles it links, each in the coding a browser would get (br), and checks issue
// 16's budget of 40 KB of JS+CSS. It also checks that the built index has nothing the CSP
// blocks: no inline script, no inline style element, no style attribute, no event handler.
func TestEmbeddedClientColdLoad(t *testing.T) {
	webFS := web.FS()
	hs := newWebServer(t, webFS, Config{})
	_, index := get(t, hs, "/", "identity")
	require.NotRegexp(t, `<script(?:\s+[^>]*)?>\s*[^<\s]`, string(index), "inline script blocked by script-src 'self'")
	require.NotContains(t, string(index), "<style", "inline style element blocked by style-src 'self'")
	require.NotRegexp(t, `\sstyle\s*=`, string(index), "style attribute blocked by style-src 'self'")
	require.NotRegexp(t, `\son[a-z]+\s*=`, string(index), "inline event handler blocked by script-src 'self'")

	linked := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+\.(?:js|css))"`).FindAllStringSubmatch(string(index), -1)
	require.NotEmpty(t, linked)
	var raw, br, gz int
	for _, m := range linked {
		p := m[1]
		orig, err := fs.ReadFile(webFS, strings.TrimPrefix(p, "/"))
		require.NoError(t, err)
		rb, bb := get(t, hs, p, "br")
		require.Equal(t, "br", rb.Header.Get("Content-Encoding"), p)
		require.Equal(t, orig, decode(t, "br", bb), p)
		rg, gb := get(t, hs, p, "gzip")
		require.Equal(t, "gzip", rg.Header.Get("Content-Encoding"), p)
		require.Equal(t, orig, decode(t, "gzip", gb), p)
		t.Logf("cold load %-32s %7d B raw  %6d B br  %6d B gzip", path.Base(p), len(orig), len(bb), len(gb))
		raw, br, gz = raw+len(orig), br+len(bb), gz+len(gb)
	}
	t.Logf("cold load JS+CSS total %d B raw, %d B br (%.1f KB), %d B gzip (%.1f KB)", raw, br, float64(br)/1024, gz, float64(gz)/1024)
	require.LessOrEqual(t, br, 40*1024, "issue 16: a cold load transfers at most 40 KB of JS+CSS")
}
