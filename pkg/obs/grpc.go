package obs

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// RequestIDHeader is the metadata key (and HTTP header) that carries the request id.
const RequestIDHeader = "x-request-id"

// GRPCMetrics are the RED metrics of gRPC servers. Create one per process registry and share it
// between the servers of that process.
type GRPCMetrics struct {
	handled *prometheus.CounterVec
	seconds *prometheus.HistogramVec
}

// NewGRPCMetrics registers the gRPC server metrics with reg.
func NewGRPCMetrics(reg prometheus.Registerer) *GRPCMetrics {
	m := &GRPCMetrics{
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_handled_total",
			Help: "RPCs completed, by service, method and status code.",
		}, []string{"grpc_service", "grpc_method", "grpc_code"}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "grpc_server_handling_seconds",
			Help:    "RPC handling time, by service and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10, 60},
		}, []string{"grpc_service", "grpc_method"}),
	}
	reg.MustRegister(m.handled, m.seconds)
	return m
}

func splitMethod(full string) (string, string) {
	full = strings.TrimPrefix(full, "/")
	svc, method, ok := strings.Cut(full, "/")
	if !ok {
		return "unknown", full
	}
	return svc, method
}

// UnaryServerInterceptor assigns the request id, recovers panics, logs each call and records
// metrics. It is the outermost interceptor so it sees the final status.
func UnaryServerInterceptor(log *slog.Logger, m *GRPCMetrics) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		start := time.Now()
		id := ""
		if md, ok := metadata.FromIncomingContext(ctx); ok {
			if v := md.Get(RequestIDHeader); len(v) > 0 && ValidRequestID(v[0]) {
				id = v[0]
			}
		}
		if id == "" {
			id = NewRequestID()
		}
		ctx = WithRequestID(ctx, id)
		ctx = metadata.AppendToOutgoingContext(ctx, RequestIDHeader, id)

		defer func() {
			if r := recover(); r != nil {
				log.ErrorContext(ctx, "panic in handler", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
				resp, err = nil, status.Error(codes.Internal, "internal error")
			}
			// The id goes back in the header of an answer and in the trailer of an error: a
			// header would make the error a non-trailers-only response, which gRPC clients
			// treat as committed and never retry (server.ServiceConfig's retry policy).
			if err == nil {
				_ = grpc.SetHeader(ctx, metadata.Pairs(RequestIDHeader, id))
			} else {
				_ = grpc.SetTrailer(ctx, metadata.Pairs(RequestIDHeader, id))
			}
			code := status.Code(err)
			svc, method := splitMethod(info.FullMethod)
			elapsed := time.Since(start)
			if m != nil {
				m.handled.WithLabelValues(svc, method, code.String()).Inc()
				m.seconds.WithLabelValues(svc, method).Observe(elapsed.Seconds())
			}
			level := slog.LevelDebug
			switch {
			case code == codes.Internal || code == codes.Unknown || code == codes.DataLoss:
				level = slog.LevelError
			case code != codes.OK && code != codes.NotFound && code != codes.InvalidArgument &&
				code != codes.Unauthenticated && code != codes.PermissionDenied && code != codes.AlreadyExists:
				level = slog.LevelWarn
			}
			log.Log(ctx, level, "rpc", "method", info.FullMethod, "code", code.String(), "duration_ms", float64(elapsed.Microseconds())/1000)
		}()
		return handler(ctx, req)
	}
}

// StreamServerInterceptor recovers panics in streaming handlers.
func StreamServerInterceptor(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic in stream handler", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
		}()
		return handler(srv, ss)
	}
}
