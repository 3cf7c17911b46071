package aiplan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// planFile is the realistic 12-week plan the benchmark and most tests start from.
var planFile = filepath.Join("testdata", "plan_12w.json")

func readPlan(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(planFile)
	require.NoError(t, err)
	return raw
}

// jsonPlan is a plan as generic JSON, for breaking one thing at a time.
type jsonPlan map[string]any

func decodePlan(t testing.TB, raw []byte) jsonPlan {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var p jsonPlan
	require.NoError(t, dec.Decode(&p))
	return p
}

func (p jsonPlan) encode(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(map[string]any(p)))
	return b.Bytes()
}

func (p jsonPlan) weeks() []any { return p["weeks"].([]any) }

func (p jsonPlan) week(w int) map[string]any { return p.weeks()[w].(map[string]any) }

func (p jsonPlan) days(w int) []any { return p.week(w)["days"].([]any) }

func (p jsonPlan) day(w, d int) map[string]any { return p.days(w)[d].(map[string]any) }

func (p jsonPlan) exercises(w, d int) []any { return p.day(w, d)["exercises"].([]any) }

func (p jsonPlan) exercise(w, d, e int) map[string]any {
	return p.exercises(w, d)[e].(map[string]any)
}

// fourWeeks returns a valid 4-week plan cut from the 12-week one.
func fourWeeks(t testing.TB) jsonPlan {
	p := decodePlan(t, readPlan(t))
	p["duration_weeks"] = 4
	p["weeks"] = p.weeks()[:4]
	return p
}

// fieldRules lists violations as "field rule" strings for compact assertions.
func fieldRules(vs []Violation) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Field+" "+v.Rule)
	}
	return out
}

// requireEquivalent checks raw with both paths and fails unless they agree; it returns the
// fast path's violations.
//
// When protojson rejects the input the reference has a single violation without a field;
// the fast decoder must then reject it too, and the first problem it found (document order,
// including those Parse drops once it meets a syntax error) must be the same kind of problem.
// protojson calls a list that is not a list (or a null inside one) a syntax error, the fast
// decoder a type error, so that pair is allowed to differ. Otherwise the violations must be
// identical, messages included.
func requireEquivalent(t testing.TB, raw []byte) []Violation {
	t.Helper()
	refPlan, ref := CheckReference(raw)
	fastPlan, fast := Check(raw)
	_, all, fatal := parse(raw)
	// The size gate answers before either path runs, so it must agree with them: it only
	// refuses what they find invalid, and when the reference decoded the document it reports
	// nothing the reference does not.
	if over := Oversize(raw, 1<<30); len(over) > 0 {
		require.NotEmpty(t, ref, "Oversize refused %v, the reference accepts it", over)
		require.NotEmpty(t, fast, "Oversize refused %v, the fast path accepts it", over)
		if !(len(ref) == 1 && strings.HasPrefix(ref[0].Rule, "json.")) {
			require.Subset(t, ref, over)
		}
	}
	if fatal {
		require.Len(t, fast, 1, "a document that is not JSON has one violation")
		require.Equal(t, all[len(all)-1], fast[0])
	}
	if len(ref) == 1 && ref[0].Field == "" && strings.HasPrefix(ref[0].Rule, "json.") {
		require.NotEmpty(t, fast, "reference rejected the JSON (%s), fast path accepted it", ref[0].Message)
		for _, v := range all {
			require.True(t, strings.HasPrefix(v.Rule, "json."), "fast path: %v after a decoding problem", v)
		}
		first := all[0].Rule
		if ref[0].Rule == RuleJSONSyntax && strings.Contains(ref[0].Message, "unexpected token") && first == RuleJSONType {
			return fast
		}
		require.Equal(t, ref[0].Rule, first, "reference: %s\nfast: %v", ref[0].Message, all)
		return fast
	}
	require.Equal(t, ref, fast)
	if len(fast) == 0 {
		require.NotNil(t, fastPlan)
		require.Equal(t, refPlan.String(), fastPlan.String(), "decoded plans differ")
	}
	return fast
}
