package cache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

func conformance(t *testing.T, c Cache) {
	ctx := t.Context()
	_, ok, err := c.Get(ctx, "missing")
	require.NoError(t, err)
	require.False(t, ok)

	require.NoError(t, c.Set(ctx, "k", []byte("v"), time.Minute))
	v, ok, err := c.Get(ctx, "k")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "v", string(v))

	require.NoError(t, c.Delete(ctx, "k", "other"))
	_, ok, err = c.Get(ctx, "k")
	require.NoError(t, err)
	require.False(t, ok)
}

func redisURL() string {
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

func randomPrefix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "test:" + hex.EncodeToString(b) + ":"
}

func TestMemory(t *testing.T) {
	conformance(t, NewMemory(0))

	t.Run("expiry", func(t *testing.T) {
		m := NewMemory(0)
		now := time.Unix(1000, 0)
		m.now = func() time.Time { return now }
		require.NoError(t, m.Set(t.Context(), "k", []byte("v"), time.Second))
		now = now.Add(time.Second)
		_, ok, _ := m.Get(t.Context(), "k")
		require.False(t, ok)
	})
	t.Run("bounded", func(t *testing.T) {
		m := NewMemory(3)
		for _, k := range []string{"a", "b", "c", "d", "e"} {
			require.NoError(t, m.Set(t.Context(), k, []byte(k), time.Minute))
		}
		require.LessOrEqual(t, len(m.items), 3)
		_, ok, _ := m.Get(t.Context(), "e")
		require.True(t, ok, "the newest key is kept")
	})
}

func TestRedis(t *testing.T) {
	r, err := NewRedis(redisURL(), randomPrefix())
	require.NoError(t, err)
	defer r.Close()
	dbtest.RequireIntegration(t, "Redis", r.Ping(t.Context()))
	conformance(t, r)

	t.Run("ttl", func(t *testing.T) {
		require.NoError(t, r.Set(t.Context(), "short", []byte("v"), 50*time.Millisecond))
		require.Eventually(t, func() bool {
			_, ok, err := r.Get(context.Background(), "short")
			return err == nil && !ok
		}, 2*time.Second, 20*time.Millisecond)
	})
}

func TestFallbackDegradesWhenRedisIsDown(t *testing.T) {
	// Nothing listens on port 1: every Redis call fails fast, as in an outage.
	down, err := NewRedis("redis://127.0.0.1:1/0", randomPrefix())
	require.NoError(t, err)
	defer down.Close()
	f := NewFallback(down, slog.New(slog.NewTextHandler(io.Discard, nil)))

	require.NoError(t, f.Set(t.Context(), "k", []byte("v"), time.Minute))
	v, ok, err := f.Get(t.Context(), "k")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "v", string(v))
	require.True(t, f.Degraded())
}

func TestFallbackUsesRedisWhenUp(t *testing.T) {
	r, err := NewRedis(redisURL(), randomPrefix())
	require.NoError(t, err)
	defer r.Close()
	dbtest.RequireIntegration(t, "Redis", r.Ping(t.Context()))
	f := NewFallback(r, slog.New(slog.NewTextHandler(io.Discard, nil)))
	conformance(t, f)
	require.NoError(t, f.Set(t.Context(), "shared", []byte("x"), time.Minute))
	v, ok, err := r.Get(t.Context(), "shared")
	require.NoError(t, err)
	require.True(t, ok, "a replica reading Redis directly sees the value")
	require.Equal(t, "x", string(v))
	require.False(t, f.Degraded())
}
