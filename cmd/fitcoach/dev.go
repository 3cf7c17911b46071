package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// runDev runs the three services and the gateway in one process on embedded defaults: SQLite
// under the data dir, in-process cache and connections, local media, the built-in planner
// unless OPENAI_API_KEY is set.
func runDev(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	s, err := loadSettings()
	if err != nil {
		return err
	}
	fs := newFlags("dev", stderr)
	fs.StringVar(&s.DataDir, "data-dir", s.DataDir, "where data is kept (env FITCOACH_DATA_DIR)")
	fs.StringVar(&s.HTTPAddr, "http-addr", s.HTTPAddr, "REST listen address (env FITCOACH_HTTP_ADDR)")
	fs.StringVar(&s.GRPCAddr, "grpc-addr", s.GRPCAddr, "gRPC listen address (env FITCOACH_GRPC_ADDR)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	// Listen first: a taken port fails at once, and the printed URL is the real one.
	httpLis, err := net.Listen("tcp", s.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.HTTPAddr, err)
	}
	defer httpLis.Close()
	grpcLis, err := net.Listen("tcp", s.GRPCAddr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.GRPCAddr, err)
	}
	defer grpcLis.Close()
	s.HTTPAddr, s.GRPCAddr = httpLis.Addr().String(), grpcLis.Addr().String()

	a, err := newApp(s, stderr)
	if err != nil {
		return err
	}
	defer a.close()
	if err := a.startTracing(ctx, "dev"); err != nil {
		return err
	}

	srv, err := a.newServer()
	if err != nil {
		return err
	}
	// Services call each other with the caller's token (or the service token in background
	// work); the gateway relays exactly what the client sent, so it gets a plain connection.
	inproc, err := srv.InProcess(server.ClientOptions(a.serviceToken)...)
	if err != nil {
		return err
	}
	a.onClose(inproc.Close)
	c := conns{catalog: inproc, video: inproc, plan: inproc}
	edge, err := srv.InProcess()
	if err != nil {
		return err
	}
	a.onClose(edge.Close)

	cat, err := a.newCatalog(ctx, c, true)
	if err != nil {
		return err
	}
	a.onClose(cat.Close)
	vid, err := a.newVideo(ctx, c, true)
	if err != nil {
		return err
	}
	a.onClose(vid.Close)
	pl, err := a.newPlan(ctx, c, true)
	if err != nil {
		return err
	}
	a.onClose(pl.Close)
	for _, r := range []role{cat, vid, pl} {
		r.Register(srv)
	}

	gw, err := a.newGateway(ctx, conns{catalog: edge, video: edge, plan: edge}, vid.MediaDir(), true)
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return srv.Serve(gctx, grpcLis) })
	g.Go(func() error { return a.servePprof(gctx) })

	// The starter data goes in through the services themselves, once, on first start.
	svcCtx := a.serviceContext(gctx)
	nEx, err := cat.LoadStarter(svcCtx)
	if err != nil {
		return fmt.Errorf("starter catalog: %w", err)
	}
	nClips, err := vid.LoadStarter(svcCtx)
	if err != nil {
		return fmt.Errorf("starter media: %w", err)
	}
	if nEx > 0 || nClips > 0 {
		a.log.Info("loaded the starter data", "exercises", nEx, "clips", nClips)
	}

	g.Go(func() error { return serveHTTP(gctx, httpLis, gw) })
	if err := printBanner(stdout, a, s); err != nil {
		return err
	}
	return g.Wait()
}

func printBanner(w io.Writer, a *app, s Settings) error {
	person, err := a.signer.Mint("demo-person", nil, 7*24*time.Hour)
	if err != nil {
		return err
	}
	admin, err := a.signer.Mint("demo-admin", []string{auth.RoleAdmin}, 7*24*time.Hour)
	if err != nil {
		return err
	}
	base := "http://" + s.HTTPAddr
	_, err = fmt.Fprintf(w, `fitcoach dev is running
  web + REST   %[1]s
  gRPC         %[2]s   (grpcurl -plaintext %[2]s list)
  data         %[3]s

A person's token (sub demo-person, 7 days):
  export TOKEN=%[4]s
An admin token (sub demo-admin):
  export ADMIN_TOKEN=%[5]s

Try:
  curl -s -X PUT %[1]s/v1/me/profile -H "Authorization: Bearer $TOKEN" -d '{"goal":"Get stronger and leaner","fitnessLevel":"FITNESS_LEVEL_BEGINNER","equipment":["dumbbell"],"daysPerWeek":3,"durationWeeks":4,"sessionMinutes":45,"archetype":"ARCHETYPE_MENTOR","locale":"en"}'
  curl -s -X POST %[1]s/v1/me/plans -H "Authorization: Bearer $TOKEN" -d '{}'
  curl -s -X POST %[1]s/v1/me/plans/PLAN_ID/weeks/1/days/1:start -H "Authorization: Bearer $TOKEN" -d '{}'
`, base, s.GRPCAddr, s.DataDir, person, admin)
	return err
}
