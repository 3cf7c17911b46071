// Package videofake runs a scripted VideoService over real gRPC for the catalog's tests.
//
// It is a fake because the real video service is written in parallel with the catalog and
// cannot be imported here (services talk only over their contracts); it implements just
// GetClipCoverage, the one RPC the catalog calls, answering what the test scripted. The lead's
// end-to-end tests run the real services together.
package videofake

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fitcoach/fitcoach/pkg/auth"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// Server is a scripted video service listening on a loopback port.
type Server struct {
	videov1.UnimplementedVideoServiceServer

	// Addr is the host:port to dial.
	Addr  string
	calls atomic.Int64

	mu    sync.Mutex
	resp  *videov1.GetClipCoverageResponse
	err   error
	delay time.Duration

	srv    *server.Server
	cancel context.CancelFunc
	done   chan struct{}
}

// Start serves on 127.0.0.1 with the same token verifier as the catalog under test, until
// Stop or the end of the test.
func Start(t testing.TB, verifier auth.Verifier) *Server {
	t.Helper()
	srv, err := server.New(server.Config{Logger: slog.New(slog.DiscardHandler), Verifier: verifier})
	if err != nil {
		t.Fatal(err)
	}
	f := &Server{srv: srv, resp: &videov1.GetClipCoverageResponse{}, done: make(chan struct{})}
	srv.Register(&videov1.VideoService_ServiceDesc, f)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.Addr = lis.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	go func() {
		defer close(f.done)
		_ = srv.Serve(ctx, lis)
	}()
	t.Cleanup(f.Stop)
	return f
}

// Stop shuts the server down, as an outage of the video service.
func (f *Server) Stop() {
	f.cancel()
	<-f.done
}

// SetCoverage scripts the answer of GetClipCoverage.
func (f *Server) SetCoverage(resp *videov1.GetClipCoverageResponse) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resp, f.err = resp, nil
}

// SetError makes GetClipCoverage fail with err (a status error).
func (f *Server) SetError(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// SetDelay makes every GetClipCoverage call take at least d, so concurrent callers overlap.
func (f *Server) SetDelay(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delay = d
}

// Calls counts GetClipCoverage calls.
func (f *Server) Calls() int64 { return f.calls.Load() }

// GetClipCoverage answers what was scripted.
func (f *Server) GetClipCoverage(context.Context, *videov1.GetClipCoverageRequest) (*videov1.GetClipCoverageResponse, error) {
	f.calls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	time.Sleep(f.delay)
	if f.err != nil {
		return nil, f.err
	}
	// Not a copy: gRPC only reads it, and a copy of 100,000 clips' worth would be billed to
	// the benchmarks as if the catalog spent it.
	return f.resp, nil
}

// Clip is one scripted clip: an exercise, a kind and an archetype (unspecified = generic).
type Clip struct {
	Slug      string
	Kind      typesv1.ClipKind
	Archetype typesv1.Archetype
}

// Aggregate folds clips into the coverage answer the real service computes in one query:
// per exercise the kinds overall and per archetype.
func Aggregate(clips []Clip) *videov1.GetClipCoverageResponse {
	type acc struct {
		kinds map[typesv1.ClipKind]bool
		arch  map[typesv1.Archetype]map[typesv1.ClipKind]bool
	}
	var order []string
	by := map[string]*acc{}
	for _, c := range clips {
		a, ok := by[c.Slug]
		if !ok {
			a = &acc{kinds: map[typesv1.ClipKind]bool{}, arch: map[typesv1.Archetype]map[typesv1.ClipKind]bool{}}
			by[c.Slug] = a
			order = append(order, c.Slug)
		}
		a.kinds[c.Kind] = true
		if a.arch[c.Archetype] == nil {
			a.arch[c.Archetype] = map[typesv1.ClipKind]bool{}
		}
		a.arch[c.Archetype][c.Kind] = true
	}
	out := &videov1.GetClipCoverageResponse{}
	for _, slug := range order {
		a := by[slug]
		e := &videov1.ExerciseClipCoverage{ExerciseSlug: slug, Kinds: sorted(a.kinds)}
		for arch := typesv1.Archetype(0); arch <= typesv1.Archetype_ARCHETYPE_PEER; arch++ {
			if ks, ok := a.arch[arch]; ok {
				e.Archetypes = append(e.Archetypes, &videov1.ArchetypeKinds{Archetype: arch, Kinds: sorted(ks)})
			}
		}
		out.Exercises = append(out.Exercises, e)
	}
	return out
}

func sorted(m map[typesv1.ClipKind]bool) []typesv1.ClipKind {
	var out []typesv1.ClipKind
	for k := typesv1.ClipKind(0); k <= typesv1.ClipKind_CLIP_KIND_CLOSING; k++ {
		if m[k] {
			out = append(out, k)
		}
	}
	return out
}
