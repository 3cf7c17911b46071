package plan_test

import (
	"testing"
	"time"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// BenchmarkStartWorkoutWithHistory is BenchmarkStartWorkout for a person who logged every
// session of a 12-week plan set by set: each call reads their whole history once for "last
// time" (the logs of a finished plan are the most one person has in it).
func BenchmarkStartWorkoutWithHistory(b *testing.B) {
	e := newEnv(b, "", nil)
	e.onboard(b, "runner", func(p *planv1.Profile) { p.DurationWeeks, p.DaysPerWeek = 12, 5 })
	ctx := e.as(b, "runner")
	resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{})
	if err != nil {
		b.Fatal(err)
	}
	p := resp.GetPlan()
	logged := logEverySession(b, e, ctx, p)
	// serial is one client's latency; parallel the throughput of many, as BenchmarkStartWorkout.
	b.Run("serial", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			req := &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: int32(1 + i%12), Day: int32(1 + i%7)}
			if _, err := e.client.StartWorkout(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(logged), "logs")
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetParallelism(8)
		b.ReportAllocs()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				i++
				req := &planv1.StartWorkoutRequest{PlanId: p.GetId(), Week: int32(1 + i%12), Day: int32(1 + i%7)}
				if _, err := e.client.StartWorkout(ctx, req); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	})
}
