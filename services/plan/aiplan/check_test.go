package aiplan

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckTestdataPlanIsValid(t *testing.T) {
	p, vs := Check(readPlan(t))
	require.Empty(t, vs)
	require.Len(t, p.GetWeeks(), 12)
	_, ref := CheckReference(readPlan(t))
	require.Empty(t, ref)
}

func TestCheckNearlyEmptyPlan(t *testing.T) {
	raw := []byte(`{"plan_name": "Test", "duration_weeks": 4, "goal": "Test goal", "weeks": []}`)
	for name, check := range map[string]func([]byte) []Violation{
		"fast":      func(b []byte) []Violation { _, vs := Check(b); return vs },
		"reference": func(b []byte) []Violation { _, vs := CheckReference(b); return vs },
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, []string{
				"goal string.min_len",
				"plan_name string.min_len",
				"weeks weeks.count",
				"weeks weeks.min_exercises",
				"weeks weeks.rest_day_required",
			}, fieldRules(check(raw)))
		})
	}
}

// TestCheckOrderOfWeeksAndDaysDoesNotMatter: the rules are about the numbers, not about the
// positions, so an LLM that lists weeks or days out of order still writes a valid plan.
func TestCheckOrderOfWeeksAndDaysDoesNotMatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		p := decodePlan(t, readPlan(t))
		ws := p.weeks()
		rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		for w := range ws {
			ds := p.days(w)
			rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		}
		raw := p.encode(t)
		_, vs := Check(raw)
		require.Empty(t, vs, "shuffle %d", i)
		requireEquivalent(t, raw)
	}
}

func TestValidateSortsByPathThenRule(t *testing.T) {
	p, vs := Parse(readPlan(t))
	require.Empty(t, vs)
	p.GetWeeks()[10].WeekFocus = string(make([]byte, 300))
	zero := int32(0)
	p.GetWeeks()[2].GetDays()[1].GetExercises()[0].Sets = &zero
	p.GetWeeks()[2].GetDays()[1].GetExercises()[0].ExerciseSlug = ""
	p.PlanName = ""
	got := fieldRules(Validate(p))
	require.Equal(t, []string{
		"plan_name string.min_len",
		"weeks[2].days[1].exercises[0].exercise_slug string.min_len",
		"weeks[2].days[1].exercises[0].exercise_slug string.pattern",
		"weeks[2].days[1].exercises[0].sets int32.gte_lte",
		"weeks[10].week_focus string.max_len",
	}, got)
	require.Equal(t, ValidateReference(p), Validate(p))
}

func TestValidateNilPlan(t *testing.T) {
	require.Equal(t, ValidateReference(nil), Validate(nil))
	require.NotEmpty(t, Validate(nil))
}

func TestViolationString(t *testing.T) {
	v := Violation{Field: "weeks[0].days[2].exercises[1].sets", Rule: "int32.gte_lte", Message: "must be greater than or equal to 1 and less than or equal to 10"}
	require.Equal(t, "weeks[0].days[2].exercises[1].sets: must be greater than or equal to 1 and less than or equal to 10", v.String())
}

func TestComparePaths(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"weeks[2]", "weeks[10]", -1},
		{"weeks[10].days[0]", "weeks[9].days[6]", 1},
		{"weeks", "weeks[0]", -1},
		{"", "goal", -1},
		{"weeks[1].days[3].exercises", "weeks[1].days[3].exercises[0].sets", -1},
		{"weeks[01]", "weeks[1]", 0},
		{"plan_name", "plan_name", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			require.Equal(t, tt.want, comparePaths(tt.a, tt.b))
			require.Equal(t, -tt.want, comparePaths(tt.b, tt.a))
		})
	}
}
