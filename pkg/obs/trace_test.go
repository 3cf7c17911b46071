package obs

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/trace"
)

func TestTracingOffAddsNothing(t *testing.T) {
	for name, cfg := range map[string]TraceConfig{
		"no endpoint":           {Protocol: "grpc"},
		"disabled with one set": {Endpoint: "http://127.0.0.1:4317", Disabled: true},
	} {
		t.Run(name, func(t *testing.T) {
			tr, err := NewTracing(t.Context(), cfg, "plan")
			require.NoError(t, err)
			require.False(t, tr.Enabled())
			require.Nil(t, tr.ServerOptions())
			require.Nil(t, tr.DialOptions())
			h := http.NewServeMux()
			require.Same(t, h, tr.HTTPHandler(h, "gateway"), "no wrapper")
			rt := &http.Transport{}
			require.Same(t, rt, tr.Transport(rt).(*http.Transport))
			_, span := tr.Provider().Tracer("x").Start(t.Context(), "s")
			require.False(t, span.IsRecording())
			require.NoError(t, tr.Shutdown(t.Context()))
		})
	}
	var none *Tracing // what a Config without Tracing holds
	require.False(t, none.Enabled())
	require.Nil(t, none.ServerOptions())
}

func TestTracingOn(t *testing.T) {
	// The exporter connects lazily: nothing listens on this port and nothing needs to, as no
	// span is ended here.
	tr, err := NewTracing(t.Context(), TraceConfig{Endpoint: "http://127.0.0.1:1", Protocol: "grpc"}, "plan")
	require.NoError(t, err)
	t.Cleanup(func() { _ = tr.Shutdown(t.Context()) })
	require.True(t, tr.Enabled())
	require.Len(t, tr.ServerOptions(), 1)
	require.Len(t, tr.DialOptions(), 1)
	h := http.NewServeMux()
	_, unwrapped := tr.HTTPHandler(h, "gateway").(*http.ServeMux)
	require.False(t, unwrapped, "the handler is wrapped")

	_, err = NewTracing(t.Context(), TraceConfig{Endpoint: "http://127.0.0.1:1", Protocol: "thrift"}, "plan")
	require.ErrorContains(t, err, "OTEL_EXPORTER_OTLP_PROTOCOL")
}

func TestLogsCarryTraceID(t *testing.T) {
	var buf bytes.Buffer
	log := NewLogger(&buf, "info")
	tid, err := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	require.NoError(t, err)
	sid, err := trace.SpanIDFromHex("00f067aa0ba902b7")
	require.NoError(t, err)
	ctx := trace.ContextWithSpanContext(WithRequestID(t.Context(), "req-1"),
		trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}))
	require.Equal(t, tid.String(), TraceID(ctx))
	log.InfoContext(ctx, "hello")
	log.Info("untraced")

	dec := json.NewDecoder(&buf)
	var traced, untraced map[string]any
	require.NoError(t, dec.Decode(&traced))
	require.NoError(t, dec.Decode(&untraced))
	require.Equal(t, "4bf92f3577b34da6a3ce929d0e0e4736", traced["trace_id"])
	require.Equal(t, "00f067aa0ba902b7", traced["span_id"])
	require.Equal(t, "req-1", traced["request_id"])
	require.NotContains(t, untraced, "trace_id")
	require.Empty(t, TraceID(t.Context()))
}
