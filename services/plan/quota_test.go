package plan_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/llmtest"
	"github.com/fitcoach/fitcoach/services/plan/quota"
)

// retryAfter returns the RetryInfo delay of a RESOURCE_EXHAUSTED error.
func retryAfter(t *testing.T, err error) time.Duration {
	t.Helper()
	require.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
	for _, d := range status.Convert(err).Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			return ri.GetRetryDelay().AsDuration()
		}
	}
	t.Fatalf("no RetryInfo in %v", err)
	return 0
}

// quotaBackends runs f with the in-process backend (fitcoach dev) and with Redis on this
// machine (db 13, a per-test key prefix), where two services sharing it are two replicas.
func quotaBackends(t *testing.T, f func(t *testing.T, backend quota.Backend)) {
	t.Run("in process", func(t *testing.T) { f(t, quota.NewMemory()) })
	t.Run("redis", func(t *testing.T) {
		client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379", DB: 13})
		t.Cleanup(func() { client.Close() })
		require.NoError(t, client.Ping(t.Context()).Err(), "the test needs Redis at 127.0.0.1:6379")
		prefix := fmt.Sprintf("fitcoach-test:plan:%d:", time.Now().UnixNano())
		t.Cleanup(func() {
			if keys, _ := client.Keys(t.Context(), prefix+"*").Result(); len(keys) > 0 {
				client.Del(t.Context(), keys...)
			}
		})
		f(t, quota.NewRedis(client, prefix))
	})
}

// TestCreatePlanRateLimit: the audit's burst (many parallel CreatePlan calls by one person)
// gets PLAN_RATE_LIMIT plans and then RESOURCE_EXHAUSTED with a retry delay, counted in the
// metrics; replays of a stored request id stay free, and other people are not affected.
func TestCreatePlanRateLimit(t *testing.T) {
	quotaBackends(t, func(t *testing.T, backend quota.Backend) {
		limit := withConfig(func(c *plan.Config) { c.PlanRateLimit, c.PlanRatePeriod = 3, time.Hour })
		a := newEnv(t, "", nil, limit, withQuota(backend))
		b := newEnv(t, "", nil, limit, withQuota(backend))
		for _, e := range []*env{a, b} {
			e.onboard(t, "alice", nil)
			e.onboard(t, "bob", nil)
		}
		var errs []error
		for i := range 8 {
			e := []*env{a, b}[i%2]
			_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: fmt.Sprintf("r%d", i)})
			errs = append(errs, err)
		}
		made := 0
		for _, err := range errs {
			if err == nil {
				made++
				continue
			}
			d := retryAfter(t, err)
			require.Greater(t, d, 15*time.Minute)
			require.LessOrEqual(t, d, 20*time.Minute)
		}
		require.Equal(t, 3, made, "3 plans an hour, across both services")
		require.Equal(t, 5.0, metricValue(t, a, "fitcoach_plan_quota_rejections_total", "plans")+metricValue(t, b, "fitcoach_plan_quota_rejections_total", "plans"))

		_, err := a.client.CreatePlan(a.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "r0"})
		require.NoError(t, err, "a replay of a stored request id is answered without counting")
		_, err = b.client.CreatePlan(b.as(t, "bob"), &planv1.CreatePlanRequest{RequestId: "r0"})
		require.NoError(t, err, "limits are per person")
	})
}

// TestCreatePlanTokenBudget: once a person's plans have used LLM_DAILY_TOKENS_PER_PERSON tokens
// today, CreatePlan answers RESOURCE_EXHAUSTED until midnight UTC.
func TestCreatePlanTokenBudget(t *testing.T) {
	quotaBackends(t, func(t *testing.T, backend quota.Backend) {
		profile := sampleProfile()
		m := newModel(t, goodTemplate(t, profile))
		e := newEnv(t, "", []llmtest.Step{{Respond: m.respond}}, withQuota(backend),
			withConfig(func(c *plan.Config) { c.LLMDailyTokenBudget = 1 }))
		e.onboard(t, "alice", nil)
		first, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "r1"})
		require.NoError(t, err, "the first plan starts under the budget")
		require.Equal(t, "openai", first.GetPlan().GetProvider())
		require.Positive(t, first.GetPlan().GetUsage().GetTotalTokens())

		_, err = e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "r2"})
		d := retryAfter(t, err)
		now := time.Now().UTC()
		midnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)
		require.InDelta(t, time.Until(midnight).Seconds(), d.Seconds(), 60)
		require.Equal(t, 1.0, metricValue(t, e, "fitcoach_plan_quota_rejections_total", "tokens"))
		e.onboard(t, "bob", nil)
		_, err = e.client.CreatePlan(e.as(t, "bob"), &planv1.CreatePlanRequest{RequestId: "r1"})
		require.NoError(t, err)
	})
}

// TestCreatePlanDuplicatesCountOnce: retries of one request id, even concurrent ones, are one
// generation and take one slot of the rate limit.
func TestCreatePlanDuplicatesCountOnce(t *testing.T) {
	e := newEnv(t, "", nil, withConfig(func(c *plan.Config) { c.PlanRateLimit, c.PlanRatePeriod = 1, time.Hour }))
	e.onboard(t, "alice", nil)
	ids := make(chan string, 6)
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			resp, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "same"})
			errs <- err
			ids <- resp.GetPlan().GetId()
		}()
	}
	first := ""
	for range 6 {
		require.NoError(t, <-errs)
		id := <-ids
		if first == "" {
			first = id
		}
		require.Equal(t, first, id)
	}
	_, err := e.client.CreatePlan(e.as(t, "alice"), &planv1.CreatePlanRequest{RequestId: "other"})
	retryAfter(t, err)
}
