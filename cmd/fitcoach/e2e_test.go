package main

import (
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/cmd/fitcoach/e2etest"
	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// The end-to-end tests build the real binary and drive it over HTTP as a person would: once as
// `fitcoach dev` (one process, SQLite), once as four processes on PostgreSQL and Redis.

// TestMain builds the binary once before any test runs.
func TestMain(m *testing.M) { e2etest.Main(m) }

// Short names for the shared harness, which the faults module's tests use too.
var (
	fitcoachBinary = e2etest.Binary
	freeAddr       = e2etest.FreeAddr
	mintToken      = e2etest.MintToken
	start          = e2etest.Start
	waitReady      = e2etest.WaitReady
	list, obj      = e2etest.List, e2etest.Obj
)

type api = e2etest.API

// personFlow is what a newcomer does: onboard, generate, browse, start, complete; plus the
// refusals a second person and a non-admin must meet.
func personFlow(t *testing.T, base, alice, bob, admin string) {
	anon := api{T: t, Base: base}
	a := api{T: t, Base: base, Token: alice}
	b := api{T: t, Base: base, Token: bob}
	root := api{T: t, Base: base, Token: admin}

	require.Equal(t, http.StatusUnauthorized, anon.Call("GET", "/v1/me/profile", nil).Status)
	require.Equal(t, http.StatusNotFound, a.Call("GET", "/v1/me/profile", nil).Status, "no profile before onboarding")

	profile := map[string]any{
		"goal": "Build strength and lose a little fat", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
		"equipment": []string{"dumbbell"}, "daysPerWeek": 9, "durationWeeks": 4, "sessionMinutes": 45,
		"limitations": "", "archetype": "ARCHETYPE_MENTOR", "locale": "en",
	}
	bad := a.Call("PUT", "/v1/me/profile", profile)
	require.Equal(t, http.StatusBadRequest, bad.Status, string(bad.Raw))
	require.Contains(t, string(bad.Raw), "days_per_week")

	profile["daysPerWeek"] = 3
	got := a.OK("PUT", "/v1/me/profile", profile)
	require.Equal(t, "ARCHETYPE_MENTOR", obj(got["profile"])["archetype"])

	created := a.OK("POST", "/v1/me/plans", map[string]any{"requestId": "first-plan"})
	plan := obj(created["plan"])
	planID, _ := plan["id"].(string)
	require.NotEmpty(t, planID)
	require.Equal(t, "builtin", plan["provider"])
	require.EqualValues(t, 4, plan["durationWeeks"])
	weeks := list(plan, "weeks")
	require.Len(t, weeks, 4)

	again := a.OK("POST", "/v1/me/plans", map[string]any{"requestId": "first-plan"})
	require.Equal(t, planID, obj(again["plan"])["id"], "the same request id gives the same plan")

	listed := a.OK("GET", "/v1/me/plans", nil)
	require.Len(t, list(listed, "plans"), 1)
	require.Equal(t, planID, obj(list(listed, "plans")[0])["id"])

	// Find a training day and a rest day of week 1.
	training, rest := 0, 0
	for _, d := range list(obj(weeks[0]), "days") {
		day := obj(d)
		n := int(day["dayNumber"].(float64))
		if day["isRestDay"] == true {
			if rest == 0 {
				rest = n
			}
		} else if training == 0 {
			training = n
		}
	}
	require.NotZero(t, training)
	require.NotZero(t, rest)

	dayPath := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", planID, training)
	workout := obj(a.OK("GET", dayPath, nil)["workout"])
	exercises := list(workout, "exercises")
	require.NotEmpty(t, exercises)

	started := a.OK("POST", dayPath+":start", map[string]any{})
	items := list(obj(started["playlist"]), "items")
	require.NotEmpty(t, items)
	require.Empty(t, list(obj(started["playlist"]), "missing"), "the starter media covers every starter exercise")
	first := obj(items[0])
	require.Equal(t, "CLIP_KIND_INTRO", first["kind"])
	kinds := map[string]int{}
	seen := map[string]bool{}
	for _, it := range items {
		item := obj(it)
		kinds[item["kind"].(string)]++
		id := item["clipId"].(string)
		require.False(t, seen[id], "clip %s appears twice", id)
		seen[id] = true
		require.NotEmpty(t, item["url"])
		require.NotEmpty(t, item["title"])
	}
	require.Equal(t, len(exercises), kinds["CLIP_KIND_TECHNIQUE"])
	require.Equal(t, len(exercises), kinds["CLIP_KIND_INSTRUCTION"])
	// The clip really plays: the URL answers MP4 bytes.
	resp, err := http.Get(first["url"].(string))
	require.NoError(t, err)
	head := make([]byte, 12)
	_, err = io.ReadFull(resp.Body, head)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "ftyp", string(head[4:8]), "an MP4 file")
	// Every starter clip has captions in both locales, the requested one first, and the
	// caption URL answers WebVTT from the gateway's /media/.
	for _, it := range items {
		caps := list(obj(it), "captions")
		require.Len(t, caps, 2, "clip %s has en and ru captions", obj(it)["clipId"])
		require.Equal(t, "en", obj(caps[0])["locale"], "the plan's locale first")
		require.Equal(t, "ru", obj(caps[1])["locale"])
	}
	capURL := obj(list(first, "captions")[0])["url"].(string)
	require.Contains(t, capURL, "/media/captions/")
	resp, err = http.Get(capURL)
	require.NoError(t, err)
	vtt, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/vtt; charset=utf-8", resp.Header.Get("Content-Type"))
	require.True(t, strings.HasPrefix(string(vtt), "WEBVTT\n"), "a WebVTT file: %q", vtt)

	var done []map[string]any
	for _, e := range exercises {
		ex := obj(e)
		done = append(done, map[string]any{"exerciseSlug": ex["exerciseSlug"], "setsDone": ex["sets"], "repsDone": []int{10, 10}})
	}
	completion := map[string]any{"exercises": done, "perceivedEffort": 7, "notes": "felt good"}
	logged := a.OK("POST", dayPath+":complete", completion)
	require.EqualValues(t, 7, obj(logged["log"])["perceivedEffort"])
	a.OK("POST", dayPath+":complete", completion) // repeating is idempotent
	require.NotNil(t, obj(a.OK("GET", dayPath, nil)["workout"])["log"])
	require.Equal(t, http.StatusBadRequest, a.Call("POST", dayPath+":complete", map[string]any{"perceivedEffort": 11}).Status)

	restStart := a.OK("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d:start", planID, rest), map[string]any{})
	restItems := list(obj(restStart["playlist"]), "items")
	require.Len(t, restItems, 1)
	require.Equal(t, "CLIP_KIND_REST_DAY", obj(restItems[0])["kind"])

	day7 := a.OK("POST", fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/7:start", planID), map[string]any{})
	found := false
	for _, it := range list(obj(day7["playlist"]), "items") {
		found = found || obj(it)["kind"] == "CLIP_KIND_WEEKLY_MOTIVATION"
	}
	if obj(day7["workout"])["isRestDay"] != true {
		require.True(t, found, "day 7 carries the weekly motivation clip")
	}

	// Another person sees nothing of Alice's.
	require.Equal(t, http.StatusNotFound, b.Call("GET", "/v1/me/plans/"+planID, nil).Status)
	require.Equal(t, http.StatusNotFound, b.Call("POST", dayPath+":start", map[string]any{}).Status)
	require.Empty(t, list(b.OK("GET", "/v1/me/plans", nil), "plans"))

	// Catalog and clip writes are for admins.
	newExercise := map[string]any{"slug": "e2e-test-move", "name": map[string]string{"en": "E2E move", "ru": "Тест"},
		"muscleGroups": []string{"core"}, "difficulty": "FITNESS_LEVEL_BEGINNER"}
	require.Equal(t, http.StatusForbidden, a.Call("POST", "/v1/exercises", newExercise).Status)
	require.Equal(t, http.StatusForbidden, a.Call("POST", "/v1/clips", map[string]any{}).Status)
	root.OK("POST", "/v1/exercises", newExercise)
	require.Equal(t, http.StatusConflict, root.Call("POST", "/v1/exercises", newExercise).Status)
	require.NotEmpty(t, list(a.OK("GET", "/v1/exercises?page_size=5", nil), "exercises"))

	// Ops: the raw AI JSON validator.
	v := a.OK("POST", "/v1/plans:validate", `{"plan_name": "Test", "duration_weeks": 4, "goal": "Test goal", "weeks": []}`)
	require.Equal(t, false, v["valid"])
	require.GreaterOrEqual(t, len(list(v, "violations")), 3)
	// The audit's oversized plan (400 weeks × 7 days × 50 exercises) is refused with 400 and
	// at most 100 violations plus an "and N more" marker.
	day := `{"exercises":[` + strings.Repeat(`{},`, 49) + `{}]}`
	week := `{"days":[` + strings.Repeat(day+",", 6) + day + `]}`
	huge := `{"weeks":[` + strings.Repeat(week+",", 399) + week + `]}`
	r := a.Call("POST", "/v1/plans:validate", huge)
	require.Equal(t, http.StatusBadRequest, r.Status)
	require.Len(t, list(r.Body, "violations"), 101)
}

