package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// The end-to-end tests build the real binary and drive it over HTTP as a person would: once as
// `fitcoach dev` (one process, SQLite), once as four processes on PostgreSQL and Redis.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func fitcoachBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fitcoach-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "fitcoach")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

// proc is a running fitcoach process whose output is kept for failure reports.
type proc struct {
	cmd *exec.Cmd
	out *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(fitcoachBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	p := &proc{cmd: cmd, out: out}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("output of fitcoach %s:\n%s", strings.Join(args, " "), out.String())
		}
	})
	return p
}

func waitReady(t *testing.T, base string, p *proc) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if p.cmd.ProcessState != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never became ready; output:\n%s", base, p.out.String())
}

// api is an HTTP client for one person.
type api struct {
	t     *testing.T
	base  string
	token string
}

type response struct {
	status int
	body   map[string]any
	raw    []byte
}

func (a api) call(method, path string, body any) response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(a.t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(a.t.Context(), method, a.base+path, rd)
	require.NoError(a.t, err)
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	r := response{status: resp.StatusCode, raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		require.NoError(a.t, json.Unmarshal(raw, &r.body), string(raw))
	}
	return r
}

func (a api) ok(method, path string, body any) map[string]any {
	a.t.Helper()
	r := a.call(method, path, body)
	require.Equal(a.t, http.StatusOK, r.status, "%s %s: %s", method, path, r.raw)
	return r.body
}

