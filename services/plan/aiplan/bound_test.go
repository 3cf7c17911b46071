package aiplan

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// auditPlan is the shape of the audit's request: weeks × 7 days × exercises empty exercises.
func auditPlan(weeks, exercises int) []byte {
	var b strings.Builder
	b.WriteString(`{"plan_name":"Audit plan","duration_weeks":4,"goal":"Find the limits","weeks":[`)
	for w := range weeks {
		if w > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"week_number":%d,"days":[`, w+1)
		for d := range 7 {
			if d > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"day_number":%d,"workout_name":"Day","exercises":[`, d+1)
			for e := range exercises {
				if e > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`{}`)
			}
			b.WriteString(`]}`)
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// allocBytes is the memory f allocates, from the runtime's counters.
func allocBytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestOversizeBoundsTheAuditShape(t *testing.T) {
	raw := auditPlan(400, 50)
	require.Greater(t, len(raw), 550_000, "about the audit's 612 KB body")

	_, err := fastRules() // built once per process; not part of a request's cost
	require.NoError(t, err)
	var vs []Violation
	n := allocBytes(func() { vs = Oversize(raw, MaxViolations) })
	require.Len(t, vs, MaxViolations+1)
	require.Equal(t, "weeks", vs[0].Field)
	require.Equal(t, "repeated.max_items", vs[0].Rule)
	require.Equal(t, "weeks[0].days[0].exercises", vs[1].Field)
	require.Equal(t, "repeated.max_items", vs[1].Rule)
	// 400×7 days over their exercise limit, plus the weeks list, less the 100 reported.
	require.Equal(t, Violation{Rule: RuleTruncated, Message: fmt.Sprintf("and %d more violations", 1+400*7-MaxViolations)}, vs[MaxViolations])
	require.Less(t, n, uint64(64<<10), "Oversize allocates only its answer (%d bytes)", n)
	allocs := testing.AllocsPerRun(5, func() { Oversize(raw, MaxViolations) })
	require.LessOrEqual(t, allocs, float64(4*MaxViolations+20), "a few per reported violation, none per exercise")
	t.Logf("Oversize of the %d-byte audit body: %d bytes, %.0f allocations", len(raw), n, allocs)

	// What Oversize spares: the full check of the same body, capped afterwards.
	full := allocBytes(func() { _, vs = Check(raw) })
	t.Logf("Check of the same body: %d bytes, %d violations", full, len(vs))
	require.Greater(t, full, 100*n)
}

func TestOversize(t *testing.T) {
	valid := string(readPlan(t))
	for name, tc := range map[string]struct {
		raw  string
		want []string
	}{
		"a valid plan":            {valid, nil},
		"13 weeks":                {string(auditPlan(13, 1)), []string{"weeks repeated.max_items"}},
		"12 weeks of 21":          {string(auditPlan(12, 21)), nil}, // 84 day violations below
		"8 days":                  {`{"weeks":[{"days":[{},{},{},{},{},{},{},{}]}]}`, []string{"weeks[0].days repeated.max_items"}},
		"21 exercises in week 2":  {`{"weeks":[{},{"days":[{},{},{"exercises":[` + strings.Repeat(`{},`, 20) + `{}]}]}]}`, []string{"weeks[1].days[2].exercises repeated.max_items"}},
		"escaped key":             {`{"w\u0065eks":[` + strings.Repeat(`1,`, 12) + `1]}`, []string{"weeks repeated.max_items"}},
		"camelCase is the same":   {`{"planName":"x","weeks":[` + strings.Repeat(`{},`, 12) + `{}]}`, []string{"weeks repeated.max_items"}},
		"unknown field's list":    {`{"extra":{"weeks":[` + strings.Repeat(`1,`, 20) + `1]}}`, nil},
		"list in a string":        {`{"plan_name":"\"weeks\":[` + strings.Repeat(`1,`, 20) + `1]"}`, nil},
		"deep nesting":            {`{"junk":` + strings.Repeat(`[`, 10000) + strings.Repeat(`]`, 10000) + `}`, nil},
		"truncated long list":     {`{"weeks":[` + strings.Repeat(`{},`, 13), []string{"weeks repeated.max_items"}},
		"not json":                {`I cannot do that`, nil},
		"prose around a big plan": {"Here it is:\n```json\n" + string(auditPlan(13, 1)) + "\n```", []string{"weeks repeated.max_items"}},
	} {
		t.Run(name, func(t *testing.T) {
			got := fieldRules(Oversize([]byte(tc.raw), MaxViolations))
			if name == "12 weeks of 21" {
				require.Len(t, got, 84)
				return
			}
			if tc.want == nil {
				require.Empty(t, got)
			} else {
				require.Equal(t, tc.want, got)
			}
			requireEquivalent(t, []byte(tc.raw))
		})
	}
}

func TestCap(t *testing.T) {
	vs := make([]Violation, 250)
	capped := Cap(vs, 100)
	require.Len(t, capped, 101)
	require.Equal(t, Violation{Rule: RuleTruncated, Message: "and 150 more violations"}, capped[100])
	require.Len(t, Cap(vs[:100], 100), 100, "no marker when nothing is left out")
	require.Len(t, vs, 250, "the input is not changed")
}

// TestCapAppliesToBothPaths: the cap comes after either path, so capped answers are equal
// wherever the uncapped ones are.
func TestCapAppliesToBothPaths(t *testing.T) {
	raw := auditPlan(12, 21)
	_, ref := CheckReference(raw)
	_, fast := Check(raw)
	require.Greater(t, len(ref), MaxViolations)
	require.Equal(t, Cap(ref, MaxViolations), Cap(fast, MaxViolations))
}
