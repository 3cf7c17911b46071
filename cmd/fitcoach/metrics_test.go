package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestServeMetricsAddr: a service, which has no HTTP port, serves its Prometheus registry on
// FITCOACH_METRICS_ADDR, so each process of a deployment can be scraped (and soak-tested).
func TestServeMetricsAddr(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	metricsAddr, grpcAddr := freeAddr(t), freeAddr(t)
	p := start(t, []string{
		"FITCOACH_DATA_DIR=" + dataDir,
		"DATABASE_URL=sqlite://" + filepath.Join(dataDir, "catalog.db"),
		"REDIS_URL=", "LOG_LEVEL=warn",
		"VIDEO_ADDR=" + freeAddr(t), // dialled lazily, never called without starter data
		"FITCOACH_METRICS_ADDR=" + metricsAddr,
	}, "serve", "catalog", "--grpc-addr", grpcAddr)
	require.Eventually(t, func() bool {
		return exec.Command(fitcoachBinary(t), "healthcheck", "grpc", grpcAddr).Run() == nil
	}, 60*time.Second, 100*time.Millisecond, "catalog never answered grpc health; output:\n%s", p.Out)

	var body string
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		body = string(b)
		return err == nil && resp.StatusCode == http.StatusOK
	}, 10*time.Second, 100*time.Millisecond, "no /metrics on %s; output:\n%s", metricsAddr, p.Out)

	goroutines, ok := sample(body, "go_goroutines")
	require.True(t, ok, "go_goroutines missing from:\n%s", body)
	require.Positive(t, goroutines)
	rss, ok := sample(body, "process_resident_memory_bytes")
	require.True(t, ok, "process_resident_memory_bytes missing")
	require.Greater(t, rss, 1e6)
	require.Contains(t, body, `grpc_server_handled_total{grpc_code="OK",grpc_method="Check",grpc_service="grpc.health.v1.Health"}`,
		"the health check just made is counted: the service's own registry is served")

	resp, err := http.Get("http://" + metricsAddr + "/debug/pprof/")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "the metrics listener serves metrics only")
}

// sample is the value of an unlabelled metric in a Prometheus text exposition.
func sample(body, name string) (float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}
