package gateway

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy is the policy of every gateway response. The web client is built by
// Vite into same-origin files, so scripts, styles, fonts and the manifest come from 'self'
// only, and no inline script or style attribute runs. Media is wider, on purpose:
//
//   - media-src allows any https: origin because external clips may live on any public host
//     (EXTERNAL_ALLOWED_HOSTS may be empty) and R2 presigned URLs name the bucket's host; a
//     media element cannot run script, so the wider list costs little. blob: is hls.js's
//     MediaSource, data: tiny inline media.
//   - img-src and connect-src add mediaOrigins (R2, Stream, external hosts the video service
//     is configured with): hls.js fetches manifests and segments, and the service worker caches
//     a workout's clips, both with fetch.
//   - worker-src allows blob: because hls.js runs its demuxer in a worker made from a blob.
func contentSecurityPolicy(mediaOrigins []string) string {
	extra := ""
	for _, o := range mediaOrigins {
		if o = strings.TrimSpace(o); o != "" && !strings.ContainsAny(o, ";,' \t") {
			extra += " " + o
		}
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data: blob:" + extra,
		"media-src 'self' data: blob: https:",
		"connect-src 'self'" + extra,
		"worker-src 'self' blob:",
		"font-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// permissionsPolicy turns off the powerful features the app never uses, for it and anything
// it might embed.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

// securityHeaders sets the security headers on every response, API and web alike, before any
// handler (or error path) writes.
func securityHeaders(csp string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", permissionsPolicy)
		// For browsers that predate frame-ancestors.
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
