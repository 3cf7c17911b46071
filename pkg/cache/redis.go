package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a Cache on a Redis server, with keys under a prefix.
type Redis struct {
	client *redis.Client
	prefix string
}

// NewRedis connects to url (redis://host:port/db) with short timeouts, so a slow Redis costs
// a request milliseconds, not seconds.
func NewRedis(url, prefix string) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("cache: REDIS_URL: %w", err)
	}
	opts.DialTimeout = 500 * time.Millisecond
	opts.ReadTimeout = 250 * time.Millisecond
	opts.WriteTimeout = 250 * time.Millisecond
	opts.MaxRetries = 1
	return &Redis{client: redis.NewClient(opts), prefix: prefix}, nil
}

// Client is the underlying client, for other uses of the same server (the plan quotas).
func (r *Redis) Client() *redis.Client { return r.client }

// Get implements Cache.
func (r *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := r.client.Get(ctx, r.prefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// Set implements Cache.
func (r *Redis) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	return r.client.Set(ctx, r.prefix+key, val, ttl).Err()
}

// Delete implements Cache.
func (r *Redis) Delete(ctx context.Context, keys ...string) error {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = r.prefix + k
	}
	return r.client.Del(ctx, full...).Err()
}

// Ping checks the server is reachable.
func (r *Redis) Ping(ctx context.Context) error { return r.client.Ping(ctx).Err() }

// Close closes the connections.
func (r *Redis) Close() error { return r.client.Close() }

// Fallback serves from primary (Redis) and, when primary fails, from an in-process cache, so a
// Redis outage degrades sharing between replicas but fails nothing. Writes and deletes go to
// both so the local copy is warm when it is needed.
type Fallback struct {
	primary  Cache
	local    *Memory
	log      *slog.Logger
	degraded atomic.Bool
}

// NewFallback wraps primary with an in-process fallback.
func NewFallback(primary Cache, log *slog.Logger) *Fallback {
	return &Fallback{primary: primary, local: NewMemory(0), log: log}
}

// Degraded reports whether the last primary call failed.
func (f *Fallback) Degraded() bool { return f.degraded.Load() }

func (f *Fallback) note(err error) {
	if err == nil {
		if f.degraded.Swap(false) {
			f.log.Info("cache: primary is back")
		}
		return
	}
	if !f.degraded.Swap(true) {
		f.log.Warn("cache: primary failed; serving from process memory", "err", err)
	}
}

// Get implements Cache.
func (f *Fallback) Get(ctx context.Context, key string) ([]byte, bool, error) {
	v, ok, err := f.primary.Get(ctx, key)
	f.note(err)
	if err != nil {
		return f.local.Get(ctx, key)
	}
	return v, ok, nil
}

// Set implements Cache.
func (f *Fallback) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	_ = f.local.Set(ctx, key, val, ttl)
	f.note(f.primary.Set(ctx, key, val, ttl))
	return nil
}

// Delete implements Cache.
func (f *Fallback) Delete(ctx context.Context, keys ...string) error {
	_ = f.local.Delete(ctx, keys...)
	err := f.primary.Delete(ctx, keys...)
	f.note(err)
	// An invalidation that did not reach Redis leaves other replicas stale until the TTL; say so.
	return err
}
