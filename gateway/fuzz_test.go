package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// fuzzRoutes is every REST route of proto/gateway.yaml plus the gateway's own
// /v1/plans:validate; {} marks a path parameter the fuzzer fills.
var fuzzRoutes = []struct{ method, path string }{
	{http.MethodGet, "/v1/exercises"},
	{http.MethodGet, "/v1/exercises/{}"},
	{http.MethodPost, "/v1/exercises"},
	{http.MethodPatch, "/v1/exercises/{}"},
	{http.MethodDelete, "/v1/exercises/{}"},
	{http.MethodPost, "/v1/exercises:import"},
	{http.MethodGet, "/v1/exercises:allowed"},
	{http.MethodGet, "/v1/exercises/{}/alternatives"},
	{http.MethodGet, "/v1/coverage"},
	{http.MethodPost, "/v1/exercises:invalidateCache"},
	{http.MethodGet, "/v1/clips"},
	{http.MethodPost, "/v1/clips"},
	{http.MethodGet, "/v1/clips/{}"},
	{http.MethodPatch, "/v1/clips/{}"},
	{http.MethodDelete, "/v1/clips/{}"},
	{http.MethodGet, "/v1/clips/{}/playback"},
	{http.MethodPost, "/v1/clips/{}:upload"},
	{http.MethodPost, "/v1/playlists:build"},
	{http.MethodGet, "/v1/clips:coverage"},
	{http.MethodPut, "/v1/me/profile"},
	{http.MethodGet, "/v1/me/profile"},
	{http.MethodPost, "/v1/me/plans"},
	{http.MethodGet, "/v1/me/plans"},
	{http.MethodGet, "/v1/me/plans/{}"},
	{http.MethodGet, "/v1/me/plans/{}/weeks/{}/days/{}"},
	{http.MethodPost, "/v1/me/plans/{}/weeks/{}/days/{}:start"},
	{http.MethodPost, "/v1/me/plans/{}/weeks/{}/days/{}:complete"},
	{http.MethodPost, "/v1/plans:validate"},
}

// echoService turns desc into a service whose every method validates and answers an empty
// response: the fuzzer is after the gateway's decoding and error rendering, and any real
// handler's own answers are covered by the services' tests and the end-to-end tests. The
// handlers are built from the proto registry so no RPC is left out.
func echoService(t testing.TB, desc *grpc.ServiceDesc) *grpc.ServiceDesc {
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(desc.ServiceName))
	require.NoError(t, err)
	sd := d.(protoreflect.ServiceDescriptor)
	out := &grpc.ServiceDesc{ServiceName: desc.ServiceName, HandlerType: desc.HandlerType, Metadata: desc.Metadata}
	for _, m := range desc.Methods {
		md := sd.Methods().ByName(protoreflect.Name(m.MethodName))
		in, err := protoregistry.GlobalTypes.FindMessageByName(md.Input().FullName())
		require.NoError(t, err)
		res, err := protoregistry.GlobalTypes.FindMessageByName(md.Output().FullName())
		require.NoError(t, err)
		full := "/" + desc.ServiceName + "/" + m.MethodName
		out.Methods = append(out.Methods, grpc.MethodDesc{
			MethodName: m.MethodName,
			Handler: func(srv any, ctx context.Context, dec func(any) error, icpt grpc.UnaryServerInterceptor) (any, error) {
				req := in.New().Interface()
				if err := dec(req); err != nil {
					return nil, err
				}
				h := func(context.Context, any) (any, error) { return res.New().Interface(), nil }
				if icpt == nil {
					return h(ctx, req)
				}
				return icpt(ctx, req, &grpc.UnaryServerInfo{Server: srv, FullMethod: full}, h)
			},
		})
	}
	return out
}