func TestEndToEndDev(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	httpAddr, grpcAddr := freeAddr(t), freeAddr(t)
	p := start(t, []string{"OPENAI_API_KEY="}, "dev", "--data-dir", dataDir, "--http-addr", httpAddr, "--grpc-addr", grpcAddr)
	base := "http://" + httpAddr
	waitReady(t, base, p)
	require.Eventually(t, func() bool { return strings.Contains(p.Out.String(), "An admin token") }, 5*time.Second, 50*time.Millisecond,
		"the banner prints a ready-to-use token")

	personFlow(t, base, mintToken(t, dataDir, "alice", false), mintToken(t, dataDir, "bob", false), mintToken(t, dataDir, "ops", true))

	t.Run("the printed try-it lines run as pasted", func(t *testing.T) {
		runBannerLines(t, p.Out.String())
	})

	t.Run("plan rate limit", func(t *testing.T) {
		// The audit's burst: one person asking for plan after plan gets PLAN_RATE_LIMIT (10 an
		// hour by default) and then 429 with Retry-After, counted in /metrics.
		carol := api{T: t, Base: base, Token: mintToken(t, dataDir, "carol", false)}
		carol.OK("PUT", "/v1/me/profile", map[string]any{
			"goal": "Build strength and lose a little fat", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
			"equipment": []string{"dumbbell"}, "daysPerWeek": 3, "durationWeeks": 4, "sessionMinutes": 45,
			"archetype": "ARCHETYPE_MENTOR", "locale": "en",
		})
		for i := range 10 {
			carol.OK("POST", "/v1/me/plans", map[string]any{"requestId": fmt.Sprintf("carol-%d", i)})
		}
		r := carol.Call("POST", "/v1/me/plans", map[string]any{"requestId": "carol-10"})
		require.Equal(t, http.StatusTooManyRequests, r.Status, string(r.Raw))
		require.Equal(t, "RESOURCE_EXHAUSTED", r.Body["code"])
		retry, err := strconv.Atoi(r.Header.Get("Retry-After"))
		require.NoError(t, err, "Retry-After: %q", r.Header.Get("Retry-After"))
		require.Greater(t, retry, 300, "the next plan is about six minutes away")
		carol.OK("POST", "/v1/me/plans", map[string]any{"requestId": "carol-3"}) // a replay is free
		metrics := api{T: t, Base: base}.Call("GET", "/metrics", nil)
		require.Contains(t, string(metrics.Raw), `fitcoach_plan_quota_rejections_total{limit="plans"} 1`)
	})

	t.Run("grpc health and reflection", func(t *testing.T) {
		out, err := exec.Command(fitcoachBinary(t), "healthcheck", "grpc", grpcAddr, "fitcoach.plan.v1.PlanService").CombinedOutput()
		require.NoError(t, err, string(out))
	})
}

func TestEndToEndSeparateProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	r, err := cache.NewRedis("redis://127.0.0.1:6379/0", "e2e:")
	require.NoError(t, err)
	dbtest.RequireIntegration(t, "Redis", r.Ping(t.Context()))
	r.Close()

	dataDir := t.TempDir()
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t), "plan": freeAddr(t)}
	httpAddr := freeAddr(t)
	common := []string{
		"FITCOACH_DATA_DIR=" + dataDir,
		"REDIS_URL=redis://127.0.0.1:6379/0",
		"CATALOG_ADDR=" + addrs["catalog"], "VIDEO_ADDR=" + addrs["video"], "PLAN_ADDR=" + addrs["plan"],
		"MEDIA_DIR=" + filepath.Join(dataDir, "media"),
		"MEDIA_BASE_URL=http://" + httpAddr + "/media",
		"OPENAI_API_KEY=",
		// Production starts empty; this demo-style deployment loads the starter data.
		"FITCOACH_LOAD_STARTER=true",
	}
	for _, svc := range []string{"catalog", "video", "plan"} {
		dsn := dbtest.Postgres(t)
		env := append(append([]string{}, common...), "DATABASE_URL="+dsn)
		out, err := exec.Command(fitcoachBinary(t), "migrate", svc, "up", "--database-url", dsn).CombinedOutput()
		require.NoError(t, err, string(out))
		start(t, env, "serve", svc, "--grpc-addr", addrs[svc])
	}
	gw := start(t, common, "serve", "gateway", "--http-addr", httpAddr)
	base := "http://" + httpAddr
	waitReady(t, base, gw)

	personFlow(t, base, mintToken(t, dataDir, "alice", false), mintToken(t, dataDir, "bob", false), mintToken(t, dataDir, "ops", true))

	t.Run("every service answers grpc health", func(t *testing.T) {
		for svc, addr := range addrs {
			out, err := exec.Command(fitcoachBinary(t), "healthcheck", "grpc", addr).CombinedOutput()
			require.NoError(t, err, "%s: %s", svc, out)
		}
	})
}

