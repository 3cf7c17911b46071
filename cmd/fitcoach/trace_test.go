package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	collectortracev1 "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracev1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/grpc"

	"github.com/fitcoach/fitcoach/cmd/fitcoach/e2etest"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// otlpReceiver is an OTLP/gRPC trace collector on loopback: the processes under test export
// their spans to it as they would to Jaeger or the OpenTelemetry collector.
type otlpReceiver struct {
	collectortracev1.UnimplementedTraceServiceServer
	addr string

	mu    sync.Mutex
	spans []span
}

// span is one received span with the service that sent it.
type span struct {
	service  string
	name     string
	kind     tracev1.Span_SpanKind
	traceID  string
	spanID   string
	parentID string
}

func startOTLPReceiver(t *testing.T) *otlpReceiver {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r := &otlpReceiver{addr: lis.Addr().String()}
	srv := grpc.NewServer()
	collectortracev1.RegisterTraceServiceServer(srv, r)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return r
}

func (r *otlpReceiver) Export(_ context.Context, req *collectortracev1.ExportTraceServiceRequest) (*collectortracev1.ExportTraceServiceResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rs := range req.GetResourceSpans() {
		service := ""
		for _, kv := range rs.GetResource().GetAttributes() {
			if kv.GetKey() == "service.name" {
				service = kv.GetValue().GetStringValue()
			}
		}
		for _, ss := range rs.GetScopeSpans() {
			for _, s := range ss.GetSpans() {
				r.spans = append(r.spans, span{
					service: service, name: s.GetName(), kind: s.GetKind(),
					traceID: hex.EncodeToString(s.GetTraceId()), spanID: hex.EncodeToString(s.GetSpanId()),
					parentID: hex.EncodeToString(s.GetParentSpanId()),
				})
			}
		}
	}
	return &collectortracev1.ExportTraceServiceResponse{}, nil
}

// trace is every span received so far of the trace id.
func (r *otlpReceiver) trace(id string) []span {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []span
	for _, s := range r.spans {
		if s.traceID == id {
			out = append(out, s)
		}
	}
	return out
}

// find is the first span of service named name, or nil.
func find(spans []span, service, name string) *span {
	for i := range spans {
		if spans[i].service == service && spans[i].name == name {
			return &spans[i]
		}
	}
	return nil
}

var traceIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// TestStartWorkoutIsOneTrace runs the four production processes with tracing on and checks
// that one Start workout is one trace: the gateway's server span is its only root, the plan
// service's span is its child over the network, and the video service's playlist span is the
// plan service's child; the request id the person sees is the trace id, also in error bodies
// and in the services' logs.
func TestStartWorkoutIsOneTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	rec := startOTLPReceiver(t)
	dataDir := t.TempDir()
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	httpAddr := freeAddr(t)
	common := []string{
		"FITCOACH_DATA_DIR=" + dataDir,
		"CATALOG_ADDR=" + addrs["catalog"], "VIDEO_ADDR=" + addrs["video"], "PLAN_ADDR=" + addrs["plan"],
		"MEDIA_DIR=" + filepath.Join(dataDir, "media"),
		"MEDIA_BASE_URL=http://" + httpAddr + "/media",
		"OPENAI_API_KEY=", "REDIS_URL=",
		"FITCOACH_LOAD_STARTER=true",
		"LOG_LEVEL=debug",
		// Tracing on, every span sampled, exported within a tenth of a second.
		"OTEL_EXPORTER_OTLP_ENDPOINT=http://" + rec.addr,
		"OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
		"OTEL_TRACES_SAMPLER=always_on",
		"OTEL_BSP_SCHEDULE_DELAY=100",
		"OTEL_SERVICE_NAME=",
	}
	procs := map[string]*e2etest.Proc{}
	for _, svc := range []string{"catalog", "video", "plan"} {
		dsn := dbtest.SQLite(t)
		out, err := exec.Command(fitcoachBinary(t), "migrate", svc, "up", "--database-url", dsn).CombinedOutput()
		require.NoError(t, err, string(out))
		procs[svc] = start(t, append(append([]string{}, common...), "DATABASE_URL="+dsn), "serve", svc, "--grpc-addr", addrs[svc])
	}
	gw := start(t, common, "serve", "gateway", "--http-addr", httpAddr)
	base := "http://" + httpAddr
	waitReady(t, base, gw)

	alice := api{T: t, Base: base, Token: mintToken(t, dataDir, "alice", false)}
	alice.OK("PUT", "/v1/me/profile", map[string]any{
		"goal": "Build strength and lose a little fat", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
		"equipment": []string{"dumbbell"}, "daysPerWeek": 3, "durationWeeks": 4, "sessionMinutes": 45,
		"archetype": "ARCHETYPE_MENTOR", "locale": "en",
	})
	// The video service loads its starter clips as it starts: plans need them.
	require.Eventually(t, func() bool {
		r := alice.Call("GET", "/v1/exercises:allowed", nil)
		return r.Status == 200
	}, 30*time.Second, 100*time.Millisecond, "the allowed exercises are served")
	plan := obj(alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "traced"})["plan"])
	day := 0
	for _, d := range list(obj(list(plan, "weeks")[0]), "days") {
		if dd := obj(d); dd["isRestDay"] != true {
			day = int(dd["dayNumber"].(float64))
			break
		}
	}
	require.NotZero(t, day)

	started := alice.Call("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", plan["id"], day), map[string]any{})
	require.Equal(t, http.StatusOK, started.Status, string(started.Raw))
	require.NotEmpty(t, list(obj(started.Body["playlist"]), "items"))
	traceID := started.Header.Get("X-Request-Id")
	require.Regexp(t, traceIDPattern, traceID, "a traced request's id is its trace id")

	const (
		gatewayStart = "POST /v1/me/plans/{plan_id=*}/weeks/{week=*}/days/{day=*}:start"
		planStart    = "fitcoach.plan.v1.PlanService/StartWorkout"
		buildPlay    = "fitcoach.video.v1.VideoService/BuildPlaylist"
	)
	var spans []span
	require.Eventually(t, func() bool {
		spans = rec.trace(traceID)
		return find(spans, "fitcoach-gateway", gatewayStart) != nil &&
			find(spans, "fitcoach-plan", planStart) != nil && find(spans, "fitcoach-video", buildPlay) != nil
	}, 20*time.Second, 100*time.Millisecond, "the spans of the gateway, plan and video reach the collector")

	t.Run("one trace, one root, every parent present", func(t *testing.T) {
		ids := map[string]bool{}
		for _, s := range spans {
			ids[s.spanID] = true
		}
		var roots []span
		for _, s := range spans {
			if s.parentID == "" || s.parentID == "0000000000000000" {
				roots = append(roots, s)
				continue
			}
			require.True(t, ids[s.parentID], "span %s/%s has a parent outside the trace", s.service, s.name)
		}
		require.Len(t, roots, 1, "%v", roots)
		require.Equal(t, "fitcoach-gateway", roots[0].service)
		require.Equal(t, gatewayStart, roots[0].name)
		require.Equal(t, tracev1.Span_SPAN_KIND_SERVER, roots[0].kind)
	})

	t.Run("gateway → plan → video, each hop a client span and a server span", func(t *testing.T) {
		byID := map[string]span{}
		for _, s := range spans {
			byID[s.spanID] = s
		}
		// hop checks that child's parent is a client span of service from, under parent.
		hop := func(child *span, from string, parent *span) {
			t.Helper()
			require.Equal(t, tracev1.Span_SPAN_KIND_SERVER, child.kind)
			client, ok := byID[child.parentID]
			require.True(t, ok)
			require.Equal(t, from, client.service)
			require.Equal(t, tracev1.Span_SPAN_KIND_CLIENT, client.kind)
			require.Equal(t, child.name, client.name, "the client span names the RPC it called")
			// The client span hangs under the caller's server span (directly or through
			// spans of its own work).
			for p := client; ; {
				if p.spanID == parent.spanID {
					return
				}
				next, ok := byID[p.parentID]
				require.True(t, ok, "%s/%s is not under %s/%s", child.service, child.name, parent.service, parent.name)
				p = next
			}
		}
		gwSpan := find(spans, "fitcoach-gateway", gatewayStart)
		planSpan := find(spans, "fitcoach-plan", planStart)
		videoSpan := find(spans, "fitcoach-video", buildPlay)
		hop(planSpan, "fitcoach-gateway", gwSpan)
		hop(videoSpan, "fitcoach-plan", planSpan)
	})

	t.Run("the trace id is in the services' logs", func(t *testing.T) {
		for _, svc := range []string{"plan", "video"} {
			require.Eventually(t, func() bool {
				return strings.Contains(procs[svc].Out.String(), `"trace_id":"`+traceID+`"`)
			}, 5*time.Second, 50*time.Millisecond, "%s logged no line with the trace id", svc)
		}
	})

	t.Run("an error body's requestId is its trace id", func(t *testing.T) {
		missing := alice.Call("GET", "/v1/me/plans/no-such-plan", nil)
		require.Equal(t, http.StatusNotFound, missing.Status, string(missing.Raw))
		id, _ := missing.Body["requestId"].(string)
		require.Regexp(t, traceIDPattern, id)
		require.Equal(t, missing.Header.Get("X-Request-Id"), id)
		require.Eventually(t, func() bool {
			got := rec.trace(id)
			return find(got, "fitcoach-gateway", "GET /v1/me/plans/{plan_id=*}") != nil && find(got, "fitcoach-plan", "fitcoach.plan.v1.PlanService/GetPlan") != nil
		}, 20*time.Second, 100*time.Millisecond, "the failed request's trace reaches the collector")
	})

	t.Run("a client's own request id is kept", func(t *testing.T) {
		req, err := http.NewRequestWithContext(t.Context(), "GET", base+"/v1/me/plans", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+alice.Token)
		req.Header.Set("X-Request-Id", "client-chosen-id")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "client-chosen-id", resp.Header.Get("X-Request-Id"))
	})

	t.Run("a client's traceparent is linked, not continued", func(t *testing.T) {
		const clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
		req, err := http.NewRequestWithContext(t.Context(), "GET", base+"/v1/me/plans", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+alice.Token)
		req.Header.Set("Traceparent", "00-"+clientTrace+"-00f067aa0ba902b7-01")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		id := resp.Header.Get("X-Request-Id")
		require.Regexp(t, traceIDPattern, id)
		require.NotEqual(t, clientTrace, id, "the public front starts its own trace")
	})
}
