package coaching_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// TestMatrix is the coaching evaluation of the built-in planner: every profile of the matrix
// scores at least 90 of 100. FITCOACH_EVAL_VERBOSE=1 prints every finding.
func TestMatrix(t *testing.T) {
	all := fakes.StarterExercises()
	idx := coaching.Index(all)
	var rows []coaching.Row
	for _, c := range coaching.Matrix() {
		allowed := coaching.Allowed(all, c.Profile)
		d, err := planner.Design(c.Profile, allowed)
		require.NoError(t, err, c.Name)
		p := microcycle.Expand(d.Template, d.Expansion)
		r := coaching.Evaluate(coaching.Input{Plan: p, Profile: c.Profile, Catalog: idx, Available: d.Safe, Deload: coaching.DeloadWeeks(d.Template.GetProgression())})
		rows = append(rows, coaching.Row{Case: c, Report: r})
		if os.Getenv("FITCOACH_EVAL_VERBOSE") != "" {
			for _, f := range r.Findings() {
				t.Logf("%s: %s", c.Name, f)
			}
		}
	}
	var b strings.Builder
	coaching.WriteTable(&b, rows)
	t.Log("\n" + b.String())
	require.GreaterOrEqual(t, len(rows), 20)
	for _, r := range rows {
		require.GreaterOrEqual(t, r.Report.Overall, 90.0, "%s scored %.1f", r.Case.Name, r.Report.Overall)
	}
}
