package faults

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	"github.com/fitcoach/fitcoach/services/video/s3test"
)

// TestObjectStorageDownOrSlow moves every clip to R2 (a real S3 server, versitygw, behind the
// fault proxy) and checks what a person pressing Start workout sees while the storage is slow
// or away: always the workout and a playlist, never an error; while clips cannot be verified
// the gaps are reported with a notice; once storage is back, so are the videos.
func TestObjectStorageDownOrSlow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const bucket = "clips"
	s3 := s3test.Start(t, bucket)
	storage := newProxy(t, strings.TrimPrefix(s3.Endpoint, "http://"))
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	c := startCluster(t, clusterConfig{
		dsn: func(string) string { return dbtest.SQLite(t) },
		env: map[string][]string{"video": {
			"R2_ENDPOINT=http://" + storage.addr, "R2_BUCKET=" + bucket,
			"AWS_ACCESS_KEY_ID=" + s3test.Access, "AWS_SECRET_ACCESS_KEY=" + s3test.Secret,
			"R2_TIMEOUT=5s",
			// Verdicts go stale within a second, so an outage shows within the test.
			"EXISTENCE_CACHE_TTL=1s", "EXISTENCE_ERROR_TTL=1s",
		}},
	}, addrs)
	objects := moveClipsToR2(t, c.admin(), s3, bucket)

	alice := c.person("alice")
	planID, day := onboard(alice)
	startPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", planID, day)
	start := func() (workout []any, items []any, missing []any, notice string) {
		t.Helper()
		got := alice.OK("POST", startPath, map[string]any{})
		pl := obj(got["playlist"])
		notice, _ = got["notice"].(string)
		return list(obj(got["workout"]), "exercises"), list(pl, "items"), list(pl, "missing"), notice
	}
	complete := func() bool {
		_, items, missing, notice := start()
		return len(items) > 0 && len(missing) == 0 && notice == ""
	}
	require.Eventually(t, complete, 20*time.Second, 200*time.Millisecond, "every clip is on R2 and verified")

	t.Run("playlist URLs are presigned R2 URLs that serve the clip", func(t *testing.T) {
		_, items, _, _ := start()
		for _, it := range items {
			item := obj(it)
			require.Equal(t, "PROVIDER_R2", item["provider"], "%v", item)
			u, err := url.Parse(item["url"].(string))
			require.NoError(t, err)
			require.Equal(t, storage.addr, u.Host)
			require.NotEmpty(t, u.Query().Get("X-Amz-Signature"), "a presigned GET")
		}
		first := obj(items[0])
		resp, err := http.Get(first["url"].(string))
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		require.Equal(t, objects[first["clipId"].(string)], string(body))
	})

	t.Run("storage slow: start answers from cached verdicts without waiting on it", func(t *testing.T) {
		// Each chunk waits 500ms in both directions: one HeadObject takes over a second, well
		// within R2_TIMEOUT, so the re-checks succeed, slowly, in the background.
		const latency = 500 * time.Millisecond
		storage.SetLatency(latency)
		for end := time.Now().Add(4 * time.Second); time.Now().Before(end); {
			t0 := time.Now()
			workout, items, missing, notice := start()
			// Not a performance figure: a start that waited on even one storage call would
			// take twice the injected latency.
			require.Less(t, time.Since(t0), 2*latency, "start waited on the storage")
			require.NotEmpty(t, workout)
			require.NotEmpty(t, items)
			require.Empty(t, missing, "slow storage is not missing storage")
			require.Empty(t, notice)
			time.Sleep(250 * time.Millisecond)
		}
		storage.Restore()
	})

	t.Run("storage down: the workout with the playlist's gaps reported, then recovery", func(t *testing.T) {
		storage.Refuse()
		var lastMissing []any
		require.Eventually(t, func() bool {
			workout, _, missing, notice := start()
			require.NotEmpty(t, workout, "the workout is always there")
			lastMissing = missing
			return len(missing) > 0 && notice != ""
		}, 20*time.Second, 200*time.Millisecond, "clips that cannot be verified are reported as gaps")
		for _, m := range lastMissing {
			require.Contains(t, obj(m)["reason"], "storage", "%v", m)
		}
		storage.Cut() // listening, but resetting every connection: the same for the person
		workout, _, _, _ := start()
		require.NotEmpty(t, workout)

		storage.Restore()
		require.Eventually(t, complete, 20*time.Second, 200*time.Millisecond, "videos come back with the storage")
	})

	t.Run("storage hung: start never waits on it, and the gaps show once checks time out", func(t *testing.T) {
		// Worse than down: connections open and nothing answers, so every HeadObject runs
		// into R2_TIMEOUT (5s) in the background.
		storage.Blackhole(0)
		var lastMissing []any
		require.Eventually(t, func() bool {
			t0 := time.Now()
			workout, _, missing, notice := start()
			require.Less(t, time.Since(t0), 2*time.Second, "start waited on the hung storage")
			require.NotEmpty(t, workout)
			lastMissing = missing
			return len(missing) > 0 && notice != ""
		}, 30*time.Second, 250*time.Millisecond, "clips that cannot be verified are reported as gaps")
		for _, m := range lastMissing {
			require.Contains(t, obj(m)["reason"], "storage", "%v", m)
		}
		storage.Restore()
		require.Eventually(t, complete, 20*time.Second, 200*time.Millisecond, "videos come back with the storage")
	})

	t.Run("nothing was lost or written twice", func(t *testing.T) {
		clips := allClips(t, c.admin())
		require.Len(t, clips, len(objects), "every clip is still there, once")
		for _, cl := range clips {
			require.Equal(t, "PROVIDER_R2", cl["provider"])
		}
		require.Len(t, list(alice.OK("GET", "/v1/me/plans", nil), "plans"), 1)
	})

	t.Run("no token, secret or presigned URL in the logs", func(t *testing.T) {
		c.requireNoSecretsLogged(t)
		for _, p := range c.procs {
			out := p.Out.String()
			require.NotContains(t, out, "X-Amz-Signature", "fitcoach %v logged a presigned URL", p.Cmd.Args[1:])
			require.NotContains(t, out, s3test.Secret)
		}
	})
}

