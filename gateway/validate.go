package gateway

import (
	"encoding/json"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/obs"
)

// validatePlan serves POST /v1/plans:validate. The body is the raw AI response itself (a JSON
// plan, possibly in markdown fences), or that text as a JSON string, or {"planJson": "..."}:
// operators paste what the model said without wrapping it first.
func (g *Gateway) validatePlan(client planv1.PlanServiceClient) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ map[string]string) {
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			g.errorHandler(r.Context(), nil, nil, w, r, status.Error(codes.InvalidArgument, "cannot read the request body"))
			return
		}
		text := string(raw)
		var s string
		var wrapped struct {
			PlanJSON *string `json:"planJson"`
		}
		switch {
		case json.Unmarshal(raw, &s) == nil:
			text = s
		case json.Unmarshal(raw, &wrapped) == nil && wrapped.PlanJSON != nil:
			text = *wrapped.PlanJSON
		}
		// A proto string must be UTF-8: gRPC would refuse to marshal it and the client see a 500.
		if !utf8.ValidString(text) {
			g.errorHandler(r.Context(), nil, nil, w, r, status.Error(codes.InvalidArgument, "the plan text must be UTF-8"))
			return
		}
		ctx := metadata.NewOutgoingContext(r.Context(), metadata.Pairs(
			"authorization", bearer(r), obs.RequestIDHeader, obs.RequestID(r.Context())))
		resp, err := client.ValidatePlan(ctx, &planv1.ValidatePlanRequest{PlanJson: text})
		if err != nil {
			g.errorHandler(r.Context(), nil, nil, w, r, err)
			return
		}
		b, err := marshaler.Marshal(resp)
		if err != nil {
			g.errorHandler(r.Context(), nil, nil, w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	}
}
