package plan_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
)

// slowModel is a well-behaved scripted LLM whose every answer takes delay.
func slowModel(t *testing.T, delay time.Duration) []llmtest.Step {
	t.Helper()
	m := newModel(t, goodTemplate(t, sampleProfile()))
	return []llmtest.Step{{Respond: func(r llmtest.Request) llmtest.Step {
		st := m.respond(r)
		st.Delay = delay
		return st
	}}}
}

func plansOf(t *testing.T, dsn, sub, rid string) int {
	t.Helper()
	d, err := db.Open(t.Context(), dsn)
	require.NoError(t, err)
	defer d.Close()
	q := "SELECT count(*) FROM plans WHERE subject = ? AND request_id = ?"
	if d.Dialect == db.Postgres {
		q = "SELECT count(*) FROM plans WHERE subject = $1 AND request_id = $2"
	}
	var n int
	require.NoError(t, d.QueryRowContext(t.Context(), q, sub, rid).Scan(&n))
	return n
}

// TestCreatePlanPending: a plan not ready within wait_seconds is answered PENDING with its
// id; GetPlan and ListPlans show it pending, then ready under the same id; asking again
// with the request id answers the plan; one request id makes one plan. Both databases.
func TestCreatePlanPending(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			dsn := b.Open(t)
			e := newEnv(t, dsn, slowModel(t, 300*time.Millisecond))
			e.onboard(t, "alice", nil)
			ctx := e.as(t, "alice")

			resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "r1", WaitSeconds: proto.Int32(0)})
			require.NoError(t, err)
			pending := resp.GetPlan()
			require.Equal(t, planv1.PlanState_PLAN_STATE_PENDING, pending.GetState())
			require.NotEmpty(t, pending.GetId())
			require.Equal(t, "r1", pending.GetRequestId())
			require.Empty(t, pending.GetWeeks())

			got, err := e.client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: pending.GetId()})
			require.NoError(t, err)
			require.Equal(t, planv1.PlanState_PLAN_STATE_PENDING, got.GetPlan().GetState())
			list, err := e.client.ListPlans(ctx, &planv1.ListPlansRequest{})
			require.NoError(t, err)
			require.Len(t, list.GetPlans(), 1)
			require.Equal(t, pending.GetId(), list.GetPlans()[0].GetId())
			require.Equal(t, planv1.PlanState_PLAN_STATE_PENDING, list.GetPlans()[0].GetState())

			// Polling GetPlan sees it ready.
			require.Eventually(t, func() bool {
				got, err := e.client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: pending.GetId()})
				require.NoError(t, err)
				return got.GetPlan().GetState() == planv1.PlanState_PLAN_STATE_READY
			}, 30*time.Second, 50*time.Millisecond)
			got, err = e.client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: pending.GetId()})
			require.NoError(t, err)
			requireValidPlan(t, got.GetPlan(), sampleProfile())
			require.Equal(t, "openai", got.GetPlan().GetProvider())

			again, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "r1"})
			require.NoError(t, err)
			require.Equal(t, pending.GetId(), again.GetPlan().GetId())
			require.Equal(t, planv1.PlanState_PLAN_STATE_READY, again.GetPlan().GetState())
			list, err = e.client.ListPlans(ctx, &planv1.ListPlansRequest{})
			require.NoError(t, err)
			require.Len(t, list.GetPlans(), 1)
			require.Equal(t, planv1.PlanState_PLAN_STATE_READY, list.GetPlans()[0].GetState())
			require.Equal(t, 1, plansOf(t, dsn, "alice", "r1"))

			// The default wait answers the plan itself.
			waited, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "r2"})
			require.NoError(t, err)
			require.Equal(t, planv1.PlanState_PLAN_STATE_READY, waited.GetPlan().GetState())
			require.NotEmpty(t, waited.GetPlan().GetWeeks())
		})
	}
}

