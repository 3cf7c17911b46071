package plan

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// catalogClient is the catalog as generation and workouts need it: allowed lists cached per
// equipment and level for a short TTL (the catalog caches its own computation too; this saves
// the round trip and the copy on every generation), and a slug index of every exercise seen
// so workouts can show names without a catalog call on the Start workout path.
type catalogClient struct {
	c   catalogv1.CatalogServiceClient
	ttl time.Duration

	mu      sync.Mutex
	allowed map[string]allowedEntry
	// alts caches alternatives per slug, equipment and level: models repeat the same strays.
	alts  map[string]allowedEntry
	names map[string]*catalogv1.Exercise
	// filled is when names was last filled from the unfiltered allowed set.
	filled time.Time
}

// namesTimeout bounds the catalog call that fills the name index.
const namesTimeout = time.Second

type allowedEntry struct {
	list []*catalogv1.Exercise
	at   time.Time
}

func newCatalogClient(c catalogv1.CatalogServiceClient, ttl time.Duration) *catalogClient {
	return &catalogClient{c: c, ttl: ttl, allowed: map[string]allowedEntry{}, alts: map[string]allowedEntry{}, names: map[string]*catalogv1.Exercise{}}
}

// Allowed implements generate.Catalog.
func (c *catalogClient) Allowed(ctx context.Context, equipment []string, level typesv1.FitnessLevel) ([]*catalogv1.Exercise, error) {
	key := strings.Join(equipment, ",") + "|" + level.String()
	c.mu.Lock()
	e, ok := c.allowed[key]
	c.mu.Unlock()
	if ok && time.Since(e.at) < c.ttl {
		return e.list, nil
	}
	resp, err := c.c.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{Equipment: equipment, MaxDifficulty: level})
	if err != nil {
		if ok {
			// The catalog is down: a recent allowed list beats no plan.
			return e.list, nil
		}
		if list := c.fromIndex(equipment, level); len(list) > 0 {
			// Never asked for this equipment and level, but every exercise in the index came
			// from an allowed list: filter those here rather than fail the plan.
			return list, nil
		}
		return nil, err
	}
	list := resp.GetExercises()
	c.mu.Lock()
	if len(c.allowed) > 1024 {
		clear(c.allowed)
	}
	c.allowed[key] = allowedEntry{list: list, at: time.Now()}
	c.index(list)
	c.mu.Unlock()
	return list, nil
}

// Alternatives implements generate.Catalog.
func (c *catalogClient) Alternatives(ctx context.Context, slug string, equipment []string, level typesv1.FitnessLevel) ([]*catalogv1.Exercise, error) {
	key := strings.ToLower(slug) + "|" + strings.Join(equipment, ",") + "|" + level.String()
	c.mu.Lock()
	e, ok := c.alts[key]
	c.mu.Unlock()
	if ok && time.Since(e.at) < c.ttl {
		return e.list, nil
	}
	resp, err := c.c.GetExerciseAlternatives(ctx, &catalogv1.GetExerciseAlternativesRequest{Slug: slug, Equipment: equipment, MaxDifficulty: level, Limit: 5})
	if status.Code(err) == codes.NotFound {
		// Remembered as "no alternatives": an invented slug stays unknown.
		resp, err = &catalogv1.GetExerciseAlternativesResponse{}, nil
	}
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.alts) > 4096 {
		clear(c.alts)
	}
	c.alts[key] = allowedEntry{list: resp.GetAlternatives(), at: time.Now()}
	c.mu.Unlock()
	if len(resp.GetAlternatives()) == 0 {
		return nil, fmt.Errorf("alternatives of %q: %w", slug, grpcerr.ErrNotFound)
	}
	return resp.GetAlternatives(), nil
}

// fromIndex filters the exercises seen in earlier allowed lists as the catalog would: equipment
// a subset of the person's (bodyweight always fits), difficulty at most level.
func (c *catalogClient) fromIndex(equipment []string, level typesv1.FitnessLevel) []*catalogv1.Exercise {
	has := map[string]bool{"bodyweight": true}
	for _, e := range equipment {
		has[strings.ToLower(e)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*catalogv1.Exercise
	for _, ex := range c.names {
		if level != typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED && ex.GetDifficulty() > level {
			continue
		}
		fits := true
		for _, need := range ex.GetEquipment() {
			fits = fits && has[strings.ToLower(need)]
		}
		if fits {
			out = append(out, ex)
		}
	}
	// Map order is random; plans must not depend on it.
	slices.SortFunc(out, func(a, b *catalogv1.Exercise) int { return strings.Compare(a.GetSlug(), b.GetSlug()) })
	return out
}

// index records exercises by slug; c.mu is held.
func (c *catalogClient) index(list []*catalogv1.Exercise) {
	for _, e := range list {
		c.names[e.GetSlug()] = e
	}
}

// exercises returns what the catalog says about slugs, filling the index from the whole
// allowed set when a slug is unknown (at most once per TTL, so a missing slug cannot make
// every Start workout call the catalog). Unknown slugs are simply absent.
func (c *catalogClient) exercises(ctx context.Context, slugs []string) map[string]*catalogv1.Exercise {
	out := make(map[string]*catalogv1.Exercise, len(slugs))
	c.mu.Lock()
	missing := false
	for _, s := range slugs {
		if e, ok := c.names[s]; ok {
			out[s] = e
		} else {
			missing = true
		}
	}
	refill := missing && time.Since(c.filled) > c.ttl
	if refill {
		c.filled = time.Now()
	}
	c.mu.Unlock()
	if !refill {
		return out
	}
	// Names are a nicety on the Start workout path: never wait long for them.
	ctx, cancel := context.WithTimeout(ctx, namesTimeout)
	defer cancel()
	resp, err := c.c.ListAllowedExercises(ctx, &catalogv1.ListAllowedExercisesRequest{})
	if err != nil {
		return out
	}
	c.mu.Lock()
	c.index(resp.GetExercises())
	for _, s := range slugs {
		if e, ok := c.names[s]; ok {
			out[s] = e
		}
	}
	c.mu.Unlock()
	return out
}
