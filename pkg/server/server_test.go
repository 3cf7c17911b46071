package server_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// catalogStub answers GetExercise by slug: "boom" panics, "missing" is not found, others echo.
type catalogStub struct {
	catalogv1.UnimplementedCatalogServiceServer
}

func (catalogStub) GetExercise(ctx context.Context, req *catalogv1.GetExerciseRequest) (*catalogv1.GetExerciseResponse, error) {
	switch req.GetSlug() {
	case "boom":
		panic("handler bug")
	case "missing":
		return nil, fmt.Errorf("exercise %q: %w", req.GetSlug(), grpcerr.ErrNotFound)
	case "admin-only":
		if err := auth.RequireAdmin(ctx); err != nil {
			return nil, err
		}
	}
	p, _ := auth.FromContext(ctx)
	return &catalogv1.GetExerciseResponse{Exercise: &catalogv1.Exercise{Slug: req.GetSlug(), Code: p.Subject}}, nil
}

func start(t *testing.T) (*server.Server, *grpc.ClientConn, *auth.HS256, context.CancelFunc) {
	t.Helper()
	return startWith(t, catalogStub{})
}

// startWith serves impl as the catalog service on loopback and dials it as services do.
func startWith(t *testing.T, impl catalogv1.CatalogServiceServer) (*server.Server, *grpc.ClientConn, *auth.HS256, context.CancelFunc) {
	t.Helper()
	signer, err := auth.NewHS256([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	srv, err := server.New(server.Config{Logger: obs.NewLogger(io.Discard, "error"), Verifier: signer, ShutdownTimeout: time.Second})
	require.NoError(t, err)
	srv.Register(&catalogv1.CatalogService_ServiceDesc, impl)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, lis) }()
	conn, err := server.Dial(lis.Addr().String(), nil)
	require.NoError(t, err)
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		conn.Close()
	})
	return srv, conn, signer, cancel
}

func withToken(t *testing.T, ctx context.Context, s *auth.HS256, sub string, roles ...string) context.Context {
	tok, err := s.Mint(sub, roles, time.Hour)
	require.NoError(t, err)
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

func TestServer(t *testing.T) {
	_, conn, signer, _ := start(t)
	client := catalogv1.NewCatalogServiceClient(conn)

	t.Run("health needs no token", func(t *testing.T) {
		resp, err := healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{Service: "fitcoach.catalog.v1.CatalogService"})
		require.NoError(t, err)
		require.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
	})
	t.Run("reflection lists the service without a token", func(t *testing.T) {
		stream, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(t.Context())
		require.NoError(t, err)
		require.NoError(t, stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}))
		resp, err := stream.Recv()
		require.NoError(t, err)
		var names []string
		for _, s := range resp.GetListServicesResponse().GetService() {
			names = append(names, s.GetName())
		}
		require.Contains(t, names, "fitcoach.catalog.v1.CatalogService")
	})
	tests := []struct {
		name string
		ctx  func() context.Context
		slug string
		code codes.Code
	}{
		{"no token", func() context.Context { return t.Context() }, "push-ups", codes.Unauthenticated},
		{"garbage token", func() context.Context {
			return metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer not.a.jwt")
		}, "push-ups", codes.Unauthenticated},
		{"ok", func() context.Context { return withToken(t, t.Context(), signer, "alice") }, "push-ups", codes.OK},
		{"invalid input", func() context.Context { return withToken(t, t.Context(), signer, "alice") }, "bad slug!", codes.InvalidArgument},
		{"sentinel mapped", func() context.Context { return withToken(t, t.Context(), signer, "alice") }, "missing", codes.NotFound},
		{"panic recovered", func() context.Context { return withToken(t, t.Context(), signer, "alice") }, "boom", codes.Internal},
		{"admin only as person", func() context.Context { return withToken(t, t.Context(), signer, "alice") }, "admin-only", codes.PermissionDenied},
		{"admin only as admin", func() context.Context { return withToken(t, t.Context(), signer, "root", auth.RoleAdmin) }, "admin-only", codes.OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := client.GetExercise(tt.ctx(), &catalogv1.GetExerciseRequest{Slug: tt.slug})
			require.Equal(t, tt.code, status.Code(err), "err: %v", err)
			if tt.code == codes.OK {
				require.Equal(t, tt.slug, resp.GetExercise().GetSlug())
			}
		})
	}
	t.Run("violations carry the field", func(t *testing.T) {
		_, err := client.GetExercise(withToken(t, t.Context(), signer, "alice"), &catalogv1.GetExerciseRequest{Slug: "bad slug!"})
		st := status.Convert(err)
		require.Len(t, st.Details(), 1)
		br := st.Details()[0].(*errdetails.BadRequest)
		require.Equal(t, "slug", br.GetFieldViolations()[0].GetField())
		require.Equal(t, "string.pattern", br.GetFieldViolations()[0].GetReason())
	})
	t.Run("the subject reaches the handler", func(t *testing.T) {
		resp, err := client.GetExercise(withToken(t, t.Context(), signer, "bob"), &catalogv1.GetExerciseRequest{Slug: "squat"})
		require.NoError(t, err)
		require.Equal(t, "bob", resp.GetExercise().GetCode())
	})
}

