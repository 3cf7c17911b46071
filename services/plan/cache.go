package plan

import (
	"container/list"
	"sync"
	"time"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// planCache keeps recently used plans in memory, as the current revision's view: the plan
// row (revision 1, immutable) with the weeks of its current revision. Revisions are
// immutable too; only which one is current moves. Writes made through this process replace
// the entry at once (set). A revision made by another replica is seen once the entry is
// older than ttl: the next read then asks the database for the current revision number (one
// indexed query) and loads the body only when it changed. So a plan read on one replica is
// at most ttl behind a revision made on another, and Start workout pays the database
// round trip at most once per ttl per plan. The bound on size is LRU.
type planCache struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	ll    *list.List
	items map[string]*list.Element
}

type planEntry struct {
	subject string
	// orig is the plan row (revision 1); view is orig as of the current revision. Both are
	// shared and never modified.
	orig    *planv1.Plan
	view    *planv1.Plan
	checked time.Time
}

func newPlanCache(n int, ttl time.Duration) *planCache {
	return &planCache{max: n, ttl: ttl, now: time.Now, ll: list.New(), items: map[string]*list.Element{}}
}

// get returns the cached entry of a plan of this subject and whether it is fresh (checked
// against the database less than ttl ago). A cached plan of another subject is reported as
// absent, and the caller's store read then answers NOT_FOUND.
func (c *planCache) get(subject, id string) (e planEntry, fresh, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[id]
	if !ok {
		return planEntry{}, false, false
	}
	pe := el.Value.(*planEntry)
	if pe.subject != subject {
		return planEntry{}, false, false
	}
	c.ll.MoveToFront(el)
	return *pe, c.now().Sub(pe.checked) < c.ttl, true
}

// set makes view the cached current revision of its plan, checked now. A view older than
// the cached one (a slow reader racing a writer of this process) is ignored.
func (c *planCache) set(subject string, orig, view *planv1.Plan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[view.GetId()]; ok {
		pe := el.Value.(*planEntry)
		if pe.view.GetRevision() <= view.GetRevision() {
			pe.orig, pe.view = orig, view
		}
		pe.checked = c.now()
		c.ll.MoveToFront(el)
		return
	}
	c.items[view.GetId()] = c.ll.PushFront(&planEntry{subject: subject, orig: orig, view: view, checked: c.now()})
	for c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*planEntry).view.GetId())
	}
}

// touch marks a plan's entry as checked now: the database still has the cached revision.
func (c *planCache) touch(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[id]; ok {
		el.Value.(*planEntry).checked = c.now()
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
