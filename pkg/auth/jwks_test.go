package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

// idp is a loopback identity provider publishing a JWKS.
type idp struct {
	mu   sync.Mutex
	keys []map[string]string
	hits atomic.Int32
	down atomic.Bool
	srv  *httptest.Server
}

func newIDP(t *testing.T) *idp {
	p := &idp{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		p.hits.Add(1)
		if p.down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": p.keys})
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func (p *idp) addRSA(kid string, k *rsa.PublicKey) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keys = append(p.keys, map[string]string{"kid": kid, "kty": "RSA", "use": "sig",
		"n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())})
}

func (p *idp) addEC(kid string, k *ecdsa.PublicKey) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, err := k.Bytes()
	if err != nil {
		panic(err)
	}
	size := (len(b) - 1) / 2
	p.keys = append(p.keys, map[string]string{"kid": kid, "kty": "EC", "crv": "P-256",
		"x": b64(b[1 : 1+size]), "y": b64(b[1+size:])})
}

func sign(t *testing.T, method jwt.SigningMethod, kid string, key any, claims jwt.MapClaims) string {
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

func TestJWKS(t *testing.T) {
	p := newIDP(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	p.addRSA("r1", &rsaKey.PublicKey)

	v, err := NewJWKS(JWKSConfig{URL: p.srv.URL, Issuer: "https://idp.example", Audience: "fitcoach", MinRefresh: time.Nanosecond})
	require.NoError(t, err)
	claims := func() jwt.MapClaims {
		return jwt.MapClaims{"sub": "alice", "iss": "https://idp.example", "aud": "fitcoach",
			"exp": time.Now().Add(time.Hour).Unix(), "roles": []string{"admin"}}
	}

	pr, err := v.Verify(t.Context(), sign(t, jwt.SigningMethodRS256, "r1", rsaKey, claims()))
	require.NoError(t, err)
	require.Equal(t, "alice", pr.Subject)
	require.True(t, pr.IsAdmin())

	t.Run("rotation: a new key id is fetched", func(t *testing.T) {
		p.addEC("e1", &ecKey.PublicKey)
		_, err := v.Verify(t.Context(), sign(t, jwt.SigningMethodES256, "e1", ecKey, claims()))
		require.NoError(t, err)
	})

	refused := map[string]string{
		"unknown kid": sign(t, jwt.SigningMethodRS256, "nope", rsaKey, claims()),
		"wrong issuer": func() string {
			c := claims()
			c["iss"] = "https://evil.example"
			return sign(t, jwt.SigningMethodRS256, "r1", rsaKey, c)
		}(),
		"wrong audience": func() string {
			c := claims()
			c["aud"] = "other"
			return sign(t, jwt.SigningMethodRS256, "r1", rsaKey, c)
		}(),
		"expired": func() string {
			c := claims()
			c["exp"] = time.Now().Add(-time.Hour).Unix()
			return sign(t, jwt.SigningMethodRS256, "r1", rsaKey, c)
		}(),
		// The classic confusion attack: HMAC keyed with the public key's bytes.
		"hs256 with the public key": sign(t, jwt.SigningMethodHS256, "r1", rsaKey.PublicKey.N.Bytes(), claims()),
		"alg none": func() string {
			s, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
			require.NoError(t, err)
			return s
		}(),
		"tampered": func() string {
			s := sign(t, jwt.SigningMethodRS256, "r1", rsaKey, claims())
			parts := strings.Split(s, ".")
			c := claims()
			c["sub"] = "mallory"
			body, _ := json.Marshal(c)
			return parts[0] + "." + b64(body) + "." + parts[2]
		}(),
	}
	for name, tok := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := v.Verify(t.Context(), tok)
			require.ErrorIs(t, err, ErrInvalidToken)
		})
	}

	t.Run("provider down: known keys keep working", func(t *testing.T) {
		v.mu.Lock()
		v.fetched = time.Now().Add(-2 * time.Hour) // force a refresh attempt
		v.mu.Unlock()
		p.down.Store(true)
		defer p.down.Store(false)
		_, err := v.Verify(t.Context(), sign(t, jwt.SigningMethodRS256, "r1", rsaKey, claims()))
		require.NoError(t, err)
	})
}

func TestChain(t *testing.T) {
	a, err := NewHS256([]byte(strings.Repeat("a", 32)))
	require.NoError(t, err)
	b, err := NewHS256([]byte(strings.Repeat("b", 32)))
	require.NoError(t, err)
	tok, err := b.Mint("svc", []string{RoleService}, time.Hour)
	require.NoError(t, err)
	p, err := Chain{a, b}.Verify(t.Context(), tok)
	require.NoError(t, err)
	require.Equal(t, "svc", p.Subject)
	_, err = Chain{a}.Verify(t.Context(), tok)
	require.ErrorIs(t, err, ErrInvalidToken)
}
