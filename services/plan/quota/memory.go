package quota

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxMemoryKeys bounds the in-process maps; past it, entries that no longer hold anything
// (a full token bucket, an expired count) are dropped.
const maxMemoryKeys = 10000

// Memory is a Backend for one process (`fitcoach dev`): golang.org/x/time/rate token buckets
// and counters in maps.
type Memory struct {
	mu       sync.Mutex
	now      func() time.Time
	limiters map[string]*rate.Limiter
	counts   map[string]count
}

type count struct {
	n       int64
	expires time.Time
}

// NewMemory returns an empty in-process Backend.
func NewMemory() *Memory {
	return &Memory{now: time.Now, limiters: map[string]*rate.Limiter{}, counts: map[string]count{}}
}

// Allow implements Backend.
func (m *Memory) Allow(_ context.Context, key string, limit int, period time.Duration) (bool, time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	every := rate.Every(period / time.Duration(limit))
	l, ok := m.limiters[key]
	if !ok || l.Burst() != limit || l.Limit() != every {
		if len(m.limiters) >= maxMemoryKeys {
			for k, old := range m.limiters {
				if old.TokensAt(now) >= float64(old.Burst()) {
					delete(m.limiters, k)
				}
			}
		}
		l = rate.NewLimiter(every, limit)
		m.limiters[key] = l
	}
	r := l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d, nil
	}
	return true, 0, nil
}

// Used implements Backend.
func (m *Memory) Used(_ context.Context, key string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.counts[key]
	if !ok || !m.now().Before(c.expires) {
		return 0, nil
	}
	return c.n, nil
}

// Add implements Backend.
func (m *Memory) Add(_ context.Context, key string, n int64, ttl time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if len(m.counts) >= maxMemoryKeys {
		for k, c := range m.counts {
			if !now.Before(c.expires) {
				delete(m.counts, k)
			}
		}
	}
	c := m.counts[key]
	if !now.Before(c.expires) {
		c.n = 0
	}
	m.counts[key] = count{n: c.n + n, expires: now.Add(ttl)}
	return nil
}
