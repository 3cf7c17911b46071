package plan_test

import (
	"context"
	"log/slog"
	"net"
	"os"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// env is a plan service on a real pkg/server with its interceptor chain, talking over gRPC to
// scripted catalog and video services (fakes: the real ones are written in parallel in other
// modules; the lead's end-to-end tests run all three together) and, when steps are given, to
// a scripted OpenAI-compatible server on loopback.
type env struct {
	svc     *plan.Service
	conn    *grpc.ClientConn
	client  planv1.PlanServiceClient
	catalog *fakes.Catalog
	video   *fakes.Video
	llm     *llmtest.Server
	signer  *auth.HS256
	reg     *prometheus.Registry
}

type envOption func(*plan.Config)

func withTimeout(d time.Duration) envOption {
	return func(c *plan.Config) { c.GenerationTimeout = d }
}

func withConfig(f func(*plan.Config)) envOption { return f }

// newEnv starts the service on SQLite (or dsn) with the LLM scripted by steps (none: no API key).
func newEnv(t testing.TB, dsn string, steps []llmtest.Step, opts ...envOption) *env {
	t.Helper()
	if dsn == "" {
		dsn = dbtest.SQLite(t)
	}
	signer, err := auth.NewHS256([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if testing.Short() || os.Getenv("PLAN_TEST_LOGS") == "" {
		log = slog.New(slog.DiscardHandler)
	}
	e := &env{catalog: fakes.NewCatalog(), video: &fakes.Video{}, signer: signer, reg: prometheus.NewRegistry()}

	deps, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	deps.Register(&catalogv1.CatalogService_ServiceDesc, e.catalog)
	deps.Register(&videov1.VideoService_ServiceDesc, e.video)
	depsConn, err := deps.InProcess(grpc.WithChainUnaryInterceptor(auth.ForwardToken(nil)))
	require.NoError(t, err)
	t.Cleanup(func() { depsConn.Close() })

	cfg := plan.Config{
		DatabaseURL: dsn, OpenAIModel: "test-model", LLMMaxRetries: 2, LLMMaxOutputTokens: 6000,
		RepromptMaxAttempts: 2, FallbackToLegacy: true, GenerationTimeout: 20 * time.Second,
		PlaylistTimeout: 500 * time.Millisecond, WhitelistCacheTTL: time.Minute, ProfileCacheTTL: time.Minute, PlanCacheSize: 1000,
	}
	if len(steps) > 0 {
		e.llm = llmtest.New(steps...)
		t.Cleanup(e.llm.Close)
		cfg.OpenAIAPIKey, cfg.OpenAIBaseURL = "test-key", e.llm.BaseURL()
	}
	for _, o := range opts {
		o(&cfg)
	}
	e.svc, err = plan.New(t.Context(), cfg, plan.Deps{
		Logger: log, Registry: e.reg,
		CatalogClient: catalogv1.NewCatalogServiceClient(depsConn),
		VideoClient:   videov1.NewVideoServiceClient(depsConn),
	})
	require.NoError(t, err)
	t.Cleanup(func() { e.svc.Close() })

	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	e.svc.Register(srv)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = srv.Serve(ctx, lis) }()
	t.Cleanup(func() { cancel(); <-done })
	e.conn, err = grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { e.conn.Close() })
	e.client = planv1.NewPlanServiceClient(e.conn)
	return e
}

// as returns a context carrying a token for subject.
func (e *env) as(t testing.TB, subject string) context.Context {
	t.Helper()
	tok, err := e.signer.Mint(subject, nil, time.Hour)
	require.NoError(t, err)
	return metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+tok)
}

func sampleProfile() *planv1.Profile {
	return &planv1.Profile{
		Goal: "Get stronger and lose a little fat", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE,
		Equipment: []string{"dumbbell", "bench"}, DaysPerWeek: 4, DurationWeeks: 12, SessionMinutes: 45,
		Limitations: "", Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en",
	}
}

// onboard stores sampleProfile (changed by edit) for subject.
func (e *env) onboard(t testing.TB, subject string, edit func(*planv1.Profile)) *planv1.Profile {
	t.Helper()
	p := sampleProfile()
	if edit != nil {
		edit(p)
	}
	resp, err := e.client.UpsertProfile(e.as(t, subject), &planv1.UpsertProfileRequest{Profile: p})
	require.NoError(t, err)
	return resp.GetProfile()
}

// allowed returns what the catalog allows sampleProfile.
func allowed(t testing.TB, p *planv1.Profile) []*catalogv1.Exercise {
	t.Helper()
	r, err := fakes.NewCatalog().ListAllowedExercises(context.Background(), &catalogv1.ListAllowedExercisesRequest{
		Equipment: append([]string{"bodyweight"}, p.GetEquipment()...), MaxDifficulty: p.GetFitnessLevel(),
	})
	require.NoError(t, err)
	return r.GetExercises()
}

// goodTemplate is a valid weekly template for p, as a model would write it (snake_case JSON).
func goodTemplate(t testing.TB, p *planv1.Profile) *planv1.PlanTemplate {
	t.Helper()
	tpl, err := planner.Template(p, allowed(t, p))
	require.NoError(t, err)
	tpl.PlanName = "Scripted AI plan"
	return tpl
}

func templateJSON(t testing.TB, tpl *planv1.PlanTemplate) string {
	t.Helper()
	b, err := protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}.Marshal(tpl)
	require.NoError(t, err)
	return string(b)
}
