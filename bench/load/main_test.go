package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

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
		tok, err := h.token(t.Context(), "maria")
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
		tok, err := h.token(t.Context(), "maria")
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
