// Package s3test runs a real S3-compatible server (versitygw, posix backend) on loopback for
// the tests of the r2 provider, of the service and of the fault tests (faults/), which is why
// it is not internal.
package s3test

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// Credentials and region the server is started with.
const (
	Access = "fitcoachtestaccess"
	Secret = "fitcoachtestsecret0123456789abcdef"
	Region = "auto"
)

// Server is a running S3 server.
type Server struct {
	Endpoint string
	Client   *s3.Client
}

// FindVersitygw looks for the binary where `go install` puts it, which is where
// scripts/install-test-deps.sh (run by `make test`) installs the pinned version: $(go env
// GOBIN), else $(go env GOPATH)/bin; then on PATH.
func FindVersitygw() (string, error) {
	var dirs []string
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err == nil {
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") // GOBIN may be an empty line
		if len(lines) == 2 {
			if gobin := strings.TrimSpace(lines[0]); gobin != "" {
				dirs = append(dirs, gobin)
			}
			for _, gopath := range filepath.SplitList(strings.TrimSpace(lines[1])) {
				dirs = append(dirs, filepath.Join(gopath, "bin"))
			}
		}
	}
	for _, dir := range dirs {
		p := filepath.Join(dir, "versitygw")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	return "", errors.New("versitygw not found in $(go env GOBIN), $(go env GOPATH)/bin or on PATH; install it with scripts/install-test-deps.sh (make test runs it)")
}

// FreePort returns a loopback address nobody listens on (right now).
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Start runs versitygw on a free loopback port over a temp dir and creates bucket. It skips
// the test when versitygw is missing, except under CI=true, where it fails.
func Start(t testing.TB, bucket string) *Server {
	t.Helper()
	bin, err := FindVersitygw()
	dbtest.RequireIntegration(t, "versitygw (S3 server)", err)

	root := t.TempDir()
	addr := FreePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--port", addr, "--access", Access, "--secret", Secret,
		"--region", Region, "--quiet", "posix", "--nometa", root)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start versitygw: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not listen on %s: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	endpoint := "http://" + addr
	client := s3.New(s3.Options{
		Region:       Region,
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(Access, Secret, ""),
	})
	if _, err := client.CreateBucket(t.Context(), &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("create bucket: %v\n%s", err, logs.String())
	}
	return &Server{Endpoint: endpoint, Client: client}
}

// Put stores an object.
func (s *Server) Put(t testing.TB, bucket, key string, body []byte) {
	t.Helper()
	_, err := s.Client.PutObject(t.Context(), &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(string(body)),
	})
	if err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}
