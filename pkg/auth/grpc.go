package auth

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Public reports whether a full gRPC method name needs no token.
type Public func(fullMethod string) bool

// DefaultPublic exempts health checks and server reflection, so probes and grpcurl's
// listing work without a token.
func DefaultPublic(fullMethod string) bool {
	return strings.HasPrefix(fullMethod, "/grpc.health.v1.Health/") ||
		strings.HasPrefix(fullMethod, "/grpc.reflection.")
}

func authenticate(ctx context.Context, v Verifier, public Public, method string) (context.Context, error) {
	if public != nil && public(method) {
		return ctx, nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	vals := md.Get("authorization")
	if len(vals) == 0 {
		return nil, status.Error(codes.Unauthenticated, "missing bearer token")
	}
	scheme, token, ok := strings.Cut(vals[0], " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || token == "" {
		return nil, status.Error(codes.Unauthenticated, "authorization must be 'Bearer <token>'")
	}
	p, err := v.Verify(ctx, strings.TrimSpace(token))
	if err != nil {
		return nil, status.Error(codes.Unauthenticated, "invalid or expired token")
	}
	return WithPrincipal(ctx, p), nil
}

// AdminOnly reports whether a full gRPC method name needs the admin role.
type AdminOnly func(fullMethod string) bool

// UnaryServerInterceptor verifies the bearer token of every call but the public ones, and the
// admin role on admin-only methods, before the request is even validated: a person calling an
// admin route learns it is forbidden, not what a valid request would look like.
func UnaryServerInterceptor(v Verifier, public Public, adminOnly AdminOnly) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, err := authenticate(ctx, v, public, info.FullMethod)
		if err != nil {
			return nil, err
		}
		if adminOnly != nil && adminOnly(info.FullMethod) {
			if err := RequireAdmin(ctx); err != nil {
				return nil, err
			}
		}
		return handler(ctx, req)
	}
}

// StreamServerInterceptor is UnaryServerInterceptor for streams.
func StreamServerInterceptor(v Verifier, public Public) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, err := authenticate(ss.Context(), v, public, info.FullMethod)
		if err != nil {
			return err
		}
		return handler(srv, &wrappedStream{ServerStream: ss, ctx: ctx})
	}
}

type wrappedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (w *wrappedStream) Context() context.Context { return w.ctx }

// RequireAdmin returns PermissionDenied unless the caller has the admin role.
func RequireAdmin(ctx context.Context) error {
	p, ok := FromContext(ctx)
	if !ok || !p.IsAdmin() {
		return status.Error(codes.PermissionDenied, "this call needs the admin role")
	}
	return nil
}

// RequireSubject returns the caller's subject, or Unauthenticated when there is none.
func RequireSubject(ctx context.Context) (string, error) {
	p, ok := FromContext(ctx)
	if !ok || p.Subject == "" {
		return "", status.Error(codes.Unauthenticated, "missing bearer token")
	}
	return p.Subject, nil
}

// ForwardToken is a client interceptor for calls from one service to another: it sends the
// token of the request being served, or fallback (a service token) when there is none, as in
// background refreshes. A nil fallback sends nothing in that case. Calls that already carry
// authorization metadata are left alone. Never use it on a connection that relays requests from
// outside (the gateway's): an anonymous request would borrow the service's identity.
func ForwardToken(fallback func() string) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if md, ok := metadata.FromOutgoingContext(ctx); ok && len(md.Get("authorization")) > 0 {
			return invoker(ctx, method, req, reply, cc, opts...) // the caller chose the credentials
		}
		token := ""
		if p, ok := FromContext(ctx); ok && p.Token != "" {
			token = p.Token
		} else if fallback != nil {
			token = fallback()
		}
		if token != "" {
			ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}
