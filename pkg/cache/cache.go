// Package cache is the small key/value cache services keep derived data in: in-process by
// default, Redis (shared by replicas) when REDIS_URL is set, degrading to in-process when Redis
// cannot be reached so a cache outage never fails a request.
package cache

import (
	"context"
	"sync"
	"time"
)

// Cache stores byte values with a time to live. Get reports ok=false for a missing or expired
// key; errors mean the cache itself failed and callers should recompute.
type Cache interface {
	Get(ctx context.Context, key string) (val []byte, ok bool, err error)
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
	Delete(ctx context.Context, keys ...string) error
}

// Memory is an in-process TTL cache. The zero value is not usable; call NewMemory.
type Memory struct {
	mu    sync.RWMutex
	items map[string]entry
	max   int
	now   func() time.Time
}

type entry struct {
	val     []byte
	expires time.Time
}

// NewMemory returns an in-process cache holding at most maxItems keys (0 means 10,000); when
// full, expired keys are dropped first, then arbitrary ones.
func NewMemory(maxItems int) *Memory {
	if maxItems <= 0 {
		maxItems = 10_000
	}
	return &Memory{items: make(map[string]entry), max: maxItems, now: time.Now}
}

// Get implements Cache.
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.RLock()
	e, ok := m.items[key]
	m.mu.RUnlock()
	if !ok || !m.now().Before(e.expires) {
		return nil, false, nil
	}
	return e.val, true, nil
}

// Set implements Cache.
func (m *Memory) Set(_ context.Context, key string, val []byte, ttl time.Duration) error {
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, exists := m.items[key]; !exists && len(m.items) >= m.max {
		m.evict(now)
	}
	m.items[key] = entry{val: val, expires: now.Add(ttl)}
	return nil
}

func (m *Memory) evict(now time.Time) {
	for k, e := range m.items {
		if !now.Before(e.expires) {
			delete(m.items, k)
		}
	}
	for k := range m.items {
		if len(m.items) < m.max {
			return
		}
		delete(m.items, k)
	}
}

// Delete implements Cache.
func (m *Memory) Delete(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		delete(m.items, k)
	}
	return nil
}
