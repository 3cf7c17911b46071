// Package e2etest is the harness of the tests that drive the real fitcoach binary as a client
// would: cmd/fitcoach's end-to-end tests and the faults module's reliability and security tests.
//
// It builds the binary once per test binary, starts fitcoach processes on loopback ports with
// their output kept for log scans and failure reports, waits for /readyz, mints tokens with
// `fitcoach token` and calls the HTTP API as one bearer token.
//
// A package using it calls Main from its TestMain, so the binary is built before any test runs
// (a test's time is its own, not the compiler's) and its temporary directory is removed at the
// end:
//
//	func TestMain(m *testing.M) { e2etest.Main(m) }
package e2etest

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
)

// pkgPath is what is built: by import path, so the build works from any module of the
// workspace, whatever the test's working directory.
const pkgPath = "github.com/fitcoach/fitcoach/cmd/fitcoach"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Main is a TestMain: it builds the binary (unless -short), runs the tests, removes the
// binary's temporary directory and exits with the tests' code.
func Main(m *testing.M) {
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
		dir, err := os.MkdirTemp("", "fitcoach-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "fitcoach")
		if out, err := exec.Command("go", "build", "-o", binPath, pkgPath).CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
}

// Binary is the path of the fitcoach binary, built on first use when Main has not built it.
// Only Main removes it: packages using Binary call Main from their TestMain.
func Binary(t testing.TB) string {
	t.Helper()
	build()
	require.NoError(t, buildErr)
	return binPath
}

// FreeAddr is a loopback host:port that was free a moment ago.
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

// Buffer is a bytes.Buffer safe for a process writing while a test reads.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Proc is a running fitcoach process; Out is its stdout and stderr so far.
type Proc struct {
	Cmd  *exec.Cmd
	Out  *Buffer
	done chan struct{}
}

// Start runs the binary with args, env added to the test's environment. The process is stopped
// when the test ends, and its output logged when the test failed.
func Start(t *testing.T, env []string, args ...string) *Proc {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out := &Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	p := &Proc{Cmd: cmd, Out: out, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.Stop()
		if t.Failed() {
			t.Logf("output of fitcoach %s:\n%s", strings.Join(args, " "), out.String())
		}
	})
	return p
}

// Done is closed when the process has exited.
func (p *Proc) Done() <-chan struct{} { return p.done }

// Stop interrupts the process and kills it when it does not exit within 15 seconds.
func (p *Proc) Stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.Cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		_ = p.Cmd.Process.Kill()
		<-p.done
	}
}

// WaitReady waits up to 90 seconds for base/readyz to answer 200, and fails the test at once
// when p exits first.
func WaitReady(t *testing.T, base string, p *Proc) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited; output:\n%s", base, p.Out.String())
		default:
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never became ready; output:\n%s", base, p.Out.String())
}

// MintToken is a bearer token for sub signed with the secret in dataDir (`fitcoach token`).
func MintToken(t testing.TB, dataDir, sub string, admin bool) string {
	t.Helper()
	args := []string{"token", "--sub", sub, "--data-dir", dataDir}
	if admin {
		args = append(args, "--admin")
	}
	out, err := exec.Command(Binary(t), args...).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// API is an HTTP client for one bearer token (none when Token is empty) against Base.
type API struct {
	T     *testing.T
	Base  string
	Token string
}

// Response is what a call answered: Body is the parsed JSON object when Raw is one.
type Response struct {
	Status      int
	ContentType string
	Header      http.Header
	Body        map[string]any
	Raw         []byte
}

var client = &http.Client{Timeout: 30 * time.Second}

// Call sends body as the request: nil sends none, a string or []byte as it is, anything else
// as JSON. Transport errors fail the test.
func (a API) Call(method, path string, body any) Response {
	a.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(a.T, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(a.T.Context(), method, a.Base+path, rd)
	require.NoError(a.T, err)
	if a.Token != "" {
		req.Header.Set("Authorization", "Bearer "+a.Token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	require.NoError(a.T, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(a.T, err)
	r := Response{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Header: resp.Header, Raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		require.NoError(a.T, json.Unmarshal(raw, &r.Body), string(raw))
	}
	return r
}

// OK is Call that requires 200 and answers the JSON body.
func (a API) OK(method, path string, body any) map[string]any {
	a.T.Helper()
	r := a.Call(method, path, body)
	require.Equal(a.T, http.StatusOK, r.Status, "%s %s: %s", method, path, r.Raw)
	return r.Body
}

// List is the JSON array m[key], nil when it is missing or not an array.
func List(m map[string]any, key string) []any {
	v, _ := m[key].([]any)
	return v
}

// Obj is v as a JSON object, nil when it is not one.
func Obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
