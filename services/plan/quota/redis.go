package quota

import (
	"context"
	"errors"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Redis is a Backend shared by every replica: rate limits by redis_rate's GCRA (one atomic
// script per request), counts by INCRBY, all keys under prefix.
type Redis struct {
	client  redis.UniversalClient
	limiter *redis_rate.Limiter
	prefix  string
}

// NewRedis returns a Backend on client.
func NewRedis(client redis.UniversalClient, prefix string) *Redis {
	return &Redis{client: client, limiter: redis_rate.NewLimiter(client), prefix: prefix}
}

// Allow implements Backend.
func (r *Redis) Allow(ctx context.Context, key string, limit int, period time.Duration) (bool, time.Duration, error) {
	res, err := r.limiter.Allow(ctx, r.prefix+key, redis_rate.Limit{Rate: limit, Burst: limit, Period: period})
	if err != nil {
		return false, 0, err
	}
	return res.Allowed > 0, res.RetryAfter, nil
}

// Used implements Backend.
func (r *Redis) Used(ctx context.Context, key string) (int64, error) {
	n, err := r.client.Get(ctx, r.prefix+key).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}

// Add implements Backend.
func (r *Redis) Add(ctx context.Context, key string, n int64, ttl time.Duration) error {
	_, err := r.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.IncrBy(ctx, r.prefix+key, n)
		p.Expire(ctx, r.prefix+key, ttl)
		return nil
	})
	return err
}