// allClips lists every clip through the admin REST API.
func allClips(t *testing.T, ops api) []map[string]any {
	t.Helper()
	var out []map[string]any
	page := ""
	for {
		r := ops.OK("GET", "/v1/clips?pageSize=500&pageToken="+url.QueryEscape(page), nil)
		for _, cl := range list(r, "clips") {
			out = append(out, obj(cl))
		}
		if page, _ = r["nextPageToken"].(string); page == "" {
			return out
		}
	}
}

// moveClipsToR2 uploads an object for every clip and points the clip at it, as an operator
// moving a library to R2 would; it answers each clip's object body by clip id.
func moveClipsToR2(t *testing.T, ops api, s3 *s3test.Server, bucket string) map[string]string {
	t.Helper()
	objects := map[string]string{}
	var clips []map[string]any
	// The video service loads its starter clips as it starts: wait for them.
	require.Eventually(t, func() bool { clips = allClips(t, ops); return len(clips) > 0 }, 20*time.Second, 100*time.Millisecond, "the starter clips are listed")
	for _, cl := range clips {
		id := cl["id"].(string)
		key := "clips/" + id + ".mp4"
		body := "clip " + id
		s3.Put(t, bucket, key, []byte(body))
		// Caption tracks move with the clip: a track's source is of the clip's provider.
		var captions []map[string]any
		tracks, _ := cl["captions"].([]any)
		for _, tr := range tracks {
			c := tr.(map[string]any)
			ckey := "captions/" + id + "." + c["locale"].(string) + ".vtt"
			s3.Put(t, bucket, ckey, []byte("WEBVTT\n"))
			captions = append(captions, map[string]any{"locale": c["locale"], "label": c["label"], "r2Key": ckey})
		}
		ops.OK("PATCH", "/v1/clips/"+id+"?updateMask=provider,r2Key,captions", map[string]any{"provider": "PROVIDER_R2", "r2Key": key, "captions": captions})
		objects[id] = body
	}
	require.NotEmpty(t, objects)
	return objects
}
