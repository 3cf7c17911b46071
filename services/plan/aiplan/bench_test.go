package aiplan

import (
	"os"
	"testing"

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
	for b.Loop() {
		CheckReference(raw)
	}
}
