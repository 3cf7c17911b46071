// Package auth issues and verifies the JWTs that name who calls fitcoach, and carries that
// principal through a request's context and onward to the services it calls.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// RoleAdmin may write to the catalog and clips.
const RoleAdmin = "admin"

// RoleService marks tokens services use to call each other outside a person's request.
const RoleService = "service"

// ErrInvalidToken is returned by Verify for a token that is missing, malformed, expired or
// wrongly signed. Callers answer Unauthenticated without saying which.
var ErrInvalidToken = errors.New("invalid token")

// Claims are the JWT claims fitcoach reads: sub names the person, roles grant extra rights.
type Claims struct {
	Roles []string `json:"roles,omitempty"`
	jwt.RegisteredClaims
}

// Principal is the verified caller of a request.
type Principal struct {
	Subject string
	Roles   []string
	// Token is the raw bearer token, forwarded when this request calls another service.
	Token string
}

// HasRole reports whether the principal holds role.
func (p Principal) HasRole(role string) bool { return slices.Contains(p.Roles, role) }

// IsAdmin reports whether the principal may change the catalog and clips.
func (p Principal) IsAdmin() bool { return p.HasRole(RoleAdmin) }

// Verifier checks a bearer token. Verify returns ErrInvalidToken (possibly wrapped) when the
// token must be refused.
type Verifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

// HS256 signs and verifies tokens with one shared secret.
type HS256 struct {
	secret []byte
	issuer string
	now    func() time.Time
}

// NewHS256 returns an HS256 signer/verifier. The secret must be at least 32 bytes.
func NewHS256(secret []byte) (*HS256, error) {
	if len(secret) < 32 {
		return nil, fmt.Errorf("auth: the HS256 secret needs at least 32 bytes, got %d", len(secret))
	}
	return &HS256{secret: secret, issuer: "fitcoach", now: time.Now}, nil
}

// Mint returns a signed token for sub with roles, valid for ttl.
func (h *HS256) Mint(sub string, roles []string, ttl time.Duration) (string, error) {
	if sub == "" {
		return "", errors.New("auth: a token needs a subject")
	}
	if ttl <= 0 {
		return "", errors.New("auth: a token needs a positive ttl")
	}
	now := h.now()
	claims := Claims{
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   sub,
			Issuer:    h.issuer,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(h.secret)
}

// Verify implements Verifier. Only HS256 is accepted: alg=none and other algorithms fail.
// Only tokens shaped like those Mint makes pass: iss is this signer's issuer, sub is set, and
// exp and iat are present as JSON numbers. The secret is shared by every fitcoach process, so
// nothing else has a reason to sign with it; a token of another shape was made by something
// that should not hold the secret, or by a library whose leniency (jwt-go reads "exp": "123"
// as a date) we do not want to depend on.
func (h *HS256) Verify(_ context.Context, token string) (Principal, error) {
	var claims Claims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return h.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuer(h.issuer),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(h.now),
		jwt.WithLeeway(30*time.Second),
	)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if claims.Subject == "" {
		return Principal{}, fmt.Errorf("%w: no subject", ErrInvalidToken)
	}
	if claims.IssuedAt == nil {
		return Principal{}, fmt.Errorf("%w: no iat", ErrInvalidToken)
	}
	// The signature is good, so the payload is the one that was signed and decodes.
	if err := numericDates(token); err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	return Principal{Subject: claims.Subject, Roles: claims.Roles, Token: token}, nil
}

// numericDates requires the time claims of token's payload, where present, to be JSON numbers
// (RFC 7519 NumericDate), which is what Mint writes.
func numericDates(token string) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errors.New("not a JWS compact token")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return fmt.Errorf("payload: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(payload, &raw); err != nil {
		return fmt.Errorf("payload: %w", err)
	}
	for _, name := range []string{"exp", "iat", "nbf"} {
		v, ok := raw[name]
		if !ok {
			continue
		}
		if len(v) == 0 || !(v[0] == '-' || ('0' <= v[0] && v[0] <= '9')) {
			return fmt.Errorf("%s must be a number, got %s", name, v)
		}
	}
	return nil
}

// LoadOrCreateSecret returns the HS256 secret: envSecret when set, else the hex secret stored in
// dataDir/jwt.secret, created (mode 0600) on first use.
func LoadOrCreateSecret(envSecret, dataDir string) ([]byte, error) {
	if envSecret != "" {
		return []byte(envSecret), nil
	}
	path := filepath.Join(dataDir, "jwt.secret")
	b, err := os.ReadFile(path)
	if err == nil {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("auth: read %s: %w", path, err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("auth: create %s: %w", dataDir, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	secret := hex.EncodeToString(raw)
	// O_EXCL: when two processes start at once, one wins and the other reads its secret.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return LoadOrCreateSecret("", dataDir)
	}
	if err != nil {
		return nil, fmt.Errorf("auth: create %s: %w", path, err)
	}
	if _, err := f.WriteString(secret + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return []byte(secret), f.Close()
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the request's verified principal.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
