package faults

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPostgresRestart runs all three services on a PostgreSQL server of the test's own and
// restarts it under them: cleanly, then by crashing it. While it is away a person gets clean
// errors (never a 500) and no half-written data; once it is back every service reconnects by
// itself, what was stored before is all there, and retried requests store nothing twice.
func TestPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary and a PostgreSQL server")
	}
	pg := startPostgresServer(t)
	dsns := map[string]string{}
	for _, svc := range []string{"catalog", "video", "plan"} {
		dsns[svc] = pg.CreateDatabase(svc)
	}
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	c := startCluster(t, clusterConfig{dsn: func(svc string) string { return dsns[svc] }}, addrs)
	alice := c.person("alice")
	// The video service loads its starter clips as it starts: plans need them.
	require.Eventually(t, func() bool { return alice.Call("GET", "/v1/exercises:allowed", nil).Status == 200 }, 30*time.Second, 100*time.Millisecond, "the allowed exercises are served")
	planID, day := onboard(alice)
	dayPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", planID, day)
	done := completion(alice, dayPath)
	alice.OK("POST", dayPath+":complete", done)

	// back waits until a request that needs every service's database succeeds again.
	back := func(requestID string) string {
		t.Helper()
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(250 * time.Millisecond) {
			r := alice.Call("POST", "/v1/me/plans", map[string]any{"requestId": requestID})
			require.NotEqual(t, http.StatusInternalServerError, r.Status, string(r.Raw))
			if r.Status == http.StatusOK {
				id, _ := obj(r.Body["plan"])["id"].(string)
				return id
			}
			require.True(t, time.Now().Before(deadline), "the services never reconnected: %s", r.Raw)
		}
	}

	t.Run("clean restart: the services reconnect by themselves", func(t *testing.T) {
		pg.Stop("fast")
		pg.Start()
		// Pooled connections idle past db.PingAfterIdle are checked before reuse and the dead
		// ones replaced, so the very first request after the restart already succeeds.
		id, _ := obj(alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "after-clean-restart"})["plan"])["id"].(string)
		require.NotEmpty(t, id)
		require.NotEmpty(t, list(alice.OK("GET", "/v1/exercises?pageSize=5", nil), "exercises"), "the catalog is back")
		require.NotEmpty(t, list(alice.OK("GET", "/v1/clips:coverage", nil), "exercises"), "the video service is back")
		again := obj(alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "after-clean-restart"})["plan"])
		require.Equal(t, id, again["id"])
	})

	t.Run("crash: clean errors while it is down, nothing lost once it is back", func(t *testing.T) {
		pg.Stop("immediate")
		r := alice.Call("POST", "/v1/me/plans", map[string]any{"requestId": "during-crash"})
		require.NotEqual(t, http.StatusOK, r.Status, "nothing can be stored while the database is down")
		require.NotEqual(t, http.StatusInternalServerError, r.Status, string(r.Raw))
		require.NotEmpty(t, r.Body["code"], string(r.Raw))
		r = alice.Call("POST", dayPath+":complete", done)
		require.NotEqual(t, http.StatusOK, r.Status, string(r.Raw))
		require.NotEqual(t, http.StatusInternalServerError, r.Status, string(r.Raw))
		r = alice.Call("POST", dayPath+":start", map[string]any{})
		// The plan service still holds this plan; the video service cannot read its clips, so
		// the person gets the workout and is told the videos are away.
		require.Equal(t, http.StatusOK, r.Status, "Start workout keeps working from what is cached: %s", r.Raw)
		require.NotEmpty(t, list(obj(r.Body["workout"]), "exercises"))
		require.NotEmpty(t, r.Body["notice"])

		pg.Start()
		first := back("during-crash")
		again := obj(alice.OK("POST", "/v1/me/plans", map[string]any{"requestId": "during-crash"})["plan"])
		require.Equal(t, first, again["id"], "a retried request makes no second plan")
		started := alice.OK("POST", dayPath+":start", map[string]any{})
		require.NotEmpty(t, list(obj(started["playlist"]), "items"))
		alice.OK("POST", dayPath+":complete", done)
		require.Len(t, list(alice.OK("GET", "/v1/me/plans", nil), "plans"), 3)
	})

	t.Run("no token or secret in the logs", c.requireNoSecretsLogged)

	t.Run("nothing was written twice", func(t *testing.T) {
		requireWrittenOnce(t, dsns["plan"], 3, "during-crash") // onboarding, after-clean-restart and during-crash
	})
}
