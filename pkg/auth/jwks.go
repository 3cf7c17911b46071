package auth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JWKS verifies tokens signed by an identity provider whose public keys are published as a JSON
// Web Key Set. Keys are cached and refreshed every RefreshInterval, and at once (at most every
// MinRefresh) when a token names a key id not yet known, which is how providers rotate keys.
type JWKS struct {
	url        string
	client     *http.Client
	issuer     string
	audience   string
	refresh    time.Duration
	minRefresh time.Duration

	mu      sync.RWMutex
	keys    map[string]crypto.PublicKey
	fetched time.Time
	now     func() time.Time
}

// JWKSConfig configures a JWKS verifier. URL is required; Issuer and Audience are checked when set.
type JWKSConfig struct {
	URL             string
	Issuer          string
	Audience        string
	RefreshInterval time.Duration
	MinRefresh      time.Duration
	Client          *http.Client
}

// NewJWKS returns a verifier for cfg. Keys are fetched on first use.
func NewJWKS(cfg JWKSConfig) (*JWKS, error) {
	if cfg.URL == "" {
		return nil, errors.New("auth: JWKS URL is required")
	}
	if cfg.RefreshInterval <= 0 {
		cfg.RefreshInterval = time.Hour
	}
	if cfg.MinRefresh <= 0 {
		cfg.MinRefresh = 30 * time.Second
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 5 * time.Second}
	}
	return &JWKS{url: cfg.URL, client: cfg.Client, issuer: cfg.Issuer, audience: cfg.Audience,
		refresh: cfg.RefreshInterval, minRefresh: cfg.MinRefresh, now: time.Now}, nil
}

type jwk struct {
	Kid string `json:"kid"`
	Kty string `json:"kty"`
	Use string `json:"use"`
	Crv string `json:"crv"`
	N   string `json:"n"`
	E   string `json:"e"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

func (k jwk) publicKey() (crypto.PublicKey, error) {
	b64 := base64.RawURLEncoding
	switch k.Kty {
	case "RSA":
		n, err := b64.DecodeString(k.N)
		if err != nil {
			return nil, err
		}
		e, err := b64.DecodeString(k.E)
		if err != nil {
			return nil, err
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		if pub.N.BitLen() < 2048 {
			return nil, errors.New("RSA key shorter than 2048 bits")
		}
		return pub, nil
	case "EC":
		var curve elliptic.Curve
		switch k.Crv {
		case "P-256":
			curve = elliptic.P256()
		case "P-384":
			curve = elliptic.P384()
		default:
			return nil, fmt.Errorf("unsupported curve %q", k.Crv)
		}
		x, err := b64.DecodeString(k.X)
		if err != nil {
			return nil, err
		}
		y, err := b64.DecodeString(k.Y)
		if err != nil {
			return nil, err
		}
		// Uncompressed point: 0x04 || X || Y, each padded to the curve's byte size.
		size := (curve.Params().BitSize + 7) / 8
		point := make([]byte, 1+2*size)
		point[0] = 4
		copy(point[1+size-len(x):1+size], x)
		copy(point[1+2*size-len(y):], y)
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
		if err != nil {
			return nil, err
		}
		return pub, nil
	}
	return nil, fmt.Errorf("unsupported key type %q", k.Kty)
}

func (j *JWKS) fetch(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.url, nil)
	if err != nil {
		return err
	}
	resp, err := j.client.Do(req)
	if err != nil {
		return fmt.Errorf("auth: fetch JWKS: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("auth: fetch JWKS: %s", resp.Status)
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&set); err != nil {
		return fmt.Errorf("auth: decode JWKS: %w", err)
	}
	keys := make(map[string]crypto.PublicKey, len(set.Keys))
	for _, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		pub, err := k.publicKey()
		if err != nil {
			continue // one unusable key must not lock everyone out
		}
		keys[k.Kid] = pub
	}
	j.mu.Lock()
	j.keys, j.fetched = keys, j.now()
	j.mu.Unlock()
	return nil
}

func (j *JWKS) key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	j.mu.RLock()
	k, ok := j.keys[kid]
	age := j.now().Sub(j.fetched)
	have := j.keys != nil
	j.mu.RUnlock()
	if ok && age < j.refresh {
		return k, nil
	}
	if !have || age >= j.minRefresh {
		if err := j.fetch(ctx); err != nil {
			if ok {
				return k, nil // the provider is down: keep using the key we had
			}
			return nil, err
		}
		j.mu.RLock()
		k, ok = j.keys[kid]
		j.mu.RUnlock()
	}
	if !ok {
		return nil, fmt.Errorf("unknown key id %q", kid)
	}
	return k, nil
}

// Verify implements Verifier. RS256/384/512, PS256 and ES256/384 are accepted; HS* and none
// are refused, so a public key can never be used as an HMAC secret.
func (j *JWKS) Verify(ctx context.Context, token string) (Principal, error) {
	var claims Claims
	opts := []jwt.ParserOption{
		jwt.WithValidMethods([]string{"RS256", "RS384", "RS512", "PS256", "ES256", "ES384"}),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(30 * time.Second),
		jwt.WithTimeFunc(j.now),
	}
	if j.issuer != "" {
		opts = append(opts, jwt.WithIssuer(j.issuer))
	}
	if j.audience != "" {
		opts = append(opts, jwt.WithAudience(j.audience))
	}
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		return j.key(ctx, kid)
	}, opts...)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if claims.Subject == "" {
		return Principal{}, fmt.Errorf("%w: no subject", ErrInvalidToken)
	}
	return Principal{Subject: claims.Subject, Roles: claims.Roles, Token: token}, nil
}

// Chain tries verifiers in order and accepts the first success: services accept tokens from the
// identity provider (JWKS) and their own service tokens (HS256) side by side.
type Chain []Verifier

// Verify implements Verifier.
func (c Chain) Verify(ctx context.Context, token string) (Principal, error) {
	err := ErrInvalidToken
	for _, v := range c {
		p, verr := v.Verify(ctx, token)
		if verr == nil {
			return p, nil
		}
		err = verr
	}
	return Principal{}, err
}
