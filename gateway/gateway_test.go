package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// These stubs stand in for the services so the gateway's own behaviour (routing, error
// rendering, limits, CORS, readiness) is tested alone; cmd/fitcoach's end-to-end tests run the
// gateway over the real services.
type catalogStub struct {
	catalogv1.UnimplementedCatalogServiceServer
}

func (catalogStub) GetExercise(ctx context.Context, req *catalogv1.GetExerciseRequest) (*catalogv1.GetExerciseResponse, error) {
	switch req.GetSlug() {
	case "missing":
		return nil, fmt.Errorf("exercise %q: %w", req.GetSlug(), grpcerr.ErrNotFound)
	case "busy":
		return nil, status.Error(codes.ResourceExhausted, "slow down")
	case "quota":
		st, err := status.New(codes.ResourceExhausted, "too many plans").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(1500 * time.Millisecond)})
		if err != nil {
			return nil, err
		}
		return nil, st.Err()
	case "conflict":
		return nil, fmt.Errorf("slug taken: %w", grpcerr.ErrAlreadyExists)
	case "broken":
		return nil, fmt.Errorf("db password=hunter2 refused")
	}
	p, _ := auth.FromContext(ctx)
	return &catalogv1.GetExerciseResponse{Exercise: &catalogv1.Exercise{Slug: req.GetSlug(), Code: p.Subject}}, nil
}

func (catalogStub) CreateExercise(ctx context.Context, req *catalogv1.CreateExerciseRequest) (*catalogv1.CreateExerciseResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	return &catalogv1.CreateExerciseResponse{Exercise: req.GetExercise()}, nil
}

type planStub struct {
	planv1.UnimplementedPlanServiceServer
}

func (planStub) ValidatePlan(_ context.Context, req *planv1.ValidatePlanRequest) (*planv1.ValidatePlanResponse, error) {
	// Echoes the text it received as the message, so the test sees what the gateway passed on.
	return &planv1.ValidatePlanResponse{Valid: false, Violations: []*planv1.Violation{{Field: "", Rule: "echo", Message: req.GetPlanJson()}}}, nil
}

type videoStub struct {
	videov1.UnimplementedVideoServiceServer
}

// UpdateClip echoes the update_mask paths it received as the clip's title.
func (videoStub) UpdateClip(_ context.Context, req *videov1.UpdateClipRequest) (*videov1.UpdateClipResponse, error) {
	paths := strings.Join(req.GetUpdateMask().GetPaths(), ",")
	return &videov1.UpdateClipResponse{Clip: &videov1.Clip{Id: req.GetClip().GetId(), Title: &typesv1.LocalizedText{En: paths}}}, nil
}

type fixture struct {
	url    string
	person string
	admin  string
	srv    *server.Server
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	signer, err := auth.NewHS256([]byte(strings.Repeat("s", 32)))
	require.NoError(t, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	srv.Register(&catalogv1.CatalogService_ServiceDesc, catalogStub{})
	srv.Register(&videov1.VideoService_ServiceDesc, videoStub{})
	srv.Register(&planv1.PlanService_ServiceDesc, planStub{})
	conn, err := srv.InProcess()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(); srv.Shutdown() })

	media := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(media, "clip.mp4"), []byte("0123456789"), 0o644))
	g, err := New(t.Context(), Config{AllowedOrigins: []string{"https://app.example"}, MaxBodyBytes: 1024, MediaDir: media},
		Backends{Catalog: conn, Video: conn, Plan: conn}, Deps{Logger: log})
	require.NoError(t, err)
	hs := httptest.NewServer(g)
	t.Cleanup(hs.Close)
	person, err := signer.Mint("alice", nil, time.Hour)
	require.NoError(t, err)
	admin, err := signer.Mint("root", []string{auth.RoleAdmin}, time.Hour)
	require.NoError(t, err)
	return fixture{url: hs.URL, person: person, admin: admin, srv: srv}
}

