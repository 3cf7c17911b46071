package gateway

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// hashedAsset matches the files Vite names by their content (assets/index-HHH_QePF.js): a new
// build gives them new names, so a browser may keep them for a year without asking again.
var hashedAsset = regexp.MustCompile(`^assets/.+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$`)

// Cache policies of the web client's files.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	// no-cache lets the browser keep a copy but makes it revalidate (a cheap 304 by ETag), so
	// a deploy reaches people on their next load: index.html, the service worker, the manifest.
	cacheRevalidate = "no-cache"
)

// compressible lists the media types worth compressing; images other than SVG, fonts in woff2
// and video are compressed already.
func compressible(ctype string) bool {
	mt, _, _ := strings.Cut(ctype, ";")
	switch mt {
	case "text/html", "text/css", "text/javascript", "text/plain", "application/javascript",
		"application/json", "application/manifest+json", "image/svg+xml", "application/wasm":
		return true
	}
	return false
}

// Content codings, in the order of preference when a client accepts several.
const (
	codingBrotli = iota
	codingGzip
	codingIdentity
	codings
)

var codingNames = [codings]string{"br", "gzip", ""}

// encoded is one representation of a file: its bytes and the ETag that names them.
type encoded struct {
	body []byte
	etag string
}

// webFile is one embedded file. Its compressed variants are computed the first time the file
// is asked for and kept: the embedded files never change while the process runs.
type webFile struct {
	name  string
	ctype string
	cache string

	once     sync.Once
	err      error
	variants [codings]*encoded // nil when that coding would not be smaller
}

// load reads the file and computes its br and gzip variants (at the best compression levels:
// each is made once per process).
func (f *webFile) load(web fs.FS) {
	f.once.Do(func() {
		raw, err := fs.ReadFile(web, f.name)
		if err != nil {
			f.err = err
			return
		}
		sum := sha256.Sum256(raw)
		tag := base64.RawURLEncoding.EncodeToString(sum[:12])
		f.variants[codingIdentity] = &encoded{body: raw, etag: `"` + tag + `"`}
		if !compressible(f.ctype) {
			return
		}
		var br bytes.Buffer
		bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
		if _, err := bw.Write(raw); err != nil {
			f.err = err
			return
		}
		if err := bw.Close(); err != nil {
			f.err = err
			return
		}
		var gz bytes.Buffer
		gw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		if err != nil {
			f.err = err
			return
		}
		if _, err := gw.Write(raw); err != nil {
			f.err = err
			return
		}
		if err := gw.Close(); err != nil {
			f.err = err
			return
		}
		// A variant that saves nothing (a tiny file) is not worth a decoding step.
		if br.Len() < len(raw) {
			f.variants[codingBrotli] = &encoded{body: br.Bytes(), etag: `"` + tag + `-br"`}
		}
		if gz.Len() < len(raw) {
			f.variants[codingGzip] = &encoded{body: gz.Bytes(), etag: `"` + tag + `-gz"`}
		}
	})
}

// webHandler serves the single-page web client: real files as they are (or precompressed,
// when the client accepts br or gzip), any other path the index page, so client-side routes
// survive a reload. A missing file under assets/ is a 404, never the index page: answering
// HTML for a script would be cached as that script.
func webHandler(web fs.FS) http.Handler {
	files := map[string]*webFile{}
	_ = fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		ctype := webContentType(p)
		cache := cacheRevalidate
		if hashedAsset.MatchString(p) {
			cache = cacheImmutable
		}
		files[p] = &webFile{name: p, ctype: ctype, cache: cache}
		return nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeJSON(w, http.StatusMethodNotAllowed, ErrorBody{Code: "UNIMPLEMENTED", Message: "method not allowed"})
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		f, ok := files[name]
		if !ok {
			if strings.HasPrefix(name, "assets/") {
				writeJSON(w, http.StatusNotFound, ErrorBody{Code: "NOT_FOUND", Message: "no such file"})
				return
			}
			f, ok = files["index.html"]
			if !ok {
				writeJSON(w, http.StatusNotFound, ErrorBody{Code: "NOT_FOUND", Message: "no web client"})
				return
			}
		}
		f.load(web)
		if f.err != nil {
			writeJSON(w, http.StatusInternalServerError, ErrorBody{Code: "INTERNAL", Message: "the file cannot be read"})
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Set("Cache-Control", f.cache)
		v := f.variants[codingIdentity]
		if f.variants[codingBrotli] != nil || f.variants[codingGzip] != nil {
			h.Add("Vary", "Accept-Encoding")
			if c := negotiate(r.Header.Values("Accept-Encoding"), f.variants); c != codingIdentity {
				v = f.variants[c]
				h.Set("Content-Encoding", codingNames[c])
			}
		}
		h.Set("ETag", v.etag)
		// ServeContent answers If-None-Match with 304, HEAD without a body and ranges of the
		// chosen representation, and sets Content-Length from the variant's own size.
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(v.body))
	})
}

// webContentType is the media type of a web client file, by its extension.
func webContentType(name string) string {
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json"
	case "":
		return "application/octet-stream"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// negotiate picks the content coding for an Accept-Encoding header (RFC 9110 §12.5.3): br
// before gzip when both are acceptable, identity when neither is or no variant exists.
func negotiate(header []string, variants [codings]*encoded) int {
	var q [codings]float64
	star := -1.0
	seen := [codings]bool{}
	for _, line := range header {
		for part := range strings.SplitSeq(line, ",") {
			token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			weight := 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					weight = f
				}
			}
			switch strings.ToLower(strings.TrimSpace(token)) {
			case "br":
				q[codingBrotli], seen[codingBrotli] = weight, true
			case "gzip", "x-gzip":
				q[codingGzip], seen[codingGzip] = weight, true
			case "*":
				star = weight
			}
		}
	}
	best, bestQ := codingIdentity, 0.0
	for c := codingBrotli; c < codingIdentity; c++ {
		w := q[c]
		if !seen[c] && star >= 0 {
			w = star
		}
		if variants[c] != nil && w > bestQ {
			best, bestQ = c, w
		}
	}
	return best
}
