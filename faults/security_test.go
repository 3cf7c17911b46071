package faults

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

// route is one REST route with real ids filled in, so a refusal is about the caller and never
// about a missing resource.
type route struct {
	method, path string
	body         any
	admin        bool // only admins may call it
	owned        bool // names the caller's own plan
}

// forge signs claims the way an attacker might: with the right secret but expired, with a
// wrong secret, or with no signature at all.
func forge(t *testing.T, secret []byte) map[string]string {
	t.Helper()
	now := time.Now()
	claims := func(exp time.Time, roles ...string) jwt.MapClaims {
		return jwt.MapClaims{"sub": "alice", "iss": "fitcoach", "iat": now.Add(-3 * time.Hour).Unix(),
			"nbf": now.Add(-3 * time.Hour).Unix(), "exp": exp.Unix(), "roles": roles}
	}
	expired, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(now.Add(-2*time.Hour))).SignedString(secret)
	require.NoError(t, err)
	wrong, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(now.Add(time.Hour), "admin")).
		SignedString([]byte(strings.Repeat("w", 64)))
	require.NoError(t, err)
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims(now.Add(time.Hour), "admin")).
		SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	// A valid token whose payload was swapped for an admin one keeps its old signature.
	valid, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(now.Add(time.Hour))).SignedString(secret)
	require.NoError(t, err)
	adminPayload, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(now.Add(time.Hour), "admin")).SignedString(secret)
	require.NoError(t, err)
	v, a := strings.Split(valid, "."), strings.Split(adminPayload, ".")
	return map[string]string{
		"expired":          expired,
		"wrong signature":  wrong,
		"alg none":         none,
		"tampered payload": v[0] + "." + a[1] + "." + v[2],
		"garbage":          "not.a.jwt",
	}
}