func FuzzRESTBodies(f *testing.F) {
	signer, err := auth.NewHS256([]byte(strings.Repeat("s", 32)))
	require.NoError(f, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(f, err)
	// A nil implementation: the echo handlers never call it.
	srv.Register(echoService(f, &catalogv1.CatalogService_ServiceDesc), nil)
	srv.Register(echoService(f, &videov1.VideoService_ServiceDesc), nil)
	srv.Register(echoService(f, &planv1.PlanService_ServiceDesc), nil)
	conn, err := srv.InProcess()
	require.NoError(f, err)
	f.Cleanup(func() { conn.Close(); srv.Shutdown() })
	g, err := New(context.Background(), Config{MaxBodyBytes: 4096, MediaDir: f.TempDir()},
		Backends{Catalog: conn, Video: conn, Plan: conn}, Deps{Logger: log})
	require.NoError(f, err)
	admin, err := signer.Mint("root", []string{auth.RoleAdmin}, time.Hour)
	require.NoError(f, err)

	seeds := map[int]string{
		2:  `{"slug":"plank","name":{"en":"Plank"},"muscleGroups":["core"],"difficulty":"FITNESS_LEVEL_BEGINNER"}`,
		3:  `{"name":{"ru":"Планка"},"active":false}`,
		5:  `{"exercises":[{"slug":"a"}],"atomic":true}`,
		11: `{"exerciseSlug":"plank","kind":"CLIP_KIND_TECHNIQUE","archetype":"ARCHETYPE_MENTOR","locale":"en","provider":"PROVIDER_LOCAL","localPath":"a.mp4"}`,
		17: `{"planId":"p","week":1,"day":2,"archetype":"ARCHETYPE_PEER","locale":"ru","exercises":[{"exerciseSlug":"squat","sets":3}]}`,
		19: `{"goal":"GOAL_STRENGTH","daysPerWeek":3,"archetype":"ARCHETYPE_MENTOR","locale":"en","age":200}`,
		21: `{"weeks":4}`,
		26: `{"completedExercises":["x"],"rpe":11}`,
		27: `{"weeks":[{"days":[]}]}`,
	}
	for i := range fuzzRoutes {
		body := seeds[i]
		if body == "" {
			body = "{}"
		}
		f.Add(uint8(i), "plank", body, "?pageSize=5")
		f.Add(uint8(i), "../%2e%00", `{"`+"\u0000"+`":[1e999,-0,"\ud800"]}`, "?pageToken=%ff&fieldMask=a,,b")
	}
	f.Add(uint8(2), "x", strings.Repeat(`[`, 5000), "")
	f.Add(uint8(25), "p", `{"unknown":1}`+"\n"+`{}`, "")
	f.Add(uint8(22), "", `null`, "?pageSize=-1&pageSize=9999999999999")

	f.Fuzz(func(t *testing.T, route uint8, param, body, query string) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		path := strings.ReplaceAll(r.path, "{}", url.PathEscape(param))
		// The query goes on the wire as fuzzed when it parses as one (a client could send it),
		// else escaped whole.
		if strings.ContainsAny(query, "# ") || (query != "" && query[0] != '?') {
			query = "?" + url.QueryEscape(query)
		}
		req, err := http.NewRequestWithContext(t.Context(), r.method, "http://127.0.0.1"+path+query, strings.NewReader(body))
		if err != nil {
			query = "?" + url.QueryEscape(query)
			req, err = http.NewRequestWithContext(t.Context(), r.method, "http://127.0.0.1"+path+query, strings.NewReader(body))
		}
		require.NoError(t, err)
		req.RequestURI = req.URL.RequestURI()
		req.Header.Set("Authorization", "Bearer "+admin)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		g.ServeHTTP(rec, req)

		require.Less(t, rec.Code, 500, "%s %s%s with %q: %d %s", r.method, path, query, body, rec.Code, rec.Body.String())
		if rec.Code >= 400 {
			ct, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
			require.Equal(t, "application/json", ct, "%d error body %q", rec.Code, rec.Body.String())
			var e map[string]any
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), "error body is JSON: %q", rec.Body.String())
			require.NotEmpty(t, e)
		}
		// A body that is not JSON is answered as a violation placing the syntax error, never
		// with the parser's text (decode.go), by every route whose body grpc-gateway decodes;
		// only the URL checks that run before decoding answer otherwise.
		var first json.RawMessage
		malformed := json.NewDecoder(strings.NewReader(body)).Decode(&first)
		decodesBody := r.method != http.MethodGet && r.method != http.MethodDelete && r.path != "/v1/plans:validate"
		if decodesBody && rec.Code == http.StatusBadRequest && malformed != nil && !errors.Is(malformed, io.EOF) {
			var e ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
			if !strings.Contains(e.Message, "must be UTF-8") && e.Message != "malformed request path" {
				require.Len(t, e.Violations, 1, "%s %s with %q: %s", r.method, path, body, rec.Body.String())
				require.Equal(t, "json.syntax", e.Violations[0].Rule, rec.Body.String())
			}
		}
	})
}