func mintToken(t *testing.T, dataDir, sub string, admin bool) string {
	t.Helper()
	args := []string{"token", "--sub", sub, "--data-dir", dataDir}
	if admin {
		args = append(args, "--admin")
	}
	out, err := exec.Command(fitcoachBinary(t), args...).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

func list(m map[string]any, key string) []any {
	v, _ := m[key].([]any)
	return v
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// personFlow is what a newcomer does: onboard, generate, browse, start, complete; plus the
// refusals a second person and a non-admin must meet.
func personFlow(t *testing.T, base, alice, bob, admin string) {
	anon := api{t, base, ""}
	a := api{t, base, alice}
	b := api{t, base, bob}
	root := api{t, base, admin}

	require.Equal(t, http.StatusUnauthorized, anon.call("GET", "/v1/me/profile", nil).status)
	require.Equal(t, http.StatusNotFound, a.call("GET", "/v1/me/profile", nil).status, "no profile before onboarding")

	profile := map[string]any{
		"goal": "Build strength and lose a little fat", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
		"equipment": []string{"dumbbell"}, "daysPerWeek": 9, "durationWeeks": 4, "sessionMinutes": 45,
		"limitations": "", "archetype": "ARCHETYPE_MENTOR", "locale": "en",
	}
	bad := a.call("PUT", "/v1/me/profile", profile)
	require.Equal(t, http.StatusBadRequest, bad.status, string(bad.raw))
	require.Contains(t, string(bad.raw), "days_per_week")

	profile["daysPerWeek"] = 3
	got := a.ok("PUT", "/v1/me/profile", profile)
	require.Equal(t, "ARCHETYPE_MENTOR", obj(got["profile"])["archetype"])

	created := a.ok("POST", "/v1/me/plans", map[string]any{"requestId": "first-plan"})
	plan := obj(created["plan"])
	planID, _ := plan["id"].(string)
	require.NotEmpty(t, planID)
	require.Equal(t, "builtin", plan["provider"])
	require.EqualValues(t, 4, plan["durationWeeks"])
	weeks := list(plan, "weeks")
	require.Len(t, weeks, 4)

	again := a.ok("POST", "/v1/me/plans", map[string]any{"requestId": "first-plan"})
	require.Equal(t, planID, obj(again["plan"])["id"], "the same request id gives the same plan")

	listed := a.ok("GET", "/v1/me/plans", nil)
	require.Len(t, list(listed, "plans"), 1)
	require.Equal(t, planID, obj(list(listed, "plans")[0])["id"])

	// Find a training day and a rest day of week 1.
	training, rest := 0, 0
	for _, d := range list(obj(weeks[0]), "days") {
		day := obj(d)
		n := int(day["dayNumber"].(float64))
		if day["isRestDay"] == true {
			if rest == 0 {
				rest = n
			}
		} else if training == 0 {
			training = n
		}
	}
	require.NotZero(t, training)
	require.NotZero(t, rest)

	dayPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", planID, training)
	workout := obj(a.ok("GET", dayPath, nil)["workout"])
	exercises := list(workout, "exercises")
	require.NotEmpty(t, exercises)

	started := a.ok("POST", dayPath+":start", map[string]any{})
	items := list(obj(started["playlist"]), "items")
	require.NotEmpty(t, items)
	require.Empty(t, list(obj(started["playlist"]), "missing"), "the starter media covers every starter exercise")
	first := obj(items[0])
	require.Equal(t, "CLIP_KIND_INTRO", first["kind"])
	kinds := map[string]int{}
	seen := map[string]bool{}
	for _, it := range items {
		item := obj(it)
		kinds[item["kind"].(string)]++
		id := item["clipId"].(string)
		require.False(t, seen[id], "clip %s appears twice", id)
		seen[id] = true
		require.NotEmpty(t, item["url"])
		require.NotEmpty(t, item["title"])
	}
	require.Equal(t, len(exercises), kinds["CLIP_KIND_TECHNIQUE"])
	require.Equal(t, len(exercises), kinds["CLIP_KIND_INSTRUCTION"])
	// The clip really plays: the URL answers MP4 bytes.
	resp, err := http.Get(first["url"].(string))
	require.NoError(t, err)
	head := make([]byte, 12)
	_, err = io.ReadFull(resp.Body, head)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "ftyp", string(head[4:8]), "an MP4 file")

	var done []map[string]any
	for _, e := range exercises {
		ex := obj(e)
		done = append(done, map[string]any{"exerciseSlug": ex["exerciseSlug"], "setsDone": ex["sets"], "repsDone": []int{10, 10}})
	}
	completion := map[string]any{"exercises": done, "perceivedEffort": 7, "notes": "felt good"}
	logged := a.ok("POST", dayPath+":complete", completion)
	require.EqualValues(t, 7, obj(logged["log"])["perceivedEffort"])
	a.ok("POST", dayPath+":complete", completion) // repeating is idempotent
	require.NotNil(t, obj(a.ok("GET", dayPath, nil)["workout"])["log"])
	require.Equal(t, http.StatusBadRequest, a.call("POST", dayPath+":complete", map[string]any{"perceivedEffort": 11}).status)

	restStart := a.ok("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", planID, rest), map[string]any{})
	restItems := list(obj(restStart["playlist"]), "items")
	require.Len(t, restItems, 1)
	require.Equal(t, "CLIP_KIND_REST_DAY", obj(restItems[0])["kind"])

	day7 := a.ok("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/7:start", planID), map[string]any{})
	found := false
	for _, it := range list(obj(day7["playlist"]), "items") {
		found = found || obj(it)["kind"] == "CLIP_KIND_WEEKLY_MOTIVATION"
	}
	if obj(day7["workout"])["isRestDay"] != true {
		require.True(t, found, "day 7 carries the weekly motivation clip")
	}

	// Another person sees nothing of Alice's.
	require.Equal(t, http.StatusNotFound, b.call("GET", "/v1/me/plans/"+planID, nil).status)
	require.Equal(t, http.StatusNotFound, b.call("POST", dayPath+":start", map[string]any{}).status)
	require.Empty(t, list(b.ok("GET", "/v1/me/plans", nil), "plans"))

	// Catalog and clip writes are for admins.
	newExercise := map[string]any{"slug": "e2e-test-move", "name": map[string]string{"en": "E2E move", "ru": "Тест"},
		"muscleGroups": []string{"core"}, "difficulty": "FITNESS_LEVEL_BEGINNER"}
	require.Equal(t, http.StatusForbidden, a.call("POST", "/v1/exercises", newExercise).status)
	require.Equal(t, http.StatusForbidden, a.call("POST", "/v1/clips", map[string]any{}).status)
	root.ok("POST", "/v1/exercises", newExercise)
	require.Equal(t, http.StatusConflict, root.call("POST", "/v1/exercises", newExercise).status)
	require.NotEmpty(t, list(a.ok("GET", "/v1/exercises?page_size=5", nil), "exercises"))

	// Ops: the raw AI JSON validator.
	v := a.ok("POST", "/v1/plans:validate", `{"plan_name": "Test", "duration_weeks": 4, "goal": "Test goal", "weeks": []}`)
	require.Equal(t, false, v["valid"])
	require.GreaterOrEqual(t, len(list(v, "violations")), 3)
}

