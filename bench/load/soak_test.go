package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const exposition = `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 42
go_memstats_heap_inuse_bytes 1.2582912e+07
grpc_server_handled_total{grpc_code="OK",grpc_method="Check",grpc_service="grpc.health.v1.Health"} 3
process_resident_memory_bytes 5.24288e+07
`

func TestParseGauges(t *testing.T) {
	got, err := parseGauges(strings.NewReader(exposition))
	require.NoError(t, err)
	require.Equal(t, []float64{42, 12 << 20, 50 << 20}, got)

	_, err = parseGauges(strings.NewReader("go_goroutines 42\n"))
	require.ErrorContains(t, err, "no go_memstats_heap_inuse_bytes")
}

func TestParseProcesses(t *testing.T) {
	got, err := parseProcesses("", "http://127.0.0.1:8080/")
	require.NoError(t, err)
	require.Equal(t, []process{{"gateway", "http://127.0.0.1:8080/metrics"}}, got)

	got, err = parseProcesses("gateway=http://127.0.0.1:8080/metrics, plan=http://[::1]:9100/metrics", "")
	require.NoError(t, err)
	require.Equal(t, []process{{"gateway", "http://127.0.0.1:8080/metrics"}, {"plan", "http://[::1]:9100/metrics"}}, got)

	_, err = parseProcesses("plan=http://10.0.0.1:9100/metrics", "")
	require.ErrorContains(t, err, "not a loopback address")
	_, err = parseProcesses("http://127.0.0.1:9100/metrics", "")
	require.ErrorContains(t, err, "not name=URL")
}

// series samples one process every 10 s for minutes, with goroutines, heap and RSS (MiB) given
// by f of the elapsed time.
func series(proc string, minutes int, f func(at time.Duration) (g, heap, rss float64)) []sample {
	var out []sample
	for at := time.Duration(0); at <= time.Duration(minutes)*time.Minute; at += 10 * time.Second {
		g, heap, rss := f(at)
		out = append(out, sample{at, proc, []float64{g, heap * (1 << 20), rss * (1 << 20)}})
	}
	return out
}

func TestJudge(t *testing.T) {
	steady := func(time.Duration) (float64, float64, float64) { return 100, 40, 120 }
	tests := []struct {
		name    string
		samples []sample
		growing []string // gauge labels expected not flat
	}{
		{"steady after a warm-up", series("p", 10, func(at time.Duration) (float64, float64, float64) {
			if at < time.Minute {
				return 30, 10, 50 // the warm-up minute is not the baseline
			}
			return steady(at)
		}), nil},
		{"small wiggle within the absolute allowance", series("p", 10, func(at time.Duration) (float64, float64, float64) {
			if at > 9*time.Minute {
				return 15, 6, 30 // +5 goroutines, +3 MiB heap, +6 MiB RSS over 10, 3 and 24
			}
			return 10, 3, 24
		}), nil},
		{"goroutine leak", series("p", 10, func(at time.Duration) (float64, float64, float64) {
			return 100 + at.Seconds()/10, 40, 120 // one more every sample: +48 by the last minute
		}), []string{"goroutines"}},
		{"heap and RSS growth", series("p", 10, func(at time.Duration) (float64, float64, float64) {
			return 100, 40 + at.Minutes()*3, 120 + at.Minutes()*6
		}), []string{"heap MiB", "RSS MiB"}},
		{"no baseline minute", series("p", 10, steady)[12:], []string{"goroutines", "heap MiB", "RSS MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := judge(tt.samples, []process{{name: "p"}})
			require.Len(t, rows, len(gauges))
			var growing []string
			for _, r := range rows {
				if !r.flat {
					growing = append(growing, r.gauge.label)
				}
			}
			require.Equal(t, tt.growing, growing)
		})
	}

	t.Run("averages", func(t *testing.T) {
		rows := judge(series("p", 5, func(at time.Duration) (float64, float64, float64) {
			return float64(int(at.Minutes())), 0, 0
		}), []process{{name: "p"}})
		g := rows[0]
		require.Equal(t, 0.0, g.first)
		require.Equal(t, 1.0, g.second)
		// The last minute is (4m, 5m]: five samples of minute 4 and the one at 5m.
		require.InDelta(t, (5*4+5)/6.0, g.last, 1e-9)
		require.False(t, math.IsNaN(g.last))
	})
}

// TestSampleLoop scrapes two real HTTP servers until stopped: one process whose goroutines
// rise on each scrape, one that fails every other scrape.
func TestSampleLoop(t *testing.T) {
	var n atomic.Int64
	rising := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "go_goroutines %d\ngo_memstats_heap_inuse_bytes 1048576\nprocess_resident_memory_bytes 2097152\n", 10+n.Add(1))
	}))
	defer rising.Close()
	var m atomic.Int64
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if m.Add(1)%2 == 0 {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, exposition)
	}))
	defer flaky.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 250*time.Millisecond)
	defer cancel()
	var out bytes.Buffer
	procs := []process{{"rising", rising.URL}, {"flaky", flaky.URL}}
	samples, err := sampleLoop(ctx, http.DefaultClient, procs, 20*time.Millisecond, time.Now(), &out)
	require.ErrorContains(t, err, "scrape flaky")
	require.ErrorContains(t, err, "503")

	var rising1 []float64
	for _, s := range samples {
		if s.proc == "rising" {
			rising1 = append(rising1, s.values[0])
		}
	}
	require.GreaterOrEqual(t, len(rising1), 5, "a sample every 20 ms for 250 ms")
	require.Equal(t, 11.0, rising1[0], "the first sample is taken at once")
	for i := 1; i < len(rising1); i++ {
		require.Equal(t, rising1[i-1]+1, rising1[i])
	}

	rows, err := csv.NewReader(&out).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"elapsed_s", "process", "go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes"}, rows[0])
	require.Len(t, rows, 1+len(samples), "one row per sample")
	require.Equal(t, []string{"rising", "11", "1048576", "2097152"}, rows[1][1:])
}
