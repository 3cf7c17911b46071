package aiplan

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOriginalShapes: every exercise shape the original system accepted is valid (each of
// sets, reps, rest_seconds and duration_seconds optional), what it rejected still is, and the
// fast path agrees with protojson + protovalidate on each.
func TestOriginalShapes(t *testing.T) {
	base := readPlan(t)
	// The fixture's first exercise, replaced by each shape.
	first := bytes.Index(base, []byte(`"exercise_slug"`))
	require.Positive(t, first)
	start := bytes.LastIndexByte(base[:first], '{')
	end := start + bytes.IndexByte(base[start:], '}') + 1
	tests := []struct {
		name  string
		shape string
		rules []string // empty: valid
	}{
		{"cardio block: slug and seconds", `{"exercise_slug":"brisk-walk","duration_seconds":1200}`, nil},
		{"hold: sets and seconds, no reps", `{"exercise_slug":"plank","sets":3,"duration_seconds":45}`, nil},
		{"bare slug", `{"exercise_slug":"push-ups"}`, nil},
		{"sets and reps, no rest", `{"exercise_slug":"push-ups","sets":3,"reps":"10"}`, nil},
		{"full prescription", `{"exercise_slug":"push-ups","sets":3,"reps":"8-12","rest_seconds":60}`, nil},
		{"nulls are absent", `{"exercise_slug":"plank","sets":2,"reps":null,"rest_seconds":null,"duration_seconds":30}`, nil},
		{"intervals", `{"exercise_slug":"run-walk-intervals","work_seconds":60,"recovery_seconds":90,"rounds":8,"block":"main","cue":"easy"}`, nil},
		{"effort targets", `{"exercise_slug":"goblet-squat","sets":3,"reps":"8-10","rest_seconds":90,"target_rpe":7}`, nil},
		{"distance", `{"exercise_slug":"easy-run","duration_seconds":1500,"distance_meters":4000}`, nil},
		{"sets 0", `{"exercise_slug":"push-ups","sets":0}`, []string{"int32.gte_lte"}},
		{"reps range backwards", `{"exercise_slug":"push-ups","reps":"12-8"}`, []string{"reps.range_order"}},
		{"reps not a number", `{"exercise_slug":"push-ups","reps":"max"}`, []string{"string.pattern"}},
		{"empty reps", `{"exercise_slug":"push-ups","reps":""}`, []string{"string.pattern"}},
		{"seconds too short", `{"exercise_slug":"plank","duration_seconds":5}`, []string{"int32.gte_lte"}},
		{"rest too long", `{"exercise_slug":"plank","rest_seconds":900}`, []string{"int32.gte_lte"}},
		{"no slug", `{"sets":3,"reps":"10"}`, []string{"string.min_len", "string.pattern"}},
		{"half intervals", `{"exercise_slug":"run-walk-intervals","work_seconds":60,"rounds":8}`, []string{"rounds.intervals_complete"}},
		{"unknown block", `{"exercise_slug":"plank","duration_seconds":30,"block":"finisher"}`, []string{"string.pattern"}},
		{"unknown field", `{"exercise_slug":"plank","weight_kg":20}`, []string{RuleJSONUnknownField}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := append(append(append([]byte{}, base[:start]...), tc.shape...), base[end:]...)
			vs := requireEquivalent(t, raw)
			var rules []string
			for _, v := range vs {
				rules = append(rules, v.Rule)
			}
			if len(tc.rules) == 0 {
				require.Empty(t, vs)
				return
			}
			require.Equal(t, tc.rules, rules)
		})
	}
}
