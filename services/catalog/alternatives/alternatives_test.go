package alternatives_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/alternatives"
)

const (
	knee  = typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT
	hip   = typesv1.MovementPattern_MOVEMENT_PATTERN_HIP_DOMINANT
	loco  = typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION
	core  = typesv1.MovementPattern_MOVEMENT_PATTERN_CORE
	knees = typesv1.Joint_JOINT_KNEES
	back  = typesv1.Joint_JOINT_LOWER_BACK
	beg   = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	adv   = typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
)

type opt func(*catalogv1.Exercise)

func patterns(p ...typesv1.MovementPattern) opt {
	return func(x *catalogv1.Exercise) { x.Patterns = p }
}
func stresses(j ...typesv1.Joint) opt { return func(x *catalogv1.Exercise) { x.Stresses = j } }
func timed(x *catalogv1.Exercise)     { x.Measurement = typesv1.Measurement_MEASUREMENT_TIME }
func level(l typesv1.FitnessLevel) opt {
	return func(x *catalogv1.Exercise) { x.Difficulty = l }
}

func exercise(slug string, muscles []string, opts ...opt) *catalogv1.Exercise {
	x := &catalogv1.Exercise{Slug: slug, MuscleGroups: muscles, Difficulty: beg}
	for _, o := range opts {
		o(x)
	}
	return x
}

func slugs(exs []*catalogv1.Exercise) []string {
	out := make([]string, len(exs))
	for i, x := range exs {
		out[i] = x.GetSlug()
	}
	return out
}

func TestRank(t *testing.T) {
	squat := exercise("squat", []string{"quads", "glutes"}, patterns(knee), stresses(knees))
	candidates := []*catalogv1.Exercise{
		// Shares every muscle but hinges: a different movement.
		exercise("deadlift", []string{"quads", "glutes", "hamstrings"}, patterns(hip), stresses(back)),
		exercise("lunge", []string{"quads"}, patterns(knee), stresses(knees)),
		exercise("step-up", []string{"quads", "glutes"}, patterns(knee), stresses(knees)),
		// Same movement and muscles, but brings a joint the squat does not load.
		exercise("barbell-squat", []string{"quads", "glutes"}, patterns(knee), stresses(knees, back)),
		exercise("jump-rope", []string{"calves"}, patterns(loco, knee), stresses(knees)),
		exercise("plank", []string{"core"}, patterns(core), timed),
		squat,
	}
	got := alternatives.Rank(squat, candidates, 10)
	require.Equal(t, []string{"step-up", "barbell-squat", "lunge", "jump-rope", "deadlift", "plank"}, slugs(got))

	t.Run("same measurement before difficulty", func(t *testing.T) {
		plank := exercise("plank", []string{"core"}, patterns(core), timed)
		got := alternatives.Rank(plank, []*catalogv1.Exercise{
			exercise("crunch", []string{"core"}, patterns(core)),
			exercise("hollow-hold", []string{"core"}, patterns(core), timed, level(adv)),
		}, 0)
		require.Equal(t, []string{"hollow-hold", "crunch"}, slugs(got))
	})
	t.Run("a target without patterns ranks by muscles, then fewer joints loaded", func(t *testing.T) {
		bare := exercise("mystery", []string{"quads"})
		got := alternatives.Rank(bare, candidates, 4)
		// Five share "quads"; barbell-squat loads two joints, the others one.
		require.Equal(t, []string{"deadlift", "lunge", "squat", "step-up"}, slugs(got))
	})
	t.Run("default limit", func(t *testing.T) {
		require.Len(t, alternatives.Rank(squat, candidates, 0), alternatives.DefaultLimit)
	})
}
