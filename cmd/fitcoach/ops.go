package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
)

// runHealthcheck probes a gRPC service's grpc.health.v1 or an HTTP URL; for container
// healthchecks in images without a shell.
func runHealthcheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		return usagef("want: healthcheck grpc ADDR [SERVICE] | healthcheck http URL")
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	switch args[0] {
	case "grpc":
		conn, err := server.Dial(args[1], nil)
		if err != nil {
			return err
		}
		defer conn.Close()
		svc := ""
		if len(args) > 2 {
			svc = args[2]
		}
		resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{Service: svc})
		if err != nil {
			return err
		}
		if resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			return fmt.Errorf("%s is %s", args[1], resp.GetStatus())
		}
	case "http":
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, args[1], nil)
		if err != nil {
			return usageError{err.Error()}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s answered %s", args[1], resp.Status)
		}
	default:
		return usagef("unknown probe %q: want grpc or http", args[0])
	}
	_, err := fmt.Fprintln(stdout, "SERVING")
	return err
}

// runValidatePlan checks a raw AI response (a file, or stdin with "-" or no argument).
// Exit 0 prints "valid"; exit 1 prints one "<field>: <message>" line per violation.
func runValidatePlan(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("validate-plan", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("want at most one FILE (or - for stdin)")
	}
	var raw []byte
	var err error
	switch name := fs.Arg(0); name {
	case "", "-":
		raw, err = io.ReadAll(io.LimitReader(stdin, 8<<20))
	default:
		raw, err = os.ReadFile(name)
	}
	if err != nil {
		return usageError{err.Error()}
	}
	_, violations := aiplan.Check(raw)
	if len(violations) == 0 {
		_, err := fmt.Fprintln(stdout, "valid")
		return err
	}
	for _, v := range violations {
		fmt.Fprintln(stdout, v.String())
	}
	return exitError{1}
}

// opsClient connects to a running fitcoach (dev or a service) as an admin: FITCOACH_TOKEN when
// set, else a short-lived admin token minted from the data dir's secret.
func opsClient(addr, dataDir string) (*grpc.ClientConn, context.Context, error) {
	s, err := loadSettings()
	if err != nil {
		return nil, nil, err
	}
	token := s.OpsToken
	if token == "" {
		s, err := signer(dataDir)
		if err != nil {
			return nil, nil, err
		}
		if token, err = s.Mint("ops:cli", []string{auth.RoleAdmin}, 15*time.Minute); err != nil {
			return nil, nil, err
		}
	}
	conn, err := server.Dial(addr, nil)
	if err != nil {
		return nil, nil, err
	}
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+token)
	return conn, ctx, nil
}

func opsFlags(name string, stderr io.Writer) (*flag.FlagSet, *string, *string) {
	fs := newFlags(name, stderr)
	addr := fs.String("addr", envOr("FITCOACH_GRPC_ADDR", "127.0.0.1:9090"), "gRPC address of the catalog (or of fitcoach dev)")
	dataDir := fs.String("data-dir", envOr("FITCOACH_DATA_DIR", "./data"), "data dir holding jwt.secret, when FITCOACH_TOKEN is unset")
	return fs, addr, dataDir
}

// runImport imports exercises from CSV or JSON into the catalog, upserting by slug.
func runImport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, addr, dataDir := opsFlags("import", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "exercises" {
		return usagef("want: import exercises FILE.csv|FILE.json")
	}
	conn, octx, err := opsClient(*addr, *dataDir)
	if err != nil {
		return err
	}
	defer conn.Close()
	octx, cancel := context.WithCancel(octx)
	defer cancel()
	go func() { <-ctx.Done(); cancel() }()
	progress := false
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		progress = true
	}
	_, err = catalog.RunImport(octx, stdout, catalogv1.NewCatalogServiceClient(conn), fs.Arg(1), progress)
	return err
}

// runCoverage prints the clip coverage report as a table, or JSON with --json.
func runCoverage(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, addr, dataDir := opsFlags("coverage", stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, octx, err := opsClient(*addr, *dataDir)
	if err != nil {
		return err
	}
	defer conn.Close()
	octx, cancel := context.WithTimeout(octx, 30*time.Second)
	defer cancel()
	resp, err := catalogv1.NewCatalogServiceClient(conn).GetCoverage(octx, &catalogv1.GetCoverageRequest{})
	if err != nil {
		return err
	}
	return catalog.PrintCoverage(stdout, resp, *asJSON)
}

// runCache drops the catalog's whitelist cache: `cache invalidate`.
func runCache(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs, addr, dataDir := opsFlags("cache", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || strings.ToLower(fs.Arg(0)) != "invalidate" {
		return usagef("want: cache invalidate")
	}
	conn, octx, err := opsClient(*addr, *dataDir)
	if err != nil {
		return err
	}
	defer conn.Close()
	octx, cancel := context.WithTimeout(octx, 10*time.Second)
	defer cancel()
	if _, err := catalogv1.NewCatalogServiceClient(conn).InvalidateCache(octx, &catalogv1.InvalidateCacheRequest{}); err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, "whitelist cache invalidated")
	return err
}