func (f fixture) do(t *testing.T, method, path, token, body string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.url+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

func TestRoutesAndErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, method, path, token, body string
		code                            int
		grpcCode                        string
		contains                        string
	}{
		{"ok", "GET", "/v1/exercises/push-ups", f.person, "", 200, "", `"slug":"push-ups"`},
		{"no token", "GET", "/v1/exercises/push-ups", "", "", 401, "UNAUTHENTICATED", ""},
		{"bad token", "GET", "/v1/exercises/push-ups", "x.y.z", "", 401, "UNAUTHENTICATED", ""},
		{"not found", "GET", "/v1/exercises/missing", f.person, "", 404, "NOT_FOUND", `exercise \"missing\": not found`},
		{"conflict", "GET", "/v1/exercises/conflict", f.person, "", 409, "ALREADY_EXISTS", ""},
		{"rate limited", "GET", "/v1/exercises/busy", f.person, "", 429, "RESOURCE_EXHAUSTED", ""},
		{"internal hides cause", "GET", "/v1/exercises/broken", f.person, "", 500, "INTERNAL", "internal error"},
		{"admin route as person", "POST", "/v1/exercises", f.person, `{"slug":"x","name":{"en":"X"},"muscleGroups":["chest"],"difficulty":"FITNESS_LEVEL_BEGINNER"}`, 403, "PERMISSION_DENIED", ""},
		{"admin route as admin", "POST", "/v1/exercises", f.admin, `{"slug":"x","name":{"en":"X"},"muscleGroups":["chest"],"difficulty":"FITNESS_LEVEL_BEGINNER"}`, 200, "", `"slug":"x"`},
		{"violations", "POST", "/v1/exercises", f.admin, `{"slug":"Bad Slug","name":{"en":"X"},"muscleGroups":["chest"],"difficulty":"FITNESS_LEVEL_BEGINNER"}`, 400, "INVALID_ARGUMENT", `"field":"exercise.slug"`},
		{"unknown field", "POST", "/v1/exercises", f.admin, `{"slugg":"x"}`, 400, "INVALID_ARGUMENT", ""},
		{"malformed json", "POST", "/v1/exercises", f.admin, `{`, 400, "INVALID_ARGUMENT", ""},
		{"no route", "GET", "/v1/nothing", f.person, "", 404, "NOT_FOUND", ""},
		{"unimplemented backend", "GET", "/v1/clips/abc", f.person, "", 501, "UNIMPLEMENTED", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, tt.method, tt.path, tt.token, tt.body)
			require.Equal(t, tt.code, resp.StatusCode, string(body))
			require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			require.NotEmpty(t, resp.Header.Get("X-Request-Id"))
			if tt.grpcCode != "" {
				var e ErrorBody
				require.NoError(t, json.Unmarshal(body, &e), string(body))
				require.Equal(t, tt.grpcCode, e.Code)
				require.Equal(t, resp.Header.Get("X-Request-Id"), e.RequestID)
			}
			require.Contains(t, string(body), tt.contains)
			require.NotContains(t, string(body), "hunter2")
		})
	}
}

// TestFieldMaskJSONNames: REST clients name mask paths as JSON fields; the service gets proto
// names, in any spelling of the parameter.
func TestFieldMaskJSONNames(t *testing.T) {
	f := newFixture(t)
	for query, want := range map[string]string{
		"updateMask=provider,r2Key,title.en": "provider,r2_key,title.en",
		"update_mask=durationSeconds":        "duration_seconds",
		"updateMask=exercise_slug,active":    "exercise_slug,active",
		"updateMask=localPath":               "local_path",
	} {
		resp, body := f.do(t, "PATCH", "/v1/clips/c1?"+query, f.admin, `{"provider":"PROVIDER_R2"}`)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		var got struct {
			Clip struct {
				ID    string            `json:"id"`
				Title map[string]string `json:"title"`
			} `json:"clip"`
		}
		require.NoError(t, json.Unmarshal(body, &got), string(body))
		require.Equal(t, "c1", got.Clip.ID)
		require.Equal(t, want, got.Clip.Title["en"], query)
	}
}

func TestBodyLimit(t *testing.T) {
	f := newFixture(t)
	big := `{"slug":"` + strings.Repeat("a", 2000) + `"}`
	resp, body := f.do(t, "POST", "/v1/exercises", f.admin, big)
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, string(body))

	// A chunked body has no Content-Length: the limit must hold while reading too.
	req, err := http.NewRequestWithContext(t.Context(), "POST", f.url+"/v1/exercises", io.MultiReader(strings.NewReader(big)))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+f.admin)
	req.ContentLength = -1
	r2, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	r2.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, r2.StatusCode)
}

