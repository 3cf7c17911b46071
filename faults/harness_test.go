package faults

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/cmd/fitcoach/e2etest"
	"github.com/fitcoach/fitcoach/pkg/db"
)

// TestMain builds the binary once before any test runs, so a test's time is its own and not
// the compiler's.
func TestMain(m *testing.M) { e2etest.Main(m) }

// Short names for the shared harness, which cmd/fitcoach's end-to-end tests use too.
var (
	fitcoachBinary = e2etest.Binary
	freeAddr       = e2etest.FreeAddr
	start          = e2etest.Start
	waitReady      = e2etest.WaitReady
	mintToken      = e2etest.MintToken
	list, obj      = e2etest.List, e2etest.Obj
)

type (
	proc     = e2etest.Proc
	api      = e2etest.API
	response = e2etest.Response
)

// profile is a valid onboarding body.
var profile = map[string]any{
	"goal": "Build strength", "fitnessLevel": "FITNESS_LEVEL_BEGINNER",
	"equipment": []string{"dumbbell"}, "daysPerWeek": 3, "durationWeeks": 4, "sessionMinutes": 45,
	"archetype": "ARCHETYPE_MENTOR", "locale": "en",
}

// onboard gives the person a profile and a plan and answers the plan id and a training day.
func onboard(a api) (planID string, training int) {
	a.T.Helper()
	a.OK("PUT", "/v1/me/profile", profile)
	plan := obj(a.OK("POST", "/v1/me/plans", map[string]any{"requestId": "faults-" + a.T.Name()})["plan"])
	planID, _ = plan["id"].(string)
	require.NotEmpty(a.T, planID)
	for _, d := range list(obj(list(plan, "weeks")[0]), "days") {
		if day := obj(d); day["isRestDay"] != true {
			return planID, int(day["dayNumber"].(float64))
		}
	}
	a.T.Fatal("week 1 has no training day")
	return "", 0
}

// completion is a valid :complete body for the day at dayPath: every exercise done as planned.
func completion(a api, dayPath string) map[string]any {
	a.T.Helper()
	var done []map[string]any
	for _, e := range list(obj(a.OK("GET", dayPath, nil)["workout"]), "exercises") {
		ex := obj(e)
		done = append(done, map[string]any{"exerciseSlug": ex["exerciseSlug"], "setsDone": ex["sets"], "repsDone": []int{10}})
	}
	return map[string]any{"exercises": done, "perceivedEffort": 7}
}

// requireWrittenOnce checks the plan database at dsn holds exactly the rows of one person who
// made plans plans (one of them with request id retried) and completed one day, however often
// the requests were retried.
func requireWrittenOnce(t *testing.T, dsn string, plans int, retried string) {
	t.Helper()
	d, err := db.Open(t.Context(), dsn)
	require.NoError(t, err)
	defer d.Close()
	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, d.QueryRowContext(t.Context(), q, args...).Scan(&n))
		return n
	}
	require.Equal(t, plans, count("SELECT count(*) FROM plans"))
	require.Equal(t, 1, count("SELECT count(*) FROM plans WHERE request_id = $1", retried))
	require.Equal(t, 1, count("SELECT count(*) FROM workout_logs"), "one log for one day, however often completed")
	require.Equal(t, 1, count("SELECT count(*) FROM profiles"))
}
