package plan_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/planner"
	"github.com/fitcoach/fitcoach/services/plan/quota"
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

type envOption func(*plan.Config, *plan.Deps)

func withTimeout(d time.Duration) envOption {
	return func(c *plan.Config, _ *plan.Deps) { c.GenerationTimeout = d }
}

func withConfig(f func(*plan.Config)) envOption {
	return func(c *plan.Config, _ *plan.Deps) { f(c) }
}

// withQuota keeps the per-person limits in b (a shared Redis backend makes two envs replicas).
func withQuota(b quota.Backend) envOption {
	return func(_ *plan.Config, d *plan.Deps) { d.Quota = b }
}

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
	// Generation runs as a background job, without the caller's token: calls to the other
	// services then carry a service token, as fitcoach's own connections do.
	svcToken, err := signer.Mint("service:test", []string{auth.RoleService}, time.Hour)
	require.NoError(t, err)
	depsConn, err := deps.InProcess(grpc.WithChainUnaryInterceptor(auth.ForwardToken(func() string { return svcToken })))
	require.NoError(t, err)
	t.Cleanup(func() { depsConn.Close() })

	cfg := plan.Config{
		DatabaseURL: dsn, OpenAIModel: "test-model", LLMMaxRetries: 2, LLMMaxOutputTokens: 1500,
		RepromptMaxAttempts: 2, FallbackToLegacy: true, GenerationTimeout: 20 * time.Second,
		PlaylistTimeout: 500 * time.Millisecond, WhitelistCacheTTL: time.Minute, ProfileCacheTTL: time.Minute, PlanCacheSize: 1000,
	}
	if len(steps) > 0 {
		e.llm = llmtest.New(steps...)
		t.Cleanup(e.llm.Close)
		cfg.OpenAIAPIKey, cfg.OpenAIBaseURL = "test-key", e.llm.BaseURL()
	}
	pdeps := plan.Deps{
		Logger: log, Registry: e.reg,
		CatalogClient: catalogv1.NewCatalogServiceClient(depsConn),
		VideoClient:   videov1.NewVideoServiceClient(depsConn),
	}
	for _, o := range opts {
		o(&cfg, &pdeps)
	}
	e.svc, err = plan.New(t.Context(), cfg, pdeps)
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
	for w := range tpl.GetDurationWeeks() {
		tpl.WeekFocus = append(tpl.WeekFocus, fmt.Sprintf("Week %d: steady, controlled progress", w+1))
	}
	return tpl
}

// model is a scripted LLM that answers each part of a generation like a well-behaved model
// would, from a weekly template: the outline, or the training day the request asks for.
// Scripts replace the answers of the outline or of one day, in order (the last repeats); a
// scripted step without content, refusal or status is a good answer with that step's timing.
type model struct {
	tpl *planv1.PlanTemplate
	tps float64

	mu      sync.Mutex
	outline []llmtest.Step
	days    map[int32][]llmtest.Step
	calls   map[string]int
}

func newModel(t testing.TB, tpl *planv1.PlanTemplate) *model {
	t.Helper()
	return &model{tpl: tpl, days: map[int32][]llmtest.Step{}, calls: map[string]int{}}
}

var dayRequest = regexp.MustCompile(`(?:Write day|Напишите день) (\d+)`)

// partOf names the part a request asks for: "outline" or "day N".
func partOf(r llmtest.Request) (string, int32) {
	if r.ResponseFormat.JSONSchema.Name == generate.OutlineSchemaName {
		return "outline", 0
	}
	for _, m := range r.Messages {
		if mm := dayRequest.FindStringSubmatch(m.Content); mm != nil {
			n, _ := strconv.Atoi(mm[1])
			return "day " + mm[1], int32(n)
		}
	}
	return "unknown", 0
}

func (m *model) respond(r llmtest.Request) llmtest.Step {
	name, day := partOf(r)
	m.mu.Lock()
	n := m.calls[name]
	m.calls[name]++
	script := m.outline
	if day > 0 {
		script = m.days[day]
	}
	m.mu.Unlock()
	step := llmtest.Step{}
	if len(script) > 0 {
		step = script[min(n, len(script)-1)]
	}
	if step.Content == "" && step.Refusal == "" && step.Status == 0 {
		step.Content = m.good(day)
	}
	if step.TokensPerSecond == 0 {
		step.TokensPerSecond = m.tps
	}
	return step
}

// good is the right answer for the outline (day 0) or a day, in snake_case JSON with the
// nulls strict structured output writes.
func (m *model) good(day int32) string {
	var msg proto.Message = &planv1.PlanOutline{
		PlanName: m.tpl.GetPlanName(), DurationWeeks: m.tpl.GetDurationWeeks(), Goal: m.tpl.GetGoal(), Notes: m.tpl.GetNotes(),
		WeekFocus: m.tpl.GetWeekFocus(), Progression: m.tpl.GetProgression(),
	}
	if day > 0 {
		msg = m.tpl.GetDays()[day-1]
	}
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(msg)
	if err != nil {
		panic(err)
	}
	return nullDurations.ReplaceAllString(string(b), `$1,"duration_seconds":null}`)
}

// count returns how many calls asked for a part.
func (m *model) count(name string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[name]
}

// nullDurations finds exercises without a duration, which strict structured output writes as
// "duration_seconds":null (every property is required) and protojson leaves out.
var nullDurations = regexp.MustCompile(`("rest_seconds":[0-9]+)}`)

// dayJSON renders one day as a model would.
func dayJSON(t testing.TB, d *planv1.Day) string {
	t.Helper()
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(d)
	require.NoError(t, err)
	return string(b)
}