func TestAuthorizationOnEveryRoute(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	httpAddr, grpcAddr := freeAddr(t), freeAddr(t)
	p := start(t, []string{"OPENAI_API_KEY="}, "dev", "--data-dir", dataDir, "--http-addr", httpAddr, "--grpc-addr", grpcAddr)
	base := "http://" + httpAddr
	waitReady(t, base, p)

	aliceTok, bobTok, adminTok := mintToken(t, dataDir, "alice", false), mintToken(t, dataDir, "bob", false), mintToken(t, dataDir, "ops", true)
	alice, bob, root := api{T: t, Base: base, Token: aliceTok}, api{T: t, Base: base, Token: bobTok},
		api{T: t, Base: base, Token: adminTok}
	planID, day := onboard(alice)
	bob.OK("PUT", "/v1/me/profile", profile)
	dayPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", planID, day)
	done := completion(alice, dayPath)
	slug, _ := obj(list(root.OK("GET", "/v1/exercises?pageSize=1", nil), "exercises")[0])["slug"].(string)
	clipID, _ := obj(list(root.OK("GET", "/v1/clips?pageSize=1", nil), "clips")[0])["id"].(string)
	require.NotEmpty(t, slug)
	require.NotEmpty(t, clipID)

	exercise := map[string]any{"slug": "faults-move", "name": map[string]string{"en": "Move"},
		"muscleGroups": []string{"core"}, "difficulty": "FITNESS_LEVEL_BEGINNER"}
	routes := []route{
		{"GET", "/v1/exercises", nil, false, false},
		{"GET", "/v1/exercises/" + slug, nil, false, false},
		{"POST", "/v1/exercises", exercise, true, false},
		{"PATCH", "/v1/exercises/" + slug, map[string]any{"active": true}, true, false},
		{"DELETE", "/v1/exercises/" + slug, nil, true, false},
		{"POST", "/v1/exercises:import", map[string]any{"exercises": []any{exercise}}, true, false},
		{"GET", "/v1/exercises:allowed", nil, false, false},
		{"GET", "/v1/exercises/" + slug + "/alternatives", nil, false, false},
		{"GET", "/v1/coverage", nil, false, false},
		{"POST", "/v1/exercises:invalidateCache", map[string]any{}, true, false},
		{"GET", "/v1/clips", nil, false, false},
		{"POST", "/v1/clips", map[string]any{}, true, false},
		{"GET", "/v1/clips/" + clipID, nil, false, false},
		{"PATCH", "/v1/clips/" + clipID, map[string]any{"active": true}, true, false},
		{"DELETE", "/v1/clips/" + clipID, nil, true, false},
		{"GET", "/v1/clips/" + clipID + "/playback", nil, false, false},
		{"POST", "/v1/clips/" + clipID + ":upload", map[string]any{}, true, false},
		{"POST", "/v1/playlists:build", map[string]any{"planId": planID, "week": 1, "day": 1}, false, false},
		{"GET", "/v1/clips:coverage", nil, false, false},
		{"PUT", "/v1/me/profile", profile, false, false},
		{"GET", "/v1/me/profile", nil, false, false},
		{"POST", "/v1/me/plans", map[string]any{"requestId": "x"}, false, false},
		{"GET", "/v1/me/plans", nil, false, false},
		{"GET", "/v1/me/plans/" + planID, nil, false, true},
		{"GET", dayPath, nil, false, true},
		{"POST", dayPath + ":start", map[string]any{}, false, true},
		{"POST", dayPath + ":complete", done, false, true},
		{"POST", "/v1/plans:validate", `{"plan_name":"x","weeks":[]}`, false, false},
	}
	secret, err := os.ReadFile(filepath.Join(dataDir, "jwt.secret"))
	require.NoError(t, err)
	forged := forge(t, []byte(strings.TrimSpace(string(secret))))
	// Bigger than the gateway's default 1 MiB limit.
	huge := []byte(`{"notes":"` + strings.Repeat("a", 2<<20) + `"}`)

	for _, rt := range routes {
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			refused := func(r response, want int, why string) {
				t.Helper()
				require.Equal(t, want, r.Status, "%s: %s", why, r.Raw)
				require.Contains(t, r.ContentType, "application/json", why)
				require.NotEmpty(t, r.Body["code"], "%s: JSON error body %s", why, r.Raw)
			}
			refused(api{T: t, Base: base}.Call(rt.method, rt.path, rt.body), http.StatusUnauthorized, "no token")
			for name, tok := range forged {
				refused(api{T: t, Base: base, Token: tok}.Call(rt.method, rt.path, rt.body), http.StatusUnauthorized, name)
			}
			if rt.admin {
				refused(alice.Call(rt.method, rt.path, rt.body), http.StatusForbidden, "a person on an admin route")
			}
			if rt.owned {
				refused(bob.Call(rt.method, rt.path, rt.body), http.StatusNotFound, "another person's plan")
			}
			refused(root.Call(rt.method, rt.path, huge), http.StatusRequestEntityTooLarge, "oversized body")
		})
	}

	// The owner still gets through after all that, so the refusals above were about the caller.
	alice.OK("GET", "/v1/me/plans/"+planID, nil)
	alice.OK("POST", dayPath+":start", map[string]any{})

	t.Run("no secret or token in the logs", func(t *testing.T) {
		logs := p.Out.String()
		require.NotEmpty(t, logs)
		secrets := map[string]string{"jwt.secret": strings.TrimSpace(string(secret)), "alice's token": aliceTok,
			"bob's token": bobTok, "admin token": adminTok}
		for name, tok := range forged {
			secrets[name+" token"] = tok
		}
		for name, s := range secrets {
			require.NotContains(t, logs, s, "%s appears in the logs", name)
			// A token's signature alone is as good as a leak.
			if parts := strings.Split(s, "."); len(parts) == 3 && len(parts[2]) > 16 {
				require.NotContains(t, logs, parts[2], "%s signature appears in the logs", name)
			}
		}
		for _, marker := range []string{"X-Amz-Signature", "X-Amz-Credential", "Bearer ey"} {
			require.NotContains(t, logs, marker)
		}
	})
}
