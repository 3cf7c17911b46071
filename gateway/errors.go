package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	rpccode "google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/obs"
)

// Violation is one bad field in an error body.
type Violation struct {
	Field   string `json:"field"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
}

// ErrorBody is the JSON every failed request answers with.
type ErrorBody struct {
	// Code is the gRPC status code name, e.g. "INVALID_ARGUMENT".
	Code       string      `json:"code"`
	Message    string      `json:"message"`
	Violations []Violation `json:"violations,omitempty"`
	RequestID  string      `json:"requestId,omitempty"`
}

// codeName is the canonical name of a gRPC code, e.g. "INVALID_ARGUMENT".
func codeName(c codes.Code) string {
	if n, ok := rpccode.Code_name[int32(c)]; ok {
		return n
	}
	return "UNKNOWN"
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// httpStatus maps gRPC codes to HTTP statuses; grpc-gateway's table, with FailedPrecondition
// as 409 (the state of the resource conflicts) rather than 400.
func httpStatus(c codes.Code) int {
	if c == codes.FailedPrecondition {
		return http.StatusConflict
	}
	return runtime.HTTPStatusFromCode(c)
}

func (g *Gateway) writeError(w http.ResponseWriter, r *http.Request, st *status.Status) {
	body := ErrorBody{Code: codeName(st.Code()), Message: st.Message(), RequestID: obs.RequestID(r.Context())}
	code := httpStatus(st.Code())
	if tooLarge(r.Context()) {
		code = http.StatusRequestEntityTooLarge
		body.Code = codeName(codes.InvalidArgument)
		body.Message = "request body too large"
	}
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				body.Violations = append(body.Violations, Violation{Field: v.GetField(), Rule: v.GetReason(), Message: v.GetDescription()})
			}
		case *errdetails.RetryInfo:
			// Whole seconds, rounded up: retrying a moment early would only be refused again.
			if delay := d.GetRetryDelay().AsDuration(); delay > 0 {
				w.Header().Set("Retry-After", strconv.FormatInt(int64((delay+time.Second-1)/time.Second), 10))
			}
		}
	}
	if st.Code() == codes.Unauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="fitcoach"`)
	}
	if code >= 500 {
		g.deps.Logger.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "code", codeName(st.Code()), "message", st.Message())
	}
	writeJSON(w, code, body)
}

func (g *Gateway) errorHandler(ctx context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	var herr *runtime.HTTPStatusError
	if errors.As(err, &herr) {
		writeJSON(w, herr.HTTPStatus, ErrorBody{Code: codeName(status.Code(herr.Err)), Message: http.StatusText(herr.HTTPStatus), RequestID: obs.RequestID(ctx)})
		return
	}
	st := status.Convert(err)
	if st.Code() == codes.InvalidArgument && len(st.Details()) == 0 && !tooLarge(ctx) {
		// Perhaps a body grpc-gateway could not decode (decode.go): explain it as violations.
		if body := requestBody(ctx); body != nil {
			if vs, ok := decodeViolations(ctx, body.read.Bytes()); ok {
				st = grpcerr.InvalidArgumentStatus(vs)
			}
		}
	}
	g.writeError(w, r.WithContext(ctx), st)
}

func (g *Gateway) routingErrorHandler(ctx context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	body := ErrorBody{Code: codeName(codes.NotFound), Message: "no such route: " + r.Method + " " + r.URL.Path, RequestID: obs.RequestID(ctx)}
	switch httpStatus {
	case http.StatusMethodNotAllowed:
		body.Code = codeName(codes.Unimplemented)
		body.Message = "method not allowed: " + r.Method + " " + r.URL.Path
	case http.StatusBadRequest:
		body.Code = codeName(codes.InvalidArgument)
		body.Message = "malformed request path"
	}
	writeJSON(w, httpStatus, body)
}
