// Package server is the gRPC bootstrap every fitcoach service runs on: one interceptor chain
// (request id, recovery, logs and metrics; error mapping; auth; protovalidate), grpc.health.v1,
// server reflection for grpcurl, in-process connections for co-located callers, and graceful
// shutdown in a known order.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/test/bufconn"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/validate"
)

// Config configures a Server. Logger and Verifier are required.
type Config struct {
	Logger   *slog.Logger
	Verifier auth.Verifier
	// Metrics is shared by every server of a process; nil records none.
	Metrics *obs.GRPCMetrics
	// Validator defaults to a new protovalidate validator.
	Validator protovalidate.Validator
	// Public lists methods that need no token; defaults to health and reflection.
	Public auth.Public
	// ShutdownTimeout bounds the graceful drain before connections are cut; default 10s.
	ShutdownTimeout time.Duration
	// MaxRecvBytes caps one request message; default 4 MiB.
	MaxRecvBytes int
	// Tracing continues callers' traces in server spans and traces the in-process
	// connections; nil traces nothing.
	Tracing *obs.Tracing
}

// Validate checks the config and fills defaults.
func (c *Config) Validate() error {
	if c.Logger == nil {
		return errors.New("server: Logger is required")
	}
	if c.Verifier == nil {
		return errors.New("server: Verifier is required")
	}
	if c.Validator == nil {
		v, err := protovalidate.New()
		if err != nil {
			return fmt.Errorf("server: protovalidate: %w", err)
		}
		c.Validator = v
	}
	if c.Public == nil {
		c.Public = auth.DefaultPublic
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	if c.MaxRecvBytes <= 0 {
		c.MaxRecvBytes = 4 << 20
	}
	return nil
}

// Server is a gRPC server with fitcoach's middleware. Register services, then Serve.
type Server struct {
	cfg    Config
	grpc   *grpc.Server
	health *health.Server
	names  []string
	admin  sync.Map // full method name → true: calls that need the admin role

	inproc      *bufconn.Listener
	inprocOnce  sync.Once
	serveOnce   sync.Once
	inprocReady chan struct{}
}

// New builds a Server from cfg.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, health: health.NewServer(), inprocReady: make(chan struct{})}
	s.grpc = grpc.NewServer(append(cfg.Tracing.ServerOptions(),
		grpc.ChainUnaryInterceptor(
			obs.UnaryServerInterceptor(cfg.Logger, cfg.Metrics),
			grpcerr.UnaryServerInterceptor(cfg.Logger),
			auth.UnaryServerInterceptor(cfg.Verifier, cfg.Public, s.adminOnly),
			validate.UnaryServerInterceptor(cfg.Validator),
		),
		grpc.ChainStreamInterceptor(
			obs.StreamServerInterceptor(cfg.Logger),
			auth.StreamServerInterceptor(cfg.Verifier, cfg.Public),
		),
		grpc.MaxRecvMsgSize(cfg.MaxRecvBytes),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
		// Clients reconnect now and then, so new replicas get their share of long-lived
		// connections after a scale-up.
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionAge: 5 * time.Minute, MaxConnectionAgeGrace: 30 * time.Second}),
	)...)
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	return s, nil
}

// Register adds a service implementation and marks it SERVING in grpc.health.v1.
func (s *Server) Register(desc *grpc.ServiceDesc, impl any) {
	s.grpc.RegisterService(desc, impl)
	s.names = append(s.names, desc.ServiceName)
	s.health.SetServingStatus(desc.ServiceName, healthpb.HealthCheckResponse_SERVING)
}

// RequireAdmin marks methods of a service as admin-only, by their short names ("CreateClip").
// The check runs before validation; handlers may check again.
func (s *Server) RequireAdmin(desc *grpc.ServiceDesc, methods ...string) {
	for _, m := range methods {
		s.admin.Store("/"+desc.ServiceName+"/"+m, true)
	}
}

func (s *Server) adminOnly(fullMethod string) bool {
	_, ok := s.admin.Load(fullMethod)
	return ok
}

// SetServing flips the health status of every registered service and of the server as a whole.
func (s *Server) SetServing(serving bool) {
	st := healthpb.HealthCheckResponse_SERVING
	if !serving {
		st = healthpb.HealthCheckResponse_NOT_SERVING
	}
	s.health.SetServingStatus("", st)
	for _, n := range s.names {
		s.health.SetServingStatus(n, st)
	}
}

// InProcess returns a client connection to this server that never leaves the process, for
// co-located callers such as the gateway and other services under `fitcoach dev`. Calls on it
// are traced as client spans, as over the network, when the server's Config.Tracing is on.
//
// Services may need such a connection before they are registered (they call each other), and
// gRPC forbids registering once serving has begun; so the in-process listener is served from
// Serve, or at once when InProcess is called after a service was registered. Calls made before
// then wait for it.
func (s *Server) InProcess(opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	s.inprocOnce.Do(func() { s.inproc = bufconn.Listen(1 << 20) })
	if len(s.names) > 0 {
		s.serveInProcess()
	}
	opts = append([]grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			select {
			case <-s.inprocReady:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return s.inproc.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	}, append(s.cfg.Tracing.DialOptions(), opts...)...)
	return grpc.NewClient("passthrough:///inprocess", opts...)
}

func (s *Server) serveInProcess() {
	s.inprocOnce.Do(func() { s.inproc = bufconn.Listen(1 << 20) })
	s.serveOnce.Do(func() {
		go func() { _ = s.grpc.Serve(s.inproc) }()
		close(s.inprocReady)
	})
}

// Serve serves on every listener until ctx is done, then shuts down: health NOT_SERVING so
// balancers stop sending, a GracefulStop that drains in-flight calls, and a hard Stop once
// ShutdownTimeout passes. It returns the first serve error, or nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, listeners ...net.Listener) error {
	s.serveInProcess()
	errc := make(chan error, len(listeners))
	for _, l := range listeners {
		go func() {
			if err := s.grpc.Serve(l); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
				errc <- err
			}
		}()
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	s.Shutdown()
	return serveErr
}

// Shutdown stops the server as Serve does on cancellation.
func (s *Server) Shutdown() {
	s.SetServing(false)
	s.health.Shutdown()
	done := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(s.cfg.ShutdownTimeout):
		s.cfg.Logger.Warn("graceful stop timed out; closing connections", "timeout", s.cfg.ShutdownTimeout)
		s.grpc.Stop()
	}
}
