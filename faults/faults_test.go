package faults

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// LLM faults (bad and malformed JSON, rule violations, 429/5xx, timeouts, truncation, refusal)
// are covered where the LLM client lives: TestCreatePlanLLMScenarios in
// services/plan/generate_test.go drives the plan service against a scripted OpenAI-compatible
// server (services/plan/llmtest) and checks every one ends in a valid plan. These tests cover
// the network between the processes and their stores.

// cluster is the four production processes on loopback.
type cluster struct {
	t       *testing.T
	base    string
	dataDir string
	procs   []*proc
	tokens  []string
}

// clusterConfig says where each service's dependencies are: env adds settings to one
// process's environment (to route its calls through proxies; the last value of a name wins),
// dsn answers a service's DATABASE_URL.
type clusterConfig struct {
	redisURL string
	env      map[string][]string // by role: catalog, video, plan, gateway
	dsn      func(svc string) string
}

func startCluster(t *testing.T, cfg clusterConfig, addrs map[string]string) *cluster {
	t.Helper()
	dataDir := t.TempDir()
	httpAddr := freeAddr(t)
	common := []string{
		"FITCOACH_DATA_DIR=" + dataDir,
		"REDIS_URL=" + cfg.redisURL,
		"CATALOG_ADDR=" + addrs["catalog"], "VIDEO_ADDR=" + addrs["video"], "PLAN_ADDR=" + addrs["plan"],
		"MEDIA_DIR=" + filepath.Join(dataDir, "media"),
		"MEDIA_BASE_URL=http://" + httpAddr + "/media",
		"OPENAI_API_KEY=",
		"FITCOACH_LOAD_STARTER=true",
		// Short enough that the catalog outage outlives the plan service's whitelist cache.
		"PLAN_WHITELIST_CACHE_TTL=1s",
		"PLAN_PLAYLIST_TIMEOUT=2s",
	}
	var procs []*proc
	for _, svc := range []string{"catalog", "video", "plan"} {
		dsn := cfg.dsn(svc)
		out, err := exec.Command(fitcoachBinary(t), "migrate", svc, "up", "--database-url", dsn).CombinedOutput()
		require.NoError(t, err, string(out))
		env := append(append(append([]string{}, common...), "DATABASE_URL="+dsn), cfg.env[svc]...)
		procs = append(procs, start(t, env, "serve", svc, "--grpc-addr", addrs[svc]))
	}
	gw := start(t, append(append([]string{}, common...), cfg.env["gateway"]...), "serve", "gateway", "--http-addr", httpAddr)
	c := &cluster{t: t, base: "http://" + httpAddr, dataDir: dataDir, procs: append(procs, gw)}
	waitReady(t, c.base, gw)
	return c
}

func (c *cluster) person(sub string) api {
	tok := mintToken(c.t, c.dataDir, sub, false)
	c.tokens = append(c.tokens, tok)
	return api{T: c.t, Base: c.base, Token: tok}
}

func (c *cluster) admin() api {
	tok := mintToken(c.t, c.dataDir, "ops", true)
	c.tokens = append(c.tokens, tok)
	return api{T: c.t, Base: c.base, Token: tok}
}

// requireNoSecretsLogged checks that no process printed a token, its signature or the JWT
// secret, even while its dependencies were failing and errors were being logged.
func (c *cluster) requireNoSecretsLogged(t *testing.T) {
	secret, err := os.ReadFile(filepath.Join(c.dataDir, "jwt.secret"))
	require.NoError(t, err)
	leaks := []string{strings.TrimSpace(string(secret))}
	for _, tok := range c.tokens {
		leaks = append(leaks, tok, tok[strings.LastIndex(tok, ".")+1:])
	}
	for _, p := range c.procs {
		out := p.Out.String()
		for _, s := range leaks {
			require.NotContains(t, out, s, "fitcoach %v logged a secret", p.Cmd.Args[1:])
		}
	}
}

func requireRedis(t *testing.T) {
	r, err := cache.NewRedis("redis://127.0.0.1:6379/0", "faults:")
	require.NoError(t, err)
	defer r.Close()
	dbtest.RequireIntegration(t, "Redis", r.Ping(t.Context()))
}

// allowed is the set of exercise slugs the catalog allows, read through the gateway.
func allowed(a api) map[string]bool {
	out := map[string]bool{}
	for _, e := range list(a.OK("GET", "/v1/exercises:allowed", nil), "exercises") {
		ex := obj(e)
		for _, k := range []string{"slug", "exerciseSlug"} {
			if s, ok := ex[k].(string); ok {
				out[s] = true
			}
		}
	}
	return out
}

