package grpcerr

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// sqlStateError stands for a PostgreSQL driver error.
type sqlStateError string

func (e sqlStateError) Error() string    { return "ERROR: SQLSTATE " + string(e) }
func (e sqlStateError) SQLState() string { return string(e) }

func TestToStatus(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		code     codes.Code
		msg      string
		internal bool
	}{
		{"not found", fmt.Errorf("exercise %q: %w", "x", ErrNotFound), codes.NotFound, `exercise "x": not found`, false},
		{"exists", fmt.Errorf("slug taken: %w", ErrAlreadyExists), codes.AlreadyExists, "slug taken: already exists", false},
		{"status passes", status.Error(codes.PermissionDenied, "no"), codes.PermissionDenied, "no", false},
		{"deadline", fmt.Errorf("db: %w", context.DeadlineExceeded), codes.DeadlineExceeded, "deadline exceeded", false},
		{"internal hides cause", errors.New("pq: password=secret"), codes.Internal, "internal error", true},
		{"lost database connection", fmt.Errorf("read plan: %w", io.ErrUnexpectedEOF), codes.Unavailable, "a backing service is unavailable; retry shortly", true},
		{"refused connection", fmt.Errorf("db: connect: %w", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}),
			codes.Unavailable, "a backing service is unavailable; retry shortly", true},
		{"server shutting down", fmt.Errorf("insert: %w", sqlStateError("57P01")), codes.Unavailable, "a backing service is unavailable; retry shortly", true},
		{"constraint violation stays internal", fmt.Errorf("insert: %w", sqlStateError("23502")), codes.Internal, "internal error", true},
		{"cause after the sentinel is hidden", fmt.Errorf("allowed exercises: %w: %w", ErrUnavailable, errors.New("dial tcp 10.0.0.7:9091: refused")),
			codes.Unavailable, "allowed exercises: unavailable", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, internal := ToStatus(tt.err)
			require.Equal(t, tt.code, st.Code())
			require.Equal(t, tt.msg, st.Message())
			require.Equal(t, tt.internal, internal)
		})
	}
}

func TestInvalidCarriesFieldViolations(t *testing.T) {
	st, _ := ToStatus(&InvalidError{Violations: []FieldViolation{
		{Field: "slug", Rule: "string.pattern", Message: "bad slug"},
		{Field: "code", Rule: "unique", Message: "taken"},
	}})
	require.Equal(t, codes.InvalidArgument, st.Code())
	require.Equal(t, "invalid code: taken (and 1 more)", st.Message())
	require.Len(t, st.Details(), 1)
	br := st.Details()[0].(*errdetails.BadRequest)
	require.Equal(t, "code", br.FieldViolations[0].Field)
	require.Equal(t, "slug", br.FieldViolations[1].Field)
	require.Equal(t, "string.pattern", br.FieldViolations[1].Reason)
}
