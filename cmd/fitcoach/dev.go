package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"golang.org/x/sync/errgroup"

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
	allowRemote := fs.Bool("allow-remote", false, "listen on non-loopback addresses too; dev mints tokens for anyone who asks (POST /dev/token)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if !*allowRemote {
		for _, addr := range []string{s.HTTPAddr, s.GRPCAddr} {
			if err := loopbackOnly(addr); err != nil {
				return usagef("%v; dev hands out tokens without credentials, so it stays on this machine unless you pass --allow-remote", err)
			}
		}
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
	// Say when and why it stops: under `go run` a SIGTERM sent to the go command never reaches
	// this process (the README says to stop it with Ctrl-C), so a silent exit would be a puzzle.
	g.Go(func() error {
		<-gctx.Done()
		if ctx.Err() != nil {
			a.log.Info("fitcoach dev: stopping on a signal; draining requests")
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err // main prints it
	}
	a.log.Info("fitcoach dev stopped")
	return nil
}

// loopbackOnly refuses a listen address that other machines could reach: an empty host
// (every interface), a non-loopback IP, or a name other than localhost (a name can resolve to
// anything, so only the one that always means this machine is trusted).
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("listen address %q is not a loopback address", addr)
}