// planSlugs lists every exercise slug of a plan.
func planSlugs(plan map[string]any) []string {
	var out []string
	for _, w := range list(plan, "weeks") {
		for _, d := range list(obj(w), "days") {
			for _, e := range list(obj(d), "exercises") {
				s, _ := obj(e)["exerciseSlug"].(string)
				out = append(out, s)
			}
		}
	}
	return out
}

// noNotice tells whether a start answer carries no notice (absent or empty).
func noNotice(m map[string]any) bool {
	n, _ := m["notice"].(string)
	return n == ""
}

func TestDependenciesDown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	requireRedis(t)
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	videoLink, catalogLink := newProxy(t, addrs["video"]), newProxy(t, addrs["catalog"])
	redis := newProxy(t, "127.0.0.1:6379")
	c := startCluster(t, clusterConfig{
		redisURL: "redis://" + redis.addr + "/0",
		env:      map[string][]string{"plan": {"VIDEO_ADDR=" + videoLink.addr, "CATALOG_ADDR=" + catalogLink.addr}},
		dsn:      func(string) string { return dbtest.SQLite(t) },
	}, addrs)
	alice := c.person("alice")
	planID, day := onboard(alice)
	startPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", planID, day)
	healthy := alice.OK("POST", startPath, map[string]any{})
	require.NotEmpty(t, list(obj(healthy["playlist"]), "items"))

	t.Run("video service down: start answers the workout, an empty playlist and a notice", func(t *testing.T) {
		videoLink.Refuse()
		got := alice.OK("POST", startPath, map[string]any{})
		require.NotEmpty(t, list(obj(got["workout"]), "exercises"), "the workout is there")
		require.Empty(t, list(obj(got["playlist"]), "items"))
		require.NotEmpty(t, got["notice"], "the person is told why")

		videoLink.Restore()
		videoLink.Cut() // listening again, but every connection is reset
		got = alice.OK("POST", startPath, map[string]any{})
		require.NotEmpty(t, list(obj(got["workout"]), "exercises"))
		require.NotEmpty(t, got["notice"])

		videoLink.Restore()
		require.Eventually(t, func() bool {
			r := alice.Call("POST", startPath, map[string]any{})
			return r.Status == http.StatusOK && len(list(obj(r.Body["playlist"]), "items")) > 0 && noNotice(r.Body)
		}, 30*time.Second, 200*time.Millisecond, "videos come back once the service does")
	})

	t.Run("video service hung: start answers within the playlist timeout with a notice", func(t *testing.T) {
		// Connections stay open but nothing answers: only PLAN_PLAYLIST_TIMEOUT (2s) ends the
		// wait, and the person still gets the workout.
		videoLink.Blackhole(0)
		t0 := time.Now()
		got := alice.OK("POST", startPath, map[string]any{})
		require.Less(t, time.Since(t0), 10*time.Second, "start waited past the playlist timeout")
		require.NotEmpty(t, list(obj(got["workout"]), "exercises"))
		require.Empty(t, list(obj(got["playlist"]), "items"))
		require.NotEmpty(t, got["notice"])
		videoLink.Restore()
		require.Eventually(t, func() bool {
			r := alice.Call("POST", startPath, map[string]any{})
			return r.Status == http.StatusOK && len(list(obj(r.Body["playlist"]), "items")) > 0 && noNotice(r.Body)
		}, 30*time.Second, 200*time.Millisecond, "videos come back once the link heals")
	})

	t.Run("catalog down: generation uses the last good whitelist", func(t *testing.T) {
		good := allowed(alice)
		require.NotEmpty(t, good)
		catalogLink.Refuse()
		time.Sleep(1500 * time.Millisecond) // past PLAN_WHITELIST_CACHE_TTL
		bob := c.person("bob")
		bob.OK("PUT", "/v1/me/profile", profile)
		plan := obj(bob.OK("POST", "/v1/me/plans", map[string]any{"requestId": "catalog-down"})["plan"])
		require.NotEmpty(t, plan["id"])
		require.EqualValues(t, 4, plan["durationWeeks"])
		require.Len(t, list(plan, "weeks"), 4)
		slugs := planSlugs(plan)
		require.NotEmpty(t, slugs)
		for _, s := range slugs {
			require.True(t, good[s], "%s is not an allowed exercise", s)
		}

		catalogLink.Restore()
	})

	t.Run("catalog down with nothing cached for this person: a plan from the exercises seen before", func(t *testing.T) {
		// Nobody asked for this equipment and level before the outage, so the plan service holds
		// no whitelist for it; it filters the allowed exercises it has seen for the person
		// instead of failing the plan.
		good := allowed(alice)
		dave := c.person("dave")
		fresh := map[string]any{}
		for k, v := range profile {
			fresh[k] = v
		}
		fresh["equipment"] = []string{"kettlebell", "bench"}
		fresh["fitnessLevel"] = "FITNESS_LEVEL_ADVANCED"
		dave.OK("PUT", "/v1/me/profile", fresh)
		catalogLink.Refuse()
		plan := obj(dave.OK("POST", "/v1/me/plans", map[string]any{"requestId": "catalog-down-cold"})["plan"])
		catalogLink.Restore()
		require.Len(t, list(plan, "weeks"), 4)
		slugs := planSlugs(plan)
		require.NotEmpty(t, slugs)
		for _, s := range slugs {
			require.True(t, good[s], "%s is not an allowed exercise", s)
		}
		again := obj(dave.OK("POST", "/v1/me/plans", map[string]any{"requestId": "catalog-down-cold"})["plan"])
		require.Equal(t, plan["id"], again["id"], "the same request id answers the same plan")
		require.Len(t, list(dave.OK("GET", "/v1/me/plans", nil), "plans"), 1)
	})

	t.Run("redis down: everything still works", func(t *testing.T) {
		redis.Refuse()
		carol := c.person("carol")
		id, day := onboard(carol)
		require.Equal(t, "ARCHETYPE_MENTOR", obj(carol.OK("GET", "/v1/me/profile", nil)["profile"])["archetype"])
		carol.OK("GET", "/v1/me/plans/"+id, nil)
		require.NotEmpty(t, list(carol.OK("GET", "/v1/exercises?pageSize=5", nil), "exercises"))
		require.NotEmpty(t, allowed(carol))
		started := carol.OK("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", id, day), map[string]any{})
		require.NotEmpty(t, list(obj(started["playlist"]), "items"))
		require.True(t, noNotice(started), "no notice: %v", started["notice"])
		redis.Restore()
		redis.Cut() // a Redis that accepts and drops is no better
		require.NotEmpty(t, list(carol.OK("GET", "/v1/me/plans", nil), "plans"))
		redis.Restore()
	})

	t.Run("no token or secret in the logs of the failing services", c.requireNoSecretsLogged)
}