// TestCreatePlanOutlivesTheClient: the client gives up (its deadline passes) during the
// generation; the generation goes on, once, and the same request id then answers its plan.
func TestCreatePlanOutlivesTheClient(t *testing.T) {
	e := newEnv(t, "", slowModel(t, 500*time.Millisecond))
	e.onboard(t, "alice", nil)
	ctx, cancel := context.WithTimeout(e.as(t, "alice"), 200*time.Millisecond)
	defer cancel()
	_, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "gone"})
	require.Equal(t, codes.DeadlineExceeded, status.Code(err))
	calls := len(e.llm.Requests())

	resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "gone"})
	require.NoError(t, err)
	require.Equal(t, planv1.PlanState_PLAN_STATE_READY, resp.GetPlan().GetState())
	require.Equal(t, "openai", resp.GetPlan().GetProvider())
	// One generation: an outline and one call per training day (4), whichever call waited.
	require.GreaterOrEqual(t, calls, 1)
	require.Len(t, e.llm.Requests(), 5)
}

// TestCreatePlanFailed: with the fallback off and the LLM down, every attempt fails; the
// waiting call answers the attempt's error, and once the attempts are spent the plan is
// FAILED, with the error, for GetPlan, ListPlans and the same request id.
func TestCreatePlanFailed(t *testing.T) {
	e := newEnv(t, "", []llmtest.Step{{Status: http.StatusInternalServerError}}, withConfig(func(c *plan.Config) {
		c.FallbackToLegacy, c.LLMMaxRetries, c.JobMaxAttempts, c.JobRetryBase = false, 0, 2, 50*time.Millisecond
	}))
	e.onboard(t, "alice", nil)
	ctx := e.as(t, "alice")
	_, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "x"})
	require.Equal(t, codes.Unavailable, status.Code(err))

	var p *planv1.Plan
	require.Eventually(t, func() bool {
		resp, err := e.client.CreatePlan(ctx, &planv1.CreatePlanRequest{RequestId: "x", WaitSeconds: proto.Int32(0)})
		if err != nil {
			return false // the second attempt failing while this call waits
		}
		p = resp.GetPlan()
		return p.GetState() == planv1.PlanState_PLAN_STATE_FAILED
	}, 30*time.Second, 50*time.Millisecond)
	require.Contains(t, p.GetError(), "the fallback is off")
	got, err := e.client.GetPlan(ctx, &planv1.GetPlanRequest{PlanId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, planv1.PlanState_PLAN_STATE_FAILED, got.GetPlan().GetState())
	require.Equal(t, p.GetError(), got.GetPlan().GetError())
	list, err := e.client.ListPlans(ctx, &planv1.ListPlansRequest{})
	require.NoError(t, err)
	require.Len(t, list.GetPlans(), 1)
	require.Equal(t, planv1.PlanState_PLAN_STATE_FAILED, list.GetPlans()[0].GetState())
}

// TestJobsUnderSQLiteLoad: River shares the SQLite database with the service; many plans
// asked for at once, while adaptations run, all finish without SQLITE_BUSY.
func TestJobsUnderSQLiteLoad(t *testing.T) {
	var mu sync.Mutex
	adapted := map[string]int{}
	adapt := func(_ context.Context, sub, planID string, week int32) error {
		mu.Lock()
		defer mu.Unlock()
		adapted[fmt.Sprintf("%s/%s/%d", sub, planID, week)]++
		return nil
	}
	var svc *plan.Service
	e := newEnv(t, "", nil, func(_ *plan.Config, d *plan.Deps) { d.AdaptWeek = adapt })
	svc = e.svc
	const n = 30
	for i := range n {
		e.onboard(t, fmt.Sprintf("p%d", i), nil)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			sub := fmt.Sprintf("p%d", i)
			resp, err := e.client.CreatePlan(e.as(t, sub), &planv1.CreatePlanRequest{RequestId: "load"})
			if err == nil && resp.GetPlan().GetState() != planv1.PlanState_PLAN_STATE_READY {
				err = fmt.Errorf("%s: plan %s", sub, resp.GetPlan().GetState())
			}
			if err == nil {
				err = svc.EnqueueAdapt(t.Context(), sub, resp.GetPlan().GetId(), 1)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(adapted) == n
	}, 30*time.Second, 50*time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for k, c := range adapted {
		require.Equal(t, 1, c, k)
	}
}
