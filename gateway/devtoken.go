package gateway

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"

	"github.com/fitcoach/fitcoach/pkg/obs"
)

var devSubject = regexp.MustCompile(`^[A-Za-z0-9_.@-]{1,64}$`)

// devToken serves POST /dev/token {"sub": "..."} → {"sub": ..., "token": ...}. An empty or
// missing sub gets a new random demo person.
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
	if req.Sub == "" {
		req.Sub = "demo-" + obs.NewRequestID()[:8]
	}
	if !devSubject.MatchString(req.Sub) {
		writeJSON(w, http.StatusBadRequest, ErrorBody{Code: "INVALID_ARGUMENT", Message: "sub: 1-64 letters, digits or _.@-", RequestID: obs.RequestID(r.Context()),
			Violations: []Violation{{Field: "sub", Rule: "string.pattern", Message: "1-64 letters, digits or _.@-"}}})
		return
	}
	tok, err := g.deps.DevToken(req.Sub)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, ErrorBody{Code: "INTERNAL", Message: "cannot mint a token", RequestID: obs.RequestID(r.Context())})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"sub": req.Sub, "token": tok})
}