func TestPostgresLatencyAndCut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	direct := dbtest.Postgres(t)
	pg := newProxy(t, "127.0.0.1:5432")
	u, err := url.Parse(direct)
	require.NoError(t, err)
	u.Host = pg.addr
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	c := startCluster(t, clusterConfig{dsn: func(svc string) string {
		if svc == "plan" {
			return u.String()
		}
		return dbtest.SQLite(t)
	}}, addrs)
	alice := c.person("alice")
	planID, day := onboard(alice)
	dayPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", planID, day)
	done := completion(alice, dayPath)

	t.Run("latency slows requests down but they succeed", func(t *testing.T) {
		pg.SetLatency(30 * time.Millisecond)
		alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "slow"})
		alice.OK("POST", dayPath+":complete", done)
		pg.Restore()
	})

	t.Run("packets sliced and bandwidth capped: the drivers reassemble, requests succeed", func(t *testing.T) {
		// Every PostgreSQL message arrives in pieces of about 16 bytes over a 32 KB/s link:
		// a reader that took one read for one message would fail here.
		pg.Slice(16, 50*time.Microsecond)
		pg.SetBandwidth(32)
		alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "sliced"})
		alice.OK("GET", dayPath, nil)
		pg.Restore()
	})

	t.Run("connections cut: requests fail cleanly, then recover", func(t *testing.T) {
		pg.Cut()
		r := alice.Call("POST", "/v1/me/plans", map[string]any{"requestId": "during-cut"})
		require.NotEqual(t, http.StatusOK, r.Status, "nothing can be stored while the database is away")
		require.Contains(t, r.ContentType, "application/json")
		require.NotEmpty(t, r.Body["code"], string(r.Raw))
		r = alice.Call("POST", dayPath+":complete", done)
		require.NotEqual(t, http.StatusOK, r.Status, string(r.Raw))

		pg.Restore()
		var first string
		require.Eventually(t, func() bool {
			r := alice.Call("POST", "/v1/me/plans", map[string]any{"requestId": "during-cut"})
			first, _ = obj(r.Body["plan"])["id"].(string)
			return r.Status == http.StatusOK
		}, 30*time.Second, 200*time.Millisecond, "the plan service reconnects")
		again := obj(alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "during-cut"})["plan"])
		require.Equal(t, first, again["id"], "a retried request makes no second plan")
		alice.OK("POST", dayPath+":complete", done)
		require.Len(t, list(alice.OK("GET", "/v1/me/plans", nil), "plans"), 4)
	})

	t.Run("no token or secret in the logs", c.requireNoSecretsLogged)

	t.Run("nothing was written twice", func(t *testing.T) {
		requireWrittenOnce(t, direct, 4, "during-cut") // onboarding, slow, sliced and during-cut
	})
}
