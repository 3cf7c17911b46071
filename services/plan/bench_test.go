package plan_test

import (
	"fmt"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// benchTokensPerSecond is the model speed the time-to-plan target is set at.
const benchTokensPerSecond = 50

// BenchmarkTimeToPlan measures CreatePlan end to end for a 12-week plan (5 training days of 6
// exercises, a focus per week) from a scripted model streaming 50 tokens/s per answer: the
// outline and the five days are written in parallel, fitcoach expands the week. Targets:
// ≤ 30 s, ≤ 6,000 output tokens. Run with -benchtime 1x; an op takes as long as the longest
// answer streams.
func BenchmarkTimeToPlan(b *testing.B) {
	profile := &planv1.Profile{
		Goal: "Build muscle and get stronger", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE,
		Equipment: []string{"dumbbell", "bench", "band", "pullup_bar"}, DaysPerWeek: 5, DurationWeeks: 12, SessionMinutes: 60,
		Archetype: typesv1.Archetype_ARCHETYPE_PROFESSIONAL, Locale: "en",
	}
	tpl, err := planner.Template(profile, allowed(b, profile))
	if err != nil {
		b.Fatal(err)
	}
	for w := 1; w <= 12; w++ {
		tpl.WeekFocus = append(tpl.WeekFocus, fmt.Sprintf("Week %d: build strength with controlled tempo", w))
	}
	tpl.PlanName = "Strength in twelve weeks"
	m := newModel(b, tpl)
	m.tps = benchTokensPerSecond
	e := newEnv(b, "", []llmtest.Step{{Respond: m.respond}}, withTimeout(time.Minute))
	e.onboard(b, "bench", func(p *planv1.Profile) { proto.Reset(p); proto.Merge(p, profile) })
	ctx := e.as(b, "bench")
	b.ResetTimer()
	var worst time.Duration
	var tokens int64
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: fmt.Sprintf("ttp-%d", i)})
		if err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(start))
		p := resp.GetPlan()
		if p.GetProvider() != "openai" || len(p.GetWeeks()) != 12 {
			b.Fatalf("plan made by %s (%s), %d weeks", p.GetProvider(), p.GetFallbackReason(), len(p.GetWeeks()))
		}
		tokens = p.GetUsage().GetCompletionTokens()
	}
	b.ReportMetric(worst.Seconds(), "s-to-plan")
	b.ReportMetric(float64(tokens), "output-tokens")
	longest := llmtest.EstimateTokens(m.good(0))
	design, err := planner.Design(profile, allowed(b, profile))
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range design.Sessions {
		longest = max(longest, llmtest.EstimateTokens(m.good(s.Day)))
	}
	b.ReportMetric(float64(longest), "longest-answer-tokens")
}

// BenchmarkStartWorkout measures the "Start workout" hot path end to end over gRPC on
// loopback TCP (client, auth, validation, cached plan and profile, catalog names from memory,
// the video service's playlist) with many concurrent clients; "req/s" is the throughput.
// Target: ≥ 1,000 req/s on 2 cores.
func BenchmarkStartWorkout(b *testing.B) {
	e := newEnv(b, "", nil)
	e.onboard(b, "runner", nil)
	ctx := e.as(b, "runner")
	resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
	if err != nil {
		b.Fatal(err)
	}
	id := resp.GetPlan().GetId()
	if _, err := e.client.StartWorkout(ctx, &planv1.StartWorkoutRequest{PlanId: id, Week: 1, Day: 1}); err != nil {
		b.Fatal(err)
	}
	b.SetParallelism(8)
	b.ReportAllocs()
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			req := &planv1.StartWorkoutRequest{PlanId: id, Week: int32(1 + i%12), Day: int32(1 + i%7)}
			if _, err := e.client.StartWorkout(ctx, req); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}
