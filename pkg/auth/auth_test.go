package auth

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

func TestHS256(t *testing.T) {
	h, err := NewHS256([]byte(strings.Repeat("k", 32)))
	require.NoError(t, err)
	other, err := NewHS256([]byte(strings.Repeat("x", 32)))
	require.NoError(t, err)

	good, err := h.Mint("alice", []string{RoleAdmin}, time.Hour)
	require.NoError(t, err)
	expired, err := h.Mint("alice", nil, time.Hour)
	require.NoError(t, err)
	h2 := *h
	h2.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "alice", "exp": time.Now().Add(time.Hour).Unix()}).
		SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	wrongSig, err := other.Mint("alice", nil, time.Hour)
	require.NoError(t, err)

	p, err := h.Verify(t.Context(), good)
	require.NoError(t, err)
	require.Equal(t, "alice", p.Subject)
	require.True(t, p.IsAdmin())
	require.Equal(t, good, p.Token)

	for name, tc := range map[string]struct {
		v     *HS256
		token string
	}{
		"expired":         {&h2, expired},
		"alg none":        {h, none},
		"wrong signature": {h, wrongSig},
		"garbage":         {h, "a.b.c"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tc.v.Verify(t.Context(), tc.token)
			require.ErrorIs(t, err, ErrInvalidToken)
		})
	}

	_, err = NewHS256([]byte("short"))
	require.Error(t, err)
	_, err = h.Mint("", nil, time.Hour)
	require.Error(t, err)
}

func TestLoadOrCreateSecret(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s1, err := LoadOrCreateSecret("", dir)
	require.NoError(t, err)
	require.Len(t, s1, 64)
	fi, err := os.Stat(filepath.Join(dir, "jwt.secret"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	s2, err := LoadOrCreateSecret("", dir)
	require.NoError(t, err)
	require.Equal(t, s1, s2, "the secret is created once")
	s3, err := LoadOrCreateSecret("from-env", dir)
	require.NoError(t, err)
	require.Equal(t, "from-env", string(s3))
}

// TestHS256RefusesForeignShapes signs tokens with the right secret but not in the shape Mint
// gives them: each must be refused.
func TestHS256RefusesForeignShapes(t *testing.T) {
	secret := []byte(strings.Repeat("k", 32))
	h, err := NewHS256(secret)
	require.NoError(t, err)
	now := time.Now()
	exp, iat := now.Add(time.Hour).Unix(), now.Add(-time.Minute).Unix()
	sign := func(t *testing.T, claims jwt.MapClaims) string {
		t.Helper()
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
		require.NoError(t, err)
		return tok
	}
	good := jwt.MapClaims{"sub": "alice", "iss": "fitcoach", "exp": exp, "iat": iat, "nbf": iat}
	_, err = h.Verify(t.Context(), sign(t, good))
	require.NoError(t, err, "the shape Mint gives must pass")

	with := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for key, val := range good {
			c[key] = val
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	for name, claims := range map[string]jwt.MapClaims{
		"other iss":     with("iss", "evil"),
		"no iss":        with("iss", nil),
		"iss as a list": with("iss", []string{"fitcoach"}),
		"exp as string": with("exp", strconv.FormatInt(exp, 10)),
		"no exp":        with("exp", nil),
		"iat as string": with("iat", strconv.FormatInt(iat, 10)),
		"no iat":        with("iat", nil),
		"nbf as string": with("nbf", strconv.FormatInt(iat, 10)),
		"no sub":        with("sub", nil),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := h.Verify(t.Context(), sign(t, claims))
			require.ErrorIs(t, err, ErrInvalidToken)
		})
	}
}