func TestValidatePlanPassesTheRawBody(t *testing.T) {
	f := newFixture(t)
	for name, body := range map[string]string{
		"raw object":  `{"plan_name":"x"}`,
		"json string": `"{\"plan_name\":\"x\"}"`,
		"wrapped":     `{"planJson":"{\"plan_name\":\"x\"}"}`,
	} {
		t.Run(name, func(t *testing.T) {
			resp, b := f.do(t, "POST", "/v1/plans:validate", f.person, body)
			require.Equal(t, 200, resp.StatusCode, string(b))
			var out struct {
				Valid      bool `json:"valid"`
				Violations []struct {
					Message string `json:"message"`
				} `json:"violations"`
			}
			require.NoError(t, json.Unmarshal(b, &out))
			require.False(t, out.Valid)
			require.Equal(t, `{"plan_name":"x"}`, out.Violations[0].Message)
		})
	}
	resp, _ := f.do(t, "POST", "/v1/plans:validate", "", `{}`)
	require.Equal(t, 401, resp.StatusCode)
}

func TestHealthReadyMetricsOpenAPI(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/healthz", "/healthz/", "/readyz", "/openapi.json"} {
		resp, body := f.do(t, "GET", p, "", "")
		require.Equal(t, 200, resp.StatusCode, p+": "+string(body))
	}
	_, body := f.do(t, "GET", "/openapi.json", "", "")
	require.Contains(t, string(body), "/v1/me/plans/{planId}/weeks/{week}/days/{day}:start")

	f.srv.SetServing(false)
	resp, body := f.do(t, "GET", "/readyz", "", "")
	require.Equal(t, 503, resp.StatusCode)
	require.Contains(t, string(body), "NOT_SERVING")
	resp, _ = f.do(t, "GET", "/healthz", "", "")
	require.Equal(t, 200, resp.StatusCode, "liveness does not depend on backends")
}

// TestRetryAfter: RESOURCE_EXHAUSTED with a RetryInfo (the plan quota's refusal) is a 429 with
// Retry-After in whole seconds, rounded up; without one there is no header to invent.
func TestRetryAfter(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do(t, "GET", "/v1/exercises/quota", f.person, "")
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode, string(body))
	require.Equal(t, "2", resp.Header.Get("Retry-After"))
	require.Contains(t, string(body), `"code":"RESOURCE_EXHAUSTED"`)
	resp, _ = f.do(t, "GET", "/v1/exercises/busy", f.person, "")
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	require.Empty(t, resp.Header.Get("Retry-After"))
}

func TestMedia(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do(t, "GET", "/media/clip.mp4", "", "", "Range", "bytes=2-4")
	require.Equal(t, http.StatusPartialContent, resp.StatusCode)
	require.Equal(t, "234", string(body))
	for _, p := range []string{"/media/", "/media/missing.mp4", "/media/../gateway.go"} {
		resp, _ := f.do(t, "GET", p, "", "")
		require.Equal(t, 404, resp.StatusCode, p)
	}
}

