package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

// TestToken: with the servers' secret the load generator mints its own tokens (a separate-process
// deployment has no /dev/token); without it, it asks `fitcoach dev`'s /dev/token.
func TestToken(t *testing.T) {
	var devCalls atomic.Int64
	dev := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Sub string }
		if r.URL.Path != "/dev/token" || json.NewDecoder(r.Body).Decode(&in) != nil {
			http.Error(w, "not a token request", http.StatusBadRequest)
			return
		}
		devCalls.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]string{"token": "dev-token-for-" + in.Sub})
	}))
	defer dev.Close()
	o := options{base: dev.URL, c: 1}

	t.Run("minted from FITCOACH_JWT_SECRET", func(t *testing.T) {
		secret := "a-shared-secret-of-at-least-32-bytes"
		t.Setenv("FITCOACH_JWT_SECRET", secret)
		h, err := newHarness(o)
		require.NoError(t, err)
		tok, err := h.token(t.Context(), 0, "maria")
		require.NoError(t, err)
		verifier, err := auth.NewHS256([]byte(secret))
		require.NoError(t, err)
		p, err := verifier.Verify(t.Context(), tok)
		require.NoError(t, err)
		require.Equal(t, "maria", p.Subject)
		require.Empty(t, p.Roles, "a person, not an admin")
		require.Zero(t, devCalls.Load())
	})

	t.Run("from /dev/token", func(t *testing.T) {
		t.Setenv("FITCOACH_JWT_SECRET", "")
		h, err := newHarness(o)
		require.NoError(t, err)
		tok, err := h.token(t.Context(), 0, "maria")
		require.NoError(t, err)
		require.Equal(t, "dev-token-for-maria", tok)
		require.EqualValues(t, 1, devCalls.Load())
	})

	t.Run("a short secret is refused", func(t *testing.T) {
		t.Setenv("FITCOACH_JWT_SECRET", "short")
		_, err := newHarness(o)
		require.ErrorContains(t, err, "32 bytes")
	})
}

// lagging is a context whose deadline has passed but whose cancellation has not landed yet, as
// on a machine too busy to run the deadline's timer on time.
type lagging struct {
	context.Context
	deadline time.Time
}

func (l lagging) Deadline() (time.Time, bool) { return l.deadline, true }

func TestCapped(t *testing.T) {
	require.False(t, capped(t.Context()), "no deadline")
	require.False(t, capped(lagging{t.Context(), time.Now().Add(time.Hour)}))
	require.True(t, capped(lagging{t.Context(), time.Now().Add(-time.Millisecond)}), "past the deadline, cancelled or not")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.True(t, capped(ctx))
}

func TestMeasure(t *testing.T) {
	failTenth := func(_ context.Context, _, i int) error {
		if i%10 == 0 {
			return errors.New("refused")
		}
		return nil
	}
	t.Run("closed loop", func(t *testing.T) {
		r := measure(options{c: 4}, 100, time.Minute, failTenth)
		require.Equal(t, 100, r.Requests)
		require.Equal(t, 10, r.Errors)
		require.Equal(t, "refused", r.FirstError)
	})
	t.Run("open loop keeps the schedule", func(t *testing.T) {
		r := measure(options{c: 4, rate: 500}, 50, time.Minute, failTenth)
		require.Equal(t, 50, r.Requests)
		require.Equal(t, 5, r.Errors)
		require.GreaterOrEqual(t, r.Seconds, 49.0/500, "request i is sent at i/rate")
	})
	t.Run("requests cut by the time cap are not errors", func(t *testing.T) {
		r := measure(options{c: 4}, 1000, 50*time.Millisecond, func(ctx context.Context, _, _ int) error {
			<-ctx.Done()
			return ctx.Err()
		})
		require.Zero(t, r.Errors)
		require.Zero(t, r.Requests)
	})
}
