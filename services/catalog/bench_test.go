package catalog_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// loadExercises imports n exercises through the RPC, 1,000 a batch.
func loadExercises(b *testing.B, e *env, n int) {
	b.Helper()
	var batch []*catalogv1.Exercise
	for i := range n {
		x := ex(fmt.Sprintf("exercise-%05d", i), fmt.Sprintf("EX%05d", i), typesv1.FitnessLevel(1+i%3), []string{"chest", "triceps", "core"}[:1+i%3], nil)
		x.Description = &typesv1.LocalizedText{En: "Keep your back straight and move under control.", Ru: "Держите спину прямо."}
		x.Active = true
		batch = append(batch, x)
		if len(batch) == 1000 || i == n-1 {
			if _, err := e.admin.ImportExercises(b.Context(), &catalogv1.ImportExercisesRequest{Exercises: batch}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// BenchmarkListExercises pages through 5,000 exercises, 50 a page, through gRPC (the real
// server's interceptors, auth and validation included) on SQLite. Budget: 2 ms a call.
func BenchmarkListExercises(b *testing.B) {
	e := newEnv(b, envOptions{})
	loadExercises(b, e, 5000)
	var tokens []string
	token := ""
	for {
		resp, err := e.user.ListExercises(b.Context(), &catalogv1.ListExercisesRequest{PageToken: token})
		if err != nil {
			b.Fatal(err)
		}
		tokens = append(tokens, token)
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	if len(tokens) != 100 {
		b.Fatalf("%d pages, want 100", len(tokens))
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		resp, err := e.user.ListExercises(b.Context(), &catalogv1.ListExercisesRequest{PageToken: tokens[i%len(tokens)]})
		if err != nil {
			b.Fatal(err)
		}
		if len(resp.GetExercises()) != 50 {
			b.Fatalf("page of %d", len(resp.GetExercises()))
		}
		i++
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(time.Microsecond)/float64(b.N), "cpu-µs/op")
}

// BenchmarkListExercisesFiltered is a page of one muscle group, the filter in SQL (json_each).
func BenchmarkListExercisesFiltered(b *testing.B) {
	e := newEnv(b, envOptions{})
	loadExercises(b, e, 5000)
	b.ReportAllocs()
	cpu0 := processCPU()
	b.ResetTimer()
	for b.Loop() {
		resp, err := e.user.ListExercises(b.Context(), &catalogv1.ListExercisesRequest{Muscle: "core", Difficulty: typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED})
		if err != nil {
			b.Fatal(err)
		}
		if len(resp.GetExercises()) != 50 {
			b.Fatalf("page of %d", len(resp.GetExercises()))
		}
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(time.Microsecond)/float64(b.N), "cpu-µs/op")
}

// processCPU is the user+system CPU time this process has used. The machine is shared with
// other builds, so wall time swings with their load; the process's CPU time is steadier.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
