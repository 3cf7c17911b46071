package aiplan

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchInput is the plan the benchmarks check: testdata/plan_12w.json, or the file named by
// FITCOACH_BENCH_PLAN to measure a real response.
func benchInput(b *testing.B) []byte {
	path := planFile
	if env := os.Getenv("FITCOACH_BENCH_PLAN"); env != "" {
		path = env
	}
	raw, err := os.ReadFile(path)
	require.NoError(b, err)
	return raw
}

// BenchmarkValidatePlan measures Check, the path every AI plan takes. Target: ≤ 350 µs/op.
func BenchmarkValidatePlan(b *testing.B) {
	raw := benchInput(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	defer reportCPUTime(b)()
	for b.Loop() {
		_, vs := Check(raw)
		if len(vs) > 0 && os.Getenv("FITCOACH_BENCH_PLAN") == "" {
			b.Fatal(vs)
		}
	}
}

// BenchmarkValidatePlanReference measures CheckReference on the same input, for comparison.
func BenchmarkValidatePlanReference(b *testing.B) {
	raw := benchInput(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	defer reportCPUTime(b)()
	for b.Loop() {
		CheckReference(raw)
	}
}

// reportCPUTime adds a cpu-ns/op metric: the process CPU time (GC included) per operation.
// The machine the target was set on is shared, and ns/op, which is wall time, grows with
// everyone else's load; CPU time shows what the code itself costs.
func reportCPUTime(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkValidate measures the rule checks alone, on an already decoded plan.
func BenchmarkValidate(b *testing.B) {
	p, vs := Parse(benchInput(b))
	require.NotNil(b, p, "%v", vs)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPUTime(b)()
		for b.Loop() {
			Validate(p)
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPUTime(b)()
		for b.Loop() {
			ValidateReference(p)
		}
	})
}
