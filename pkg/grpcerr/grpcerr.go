// Package grpcerr holds the sentinel errors every fitcoach store and service returns, and the
// one place where they become gRPC status codes. Internal causes are logged there and never
// sent to clients.
package grpcerr

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sort"
	"strings"
	"syscall"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Sentinels. Wrap them with fmt.Errorf("...: %w", grpcerr.ErrNotFound); the text before the
// sentinel is shown to the client, so keep it free of internals.
var (
	ErrNotFound           = errors.New("not found")
	ErrAlreadyExists      = errors.New("already exists")
	ErrFailedPrecondition = errors.New("failed precondition")
	ErrPermissionDenied   = errors.New("permission denied")
	ErrUnavailable        = errors.New("unavailable")
	ErrResourceExhausted  = errors.New("resource exhausted")
	ErrDeadlineExceeded   = errors.New("deadline exceeded")
)

// FieldViolation names one bad field of a request.
type FieldViolation struct {
	Field   string
	Rule    string
	Message string
}

// InvalidError is a request that breaks rules the interceptor could not check alone (for
// example a merged update, or a page token).
type InvalidError struct {
	Violations []FieldViolation
}

func (e *InvalidError) Error() string {
	if len(e.Violations) == 0 {
		return "invalid argument"
	}
	v := e.Violations[0]
	msg := fmt.Sprintf("invalid %s: %s", v.Field, v.Message)
	if n := len(e.Violations) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Invalid returns an InvalidError for one field.
func Invalid(field, rule, message string) error {
	return &InvalidError{Violations: []FieldViolation{{Field: field, Rule: rule, Message: message}}}
}

// InvalidArgumentStatus renders violations as INVALID_ARGUMENT with a BadRequest detail, the
// shape the gateway turns into an HTTP 400 body.
func InvalidArgumentStatus(violations []FieldViolation) *status.Status {
	sorted := append([]FieldViolation(nil), violations...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Field < sorted[j].Field })
	st := status.New(codes.InvalidArgument, (&InvalidError{Violations: sorted}).Error())
	br := &errdetails.BadRequest{}
	for _, v := range sorted {
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{
			Field: v.Field, Description: v.Message, Reason: v.Rule,
		})
	}
	if withDetails, err := st.WithDetails(br); err == nil {
		return withDetails
	}
	return st
}

var sentinels = []struct {
	err  error
	code codes.Code
}{
	{ErrNotFound, codes.NotFound},
	{ErrAlreadyExists, codes.AlreadyExists},
	{ErrFailedPrecondition, codes.FailedPrecondition},
	{ErrPermissionDenied, codes.PermissionDenied},
	{ErrUnavailable, codes.Unavailable},
	{ErrResourceExhausted, codes.ResourceExhausted},
	{ErrDeadlineExceeded, codes.DeadlineExceeded},
}

// ToStatus maps err to the status a client sees. Statuses pass through; sentinels get their
// code and the error's text up to the sentinel; context errors become Canceled/DeadlineExceeded;
// anything else is Internal with a generic message. hidden reports that part of err was kept
// from the client and belongs in the log.
func ToStatus(err error) (st *status.Status, hidden bool) {
	if err == nil {
		return nil, false
	}
	if s, ok := status.FromError(err); ok {
		return s, s.Code() == codes.Internal || s.Code() == codes.Unknown
	}
	var inv *InvalidError
	if errors.As(err, &inv) {
		return InvalidArgumentStatus(inv.Violations), false
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			// The client sees the text up to the sentinel; causes wrapped after it ("…: %w: %w")
			// are internal (addresses, driver errors) and go to the log instead.
			msg := err.Error()
			if i := strings.Index(msg, s.err.Error()); i >= 0 && i+len(s.err.Error()) < len(msg) {
				return status.New(s.code, msg[:i+len(s.err.Error())]), true
			}
			return status.New(s.code, msg), false
		}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, "deadline exceeded"), false
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, "canceled"), false
	case Transient(err):
		return status.New(codes.Unavailable, "a backing service is unavailable; retry shortly"), true
	}
	return status.New(codes.Internal, "internal error"), true
}

// Transient reports whether err says a connection to a store was lost or refused (a database
// restarting or failing over, a network cut) rather than that the request or the code is
// wrong: the same request may succeed when retried, so clients get UNAVAILABLE, not INTERNAL.
func Transient(err error) bool {
	for _, target := range []error{io.ErrUnexpectedEOF, driver.ErrBadConn, net.ErrClosed,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.EPIPE, syscall.ECONNABORTED} {
		if errors.Is(err, target) {
			return true
		}
	}
	// PostgreSQL's own word (any driver's error with SQLState): class 08 is a connection
	// exception, 57P01-57P03 a server shutting down, crashed or starting up.
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		code := pg.SQLState()
		return strings.HasPrefix(code, "08") || code == "57P01" || code == "57P02" || code == "57P03"
	}
	return false
}

// UnaryServerInterceptor converts handler errors with ToStatus, logging internal causes.
func UnaryServerInterceptor(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err == nil {
			return resp, nil
		}
		st, hidden := ToStatus(err)
		if hidden {
			log.ErrorContext(ctx, "request failed", "method", info.FullMethod, "code", st.Code().String(), "err", err)
		}
		return nil, st.Err()
	}
}