func TestAdminOnlyIsCheckedBeforeValidation(t *testing.T) {
	srv, conn, signer, _ := start(t)
	srv.RequireAdmin(&catalogv1.CatalogService_ServiceDesc, "GetExercise")
	client := catalogv1.NewCatalogServiceClient(conn)
	_, err := client.GetExercise(withToken(t, t.Context(), signer, "alice"), &catalogv1.GetExerciseRequest{Slug: "bad slug!"})
	require.Equal(t, codes.PermissionDenied, status.Code(err), "a person learns the call is forbidden, not how to make it valid")
	_, err = client.GetExercise(withToken(t, t.Context(), signer, "root", auth.RoleAdmin), &catalogv1.GetExerciseRequest{Slug: "bad slug!"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = client.GetExercise(withToken(t, t.Context(), signer, "root", auth.RoleAdmin), &catalogv1.GetExerciseRequest{Slug: "squat"})
	require.NoError(t, err)
}

func TestShutdownFlipsHealth(t *testing.T) {
	srv, conn, _, _ := start(t)
	inproc, err := srv.InProcess()
	require.NoError(t, err)
	defer inproc.Close()
	resp, err := healthpb.NewHealthClient(inproc).Check(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
	srv.SetServing(false)
	resp, err = healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{Service: "fitcoach.catalog.v1.CatalogService"})
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, resp.GetStatus())
}

func TestInProcessBeforeRegister(t *testing.T) {
	signer, err := auth.NewHS256([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	srv, err := server.New(server.Config{Logger: obs.NewLogger(io.Discard, "error"), Verifier: signer})
	require.NoError(t, err)
	// A service needs a connection to its peers before anything is registered, as in dev.
	conn, err := srv.InProcess()
	require.NoError(t, err)
	defer conn.Close()

	called := make(chan error, 1)
	go func() {
		ctx := withToken(t, context.Background(), signer, "early")
		_, err := catalogv1.NewCatalogServiceClient(conn).GetExercise(ctx, &catalogv1.GetExerciseRequest{Slug: "squat"})
		called <- err
	}()
	srv.Register(&catalogv1.CatalogService_ServiceDesc, catalogStub{})
	select {
	case err := <-called:
		t.Fatalf("the call returned before the server served: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, lis) }()
	require.NoError(t, <-called, "the early call went through once serving began")
	cancel()
	require.NoError(t, <-done)
}

// flakyCatalog loses its database connection on the first GetExercise and on every
// CreateExercise, counting the calls that reach it.
type flakyCatalog struct {
	catalogv1.UnimplementedCatalogServiceServer
	gets, creates atomic.Int32
}

func (f *flakyCatalog) GetExercise(_ context.Context, req *catalogv1.GetExerciseRequest) (*catalogv1.GetExerciseResponse, error) {
	if f.gets.Add(1) == 1 {
		return nil, fmt.Errorf("read exercise: %w", io.ErrUnexpectedEOF)
	}
	return &catalogv1.GetExerciseResponse{Exercise: &catalogv1.Exercise{Slug: req.GetSlug()}}, nil
}

func (f *flakyCatalog) CreateExercise(context.Context, *catalogv1.CreateExerciseRequest) (*catalogv1.CreateExerciseResponse, error) {
	f.creates.Add(1)
	return nil, fmt.Errorf("insert exercise: %w", io.ErrUnexpectedEOF)
}

// TestRetriesFollowTheContract: a lost store connection is UNAVAILABLE; a client retries it
// for a method the proto marks idempotent (GetExercise) and never for one it does not
// (CreateExercise), which could store twice.
func TestRetriesFollowTheContract(t *testing.T) {
	stub := &flakyCatalog{}
	_, conn, signer, _ := startWith(t, stub)
	client := catalogv1.NewCatalogServiceClient(conn)

	got, err := client.GetExercise(withToken(t, t.Context(), signer, "alice"), &catalogv1.GetExerciseRequest{Slug: "squat"})
	require.NoError(t, err, "the second attempt succeeds")
	require.Equal(t, "squat", got.GetExercise().GetSlug())
	require.EqualValues(t, 2, stub.gets.Load())

	_, err = client.CreateExercise(withToken(t, t.Context(), signer, "ops", auth.RoleAdmin), &catalogv1.CreateExerciseRequest{
		Exercise: &catalogv1.Exercise{Slug: "squat", Name: &typesv1.LocalizedText{En: "Squat"}, MuscleGroups: []string{"legs"}, Difficulty: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER},
	})
	require.Equal(t, codes.Unavailable, status.Code(err), "%v", err)
	require.EqualValues(t, 1, stub.creates.Load(), "a write is never repeated by the client")

	require.Contains(t, server.ServiceConfig, `{"service":"fitcoach.plan.v1.PlanService","method":"StartWorkout"}`)
	require.NotContains(t, server.ServiceConfig, `"method":"CreatePlan"`)
}
