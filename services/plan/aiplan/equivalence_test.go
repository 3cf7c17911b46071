package aiplan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFastMatchesReference breaks every rule of the plan, one at a time (some rules cannot
// break alone: a 13th week also breaks the count), and requires the fast path to report
// exactly what the reference path reports, messages included. want lists "field rule"
// pairs that must be among them, so a case cannot pass by both paths missing the rule.
func TestFastMatchesReference(t *testing.T) {
	long := func(n int, s string) string { return strings.Repeat(s, n) }
	tests := []struct {
		name   string
		break_ func(p jsonPlan)
		want   []string
	}{
		{name: "valid 4-week plan", break_: func(p jsonPlan) {}},
		{name: "plan_name too short", break_: func(p jsonPlan) { p["plan_name"] = "Abcd" }, want: []string{"plan_name string.min_len"}},
		{name: "plan_name 200 two-byte runes is fine", break_: func(p jsonPlan) { p["plan_name"] = long(200, "é") }},
		{name: "plan_name 201 runes", break_: func(p jsonPlan) { p["plan_name"] = long(201, "é") }, want: []string{"plan_name string.max_len"}},
		{name: "plan_name 5 runes of 4 bytes", break_: func(p jsonPlan) { p["plan_name"] = long(5, "💪") }},
		{name: "plan_name 4 runes of 4 bytes", break_: func(p jsonPlan) { p["plan_name"] = long(4, "💪") }, want: []string{"plan_name string.min_len"}},
		{name: "plan_name missing", break_: func(p jsonPlan) { delete(p, "plan_name") }, want: []string{"plan_name string.min_len"}},
		{name: "duration_weeks below range", break_: func(p jsonPlan) { p["duration_weeks"] = 3; p["weeks"] = p.weeks()[:3] }, want: []string{"duration_weeks int32.gte_lte"}},
		{name: "duration_weeks above range", break_: func(p jsonPlan) {
			p["duration_weeks"] = 13
			ws := p.weeks()
			for i := 4; i < 13; i++ {
				w := decodePlan(t, fourWeeks(t).encode(t)).week(i % 4)
				w["week_number"] = i + 1
				ws = append(ws, w)
			}
			p["weeks"] = ws
		}, want: []string{"duration_weeks int32.gte_lte", "weeks repeated.max_items", "weeks[12].week_number int32.gte_lte"}},
		{name: "goal too short", break_: func(p jsonPlan) { p["goal"] = "Get fit" }, want: []string{"goal string.min_len"}},
		{name: "goal too long", break_: func(p jsonPlan) { p["goal"] = long(301, "g") }, want: []string{"goal string.max_len"}},
		{name: "notes too long", break_: func(p jsonPlan) { p["notes"] = long(501, "n") }, want: []string{"notes string.max_len"}},
		{name: "notes 500 runes", break_: func(p jsonPlan) { p["notes"] = long(500, "ñ") }},
		{name: "weeks.count", break_: func(p jsonPlan) { p["weeks"] = p.weeks()[:3] }, want: []string{"weeks weeks.count"}},
		{name: "weeks.unique_week_numbers", break_: func(p jsonPlan) { p.week(1)["week_number"] = 1 }, want: []string{"weeks weeks.unique_week_numbers"}},
		{name: "weeks.week_number_range", break_: func(p jsonPlan) { p.week(3)["week_number"] = 5 }, want: []string{"weeks weeks.week_number_range"}},
		{name: "weeks.rest_day_required", break_: func(p jsonPlan) {
			for w := range 4 {
				for d := range 7 {
					if p.day(w, d)["is_rest_day"] == true {
						p.day(w, d)["is_rest_day"] = false
						p.day(w, d)["exercises"] = p.exercises(0, 0)
					}
				}
			}
		}, want: []string{"weeks weeks.rest_day_required"}},
		{name: "weeks.min_exercises", break_: func(p jsonPlan) {
			for w := range 4 {
				for d := range 7 {
					if ex := p.exercises(w, d); len(ex) > 1 {
						p.day(w, d)["exercises"] = ex[:1]
					}
				}
			}
		}, want: []string{"weeks weeks.min_exercises"}},
		{name: "week_number zero", break_: func(p jsonPlan) { p.week(0)["week_number"] = 0 }, want: []string{"weeks[0].week_number int32.gte_lte"}},
		{name: "week_number missing", break_: func(p jsonPlan) { delete(p.week(2), "week_number") }, want: []string{"weeks[2].week_number int32.gte_lte"}},
		{name: "week_focus too long", break_: func(p jsonPlan) { p.week(1)["week_focus"] = long(201, "f") }, want: []string{"weeks[1].week_focus string.max_len"}},
		{name: "six days", break_: func(p jsonPlan) { p.week(1)["days"] = p.days(1)[:6] }, want: []string{"weeks[1].days repeated.min_items"}},
		{name: "eight days", break_: func(p jsonPlan) {
			extra := decodePlan(t, fourWeeks(t).encode(t)).day(1, 0)
			extra["day_number"] = 8
			p.week(1)["days"] = append(p.days(1), extra)
		}, want: []string{"weeks[1].days repeated.max_items", "weeks[1].days[7].day_number int32.gte_lte"}},
		{name: "days.unique_day_numbers", break_: func(p jsonPlan) { p.day(2, 4)["day_number"] = 1 }, want: []string{"weeks[2].days days.unique_day_numbers"}},
		{name: "day_number zero", break_: func(p jsonPlan) { p.day(0, 0)["day_number"] = 0 }, want: []string{"weeks[0].days[0].day_number int32.gte_lte"}},
		{name: "workout_name too short", break_: func(p jsonPlan) { p.day(0, 1)["workout_name"] = "Go" }, want: []string{"weeks[0].days[1].workout_name string.min_len"}},
		{name: "workout_name too long", break_: func(p jsonPlan) { p.day(0, 1)["workout_name"] = long(201, "w") }, want: []string{"weeks[0].days[1].workout_name string.max_len"}},
		{name: "confidence_task too long", break_: func(p jsonPlan) { p.day(0, 1)["confidence_task"] = long(501, "c") }, want: []string{"weeks[0].days[1].confidence_task string.max_len"}},
		{name: "21 exercises", break_: func(p jsonPlan) {
			ex := p.exercises(0, 0)
			for len(ex) < 21 {
				ex = append(ex, ex[0])
			}
			p.day(0, 0)["exercises"] = ex
		}, want: []string{"weeks[0].days[0].exercises repeated.max_items"}},
		{name: "exercises.rest_day_empty", break_: func(p jsonPlan) { p.day(0, 2)["exercises"] = p.exercises(0, 0) }, want: []string{"weeks[0].days[2].exercises exercises.rest_day_empty"}},
		{name: "exercises.training_day_not_empty", break_: func(p jsonPlan) { p.day(1, 3)["exercises"] = []any{} }, want: []string{"weeks[1].days[3].exercises exercises.training_day_not_empty"}},
		{name: "exercise_slug empty", break_: func(p jsonPlan) { p.exercise(0, 0, 0)["exercise_slug"] = "" }, want: []string{"weeks[0].days[0].exercises[0].exercise_slug string.min_len", "weeks[0].days[0].exercises[0].exercise_slug string.pattern"}},
		{name: "exercise_slug too long", break_: func(p jsonPlan) { p.exercise(0, 0, 0)["exercise_slug"] = long(65, "a") }, want: []string{"weeks[0].days[0].exercises[0].exercise_slug string.max_len"}},
		{name: "exercise_slug with space", break_: func(p jsonPlan) { p.exercise(0, 0, 1)["exercise_slug"] = "push ups" }, want: []string{"weeks[0].days[0].exercises[1].exercise_slug string.pattern"}},
		{name: "exercise_slug non-ASCII", break_: func(p jsonPlan) { p.exercise(0, 0, 1)["exercise_slug"] = "présse" }, want: []string{"weeks[0].days[0].exercises[1].exercise_slug string.pattern"}},
		{name: "exercise_slug code style", break_: func(p jsonPlan) { p.exercise(0, 0, 1)["exercise_slug"] = "EX005" }},
		{name: "exercise_slug trailing newline", break_: func(p jsonPlan) { p.exercise(0, 0, 1)["exercise_slug"] = "push-ups\n" }, want: []string{"weeks[0].days[0].exercises[1].exercise_slug string.pattern"}},
		{name: "sets zero", break_: func(p jsonPlan) { p.exercise(0, 1, 2)["sets"] = 0 }, want: []string{"weeks[0].days[1].exercises[2].sets int32.gte_lte"}},
		{name: "sets eleven", break_: func(p jsonPlan) { p.exercise(0, 1, 2)["sets"] = 11 }, want: []string{"weeks[0].days[1].exercises[2].sets int32.gte_lte"}},
		{name: "sets negative", break_: func(p jsonPlan) { p.exercise(0, 1, 2)["sets"] = -2147483648 }, want: []string{"weeks[0].days[1].exercises[2].sets int32.gte_lte"}},
		{name: "reps word", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "ten" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps empty", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps four digits", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "1000" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps range reversed", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "12-8" }, want: []string{"weeks[1].days[0].exercises[0].reps reps.range_order"}},
		{name: "reps range equal ends", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "8-8" }},
		{name: "reps range leading zeros", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "010-9" }, want: []string{"weeks[1].days[0].exercises[0].reps reps.range_order"}},
		{name: "reps three parts", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "5-3-1" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps malformed range a-b", break_: func(p jsonPlan) {
			p.exercise(1, 0, 0)["reps"] = "a-b"
			p.exercise(1, 0, 1)["sets"] = 0
		}, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern", "weeks[1].days[0].exercises[1].sets int32.gte_lte"}},
		{name: "reps CEL runtime error dash only", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "-" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps CEL runtime error huge", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "99999999999999999999-1" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "reps signed ends", break_: func(p jsonPlan) { p.exercise(1, 0, 0)["reps"] = "+9-+3" }, want: []string{"weeks[1].days[0].exercises[0].reps string.pattern"}},
		{name: "rest_seconds below", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["rest_seconds"] = 9 }, want: []string{"weeks[2].days[0].exercises[0].rest_seconds int32.gte_lte"}},
		{name: "rest_seconds above", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["rest_seconds"] = 601 }, want: []string{"weeks[2].days[0].exercises[0].rest_seconds int32.gte_lte"}},
		{name: "duration_seconds below", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["duration_seconds"] = 9 }, want: []string{"weeks[2].days[0].exercises[0].duration_seconds int32.gte_lte"}},
		{name: "duration_seconds zero is set", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["duration_seconds"] = 0 }, want: []string{"weeks[2].days[0].exercises[0].duration_seconds int32.gte_lte"}},
		{name: "duration_seconds above", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["duration_seconds"] = 1801 }, want: []string{"weeks[2].days[0].exercises[0].duration_seconds int32.gte_lte"}},
		{name: "duration_seconds null is unset", break_: func(p jsonPlan) { p.exercise(2, 0, 0)["duration_seconds"] = nil }},
		{name: "load_kg in range", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = 22.5 }},
		{name: "load_kg at the top", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = 500 }},
		{name: "load_kg zero", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = 0 }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte"}},
		{name: "load_kg negative", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = -2.5 }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte"}},
		{name: "load_kg above", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = 500.01 }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte"}},
		{name: "load_kg NaN", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = "NaN" }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte", "weeks[0].days[1].exercises[0].load_kg double.finite"}},
		{name: "load_kg Infinity", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = "Infinity" }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte", "weeks[0].days[1].exercises[0].load_kg double.finite"}},
		{name: "load_kg -Infinity", break_: func(p jsonPlan) { p.exercise(0, 1, 0)["load_kg"] = "-Infinity" }, want: []string{"weeks[0].days[1].exercises[0].load_kg double.gt_lte", "weeks[0].days[1].exercises[0].load_kg double.finite"}},
		{name: "many problems in many weeks sort numerically", break_: func(p jsonPlan) {
			p["duration_weeks"] = 12
			ws := p.weeks()
			for i := 4; i < 12; i++ {
				w := decodePlan(t, fourWeeks(t).encode(t)).week(i % 4)
				w["week_number"] = i + 1
				ws = append(ws, w)
			}
			p["weeks"] = ws
			p.week(10)["week_focus"] = long(300, "x")
			p.week(2)["week_focus"] = long(300, "x")
			p.exercise(11, 1, 3)["sets"] = 99
		}, want: []string{"weeks[2].week_focus string.max_len", "weeks[10].week_focus string.max_len", "weeks[11].days[1].exercises[3].sets int32.gte_lte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fourWeeks(t)
			tt.break_(p)
			got := requireEquivalent(t, p.encode(t))
			if len(tt.want) == 0 {
				require.Empty(t, got)
				return
			}
			require.Subset(t, fieldRules(got), tt.want)
		})
	}
}

