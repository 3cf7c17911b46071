// Package validate runs protovalidate on every request at the edge of a service, so handlers
// can assume valid input.
package validate

import (
	"context"
	"errors"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// Violations converts a protovalidate error into field violations; ok is false when err is
// not a validation error (a rule failed to compile or run).
func Violations(err error) (out []grpcerr.FieldViolation, ok bool) {
	var verr *protovalidate.ValidationError
	if !errors.As(err, &verr) {
		return nil, false
	}
	for _, v := range verr.Violations {
		out = append(out, grpcerr.FieldViolation{
			Field:   protovalidate.FieldPathString(v.Proto.GetField()),
			Rule:    v.Proto.GetRuleId(),
			Message: v.Proto.GetMessage(),
		})
	}
	return out, true
}

// Message validates msg and returns an error the grpcerr mapping understands.
func Message(v protovalidate.Validator, msg proto.Message) error {
	err := v.Validate(msg)
	if err == nil {
		return nil
	}
	if vs, ok := Violations(err); ok {
		return &grpcerr.InvalidError{Violations: vs}
	}
	return status.Errorf(codes.Internal, "validation failed to run: %v", err)
}

// UnaryServerInterceptor rejects requests that break their protovalidate rules with
// INVALID_ARGUMENT and field violations.
func UnaryServerInterceptor(v protovalidate.Validator) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if msg, ok := req.(proto.Message); ok {
			if err := Message(v, msg); err != nil {
				st, _ := grpcerr.ToStatus(err)
				return nil, st.Err()
			}
		}
		return handler(ctx, req)
	}
}
