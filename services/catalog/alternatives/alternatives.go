// Package alternatives ranks substitutes for an exercise, as the plan service needs when the
// AI names an exercise a person cannot be shown or cannot do.
package alternatives

import (
	"cmp"
	"slices"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// DefaultLimit is how many alternatives are returned when the caller asks for none in particular.
const DefaultLimit = 5

// Rank orders candidates as substitutes for target and returns at most limit of them
// (DefaultLimit when limit ≤ 0). The caller passes only candidates the person may do (allowed,
// within their equipment and level). Order, from the catalog's data about each exercise:
//
//  1. the target's main movement pattern (its first) trained by the candidate, then more
//     patterns shared: a substitute should train the same movement;
//  2. more shared muscle groups;
//  3. fewer joints loaded that the target does not load: a substitute should not bring a
//     stress the planner did not choose (a person's injuries are the caller's to filter,
//     from each alternative's stresses);
//  4. the same measurement (a hold for a hold);
//  5. the same difficulty, then the nearest one;
//  6. slug, so the answer is deterministic.
//
// Target itself is never returned.
func Rank(target *catalogv1.Exercise, candidates []*catalogv1.Exercise, limit int) []*catalogv1.Exercise {
	if limit <= 0 {
		limit = DefaultLimit
	}
	muscles := make(map[string]bool, len(target.GetMuscleGroups()))
	for _, m := range target.GetMuscleGroups() {
		muscles[m] = true
	}
	var main typesv1.MovementPattern
	if ps := target.GetPatterns(); len(ps) > 0 {
		main = ps[0]
	}
	type scored struct {
		ex *catalogv1.Exercise
		// mainPattern is 1 when the candidate trains the target's main pattern.
		mainPattern, patterns, muscles int
		// extraStress counts joints the candidate loads and the target does not.
		extraStress int
		// otherMeasure is 1 when the work is counted differently.
		otherMeasure int
		// dist is how many levels apart the difficulties are; 0 is the same difficulty.
		dist int
	}
	list := make([]scored, 0, len(candidates))
	for _, c := range candidates {
		if c.GetSlug() == target.GetSlug() {
			continue
		}
		s := scored{ex: c}
		for _, p := range c.GetPatterns() {
			if main != 0 && p == main {
				s.mainPattern = 1
			}
			if slices.Contains(target.GetPatterns(), p) {
				s.patterns++
			}
		}
		for _, m := range c.GetMuscleGroups() {
			if muscles[m] {
				s.muscles++
			}
		}
		for _, j := range c.GetStresses() {
			if !slices.Contains(target.GetStresses(), j) {
				s.extraStress++
			}
		}
		if measure(c) != measure(target) {
			s.otherMeasure = 1
		}
		s.dist = int(c.GetDifficulty() - target.GetDifficulty())
		if s.dist < 0 {
			s.dist = -s.dist
		}
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b scored) int {
		return cmp.Or(
			cmp.Compare(b.mainPattern, a.mainPattern),
			cmp.Compare(b.patterns, a.patterns),
			cmp.Compare(b.muscles, a.muscles),
			cmp.Compare(a.extraStress, b.extraStress),
			cmp.Compare(a.otherMeasure, b.otherMeasure),
			cmp.Compare(a.dist, b.dist),
			cmp.Compare(a.ex.GetSlug(), b.ex.GetSlug()),
		)
	})
	out := make([]*catalogv1.Exercise, 0, min(limit, len(list)))
	for _, s := range list[:min(limit, len(list))] {
		out = append(out, s.ex)
	}
	return out
}

// measure is an exercise's measurement, unspecified read as reps (the contract's default).
func measure(ex *catalogv1.Exercise) typesv1.Measurement {
	if m := ex.GetMeasurement(); m != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		return m
	}
	return typesv1.Measurement_MEASUREMENT_REPS
}
