package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// TestJobsCLI: an adaptation fails its only attempt and lands in the dead letter, where
// `jobs list --state discarded` shows it and `jobs retry` queues it again.
func TestJobsCLI(t *testing.T) {
	dsn := dbtest.SQLite(t)
	d := dbtest.Open(t, dsn, plan.Migrations())
	failing := func(context.Context, string, string, int32) error {
		return errors.New("the adaptation's scripted failure")
	}
	ops, err := jobs.Open(t.Context(), jobs.Options{DB: d, DSN: dsn, Store: store.New(d),
		Config:   jobs.Config{MaxAttempts: 1, PollInterval: 100 * time.Millisecond},
		Handlers: jobs.Handlers{Generate: func(context.Context, jobs.GeneratePlanArgs, jobs.Attempt) error { return nil }, Adapt: failing},
	})
	require.NoError(t, err)
	require.NoError(t, ops.EnqueueAdapt(t.Context(), "alice", "plan-1", 3))
	require.NoError(t, ops.Start(t.Context()))
	require.Eventually(t, func() bool {
		js, err := ops.List(t.Context(), jobs.ListFilter{States: []string{"discarded"}})
		require.NoError(t, err)
		return len(js) == 1
	}, 30*time.Second, 50*time.Millisecond)
	require.NoError(t, ops.Stop(t.Context()))

	code, out, errOut := runCLI(t, "", "jobs", "list", "--state", "discarded", "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, out)
	require.Regexp(t, `^ID\s+KIND\s+STATE\s+ATTEMPT\s+WHEN\s+ARGS\s+LAST ERROR$`, lines[0])
	require.Regexp(t, `^\d+\s+adapt_week\s+discarded\s+1/1\s+.*"plan_id":\s?"plan-1".*the adaptation's scripted failure$`, lines[1])
	id := strings.Fields(lines[1])[0]

	code, out, errOut = runCLI(t, "", "jobs", "list", "--kind", "adapt_week", "--json", "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	var job struct {
		ID     int64    `json:"id"`
		State  string   `json:"state"`
		Errors []string `json:"errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &job), out)
	require.Equal(t, id, fmt.Sprint(job.ID))
	require.Equal(t, "discarded", job.State)
	require.Len(t, job.Errors, 1)

	code, out, errOut = runCLI(t, "", "jobs", "retry", id, "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "job "+id+" (adapt_week) is available")
	code, out, _ = runCLI(t, "", "jobs", "list", "--state", "discarded", "--database-url", dsn)
	require.Equal(t, 0, code)
	require.Equal(t, "no jobs\n", out)
	code, out, _ = runCLI(t, "", "jobs", "list", "--state", "available,retryable", "--database-url", dsn)
	require.Equal(t, 0, code)
	require.Contains(t, out, "adapt_week")

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"jobs", "list", "--state", "dead", "--database-url", dsn}, `--state: "dead" is not a job state`},
		{[]string{"jobs", "list", "--kind", "adapt", "--database-url", dsn}, `--kind: "adapt" is not a job kind`},
		{[]string{"jobs", "retry", "x", "--database-url", dsn}, `retry ID: a job id`},
		{[]string{"jobs", "retry", "--database-url", dsn}, "want: jobs retry ID"},
		{[]string{"jobs", "purge", "--database-url", dsn}, `unknown action "purge"`},
	} {
		code, _, errOut := runCLI(t, "", c.args...)
		require.Equal(t, 2, code, c.args)
		require.Contains(t, errOut, c.want, c.args)
	}
	code, _, errOut = runCLI(t, "", "jobs", "retry", "424242", "--database-url", dsn)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "job 424242: no such job")
}

// TestPlanGenerationSurvivesKill: the plan process is killed (SIGKILL) while its generation
// waits on the LLM; started again on the same database, it finishes the generation, and the
// request id has exactly one plan. SQLite and PostgreSQL.
func TestPlanGenerationSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var hang atomic.Bool
	hang.Store(true)
	// While hang is set the LLM never answers (a slow model); then it fails, and the
	// built-in planner makes the plan: which planner does not matter here, finishing does.
	llm := llmtest.New(llmtest.Step{Respond: func(llmtest.Request) llmtest.Step {
		if hang.Load() {
			return llmtest.Step{Delay: 10 * time.Minute}
		}
		return llmtest.Step{Status: 500}
	}})
	t.Cleanup(llm.Close)

	dataDir := t.TempDir()
	addrs := map[string]string{"catalog": freeAddr(t), "video": freeAddr(t)}
	common := []string{
		"FITCOACH_DATA_DIR=" + dataDir, "REDIS_URL=",
		"CATALOG_ADDR=" + addrs["catalog"], "VIDEO_ADDR=" + addrs["video"],
		"MEDIA_DIR=" + filepath.Join(dataDir, "media"), "MEDIA_BASE_URL=http://127.0.0.1:1/media",
		"FITCOACH_LOAD_STARTER=true",
	}
	for _, svc := range []string{"catalog", "video"} {
		dsn := "sqlite://" + filepath.Join(dataDir, svc+".db")
		out, err := exec.Command(fitcoachBinary(t), "migrate", svc, "up", "--database-url", dsn).CombinedOutput()
		require.NoError(t, err, string(out))
		start(t, append(append([]string{}, common...), "DATABASE_URL="+dsn), "serve", svc, "--grpc-addr", addrs[svc])
		waitGRPC(t, addrs[svc])
	}
	token := mintToken(t, dataDir, "alice", false)

	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			hang.Store(true)
			dsn := b.Open(t)
			out, err := exec.Command(fitcoachBinary(t), "migrate", "plan", "up", "--database-url", dsn).CombinedOutput()
			require.NoError(t, err, string(out))
			addr := freeAddr(t)
			env := append(append([]string{}, common...), "DATABASE_URL="+dsn,
				"OPENAI_API_KEY=test-key", "OPENAI_BASE_URL="+llm.BaseURL(), "OPENAI_MAX_RETRIES=0",
				"PLAN_GENERATION_TIMEOUT=5s", "PLAN_COACH_JOB_TIMEOUT=5s", "PLAN_JOB_RESCUE_AFTER=12s", "PLAN_JOB_RETRY_BASE=100ms")
			first := start(t, env, "serve", "plan", "--grpc-addr", addr)
			waitGRPC(t, addr)
			client := planClient(t, addr)
			ctx := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+token)
			_, err = client.UpsertProfile(ctx, &planv1.UpsertProfileRequest{Profile: &planv1.Profile{
				Goal: "get stronger and fitter", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, Equipment: []string{"dumbbells"},
				DaysPerWeek: 3, DurationWeeks: 4, SessionMinutes: 45, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en",
			}})
			require.NoError(t, err)
			rid := "kill-" + b.Name
			resp, err := client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: rid, WaitSeconds: proto.Int32(0)})
			require.NoError(t, err)
			pending := resp.GetPlan()
			require.Equal(t, planv1.PlanState_PLAN_STATE_PENDING, pending.GetState())

			// Kill it while the generation waits on the LLM.
			before := len(llm.Requests())
			require.Eventually(t, func() bool { return len(llm.Requests()) > before }, 30*time.Second, 10*time.Millisecond)
			require.NoError(t, first.Cmd.Process.Kill())
			<-first.Done()
			hang.Store(false)

			start(t, env, "serve", "plan", "--grpc-addr", addr)
			waitGRPC(t, addr)
			client = planClient(t, addr)
			began := time.Now()
			var got *planv1.Plan
			require.Eventually(t, func() bool {
				r, err := client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: pending.GetId()})
				require.NoError(t, err)
				got = r.GetPlan()
				return got.GetState() != planv1.PlanState_PLAN_STATE_PENDING
			}, 90*time.Second, 100*time.Millisecond)
			t.Logf("the plan was ready %s after the restart", time.Since(began).Round(time.Millisecond))
			require.Equal(t, planv1.PlanState_PLAN_STATE_READY, got.GetState(), got.GetError())
			require.Equal(t, "builtin", got.GetProvider())
			require.Len(t, got.GetWeeks(), 4)

			again, err := client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: rid})
			require.NoError(t, err)
			require.Equal(t, pending.GetId(), again.GetPlan().GetId())
			require.Equal(t, 1, countPlans(t, dsn, rid), "one plan for the request id")

			// River records a finished job as completed a moment after its work returns.
			var job struct {
				State   string `json:"state"`
				Attempt int    `json:"attempt"`
			}
			require.Eventually(t, func() bool {
				out, err := exec.Command(fitcoachBinary(t), "jobs", "list", "--kind", "generate_plan", "--json", "--database-url", dsn).CombinedOutput()
				require.NoError(t, err, string(out))
				require.Equal(t, 1, strings.Count(strings.TrimSpace(string(out)), "\n")+1, "one generation job: %s", out)
				require.NoError(t, json.Unmarshal(out, &job))
				return job.State == "completed"
			}, 10*time.Second, 100*time.Millisecond, "the generation job never completed")
			// The killed attempt, then the one that finished (a rescue racing the restarted
			// worker may add one); the plan is made once whatever the count.
			require.GreaterOrEqual(t, job.Attempt, 2, "the killed attempt and the one that finished")
		})
	}
}

func planClient(t *testing.T, addr string) planv1.PlanServiceClient {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return planv1.NewPlanServiceClient(conn)
}

// waitGRPC waits until the server at addr answers grpc health.
func waitGRPC(t *testing.T, addr string) {
	t.Helper()
	require.Eventually(t, func() bool {
		return exec.Command(fitcoachBinary(t), "healthcheck", "grpc", addr).Run() == nil
	}, 60*time.Second, 100*time.Millisecond, "%s never answered health", addr)
}

func countPlans(t *testing.T, dsn, rid string) int {
	t.Helper()
	d, err := db.Open(t.Context(), dsn)
	require.NoError(t, err)
	defer d.Close()
	q := "SELECT count(*) FROM plans WHERE request_id = ?"
	if d.Dialect == db.Postgres {
		q = "SELECT count(*) FROM plans WHERE request_id = $1"
	}
	var n int
	require.NoError(t, d.QueryRowContext(t.Context(), q, rid).Scan(&n))
	return n
}