// TestMediaStaysInsideTheDirectory: a symlink out of MEDIA_DIR (the audit's link to
// ../jwt.secret) and files that are not media are not served; media is, with a fixed type and
// nosniff.
func TestMediaStaysInsideTheDirectory(t *testing.T) {
	base := t.TempDir()
	media := filepath.Join(base, "media")
	require.NoError(t, os.MkdirAll(filepath.Join(media, "starter"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(base, "jwt.secret"), []byte("top secret"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(base, "outside.mp4"), []byte("outside"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(media, "starter", "clip.mp4"), []byte("video"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(media, "subs.vtt"), []byte("WEBVTT"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(media, "page.html"), []byte("<script>alert(1)</script>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(media, "notes.txt"), []byte("text"), 0o644))
	require.NoError(t, os.Symlink("../jwt.secret", filepath.Join(media, "secret.mp4")))
	require.NoError(t, os.Symlink(filepath.Join(base, "outside.mp4"), filepath.Join(media, "abs.mp4")))
	require.NoError(t, os.Symlink("..", filepath.Join(media, "up")))
	require.NoError(t, os.Symlink("starter/clip.mp4", filepath.Join(media, "inside.mp4")))

	hs := httptest.NewServer(http.StripPrefix("/media/", mediaHandler(media)))
	defer hs.Close()
	get := func(t *testing.T, p string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(hs.URL + p)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp, string(b)
	}

	for p, want := range map[string]struct{ body, ctype string }{
		"/media/starter/clip.mp4": {"video", "video/mp4"},
		"/media/inside.mp4":       {"video", "video/mp4"}, // a link that stays inside is fine
		"/media/subs.vtt":         {"WEBVTT", "text/vtt; charset=utf-8"},
	} {
		resp, body := get(t, p)
		require.Equal(t, http.StatusOK, resp.StatusCode, p)
		require.Equal(t, want.body, body, p)
		require.Equal(t, want.ctype, resp.Header.Get("Content-Type"), p)
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), p)
	}
	for _, p := range []string{
		"/media/secret.mp4", "/media/abs.mp4", "/media/up/jwt.secret", "/media/up/outside.mp4",
		"/media/page.html", "/media/notes.txt", "/media/starter", "/media/starter/",
	} {
		resp, body := get(t, p)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, p)
		require.NotContains(t, body, "top secret", p)
		require.NotContains(t, body, "outside", p)
		require.NotContains(t, body, "<script>", p)
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t)
	resp, _ := f.do(t, "OPTIONS", "/v1/me/plans", "", "", "Origin", "https://app.example", "Access-Control-Request-Method", "POST")
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	require.Equal(t, "https://app.example", resp.Header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, resp.Header.Get("Access-Control-Allow-Headers"), "Authorization")

	resp, _ = f.do(t, "GET", "/healthz", "", "", "Origin", "https://evil.example")
	require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
}

func TestDevToken(t *testing.T) {
	signer, err := auth.NewHS256([]byte(strings.Repeat("d", 32)))
	require.NoError(t, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	conn, err := srv.InProcess()
	require.NoError(t, err)
	defer conn.Close()
	mint := func(sub string) (string, error) { return signer.Mint(sub, nil, time.Hour) }
	g, err := New(t.Context(), Config{}, Backends{Catalog: conn, Video: conn, Plan: conn}, Deps{Logger: log, DevToken: mint})
	require.NoError(t, err)
	hs := httptest.NewServer(g)
	defer hs.Close()

	seen := map[string]bool{}
	for name, tc := range map[string]struct {
		body   string
		code   int
		prefix string
	}{
		"named":               {`{"sub":"maria"}`, 200, "demo-maria-"},
		"empty":               {``, 200, "demo-"},
		"no sub":              {`{}`, 200, "demo-"},
		"existing person":     {`{"sub":"alice"}`, 200, "demo-alice-"},
		"the banner's person": {`{"sub":"demo-person"}`, 200, "demo-demo-person-"},
		"service subject":     {`{"sub":"service:fitcoach"}`, 400, ""},
		"bad sub":             {`{"sub":"a b"}`, 400, ""},
		"too long":            {`{"sub":"` + strings.Repeat("m", 33) + `"}`, 400, ""},
		"bad json":            {`{`, 400, ""},
	} {
		t.Run(name, func(t *testing.T) {
			for range 2 {
				resp, err := http.Post(hs.URL+"/dev/token", "application/json", strings.NewReader(tc.body))
				require.NoError(t, err)
				defer resp.Body.Close()
				require.Equal(t, tc.code, resp.StatusCode)
				if tc.code != 200 {
					return
				}
				var out struct{ Sub, Token string }
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
				p, err := signer.Verify(t.Context(), out.Token)
				require.NoError(t, err)
				require.Equal(t, out.Sub, p.Subject)
				require.True(t, strings.HasPrefix(out.Sub, tc.prefix), "sub %q should start with %q", out.Sub, tc.prefix)
				require.Len(t, out.Sub, len(tc.prefix)+12, "a 48-bit random suffix makes the subject fresh")
				require.False(t, seen[out.Sub], "the same request twice must mint two different subjects")
				seen[out.Sub] = true
				require.False(t, p.IsAdmin(), "dev tokens are never admin")
			}
		})
	}

	// Without DevToken (production) the route does not exist.
	f := newFixture(t)
	resp, _ := f.do(t, "POST", "/dev/token", "", `{}`)
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestWebClient(t *testing.T) {
	signer, err := auth.NewHS256([]byte(strings.Repeat("w", 32)))
	require.NoError(t, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	srv.Register(&planv1.PlanService_ServiceDesc, planStub{})
	conn, err := srv.InProcess()
	require.NoError(t, err)
	defer conn.Close()
	web := fstest.MapFS{
		"index.html":    {Data: []byte("<html>fitcoach</html>")},
		"assets/app.js": {Data: []byte("console.log(1)")},
	}
	g, err := New(t.Context(), Config{}, Backends{Catalog: conn, Video: conn, Plan: conn}, Deps{Logger: log, Web: web})
	require.NoError(t, err)
	hs := httptest.NewServer(g)
	defer hs.Close()

	for path, want := range map[string]string{"/": "fitcoach", "/plans/abc": "fitcoach", "/assets/app.js": "console.log"} {
		resp, err := http.Get(hs.URL + path)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode, path)
		require.Contains(t, string(b), want, path)
	}
	resp, err := http.Post(hs.URL+"/", "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	resp, err = http.Get(hs.URL + "/v1/me/profile")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "the API is not shadowed by the web client")
}
