package faults

import (
	"bytes"
	"encoding/json"
	"flag"
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

	"github.com/fitcoach/fitcoach/pkg/db"
)

// The harness mirrors cmd/fitcoach/e2e_test.go: these tests drive the real binary as a client
// would, so they cannot import its test helpers and keep their own small copies.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain builds the binary once before any test runs, so a test's time is its own and not
// the compiler's.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		build()
	}
	code := m.Run()
	if binPath != "" {
		_ = os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

func build() {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fitcoach-faults-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "fitcoach")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = filepath.Join("..", "cmd", "fitcoach")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
}

func fitcoachBinary(t *testing.T) string {
	t.Helper()
	build()
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

// proc is a running fitcoach process; its output is kept for log scans and failure reports.
type proc struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(fitcoachBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	p := &proc{cmd: cmd, out: out, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("output of fitcoach %s:\n%s", strings.Join(args, " "), out.String())
		}
	})
	return p
}

// stop interrupts the process and kills it when it does not exit in time.
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func waitReady(t *testing.T, base string, p *proc) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited; output:\n%s", base, p.out.String())
		default:
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never became ready; output:\n%s", base, p.out.String())
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

// api is an HTTP client for one bearer token.
type api struct {
	t     *testing.T
	base  string
	token string
}

type response struct {
	status int
	ctype  string
	body   map[string]any
	raw    []byte
}

var client = &http.Client{Timeout: 30 * time.Second}

func (a api) call(method, path string, body any) response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
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
	resp, err := client.Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	r := response{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), raw: raw}
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

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(m map[string]any, key string) []any {
	v, _ := m[key].([]any)
	return v
}

// profile is a valid onboarding body.
var profile = map[string]any{
	"goal": "Build strength", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
	"equipment": []string{"dumbbell"}, "daysPerWeek": 3, "durationWeeks": 4, "sessionMinutes": 45,
	"archetype": "ARCHETYPE_MENTOR", "locale": "en",
}

// onboard gives the person a profile and a plan and answers the plan id and a training day.
func onboard(a api) (planID string, training int) {
	a.t.Helper()
	a.ok("PUT", "/v1/me/profile", profile)
	plan := obj(a.ok("POST", "/v1/me/plans", map[string]any{"requestId": "faults-" + a.t.Name()})["plan"])
	planID, _ = plan["id"].(string)
	require.NotEmpty(a.t, planID)
	for _, d := range list(obj(list(plan, "weeks")[0]), "days") {
		if day := obj(d); day["isRestDay"] != true {
			return planID, int(day["dayNumber"].(float64))
		}
	}
	a.t.Fatal("week 1 has no training day")
	return "", 0
}

// completion is a valid :complete body for the day at dayPath: every exercise done as planned.
func completion(a api, dayPath string) map[string]any {
	a.t.Helper()
	var done []map[string]any
	for _, e := range list(obj(a.ok("GET", dayPath, nil)["workout"]), "exercises") {
		ex := obj(e)
		done = append(done, map[string]any{"exerciseSlug": ex["exerciseSlug"], "setsDone": ex["sets"], "repsDone": []int{10}})
	}
	return map[string]any{"exercises": done, "perceivedEffort": 7}
}

// requireWrittenOnce checks the plan database at dsn holds exactly the rows of one person who
// made plans plans (one of them with request id retried) and completed one day, however often
// the requests were retried.
func requireWrittenOnce(t *testing.T, dsn string, plans int, retried string) {
	t.Helper()
	d, err := db.Open(t.Context(), dsn)
	require.NoError(t, err)
	defer d.Close()
	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, d.QueryRowContext(t.Context(), q, args...).Scan(&n))
		return n
	}
	require.Equal(t, plans, count("SELECT count(*) FROM plans"))
	require.Equal(t, 1, count("SELECT count(*) FROM plans WHERE request_id = $1", retried))
	require.Equal(t, 1, count("SELECT count(*) FROM workout_logs"), "one log for one day, however often completed")
	require.Equal(t, 1, count("SELECT count(*) FROM profiles"))
}
