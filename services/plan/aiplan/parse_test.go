package aiplan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseToleratesLLMWrapping(t *testing.T) {
	plan := string(fourWeeks(t).encode(t))
	tests := map[string]string{
		"plain":                     plan,
		"BOM and whitespace":        "\uFEFF \n\t" + plan + "\n\n ",
		"json fence":                "```json\n" + plan + "```",
		"bare fence":                "```\n" + plan + "\n```\n",
		"fence without closing":     "```json\n" + plan,
		"prose around fence":        "Here is your plan:\n\n```json\n" + plan + "```\n\nLet me know if you want changes!",
		"prose around object":       "Sure! " + plan + " Hope this helps.",
		"braces in prose before":    "Here is {your} plan: " + plan,
		"braces in prose after":     plan + "\n(plans are {great})",
		"fence text inside strings": strings.Replace(plan, `"notes":"`, "\"notes\":\"``` ", 1),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			p, vs := Check([]byte(in))
			require.Empty(t, vs)
			require.NotNil(t, p)
			require.Len(t, p.GetWeeks(), 4)
			_, ref := CheckReference([]byte(in))
			require.Empty(t, ref)
		})
	}
}

func TestParseReportsDecodingProblemsAtTheirPath(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "field rule", in document order
	}{
		{
			name: "wrong types",
			in: `{"plan_name": 12, "duration_weeks": "four", "weeks": [{"days": [{"is_rest_day": "no",
				"exercises": [{"sets": "3"}, {"sets": [3]}]}, 7]}]}`,
			want: []string{
				"plan_name json.type",
				"duration_weeks json.type",
				"weeks[0].days[0].is_rest_day json.type",
				"weeks[0].days[0].exercises[1].sets json.type",
				"weeks[0].days[1] json.type",
			},
		},
		{
			name: "a list that is not a list",
			in:   `{"weeks": {"week_number": 1}}`,
			want: []string{"weeks json.type"},
		},
		{
			name: "unknown fields",
			in:   `{"plan_name": "Plan", "level": "beginner", "weeks": [{"days": [{"exercises": [{"tempo": "3-1-1", "sets": 3}]}]}]}`,
			want: []string{"level json.unknown_field", "weeks[0].days[0].exercises[0].tempo json.unknown_field"},
		},
		{
			name: "duplicate fields, also across name styles",
			in:   `{"plan_name": "Plan", "planName": "Plan", "weeks": [{"week_number": 1, "week_number": 2}]}`,
			want: []string{"plan_name json.duplicate_field", "weeks[0].week_number json.duplicate_field"},
		},
		{
			// The unknown field is not reported: the document has to parse first.
			name: "syntax error after other problems ends decoding",
			in:   `{"level": 1, "plan_name": "Plan" "goal": "x"}`,
			want: []string{" json.syntax"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, vs := Parse([]byte(tt.in))
			require.Equal(t, tt.want, fieldRules(vs))
			requireEquivalent(t, []byte(tt.in))
		})
	}
}

func TestParseInvalidJSON(t *testing.T) {
	plan := fourWeeks(t).encode(t)
	tests := []struct {
		name   string
		in     []byte
		offset string // expected byte offset in the message
	}{
		{name: "truncated", in: plan[:1000], offset: fmt.Sprintf("at byte %d", len(bytes.TrimSpace(plan[:1000])))},
		{name: "truncated inside fence", in: append([]byte("```json\n"), plan[:500]...), offset: fmt.Sprintf("at byte %d", 8+len(bytes.TrimSpace(plan[:500])))},
		{name: "bad token after prose", in: []byte(`Plan: {"plan_name": nope}`), offset: "at byte 20"},
		{name: "empty", in: nil, offset: "at byte 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, vs := Check(tt.in)
			require.Nil(t, p)
			require.Len(t, vs, 1)
			require.Equal(t, "", vs[0].Field)
			require.Equal(t, RuleJSONSyntax, vs[0].Rule)
			require.Contains(t, vs[0].Message, tt.offset)
		})
	}
}

func TestParseRejectsTooLarge(t *testing.T) {
	raw := append(fourWeeks(t).encode(t), bytes.Repeat([]byte(" "), MaxInputSize)...)
	for name, check := range map[string]func([]byte) (any, []Violation){
		"fast":      func(b []byte) (any, []Violation) { return Check(b) },
		"reference": func(b []byte) (any, []Violation) { return CheckReference(b) },
	} {
		t.Run(name, func(t *testing.T) {
			_, vs := check(raw)
			require.Equal(t, []string{" json.too_large"}, fieldRules(vs))
		})
	}
}

func TestParseValues(t *testing.T) {
	in := `{"planName": "Plan \u00e9\ud83d\udcaa", "duration_weeks": 4.0, "goal": null, "notes": "a\nb",
		"weeks": [{"weekNumber": "1", "days": [{"day_number": 1e0, "is_rest_day": true, "exercises": null},
		{"day_number": 2, "exercises": [{"exercise_slug": "push-ups", "sets": 3, "reps": "8-12",
		"rest_seconds": 60, "duration_seconds": null}, {"exercise_slug": "plank", "sets": 1,
		"reps": "1", "rest_seconds": 30, "durationSeconds": 45}]}]}]}`
	p, vs := Parse([]byte(in))
	require.Empty(t, vs)
	require.Equal(t, "Plan é💪", p.GetPlanName())
	require.EqualValues(t, 4, p.GetDurationWeeks())
	require.Equal(t, "", p.GetGoal())
	require.Equal(t, "a\nb", p.GetNotes())
	w := p.GetWeeks()[0]
	require.EqualValues(t, 1, w.GetWeekNumber())
	require.True(t, w.GetDays()[0].GetIsRestDay())
	require.Empty(t, w.GetDays()[0].GetExercises())
	ex := w.GetDays()[1].GetExercises()
	require.Len(t, ex, 2)
	require.Nil(t, ex[0].DurationSeconds, "null leaves an optional field unset")
	require.NotNil(t, ex[1].DurationSeconds)
	require.EqualValues(t, 45, ex[1].GetDurationSeconds())
	requireEquivalent(t, []byte(in))
}

// TestParseDoesNotAliasInput makes sure the plan's strings are copies: the decoder reads the
// input through an unsafe string view.
func TestParseDoesNotAliasInput(t *testing.T) {
	raw := fourWeeks(t).encode(t)
	p, vs := Parse(raw)
	require.Empty(t, vs)
	name := p.GetPlanName()
	slug := p.GetWeeks()[0].GetDays()[0].GetExercises()[0].GetExerciseSlug()
	for i := range raw {
		raw[i] = 'X'
	}
	require.Equal(t, name, p.GetPlanName())
	require.Equal(t, slug, p.GetWeeks()[0].GetDays()[0].GetExercises()[0].GetExerciseSlug())
	require.NotContains(t, name, "X")
}