// TestFastMatchesReferenceOnJSON covers decoding: inputs protojson must accept or reject the
// same way as the fast decoder.
func TestFastMatchesReferenceOnJSON(t *testing.T) {
	valid := string(fourWeeks(t).encode(t))
	replace := func(old, new string) string {
		require.Contains(t, valid, old)
		return strings.Replace(valid, old, new, 1)
	}
	tests := map[string]string{
		"as is":                     valid,
		"camelCase names":           replace(`"plan_name"`, `"planName"`),
		"escaped key":               replace(`"plan_name"`, `"plan\u005fname"`),
		"sets as string":            replace(`"sets":3`, `"sets":"3"`),
		"sets as 3.0":               replace(`"sets":3`, `"sets":3.0`),
		"sets as 0.3e1":             replace(`"sets":3`, `"sets":0.3e1`),
		"sets as 300e-2":            replace(`"sets":3`, `"sets":300e-2`),
		"sets as 3e":                replace(`"sets":3`, `"sets":3e`),
		"sets as 3e+":               replace(`"sets":3`, `"sets":3e+`),
		"sets as 3.5":               replace(`"sets":3`, `"sets":3.5`),
		"sets as string 3e":         replace(`"sets":3`, `"sets":"3e"`),
		"sets as string with space": replace(`"sets":3`, `"sets":" 3"`),
		"sets as string 3.0":        replace(`"sets":3`, `"sets":"3.0"`),
		"sets as string -0":         replace(`"sets":3`, `"sets":"-0"`),
		"sets overflow":             replace(`"sets":3`, `"sets":2147483648`),
		"sets huge exponent":        replace(`"sets":3`, `"sets":1e400`),
		"sets zero huge exponent":   replace(`"sets":3`, `"sets":0e99999999999`),
		"sets leading zero":         replace(`"sets":3`, `"sets":03`),
		"sets plus sign":            replace(`"sets":3`, `"sets":+3`),
		"sets true":                 replace(`"sets":3`, `"sets":true`),
		"sets object":               replace(`"sets":3`, `"sets":{"n":3}`),
		"sets null":                 replace(`"sets":3`, `"sets":null`),
		"sets 3x":                   replace(`"sets":3`, `"sets":3x`),
		"load_kg number":            replace(`"sets":3`, `"sets":3,"load_kg":22.5`),
		"load_kg camelCase":         replace(`"sets":3`, `"sets":3,"loadKg":22.5`),
		"load_kg exponent":          replace(`"sets":3`, `"sets":3,"load_kg":2.25e1`),
		"load_kg negative exponent": replace(`"sets":3`, `"sets":3,"load_kg":2250E-2`),
		"load_kg string":            replace(`"sets":3`, `"sets":3,"load_kg":"22.5"`),
		"load_kg string exponent":   replace(`"sets":3`, `"sets":3,"load_kg":"1e2"`),
		"load_kg string with space": replace(`"sets":3`, `"sets":3,"load_kg":"22.5 "`),
		"load_kg string word":       replace(`"sets":3`, `"sets":3,"load_kg":"heavy"`),
		"load_kg string nan":        replace(`"sets":3`, `"sets":3,"load_kg":"nan"`),
		"load_kg string NaN":        replace(`"sets":3`, `"sets":3,"load_kg":"NaN"`),
		"load_kg string Infinity":   replace(`"sets":3`, `"sets":3,"load_kg":"Infinity"`),
		"load_kg string -Infinity":  replace(`"sets":3`, `"sets":3,"load_kg":"-Infinity"`),
		"load_kg string +Infinity":  replace(`"sets":3`, `"sets":3,"load_kg":"+Infinity"`),
		"load_kg bare NaN":          replace(`"sets":3`, `"sets":3,"load_kg":NaN`),
		"load_kg huge exponent":     replace(`"sets":3`, `"sets":3,"load_kg":1e400`),
		"load_kg tiny exponent":     replace(`"sets":3`, `"sets":3,"load_kg":1e-400`),
		"load_kg 3e":                replace(`"sets":3`, `"sets":3,"load_kg":3e`),
		"load_kg 3e+":               replace(`"sets":3`, `"sets":3,"load_kg":3e+`),
		"load_kg string 3e":         replace(`"sets":3`, `"sets":3,"load_kg":"3e"`),
		"load_kg leading zero":      replace(`"sets":3`, `"sets":3,"load_kg":05`),
		"load_kg true":              replace(`"sets":3`, `"sets":3,"load_kg":true`),
		"load_kg array":             replace(`"sets":3`, `"sets":3,"load_kg":[20]`),
		"load_kg null":              replace(`"sets":3`, `"sets":3,"load_kg":null`),
		"load_kg duplicate":         replace(`"sets":3`, `"sets":3,"load_kg":20,"loadKg":20`),
		"load_kg -0":                replace(`"sets":3`, `"sets":3,"load_kg":-0`),
		"is_rest_day string":        replace(`"is_rest_day":false`, `"is_rest_day":"false"`),
		"is_rest_day 0":             replace(`"is_rest_day":false`, `"is_rest_day":0`),
		"is_rest_day null":          replace(`"is_rest_day":false`, `"is_rest_day":null`),
		"is_rest_day truex":         replace(`"is_rest_day":false`, `"is_rest_day":falsex`),
		"reps number":               replace(`"reps":"`, `"reps":10,"x":"`),
		"unknown field":             replace(`"goal"`, `"difficulty":"hard","goal"`),
		"unknown nested field":      replace(`"sets":3`, `"sets":3,"tempo":"3-1-1"`),
		"extension-looking field":   replace(`"goal"`, `"[buf.validate.field]":1,"goal"`),
		"duplicate field":           replace(`"goal"`, `"plan_name":"Again","goal"`),
		"duplicate via camelCase":   replace(`"goal"`, `"planName":"Again","goal"`),
		"duplicate null":            replace(`"goal"`, `"notes":null,"notes":null,"goal"`),
		"weeks object":              `{"plan_name":"Plan name","weeks":{}}`,
		"weeks null":                `{"plan_name":"Plan name","weeks":null}`,
		"weeks with null":           `{"plan_name":"Plan name","weeks":[null]}`,
		"weeks with number":         `{"plan_name":"Plan name","weeks":[1]}`,
		"weeks with bad token":      `{"plan_name":"Plan name","weeks":[tru]}`,
		"top-level array":           `[{"plan_name":"Plan name"}]`,
		"empty":                     ``,
		"prose only":                `I cannot create that plan.`,
		"truncated":                 valid[:len(valid)/2],
		"truncated in escape":       `{"plan_name":"abc\u00`,
		"truncated after key":       `{"plan_name"`,
		"trailing comma":            `{"plan_name":"Plan name",}`,
		"missing comma":             `{"plan_name":"Plan name" "goal":"x"}`,
		"missing colon":             `{"plan_name" "Plan name"}`,
		"single quotes":             `{'plan_name':'Plan name'}`,
		"control character":         "{\"plan_name\":\"Plan\tname\"}",
		"invalid UTF-8":             "{\"plan_name\":\"Plan \xff name\"}",
		"lone surrogate":            `{"plan_name":"Plan \ud800 name"}`,
		"reversed surrogates":       `{"plan_name":"Plan \udc00\ud800 name"}`,
		"surrogate pair":            `{"plan_name":"Plan \ud83d\udcaa name"}`,
		"bad escape":                `{"plan_name":"Plan \x name"}`,
		"escapes":                   `{"plan_name":"P\"l\\a\/n\b\f\n\r\t\u00e9"}`,
		"NBSP between tokens":       "{\"plan_name\":\u00a0\"Plan name\"}",
		"nested junk in unknown":    `{"junk":[[[[{"a":[1,2,{"b":null}]}]]]],"plan_name":"Plan name"}`,
		"unclosed junk":             `{"junk":[[[[`,
		"comment":                   `{/* plan */"plan_name":"Plan name"}`,
		"object close in array":     `{"weeks":[}`,
		"empty key":                 `{"":1}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			requireEquivalent(t, []byte(in))
		})
	}
}

// FuzzCheckEquivalence mutates plans and requires both paths to agree (see requireEquivalent
// for what agreeing means when the JSON itself is rejected). The seed corpus is in
// testdata/fuzz/FuzzCheckEquivalence.
func FuzzCheckEquivalence(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		requireEquivalent(t, raw)
	})
}