// runBannerLines pastes the "Try it" lines of dev's banner into bash, as a newcomer does, and
// checks that they walk the whole flow: a plan id came back and day 1 started with a playlist.
func runBannerLines(t *testing.T, banner string) {
	t.Helper()
	var tools error
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil && tools == nil {
			tools = err
		}
	}
	dbtest.RequireIntegration(t, "bash, curl and jq (the README's Try it uses them)", tools)
	i := strings.Index(banner, "\nTry it")
	require.GreaterOrEqual(t, i, 0, banner)
	var script strings.Builder
	for _, line := range strings.Split(banner[i+1:], "\n")[1:] {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		script.WriteString(line + "\n")
	}
	require.Contains(t, script.String(), "PLAN=$(")
	script.WriteString(`echo "plan=$PLAN"` + "\n")
	out, err := exec.Command("bash", "-euo", "pipefail", "-c", script.String()).CombinedOutput()
	require.NoError(t, err, "%s\n%s", script.String(), out)
	require.Regexp(t, `plan=[A-Za-z0-9_-]+\n`, string(out))
	require.NotContains(t, string(out), "plan=null")
	require.Contains(t, string(out), `"kind": "CLIP_KIND_`, "start printed the playlist's items")
	require.NotRegexp(t, `"code": ?"(INVALID_ARGUMENT|UNAUTHENTICATED|PERMISSION_DENIED|NOT_FOUND|ALREADY_EXISTS|FAILED_PRECONDITION|RESOURCE_EXHAUSTED|INTERNAL|UNAVAILABLE|UNIMPLEMENTED)"`,
		string(out), "no call answered an error")
}
