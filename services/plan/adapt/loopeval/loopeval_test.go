package loopeval_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/services/plan/adapt/loopeval"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
)

// TestLoopMatrix is the evaluation of the training loop: on every profile of the coaching
// matrix, every persona's adaptation passes at least 90 % of its checks.
// FITCOACH_EVAL_VERBOSE=1 prints every failed check.
func TestLoopMatrix(t *testing.T) {
	rows := loopeval.Evaluate(fakes.StarterExercises())
	var b strings.Builder
	loopeval.WriteTable(&b, rows)
	t.Log("\n" + b.String())
	require.GreaterOrEqual(t, len(rows), 20)
	for _, r := range rows {
		require.NoError(t, r.Err, r.Case.Name)
		if os.Getenv("FITCOACH_EVAL_VERBOSE") != "" {
			for _, f := range r.Failures() {
				t.Logf("%s: %s", r.Case.Name, f)
			}
		}
		require.GreaterOrEqual(t, r.Score(""), 90.0, "%s: %v", r.Case.Name, r.Failures())
	}
}
