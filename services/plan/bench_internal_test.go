package plan

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/plan/generate"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/llm"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// cannedLLM answers every call at once with the part of a template it asks for: it stands in
// for the LLM call, which the pipeline benchmark leaves out.
type cannedLLM struct {
	outline string
	days    map[string]string
}

var dayRequest = regexp.MustCompile(`Write day (\d+)`)

func (c cannedLLM) Complete(_ context.Context, req llm.Request) (*llm.Response, error) {
	content := c.outline
	if req.SchemaName == generate.DaySchemaName {
		content = c.days[dayRequest.FindStringSubmatch(req.Messages[1].Content)[1]]
	}
	return &llm.Response{Content: content, FinishReason: "stop", Usage: llm.Usage{PromptTokens: 2000, CompletionTokens: 200, TotalTokens: 2200}}, nil
}

// BenchmarkCreatePlanWithoutLLM measures CreatePlan for a 12-week plan on SQLite with the LLM
// call replaced by a canned answer: request-id lookup, profile read, allowed list (cached),
// prompt, schema (cached), parse, template rules, substitution (two strays), expansion, plan
// rules, store. Target: ≤ 5 ms.
func BenchmarkCreatePlanWithoutLLM(b *testing.B) {
	d := dbtest.Open(b, dbtest.SQLite(b), Migrations())
	signer := mustSigner(b)
	deps, err := server.New(server.Config{Logger: slog.New(slog.DiscardHandler), Verifier: signer})
	if err != nil {
		b.Fatal(err)
	}
	deps.Register(&catalogv1.CatalogService_ServiceDesc, fakes.NewCatalog())
	deps.Register(&videov1.VideoService_ServiceDesc, &fakes.Video{})
	// Generation runs as a background job, without the caller's token.
	svcToken, err := signer.Mint("service:bench", []string{auth.RoleService}, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	conn, err := deps.InProcess(grpc.WithChainUnaryInterceptor(auth.ForwardToken(func() string { return svcToken })))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	cfg := Config{DatabaseURL: "unused", OpenAIModel: "bench", RepromptMaxAttempts: 2, FallbackToLegacy: true, GenerationTimeout: time.Minute, WhitelistCacheTTL: time.Hour, ProfileCacheTTL: time.Hour, PlanCacheSize: 100}
	s, err := newService(cfg, Deps{Logger: slog.New(slog.DiscardHandler), CatalogClient: catalogv1.NewCatalogServiceClient(conn), VideoClient: videov1.NewVideoServiceClient(conn)}, d)
	if err != nil {
		b.Fatal(err)
	}
	profile := benchProfile()
	tok, err := signer.Mint("bench", nil, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	ctx := auth.WithPrincipal(context.Background(), auth.Principal{Subject: "bench", Token: tok})
	canned := benchTemplate(ctx, b, profile, s.catalog)
	s.gen, err = generate.New(generate.Config{Model: "bench", MaxReprompts: 2, Fallback: true, Timeout: time.Minute}, canned, s.catalog, mustGenMetrics(b), slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.UpsertProfile(ctx, &planv1.UpsertProfileRequest{Profile: profile}); err != nil {
		b.Fatal(err)
	}
	// Warm the allowed-list and schema caches, as in steady state.
	if _, err := s.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "warm"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	cpu := startCPU()
	for b.Loop() {
		i++
		resp, err := s.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: fmt.Sprintf("b%d", i)})
		if err != nil {
			b.Fatal(err)
		}
		if p := resp.GetPlan(); p.GetProvider() != "openai" || p.GetSubstitutionCount() != 24 || len(p.GetWeeks()) != 12 {
			b.Fatalf("unexpected plan: provider %s, %d substitutions, %d weeks", p.GetProvider(), p.GetSubstitutionCount(), len(p.GetWeeks()))
		}
	}
	cpu.report(b, i)
}

func benchProfile() *planv1.Profile {
	return &planv1.Profile{
		Goal: "Build muscle and get stronger", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE,
		Equipment: []string{"dumbbell", "bench", "band", "pullup_bar"}, DaysPerWeek: 5, DurationWeeks: 12, SessionMinutes: 60,
		Archetype: typesv1.Archetype_ARCHETYPE_PROFESSIONAL, Locale: "en",
	}
}

// benchTemplate is a realistic 12-week answer: five training days of six exercises, a focus
// per week, and two exercises outside the whitelist to substitute.
func benchTemplate(ctx context.Context, b testing.TB, p *planv1.Profile, c *catalogClient) cannedLLM {
	allowed, err := c.Allowed(ctx, generate.Equipment(p), p.GetFitnessLevel())
	if err != nil {
		b.Fatal(err)
	}
	tpl, err := planner.Template(p, allowed)
	if err != nil {
		b.Fatal(err)
	}
	for w := 1; w <= 12; w++ {
		tpl.WeekFocus = append(tpl.WeekFocus, fmt.Sprintf("Week %d: build strength with controlled tempo", w))
	}
	tpl.GetDays()[0].GetExercises()[0].ExerciseSlug = "barbell-bench-press"
	tpl.GetDays()[1].GetExercises()[0].ExerciseSlug = "unicorn-rows"
	enc := protojson.MarshalOptions{UseProtoNames: true}
	outline, err := enc.Marshal(&planv1.PlanOutline{
		PlanName: tpl.GetPlanName(), DurationWeeks: tpl.GetDurationWeeks(), Goal: tpl.GetGoal(), Notes: tpl.GetNotes(),
		WeekFocus: tpl.GetWeekFocus(), Progression: tpl.GetProgression(),
	})
	if err != nil {
		b.Fatal(err)
	}
	out := cannedLLM{outline: string(outline), days: map[string]string{}}
	for _, d := range tpl.GetDays() {
		raw, err := enc.Marshal(d)
		if err != nil {
			b.Fatal(err)
		}
		out.days[fmt.Sprint(d.GetDayNumber())] = string(raw)
	}
	return out
}

func mustSigner(b testing.TB) *auth.HS256 {
	s, err := auth.NewHS256([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func mustGenMetrics(b testing.TB) *generate.Metrics {
	m, err := generate.NewMetrics(nil)
	if err != nil {
		b.Fatal(err)
	}
	return m
}