func TestEndToEndDev(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	httpAddr, grpcAddr := freeAddr(t), freeAddr(t)
	p := start(t, []string{"OPENAI_API_KEY="}, "dev", "--data-dir", dataDir, "--http-addr", httpAddr, "--grpc-addr", grpcAddr)
	base := "http://" + httpAddr
	waitReady(t, base, p)
	require.Eventually(t, func() bool { return strings.Contains(p.out.String(), "export TOKEN=") }, 5*time.Second, 50*time.Millisecond,
		"the banner prints a ready-to-use token")

	personFlow(t, base, mintToken(t, dataDir, "alice", false), mintToken(t, dataDir, "bob", false), mintToken(t, dataDir, "ops", true))

	t.Run("grpc health and reflection", func(t *testing.T) {
		out, err := exec.Command(fitcoachBinary(t), "healthcheck", "grpc", grpcAddr, "fitcoach.plan.v1.PlanService").CombinedOutput()
		require.NoError(t, err, string(out))
	})
}

func TestEndToEndSeparateProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	r, err := cache.NewRedis("redis://127.0.0.1:6379/0", "e2e:")
	require.NoError(t, err)
	dbtest.RequireIntegration(t, "Redis", r.Ping(t.Context()))
	r.Close()

	dataDir := t.TempDir()
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	httpAddr := freeAddr(t)
	common := []string{
		"FITCOACH_DATA_DIR=" + dataDir,
		"REDIS_URL=redis://127.0.0.1:6379/0",
		"CATALOG_ADDR=" + addrs["catalog"], "VIDEO_ADDR=" + addrs["video"], "PLAN_ADDR=" + addrs["plan"],
		"MEDIA_DIR=" + filepath.Join(dataDir, "media"),
		"MEDIA_BASE_URL=http://" + httpAddr + "/media",
		"OPENAI_API_KEY=",
		// Production starts empty; this demo-style deployment loads the starter data.
		"FITCOACH_LOAD_STARTER=true",
	}
	for _, svc := range []string{"catalog", "video", "plan"} {
		dsn := dbtest.Postgres(t)
		env := append(append([]string{}, common...), "DATABASE_URL="+dsn)
		out, err := exec.Command(fitcoachBinary(t), "migrate", svc, "up", "--database-url", dsn).CombinedOutput()
		require.NoError(t, err, string(out))
		start(t, env, "serve", svc, "--grpc-addr", addrs[svc])
	}
	gw := start(t, common, "serve", "gateway", "--http-addr", httpAddr)
	base := "http://" + httpAddr
	waitReady(t, base, gw)

	personFlow(t, base, mintToken(t, dataDir, "alice", false), mintToken(t, dataDir, "bob", false), mintToken(t, dataDir, "ops", true))

	t.Run("every service answers grpc health", func(t *testing.T) {
		for svc, addr := range addrs {
			out, err := exec.Command(fitcoachBinary(t), "healthcheck", "grpc", addr).CombinedOutput()
			require.NoError(t, err, "%s: %s", svc, out)
		}
	})
}
