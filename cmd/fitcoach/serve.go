package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"golang.org/x/sync/errgroup"
)

// starterLoader is a role with starter data.
type starterLoader interface {
	LoadStarter(ctx context.Context) (int, error)
}

// loadStarter loads a role's starter data once its server runs (video's loader calls the
// catalog). It retries while the other services come up.
func (a *app) loadStarter(ctx context.Context, name string, l starterLoader) error {
	ctx = a.serviceContext(ctx)
	for attempt := 1; ; attempt++ {
		n, err := l.LoadStarter(ctx)
		if err == nil {
			a.log.Info("starter data loaded", "role", name, "items", n)
			return nil
		}
		if attempt == 30 || ctx.Err() != nil {
			return fmt.Errorf("%s starter data: %w", name, err)
		}
		a.log.Warn("starter data not loaded yet; retrying", "role", name, "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Second):
		}
	}
}

// runServe runs one role per process, for production: a service on its gRPC address with its
// own database, or the gateway dialling the three services.
func runServe(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("which role? catalog, video, plan or gateway")
	}
	name := args[0]
	s, err := loadSettings()
	if err != nil {
		return err
	}
	fs := newFlags("serve "+name, stderr)
	fs.StringVar(&s.GRPCAddr, "grpc-addr", s.GRPCAddr, "gRPC listen address (env FITCOACH_GRPC_ADDR)")
	fs.StringVar(&s.HTTPAddr, "http-addr", s.HTTPAddr, "REST listen address of the gateway (env FITCOACH_HTTP_ADDR)")
	fs.StringVar(&s.DataDir, "data-dir", s.DataDir, "data directory (env FITCOACH_DATA_DIR)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	a, err := newApp(s, stderr)
	if err != nil {
		return err
	}
	defer a.close()
	if err := a.startTracing(ctx, name); err != nil {
		return err
	}
	// The gateway relays each client's own token and nothing else; services add the service
	// token to their background calls.
	var serviceToken func() string
	if name != "gateway" {
		serviceToken = a.serviceToken
	}
	c, err := a.dialAll(serviceToken)
	if err != nil {
		return err
	}

	// Operator endpoints on their own listeners; a failing one is logged, the role keeps serving.
	for _, side := range []func(context.Context) error{a.servePprof, a.serveMetrics} {
		go func() {
			if err := side(ctx); err != nil {
				a.log.Error("operator endpoint", "err", err)
			}
		}()
	}

	if name == "gateway" {
		gw, err := a.newGateway(ctx, c, "", false)
		if err != nil {
			return err
		}
		lis, err := net.Listen("tcp", s.HTTPAddr)
		if err != nil {
			return fmt.Errorf("listen %s: %w", s.HTTPAddr, err)
		}
		a.log.Info("gateway listening", "addr", lis.Addr().String())
		return serveHTTP(ctx, lis, gw)
	}

	var r role
	switch name {
	case "catalog":
		r, err = a.newCatalog(ctx, c, false)
	case "video":
		r, err = a.newVideo(ctx, c, false)
	case "plan":
		r, err = a.newPlan(ctx, c, false)
	default:
		return usagef("unknown role %q: want catalog, video, plan or gateway", name)
	}
	if err != nil {
		return err
	}
	a.onClose(r.Close)
	srv, err := a.newServer()
	if err != nil {
		return err
	}
	r.Register(srv)
	lis, err := net.Listen("tcp", s.GRPCAddr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.GRPCAddr, err)
	}
	a.log.Info("serving", "role", name, "addr", lis.Addr().String())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return srv.Serve(gctx, lis) })
	if s.LoadStarter {
		if l, ok := r.(starterLoader); ok {
			g.Go(func() error { return a.loadStarter(gctx, name, l) })
		}
	}
	return g.Wait()
}
