package gateway

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"

	"github.com/fitcoach/fitcoach/pkg/obs"
)

// DevSubjectPrefix starts every subject POST /dev/token mints.
const DevSubjectPrefix = "demo-"

var devName = regexp.MustCompile(`^[A-Za-z0-9_.@-]{1,32}$`)

// devToken serves POST /dev/token {"sub": "maria"} → {"sub": "demo-maria-<random>", "token": ...}.
//
// The route needs no credentials, so it only ever mints a fresh subject the server chooses:
// "demo-", the optional name the client asked for, and 48 random bits. A caller can therefore
// never obtain a token for an existing person (a real account, another demo person, or the
// banner's demo-person), only start a new one. The name is a label for humans reading logs.
func (g *Gateway) devToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Sub string `json:"sub"`
	}
	body, _ := io.ReadAll(r.Body)
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeJSON(w, http.StatusBadRequest, ErrorBody{Code: "INVALID_ARGUMENT", Message: "body must be {\"sub\": \"...\"}", RequestID: obs.RequestID(r.Context())})
			return
		}
	}
	if req.Sub != "" && !devName.MatchString(req.Sub) {
		const msg = "1-32 letters, digits or _.@-; the server adds the demo- prefix and a random suffix"
		writeJSON(w, http.StatusBadRequest, ErrorBody{Code: "INVALID_ARGUMENT", Message: "sub: " + msg, RequestID: obs.RequestID(r.Context()),
			Violations: []Violation{{Field: "sub", Rule: "string.pattern", Message: msg}}})
		return
	}
	suffix := make([]byte, 6)
	if _, err := rand.Read(suffix); err != nil {
		writeJSON(w, http.StatusInternalServerError, ErrorBody{Code: "INTERNAL", Message: "cannot mint a token", RequestID: obs.RequestID(r.Context())})
		return
	}
	sub := DevSubjectPrefix + hex.EncodeToString(suffix)
	if req.Sub != "" {
		sub = DevSubjectPrefix + req.Sub + "-" + hex.EncodeToString(suffix)
	}
	tok, err := g.deps.DevToken(sub)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, ErrorBody{Code: "INTERNAL", Message: "cannot mint a token", RequestID: obs.RequestID(r.Context())})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"sub": sub, "token": tok})
}
