package existence_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/existence"
)

// prober is a scripted storage: answers per clip id, an optional delay, and a call counter.
type prober struct {
	mu     sync.Mutex
	answer map[string]error // nil: present; errMissing: missing; other: storage error
	delay  time.Duration
	calls  atomic.Int64
}

var errMissing = errors.New("missing")

func (p *prober) Exists(ctx context.Context, clip *videov1.Clip) (bool, error) {
	p.calls.Add(1)
	if p.delay > 0 {
		select {
		case <-time.After(p.delay):
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	p.mu.Lock()
	err := p.answer[clip.GetId()]
	p.mu.Unlock()
	if errors.Is(err, errMissing) {
		return false, nil
	}
	return err == nil, err
}

func (p *prober) set(id string, err error) {
	p.mu.Lock()
	p.answer[id] = err
	p.mu.Unlock()
}

func clip(id string) *videov1.Clip {
	return &videov1.Clip{Id: id, Provider: videov1.Provider_PROVIDER_R2}
}

func TestChecker(t *testing.T) {
	t.Run("first check waits within the budget, then serves from cache", func(t *testing.T) {
		p := &prober{answer: map[string]error{"gone": errMissing, "down": errors.New("connection refused")}}
		c := existence.New(p, existence.Config{TTL: time.Hour, ErrorTTL: time.Hour})
		defer c.Close()
		deadline := func() time.Time { return time.Now().Add(time.Second) }
		require.True(t, c.Present(t.Context(), clip("ok"), deadline()))
		require.False(t, c.Present(t.Context(), clip("gone"), deadline()))
		require.False(t, c.Present(t.Context(), clip("down"), deadline()), "an erroring storage is skipped like a missing clip")
		calls := p.calls.Load()
		for range 100 {
			require.True(t, c.Present(t.Context(), clip("ok"), deadline()))
			require.False(t, c.Present(t.Context(), clip("gone"), deadline()))
		}
		require.Equal(t, calls, p.calls.Load(), "cached verdicts make no storage calls")
	})

	t.Run("slow storage never slows the caller past its deadline", func(t *testing.T) {
		p := &prober{answer: map[string]error{"slow": errMissing}, delay: 300 * time.Millisecond}
		c := existence.New(p, existence.Config{TTL: time.Hour})
		defer c.Close()
		start := time.Now()
		require.True(t, c.Present(t.Context(), clip("slow"), time.Now().Add(20*time.Millisecond)), "unknown past the deadline is assumed present")
		require.Less(t, time.Since(start), 200*time.Millisecond)
		require.Eventually(t, func() bool {
			return !c.Present(t.Context(), clip("slow"), time.Now())
		}, 2*time.Second, 10*time.Millisecond, "the background check lands in the cache")
	})

	t.Run("stale verdicts are served and re-verified in the background", func(t *testing.T) {
		p := &prober{answer: map[string]error{}}
		c := existence.New(p, existence.Config{TTL: 50 * time.Millisecond})
		defer c.Close()
		require.True(t, c.Present(t.Context(), clip("a"), time.Now().Add(time.Second)))
		p.set("a", errMissing)
		time.Sleep(80 * time.Millisecond)
		require.True(t, c.Present(t.Context(), clip("a"), time.Now()), "the stale verdict answers at once")
		require.Eventually(t, func() bool { return !c.Present(t.Context(), clip("a"), time.Now()) }, 2*time.Second, 10*time.Millisecond)
	})

	t.Run("forget and warm", func(t *testing.T) {
		p := &prober{answer: map[string]error{}}
		c := existence.New(p, existence.Config{TTL: time.Hour})
		defer c.Close()
		c.Set("x", false)
		require.False(t, c.Present(t.Context(), clip("x"), time.Now()))
		c.Forget("x")
		c.Warm([]*videov1.Clip{clip("x"), clip("y")})
		require.Eventually(t, func() bool { return p.calls.Load() == 2 }, 2*time.Second, 5*time.Millisecond)
		require.True(t, c.Present(t.Context(), clip("x"), time.Now()))
	})
}
