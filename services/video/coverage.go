package video

import (
	"context"
	"slices"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// GetClipCoverage tells, per exercise, which kinds of active clips exist overall and per
// archetype, from one aggregate query.
func (s *Service) GetClipCoverage(ctx context.Context, _ *videov1.GetClipCoverageRequest) (*videov1.GetClipCoverageResponse, error) {
	rows, err := s.store.Coverage(ctx)
	if err != nil {
		return nil, err
	}
	resp := &videov1.GetClipCoverageResponse{}
	var cur *videov1.ExerciseClipCoverage
	for _, r := range rows {
		if cur == nil || cur.GetExerciseSlug() != r.ExerciseSlug {
			cur = &videov1.ExerciseClipCoverage{ExerciseSlug: r.ExerciseSlug}
			resp.Exercises = append(resp.Exercises, cur)
		}
		if !slices.Contains(cur.Kinds, r.Kind) {
			cur.Kinds = append(cur.Kinds, r.Kind)
		}
		i := slices.IndexFunc(cur.Archetypes, func(a *videov1.ArchetypeKinds) bool { return a.GetArchetype() == r.Archetype })
		if i < 0 {
			cur.Archetypes = append(cur.Archetypes, &videov1.ArchetypeKinds{Archetype: r.Archetype})
			i = len(cur.Archetypes) - 1
		}
		cur.Archetypes[i].Kinds = append(cur.Archetypes[i].Kinds, r.Kind)
	}
	for _, e := range resp.Exercises {
		slices.Sort(e.Kinds)
		slices.SortFunc(e.Archetypes, func(a, b *videov1.ArchetypeKinds) int { return int(a.GetArchetype()) - int(b.GetArchetype()) })
		for _, a := range e.Archetypes {
			slices.Sort(a.Kinds)
		}
	}
	return resp, nil
}
