// Package alternatives ranks substitutes for an exercise, as the plan service needs when the
// AI names an exercise a person cannot be shown or cannot do.
package alternatives

import (
	"slices"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
)

// DefaultLimit is how many alternatives are returned when the caller asks for none in particular.
const DefaultLimit = 5

// Rank orders candidates as substitutes for target and returns at most limit of them
// (DefaultLimit when limit ≤ 0). The caller passes only candidates the person may do (allowed,
// within their equipment and level). Order: more shared muscle groups first, then the same
// difficulty (then the nearest one), then slug, so the answer is deterministic. Target
// itself is never returned.
func Rank(target *catalogv1.Exercise, candidates []*catalogv1.Exercise, limit int) []*catalogv1.Exercise {
	if limit <= 0 {
		limit = DefaultLimit
	}
	muscles := make(map[string]bool, len(target.GetMuscleGroups()))
	for _, m := range target.GetMuscleGroups() {
		muscles[m] = true
	}
	type scored struct {
		ex     *catalogv1.Exercise
		shared int
		// dist is how many levels apart the difficulties are; 0 is the same difficulty.
		dist int
	}
	list := make([]scored, 0, len(candidates))
	for _, c := range candidates {
		if c.GetSlug() == target.GetSlug() {
			continue
		}
		s := scored{ex: c}
		for _, m := range c.GetMuscleGroups() {
			if muscles[m] {
				s.shared++
			}
		}
		s.dist = int(c.GetDifficulty() - target.GetDifficulty())
		if s.dist < 0 {
			s.dist = -s.dist
		}
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b scored) int {
		switch {
		case a.shared != b.shared:
			return b.shared - a.shared
		case a.dist != b.dist:
			return a.dist - b.dist
		case a.ex.GetSlug() < b.ex.GetSlug():
			return -1
		default:
			return 1
		}
	})
	out := make([]*catalogv1.Exercise, 0, min(limit, len(list)))
	for _, s := range list[:min(limit, len(list))] {
		out = append(out, s.ex)
	}
	return out
}
