package playlist

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// slotKey names what a playlist slot needs: an exercise's clip of a kind ("" for global
// kinds such as intro).
type slotKey struct {
	slug string
	kind typesv1.ClipKind
}

// pools holds one slot's candidates split by locale preference (0 = requested locale,
// 1 = other locales) and archetype (indexed by the enum number, 0 = generic), each sorted by
// id so the seeded pick is deterministic.
type pools [2][4][]*videov1.Clip

// candidateSet is everything one workout's playlist can choose from.
type candidateSet struct {
	slots   map[slotKey]*pools
	clips   []*videov1.Clip
	expires time.Time
}

func newCandidateSet(clips []*videov1.Clip, locale string, expires time.Time) *candidateSet {
	s := &candidateSet{slots: make(map[slotKey]*pools), clips: clips, expires: expires}
	for _, c := range clips {
		k := slotKey{slug: c.GetExerciseSlug(), kind: c.GetKind()}
		p := s.slots[k]
		if p == nil {
			p = &pools{}
			s.slots[k] = p
		}
		loc := 1
		if c.GetLocale() == locale {
			loc = 0
		}
		a := int(c.GetArchetype())
		if a < 0 || a > 3 {
			continue
		}
		p[loc][a] = append(p[loc][a], c)
	}
	for _, p := range s.slots {
		for l := range p {
			for a := range p[l] {
				slices.SortFunc(p[l][a], func(x, y *videov1.Clip) int { return strings.Compare(x.GetId(), y.GetId()) })
			}
		}
	}
	return s
}

// flight is one candidate query that concurrent misses on the same key share.
type flight struct {
	done chan struct{}
	set  *candidateSet
	err  error
}

// candidateCache keeps candidate sets per (exercise set, locale). Clip writes in this process
// drop it at once (Invalidate); the TTL bounds staleness from writes on other replicas.
type candidateCache struct {
	ttl  time.Duration
	size int

	mu       sync.Mutex
	gen      uint64
	sets     map[string]*candidateSet
	inflight map[string]*flight
}

func cacheKey(slugs []string, locale string) string {
	var b strings.Builder
	n := len(locale) + 1
	for _, s := range slugs {
		n += len(s) + 1
	}
	b.Grow(n)
	b.WriteString(locale)
	for _, s := range slugs {
		b.WriteByte(0)
		b.WriteString(s)
	}
	return b.String()
}

func (c *candidateCache) invalidate() {
	c.mu.Lock()
	c.gen++
	clear(c.sets)
	c.mu.Unlock()
}

// result of a lookup, for metrics.
const (
	cacheHit   = "hit"
	cacheMiss  = "miss"
	cacheStale = "stale"
)

// get returns the candidate set for key, loading it with load on a miss or after the TTL.
// When a reload fails and an expired set is at hand, the expired set is served: a database
// hiccup should not take the videos out of a workout.
func (c *candidateCache) get(ctx context.Context, key string, now time.Time, load func(context.Context) (*candidateSet, error)) (*candidateSet, string, error) {
	c.mu.Lock()
	old := c.sets[key]
	if old != nil && now.Before(old.expires) {
		c.mu.Unlock()
		return old, cacheHit, nil
	}
	if f := c.inflight[key]; f != nil {
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, cacheMiss, ctx.Err()
		}
		if f.err != nil && old != nil {
			return old, cacheStale, nil
		}
		return f.set, cacheMiss, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	gen := c.gen
	c.mu.Unlock()

	f.set, f.err = load(ctx)

	c.mu.Lock()
	delete(c.inflight, key)
	// A write that landed while the query ran may not be in its result: serve it to this
	// request, but do not keep it.
	if f.err == nil && gen == c.gen {
		if len(c.sets) >= c.size {
			clear(c.sets)
		}
		c.sets[key] = f.set
	}
	c.mu.Unlock()
	close(f.done)
	if f.err != nil && old != nil {
		return old, cacheStale, nil
	}
	return f.set, cacheMiss, f.err
}
