package obs

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
	"google.golang.org/grpc"
	"google.golang.org/grpc/stats"
)

// TraceConfig turns OpenTelemetry tracing on. The names are the standard OTEL_* variables;
// the exporter and the SDK also read the others they define (OTEL_EXPORTER_OTLP_HEADERS,
// OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_*). Unlike the SDK's own default,
// tracing is off until an endpoint is given: no exporter, no span, no propagation cost.
type TraceConfig struct {
	Endpoint       string `env:"OTEL_EXPORTER_OTLP_ENDPOINT" usage:"OTLP collector endpoint, e.g. http://otel-collector:4317; tracing is off when this and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT are unset (all)"`
	TracesEndpoint string `env:"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" usage:"OTLP endpoint for traces only, overriding OTEL_EXPORTER_OTLP_ENDPOINT (all)"`
	Protocol       string `env:"OTEL_EXPORTER_OTLP_PROTOCOL" default:"grpc" usage:"OTLP transport: grpc or http/protobuf (all)"`
	Disabled       bool   `env:"OTEL_SDK_DISABLED" default:"false" usage:"true turns tracing off even with an endpoint set (all)"`
	ServiceName    string `env:"OTEL_SERVICE_NAME" usage:"service.name of the spans; fitcoach-<role> when unset (all)"`
}

// Enabled reports whether the config asks for traces to be exported.
func (c TraceConfig) Enabled() bool {
	return !c.Disabled && (c.Endpoint != "" || c.TracesEndpoint != "")
}

// Tracing is a process's OpenTelemetry tracing: one tracer provider and W3C trace-context
// propagation, handed to the gRPC servers and clients, the gateway and the HTTP clients that
// call the LLM and storage. A nil *Tracing, or one built from a config that is not Enabled,
// traces nothing and adds no handler anywhere.
type Tracing struct {
	provider   trace.TracerProvider
	propagator propagation.TextMapPropagator
	shutdown   func(context.Context) error
}

// NewTracing builds the tracing of a process whose role is role ("plan", "gateway", "dev").
// Shut it down last, after the servers drained, so their final spans are exported.
func NewTracing(ctx context.Context, cfg TraceConfig, role string) (*Tracing, error) {
	if !cfg.Enabled() {
		return &Tracing{provider: noop.NewTracerProvider()}, nil
	}
	var (
		exp sdktrace.SpanExporter
		err error
	)
	switch strings.ToLower(cfg.Protocol) {
	case "", "grpc":
		exp, err = otlptracegrpc.New(ctx)
	case "http/protobuf":
		exp, err = otlptracehttp.New(ctx)
	default:
		return nil, fmt.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL=%q: want grpc or http/protobuf", cfg.Protocol)
	}
	if err != nil {
		return nil, fmt.Errorf("tracing: OTLP exporter: %w", err)
	}
	name := cfg.ServiceName
	if name == "" {
		name = "fitcoach-" + role
	}
	// The attributes first, then the environment: OTEL_RESOURCE_ATTRIBUTES may add to them.
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", name), attribute.String("fitcoach.role", role)),
		resource.WithFromEnv(), resource.WithTelemetrySDK(), resource.WithHost())
	if err != nil {
		return nil, fmt.Errorf("tracing: resource: %w", err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return &Tracing{
		provider:   tp,
		propagator: propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}),
		shutdown:   tp.Shutdown,
	}, nil
}

// Enabled reports whether spans are recorded and exported.
func (t *Tracing) Enabled() bool { return t != nil && t.shutdown != nil }

// Provider is the tracer provider, a no-op one when tracing is off.
func (t *Tracing) Provider() trace.TracerProvider {
	if !t.Enabled() {
		return noop.NewTracerProvider()
	}
	return t.provider
}

// Shutdown exports the spans still buffered and stops the exporter.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if !t.Enabled() {
		return nil
	}
	return t.shutdown(ctx)
}

// grpcOptions are the otelgrpc options: this process's provider and propagator, and no
// metrics (the RED metrics are Prometheus's, see GRPCMetrics).
func (t *Tracing) grpcOptions() []otelgrpc.Option {
	return []otelgrpc.Option{
		otelgrpc.WithTracerProvider(t.provider),
		otelgrpc.WithPropagators(t.propagator),
		otelgrpc.WithMeterProvider(metricnoop.NewMeterProvider()),
		// Health checks and reflection are probes, not requests.
		otelgrpc.WithFilter(func(info *stats.RPCTagInfo) bool {
			return !strings.HasPrefix(info.FullMethodName, "/grpc.health.") && !strings.HasPrefix(info.FullMethodName, "/grpc.reflection.")
		}),
	}
}

// ServerOptions are the grpc.ServerOptions that continue a caller's trace in a server span.
func (t *Tracing) ServerOptions() []grpc.ServerOption {
	if !t.Enabled() {
		return nil
	}
	return []grpc.ServerOption{grpc.StatsHandler(otelgrpc.NewServerHandler(t.grpcOptions()...))}
}

// DialOptions are the grpc.DialOptions that start a client span and send its context along.
func (t *Tracing) DialOptions() []grpc.DialOption {
	if !t.Enabled() {
		return nil
	}
	return []grpc.DialOption{grpc.WithStatsHandler(otelgrpc.NewClientHandler(t.grpcOptions()...))}
}

// HTTPHandler wraps the HTTP front: a server span per request, the root of its trace. The
// front is public, so a client's traceparent is only linked, never continued: a client cannot
// choose trace ids or force sampling. Probes (health, readiness, metrics) are not traced.
func (t *Tracing) HTTPHandler(h http.Handler, operation string) http.Handler {
	if !t.Enabled() {
		return h
	}
	return otelhttp.NewHandler(h, operation,
		otelhttp.WithTracerProvider(t.provider),
		otelhttp.WithPropagators(t.propagator),
		otelhttp.WithMeterProvider(metricnoop.NewMeterProvider()),
		otelhttp.WithPublicEndpointFn(func(*http.Request) bool { return true }),
		otelhttp.WithFilter(func(r *http.Request) bool {
			p := r.URL.Path
			return !strings.HasPrefix(p, "/healthz") && p != "/readyz" && p != "/metrics"
		}),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method }),
	)
}

// Transport wraps an HTTP client's transport (nil: http.DefaultTransport) with a client span
// per request; the LLM and storage clients use it.
func (t *Tracing) Transport(rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	if !t.Enabled() {
		return rt
	}
	return otelhttp.NewTransport(rt,
		otelhttp.WithTracerProvider(t.provider),
		otelhttp.WithPropagators(t.propagator),
		otelhttp.WithMeterProvider(metricnoop.NewMeterProvider()),
	)
}

// TraceID is the id of the trace ctx belongs to, or "" when it is not traced.
func TraceID(ctx context.Context) string {
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		return sc.TraceID().String()
	}
	return ""
}

// SetHTTPRoute names the HTTP server span of ctx after its route pattern ("POST
// /v1/me/plans/{plan_id}/…:start"), which the HTTP handler wrapped outermost cannot know; span
// names stay few however many plan ids there are.
func SetHTTPRoute(ctx context.Context, method, route string) {
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	span.SetName(method + " " + route)
	span.SetAttributes(attribute.String("http.route", route))
}
