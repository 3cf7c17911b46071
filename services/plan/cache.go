package plan

import (
	"container/list"
	"sync"
	"time"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// planCache keeps recently used plans in memory. Plans are immutable once stored, so an entry
// never goes stale and needs no invalidation; the bound is on memory only (LRU).
type planCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[string]*list.Element
}

type planEntry struct {
	subject string
	plan    *planv1.Plan
}

func newPlanCache(n int) *planCache {
	return &planCache{max: n, ll: list.New(), items: map[string]*list.Element{}}
}

// get returns the plan when cached for this subject. A cached plan of another subject is
// reported as absent, and the caller's store read then answers NOT_FOUND.
func (c *planCache) get(subject, id string) (*planv1.Plan, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[id]
	if !ok {
		return nil, false
	}
	e := el.Value.(*planEntry)
	if e.subject != subject {
		return nil, false
	}
	c.ll.MoveToFront(el)
	return e.plan, true
}

func (c *planCache) put(subject string, p *planv1.Plan) {
	// Only a READY plan is immutable: a PENDING or FAILED one changes with its job.
	if p.GetState() != planv1.PlanState_PLAN_STATE_READY {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[p.GetId()]; ok {
		c.ll.MoveToFront(el)
		return
	}
	c.items[p.GetId()] = c.ll.PushFront(&planEntry{subject: subject, plan: p})
	for c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*planEntry).plan.GetId())
	}
}

// profileCache keeps profiles for Start workout, which reads the archetype and locale on every
// call. Upserts through this process invalidate at once; the TTL bounds staleness from
// upserts served by another replica.
type profileCache struct {
	ttl time.Duration
	mu  sync.RWMutex
	m   map[string]profileEntry
}

type profileEntry struct {
	p  *planv1.Profile
	at time.Time
}

func newProfileCache(ttl time.Duration) *profileCache {
	return &profileCache{ttl: ttl, m: map[string]profileEntry{}}
}

func (c *profileCache) get(subject string) (*planv1.Profile, bool) {
	c.mu.RLock()
	e, ok := c.m[subject]
	c.mu.RUnlock()
	if !ok || time.Since(e.at) > c.ttl {
		return nil, false
	}
	return e.p, true
}

func (c *profileCache) put(subject string, p *planv1.Profile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 100000 {
		clear(c.m)
	}
	c.m[subject] = profileEntry{p: p, at: time.Now()}
}

func (c *profileCache) delete(subject string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, subject)
}
