package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidatePlanCLI(t *testing.T) {
	valid, err := os.ReadFile("../../services/plan/aiplan/testdata/plan_12w.json") // the validator's own 12-week fixture
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(file, valid, 0o644))

	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		contains []string
	}{
		{"valid file", []string{"validate-plan", file}, "", 0, []string{"valid\n"}},
		{"valid stdin", []string{"validate-plan", "-"}, string(valid), 0, []string{"valid\n"}},
		{"valid in fences", []string{"validate-plan"}, "```json\n" + string(valid) + "\n```", 0, []string{"valid\n"}},
		{"the seed example", []string{"validate-plan", "-"}, `{"plan_name": "Test", "duration_weeks": 4, "goal": "Test goal", "weeks": []}`, 1,
			[]string{"plan_name: ", "goal: ", "weeks: "}},
		{"not json", []string{"validate-plan", "-"}, "the model said no", 1, []string{": "}},
		{"missing file", []string{"validate-plan", "/nonexistent/plan.json"}, "", 2, nil},
		{"two files", []string{"validate-plan", "a", "b"}, "", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runCLI(t, tt.stdin, tt.args...)
			require.Equal(t, tt.code, code, out)
			for _, c := range tt.contains {
				require.Contains(t, out, c)
			}
			if tt.code == 1 {
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					require.Contains(t, line, ": ", "each violation is '<field path>: <message>'")
				}
			}
		})
	}
}

func TestTokenCLI(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI(t, "", "token", "--sub", "maria", "--admin", "--ttl", "1h", "--data-dir", dir)
	require.Equal(t, 0, code)
	secret, err := os.ReadFile(filepath.Join(dir, "jwt.secret"))
	require.NoError(t, err)
	fi, err := os.Stat(filepath.Join(dir, "jwt.secret"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	v, err := auth.NewHS256([]byte(strings.TrimSpace(string(secret))))
	require.NoError(t, err)
	p, err := v.Verify(t.Context(), strings.TrimSpace(out))
	require.NoError(t, err)
	require.Equal(t, "maria", p.Subject)
	require.True(t, p.IsAdmin())

	code, _, errOut := runCLI(t, "", "token", "--data-dir", dir)
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "--sub is required")

	t.Setenv("FITCOACH_JWT_SECRET", strings.Repeat("e", 32))
	code, out, _ = runCLI(t, "", "token", "--sub", "x", "--data-dir", dir)
	require.Equal(t, 0, code)
	envSigner, err := auth.NewHS256([]byte(strings.Repeat("e", 32)))
	require.NoError(t, err)
	_, err = envSigner.Verify(t.Context(), strings.TrimSpace(out))
	require.NoError(t, err, "FITCOACH_JWT_SECRET wins over the file")
}

func TestUsage(t *testing.T) {
	code, _, errOut := runCLI(t, "")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "Usage:")
	code, _, errOut = runCLI(t, "", "frobnicate")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown command "frobnicate"`)
}

func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "", "token", "--data-dir", dir, "--sub", "a")
	require.Equal(t, 0, code, errOut)
	require.NotEmpty(t, out)
	code, _, errOut = runCLI(t, "", "migrate", "catalog", "sideways", "--database-url", "sqlite://"+dir+"/x.db")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown action "sideways"`, "the flag after the positionals was parsed")
	code, out, errOut = runCLI(t, "", "migrate", "catalog", "up", "--database-url", "sqlite://"+dir+"/x.db")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "catalog: up at version")
	code, out, errOut = runCLI(t, "", "migrate", "--database-url", "sqlite://"+dir+"/x.db", "catalog", "down", "--all", "--yes")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "catalog: rolled back to version 0 (none)")
}

func TestEvaluatePlanCLI(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(t.Context(), []string{"evaluate-plan"}, strings.NewReader(""), &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), "| profile | overall | goal | balance | session_time | safety | prescription | progression | recovery | structure |")
	require.Contains(t, out.String(), "5 km, bad knees")
	require.Contains(t, out.String(), "| **mean** |")
}

// TestDevRefusesRemoteAddresses: fitcoach dev mints tokens for anyone, so it must not listen
// beyond this machine unless told to; the check runs before anything listens or is created.
func TestDevRefusesRemoteAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:8080", "example.com:80"} {
		t.Run(addr, func(t *testing.T) {
			dir := t.TempDir()
			for _, flag := range []string{"--http-addr", "--grpc-addr"} {
				code, _, stderr := runCLI(t, "", "dev", "--data-dir", dir, flag, addr)
				require.Equal(t, 2, code, stderr)
				require.Contains(t, stderr, "--allow-remote")
			}
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Empty(t, entries, "nothing is created before the refusal")
		})
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0", "127.0.0.2:0"} {
		require.NoError(t, loopbackOnly(addr), addr)
	}
}

func TestEvaluateLoopCLI(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(t.Context(), []string{"evaluate-loop"}, strings.NewReader(""), &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), "| profile | overall | on track | struggling | missed sessions | exhausted | pain |")
	require.Contains(t, out.String(), "| **mean** |")
}
