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

// byArchetype holds one (exercise, kind)'s candidates indexed by archetype (the enum number,
// 0 = generic), each sorted by id so the seeded pick is deterministic.
type byArchetype [4][]*videov1.Clip

// slugEntry is everything cached for one exercise slug ("" for the global clips). An entry
// with no kinds records that the slug has no clips, so unknown exercises cost no query either.
type slugEntry struct {
	kinds   map[typesv1.ClipKind]*byArchetype
	expires time.Time
}

func newSlugEntries(slugs []string, clips []*videov1.Clip, expires time.Time) map[string]*slugEntry {
	out := make(map[string]*slugEntry, len(slugs))
	for _, s := range slugs {
		out[s] = &slugEntry{kinds: map[typesv1.ClipKind]*byArchetype{}, expires: expires}
	}
	for _, c := range clips {
		e := out[c.GetExerciseSlug()]
		a := int(c.GetArchetype())
		if e == nil || a < 0 || a > 3 {
			continue
		}
		p := e.kinds[c.GetKind()]
		if p == nil {
			p = &byArchetype{}
			e.kinds[c.GetKind()] = p
		}
		p[a] = append(p[a], c)
	}
	for _, e := range out {
		for _, p := range e.kinds {
			for a := range p {
				slices.SortFunc(p[a], func(x, y *videov1.Clip) int { return strings.Compare(x.GetId(), y.GetId()) })
			}
		}
	}
	return out
}

// candidateCache keeps candidates per exercise slug, so any workout made of exercises seen
// before is built without a query: people's plans differ, their exercises mostly do not.
// Clip writes in this process drop it at once (invalidate); the TTL bounds staleness from
// writes on other replicas.
type candidateCache struct {
	ttl  time.Duration
	size int

	mu    sync.RWMutex
	gen   uint64
	slugs map[string]*slugEntry
}

func (c *candidateCache) invalidate() {
	c.mu.Lock()
	c.gen++
	clear(c.slugs)
	c.mu.Unlock()
}

// Results of a lookup, for metrics.
const (
	cacheHit   = "hit"
	cacheMiss  = "miss"
	cacheStale = "stale"
)

// get returns the entries of slugs, loading the missing or expired ones with one call to
// load. When that load fails and expired entries are at hand for every slug, they are served:
// a database hiccup should not take the videos out of a workout.
func (c *candidateCache) get(ctx context.Context, slugs []string, now time.Time,
	load func(ctx context.Context, slugs []string) ([]*videov1.Clip, error),
) (map[string]*slugEntry, string, error) {
	out := make(map[string]*slugEntry, len(slugs))
	var missing []string
	c.mu.RLock()
	gen := c.gen
	for _, s := range slugs {
		e := c.slugs[s]
		if e != nil {
			out[s] = e
		}
		if e == nil || !now.Before(e.expires) {
			missing = append(missing, s)
		}
	}
	c.mu.RUnlock()
	if len(missing) == 0 {
		return out, cacheHit, nil
	}

	clips, err := load(ctx, missing)
	if err != nil {
		for _, s := range missing {
			if out[s] == nil {
				return nil, cacheMiss, err
			}
		}
		return out, cacheStale, nil
	}
	fresh := newSlugEntries(missing, clips, now.Add(c.ttl))
	c.mu.Lock()
	// A write that landed while the query ran may not be in its result: serve it to this
	// request, but do not keep it.
	if gen == c.gen {
		if len(c.slugs)+len(fresh) > c.size {
			clear(c.slugs)
		}
		for s, e := range fresh {
			c.slugs[s] = e
		}
	}
	c.mu.Unlock()
	for s, e := range fresh {
		out[s] = e
	}
	return out, cacheMiss, nil
}
