package planner

import (
	"cmp"
	"slices"
	"strings"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// category is the movement pattern a slot of a session asks for.
type category int

const (
	push category = iota
	pull
	legs
	core
	conditioning
	mobility
	numCategories
)

// fallbacks is where a slot looks when its own category has no exercise (e.g. no pulling
// movement for someone with no equipment).
var fallbacks = [numCategories][]category{
	push:         {push, core, conditioning, legs, pull, mobility},
	pull:         {pull, core, conditioning, push, legs, mobility},
	legs:         {legs, core, conditioning, push, pull, mobility},
	core:         {core, legs, conditioning, push, pull, mobility},
	conditioning: {conditioning, legs, core, push, pull, mobility},
	mobility:     {mobility, core, legs, push, pull, conditioning},
}

// categoryOf classifies an exercise by its first (main) muscle group.
func categoryOf(e *catalogv1.Exercise) category {
	if isMobility(e.GetSlug()) {
		return mobility
	}
	mg := e.GetMuscleGroups()
	if len(mg) == 0 {
		return core
	}
	switch mg[0] {
	case "chest", "triceps", "shoulders":
		return push
	case "lats", "back", "biceps", "forearms", "traps":
		return pull
	case "quads", "glutes", "hamstrings", "calves", "adductors", "abductors":
		return legs
	case "cardio", "full_body":
		return conditioning
	default:
		return core
	}
}

// isMobility spots stretches and poses, which belong in a warm-up rather than a training slot.
func isMobility(slug string) bool {
	return strings.Contains(slug, "stretch") || strings.Contains(slug, "pose") || slug == "cat-cow"
}

// pool is the allowed exercises a person may do, grouped by category.
type pool struct {
	by       [numCategories][]*catalogv1.Exercise
	excluded []risk
}

func newPool(allowed []*catalogv1.Exercise, level typesv1.FitnessLevel, risks []risk) *pool {
	p := &pool{excluded: risks}
	for _, e := range allowed {
		if risky(e.GetSlug(), risks) {
			continue
		}
		c := categoryOf(e)
		p.by[c] = append(p.by[c], e)
	}
	// Exercises at the person's level first, then easier ones; slug breaks ties so the order
	// never depends on how the catalog listed them.
	for c := range p.by {
		slices.SortFunc(p.by[c], func(a, b *catalogv1.Exercise) int {
			return cmp.Or(
				cmp.Compare(distance(a.GetDifficulty(), level), distance(b.GetDifficulty(), level)),
				cmp.Compare(a.GetSlug(), b.GetSlug()),
			)
		})
	}
	return p
}

func distance(d, level typesv1.FitnessLevel) int {
	if d == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		return 1
	}
	if d > level {
		return 10 + int(d-level)
	}
	return int(level - d)
}

func (p *pool) empty() bool {
	for _, es := range p.by {
		if len(es) > 0 {
			return false
		}
	}
	return true
}

// pick chooses an exercise for a slot: the nth of the slot's category (wrapping), skipping
// ones already used that day while others remain.
func (p *pool) pick(c category, n int, used map[string]bool) *catalogv1.Exercise {
	var fallback *catalogv1.Exercise
	for _, fc := range fallbacks[c] {
		es := p.by[fc]
		for i := range es {
			e := es[(n+i)%len(es)]
			if !used[e.GetSlug()] {
				return e
			}
			if fallback == nil {
				fallback = e
			}
		}
	}
	// Every allowed exercise is already in the day: repeating one is better than a short day.
	return fallback
}

func (p *pool) excludedNames(ru bool) []string {
	out := make([]string, 0, len(p.excluded))
	for _, r := range p.excluded {
		if ru {
			out = append(out, r.ru)
		} else {
			out = append(out, r.en)
		}
	}
	return out
}
