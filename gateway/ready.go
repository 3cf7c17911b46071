package gateway

import (
	"context"
	"net/http"
	"sync"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// readyz answers 200 only when every backend's grpc.health.v1 reports SERVING.
func (g *Gateway) readyz(w http.ResponseWriter, r *http.Request) {
	checks := []struct {
		name    string
		service string
		conn    healthpb.HealthClient
	}{
		{"catalog", "fitcoach.catalog.v1.CatalogService", healthpb.NewHealthClient(g.backends.Catalog)},
		{"video", "fitcoach.video.v1.VideoService", healthpb.NewHealthClient(g.backends.Video)},
		{"plan", "fitcoach.plan.v1.PlanService", healthpb.NewHealthClient(g.backends.Plan)},
	}
	results := make(map[string]string, len(checks))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range checks {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(r.Context(), g.cfg.ReadyTimeout)
			defer cancel()
			state := "SERVING"
			resp, err := c.conn.Check(ctx, &healthpb.HealthCheckRequest{Service: c.service})
			switch {
			case err != nil:
				state = "UNREACHABLE"
			case resp.GetStatus() != healthpb.HealthCheckResponse_SERVING:
				state = resp.GetStatus().String()
			}
			mu.Lock()
			results[c.name] = state
			mu.Unlock()
		})
	}
	wg.Wait()
	code := http.StatusOK
	for _, s := range results {
		if s != "SERVING" {
			code = http.StatusServiceUnavailable
		}
	}
	status := "ready"
	if code != http.StatusOK {
		status = "not ready"
	}
	writeJSON(w, code, map[string]any{"status": status, "services": results})
}
