package quota

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// redisDB is the test database on this machine's Redis; keys get a per-test prefix too.
const redisDB = 13

func redisBackend(t *testing.T) Backend {
	t.Helper()
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379", DB: redisDB})
	t.Cleanup(func() { client.Close() })
	require.NoError(t, client.Ping(t.Context()).Err(), "the tests need Redis at 127.0.0.1:6379")
	prefix := fmt.Sprintf("fitcoach-test:quota:%s:%d:", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() {
		keys, _ := client.Keys(t.Context(), prefix+"*").Result()
		if len(keys) > 0 {
			client.Del(t.Context(), keys...)
		}
	})
	return NewRedis(client, prefix)
}

// backends runs each test on both backends: the same behaviour is promised by either.
func backends(t *testing.T, f func(t *testing.T, newBackend func() Backend)) {
	t.Run("memory", func(t *testing.T) {
		m := NewMemory()
		f(t, func() Backend { return m })
	})
	t.Run("redis", func(t *testing.T) {
		b := redisBackend(t)
		f(t, func() Backend { return b })
	})
}

func TestPlanRateLimit(t *testing.T) {
	backends(t, func(t *testing.T, backend func() Backend) {
		// Two Quotas on one backend are two replicas.
		a, err := New(Config{Plans: 3, Period: time.Hour}, backend())
		require.NoError(t, err)
		b, err := New(Config{Plans: 3, Period: time.Hour}, backend())
		require.NoError(t, err)
		ctx := t.Context()
		require.NoError(t, a.Admit(ctx, "alice"))
		require.NoError(t, b.Admit(ctx, "alice"))
		require.NoError(t, a.Admit(ctx, "alice"))
		for _, q := range []*Quota{a, b} {
			err = q.Admit(ctx, "alice")
			var ex *ExhaustedError
			require.ErrorAs(t, err, &ex, "the fourth plan in an hour is refused, whichever replica is asked")
			require.Equal(t, LimitPlans, ex.Limit)
			require.InDelta(t, 20*time.Minute, ex.RetryAfter, float64(time.Minute), "one plan comes back every 20 minutes")
		}
		require.NoError(t, b.Admit(ctx, "bob"), "limits are per person")
	})
}

func TestDailyTokenBudget(t *testing.T) {
	backends(t, func(t *testing.T, backend func() Backend) {
		a, err := New(Config{DailyTokens: 1000}, backend())
		require.NoError(t, err)
		b, err := New(Config{DailyTokens: 1000}, backend())
		require.NoError(t, err)
		noon := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		for _, q := range []*Quota{a, b} {
			q.now = func() time.Time { return noon }
		}
		ctx := t.Context()
		require.NoError(t, a.Admit(ctx, "alice"))
		a.Charge(ctx, "alice", 600)
		require.NoError(t, b.Admit(ctx, "alice"), "600 of 1000 spent")
		b.Charge(ctx, "alice", 500)
		err = a.Admit(ctx, "alice")
		var ex *ExhaustedError
		require.ErrorAs(t, err, &ex, "1100 of 1000 spent, counted across replicas")
		require.Equal(t, LimitTokens, ex.Limit)
		require.Equal(t, 12*time.Hour, ex.RetryAfter, "until the next UTC day")
		require.NoError(t, a.Admit(ctx, "bob"))

		a.now = func() time.Time { return noon.Add(12 * time.Hour) }
		require.NoError(t, a.Admit(ctx, "alice"), "a new day, a new budget")
	})
}

func TestOffAndInvalid(t *testing.T) {
	q, err := New(Config{}, NewMemory())
	require.NoError(t, err)
	for range 100 {
		require.NoError(t, q.Admit(t.Context(), "alice"))
		q.Charge(t.Context(), "alice", 1e9)
	}
	_, err = New(Config{Plans: 1}, NewMemory())
	require.Error(t, err, "a limit needs a period")
	_, err = New(Config{DailyTokens: -1}, NewMemory())
	require.Error(t, err)
}

// TestRedisDownAdmits: a Redis outage must not stop plan generation; it is reported.
func TestRedisDownAdmits(t *testing.T) {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
	defer client.Close()
	q, err := New(Config{Plans: 1, Period: time.Hour, DailyTokens: 1}, NewRedis(client, "x:"))
	require.NoError(t, err)
	var errs []error
	q.OnError = func(err error) { errs = append(errs, err) }
	require.NoError(t, q.Admit(t.Context(), "alice"))
	require.NoError(t, q.Admit(t.Context(), "alice"))
	require.NotEmpty(t, errs)
	require.False(t, errors.Is(errs[0], redis.Nil))
}
