package jobs_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// jobsTotal is the value of fitcoach_plan_jobs_total{kind, outcome}.
func jobsTotal(t *testing.T, f *fixture, kind, outcome string) float64 {
	t.Helper()
	mfs, err := f.reg.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() != "fitcoach_plan_jobs_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["kind"] == kind && labels["outcome"] == outcome {
				return m.GetCounter().GetValue()
			}
		}
	}
	t.Fatalf("no fitcoach_plan_jobs_total{kind=%q,outcome=%q}", kind, outcome)
	return 0
}
