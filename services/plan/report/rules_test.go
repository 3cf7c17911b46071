package report_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/report"
)

// testPlan is three weeks of three full-body days (1, 3, 5); week 3 keeps a third of the
// sets, a deload.
func testPlan() *planv1.WorkoutPlan {
	p := &planv1.WorkoutPlan{PlanName: "Test", DurationWeeks: 3, Goal: "Get stronger"}
	for w := int32(1); w <= 3; w++ {
		sets := int32(3)
		if w == 3 {
			sets = 1
		}
		wk := &planv1.Week{WeekNumber: w, WeekFocus: fmt.Sprintf("Focus %d", w)}
		for d := int32(1); d <= 7; d++ {
			day := &planv1.Day{DayNumber: d, IsRestDay: d%2 == 0 || d == 7}
			if !day.GetIsRestDay() {
				day.WorkoutName = map[int32]string{1: "Full body A", 3: "Full body B", 5: "Full body C"}[d]
				day.Exercises = []*planv1.Exercise{
					{ExerciseSlug: "goblet-squat", Sets: proto.Int32(sets), Reps: proto.String("10-12"), LoadKg: proto.Float64(16), RestSeconds: proto.Int32(90)},
					{ExerciseSlug: "reverse-lunge", Sets: proto.Int32(sets), Reps: proto.String("8-10"), RestSeconds: proto.Int32(60)},
					{ExerciseSlug: "plank", Sets: proto.Int32(sets), DurationSeconds: proto.Int32(30), RestSeconds: proto.Int32(45)},
				}
			}
			wk.Days = append(wk.Days, day)
		}
		p.Weeks = append(p.Weeks, wk)
	}
	return p
}

var testCatalog = map[string]*catalogv1.Exercise{
	"goblet-squat":  {Slug: "goblet-squat", Name: &typesv1.LocalizedText{En: "Goblet squat", Ru: "Гоблет-присед"}, Equipment: []string{"dumbbell"}, Measurement: typesv1.Measurement_MEASUREMENT_REPS},
	"reverse-lunge": {Slug: "reverse-lunge", Name: &typesv1.LocalizedText{En: "Reverse lunge", Ru: "Обратный выпад"}, Measurement: typesv1.Measurement_MEASUREMENT_REPS},
	"plank":         {Slug: "plank", Name: &typesv1.LocalizedText{En: "Plank", Ru: "Планка"}, Measurement: typesv1.Measurement_MEASUREMENT_TIME},
}

func sets(n int, reps int32, kg float64, rpe int32) []*planv1.SetLog {
	var out []*planv1.SetLog
	for range n {
		out = append(out, &planv1.SetLog{Reps: reps, LoadKg: kg, Rpe: proto.Int32(rpe)})
	}
	return out
}

// session logs a day: goblet squats at kg for reps at rpe, lunges (with pain when note is
// not empty), planks for seconds.
func session(week, day int32, kg float64, reps, rpe int32, pain string, seconds int32) report.DayLog {
	lunge := &planv1.CompletedExercise{ExerciseSlug: "reverse-lunge", Sets: sets(3, 10, 0, 7)}
	if pain != "" {
		lunge.Pain, lunge.PainNote = true, pain
	}
	return report.DayLog{Week: week, Day: day, Log: &planv1.WorkoutLog{PerceivedEffort: rpe, Exercises: []*planv1.CompletedExercise{
		{ExerciseSlug: "goblet-squat", Sets: sets(3, reps, kg, rpe)},
		lunge,
		{ExerciseSlug: "plank", Sets: []*planv1.SetLog{{Seconds: seconds, Rpe: proto.Int32(rpe)}, {Seconds: seconds}, {Skipped: true}}},
	}}}
}

func weekOne() []report.DayLog {
	return []report.DayLog{session(1, 1, 16, 12, 7, "", 30), session(1, 3, 16, 12, 7, "", 30), session(1, 5, 16, 12, 7, "", 30)}
}

func TestRules(t *testing.T) {
	swapLunge := &planv1.PlanRevision{Number: 2, Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Week: 2, Changes: []*planv1.ExerciseChange{
		{Week: 3, ExerciseSlug: "reverse-lunge", Name: "Reverse lunge", Action: planv1.ChangeAction_CHANGE_ACTION_SWAP, ToSlug: "glute-bridge", ToName: "Glute bridge"},
	}}
	deload := &planv1.PlanRevision{Number: 2, Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Week: 2, Deload: true, Changes: []*planv1.ExerciseChange{
		{Week: 3, Action: planv1.ChangeAction_CHANGE_ACTION_DELOAD},
	}}
	tests := []struct {
		name      string
		week      int32
		logs      []report.DayLog
		revisions []*planv1.PlanRevision
		locale    string
		archetype typesv1.Archetype
		// want maps a part ("analysis", "motivation", "recommendations", "strategy") to
		// what it must say; not to what it must not.
		want, not map[string][]string
	}{
		{
			name: "all sessions, loads up from the week before", week: 2,
			logs: append(weekOne(), session(2, 1, 20, 12, 7, "", 40), session(2, 3, 20, 12, 7, "", 40), session(2, 5, 20, 12, 7, "", 40)),
			want: map[string][]string{
				"analysis":        {"Week 2: 3 of 3 planned sessions done, 24 sets (3 skipped).", "Average session effort: RPE 7.", "Goblet squat 16 → 20 kg", "Plank 30 → 40 s"},
				"motivation":      {"You showed up for all 3 sessions", "You got stronger on 2 exercises"},
				"recommendations": {"Goblet squat: +2 kg: you made 3 × 12 × 20 kg at RPE 7 last time"},
				"strategy":        {"1 of 3 weeks remain toward your goal (Get stronger).", "Next: week 3, 3 sessions — Focus 3.", "Lighter weeks to recover: 3."},
			},
			not: map[string][]string{"analysis": {"Pain", "Down:"}, "recommendations": {"missed"}},
		},
		{
			name: "loads down", week: 2,
			logs: append(weekOne(), session(2, 1, 14, 12, 7, "", 30), session(2, 3, 14, 12, 7, "", 30), session(2, 5, 14, 12, 7, "", 30)),
			want: map[string][]string{"analysis": {"Down: Goblet squat 16 → 14 kg."}},
			not:  map[string][]string{"analysis": {"Up:"}, "motivation": {"stronger"}},
		},
		{
			name: "missed sessions and the adaptation's deload", week: 2, revisions: []*planv1.PlanRevision{deload},
			logs: append(weekOne(), session(2, 1, 16, 11, 7, "", 30)),
			want: map[string][]string{
				"analysis":        {"1 of 3 planned sessions done", "The plan adapted to it: a lighter week to recover."},
				"motivation":      {"Life got busy", "1 of 3 sessions"},
				"recommendations": {"You missed 2 of 3 sessions: week 3 is lighter — put its 3 sessions on fixed days now."},
				"strategy":        {"The adaptation made the next week lighter"},
			},
			not: map[string][]string{"motivation": {"showed up for all"}},
		},
		{
			name: "pain, swapped by the adaptation", week: 2, revisions: []*planv1.PlanRevision{swapLunge},
			logs: append(weekOne(), session(2, 1, 16, 12, 7, "left knee", 30), session(2, 3, 16, 12, 7, "", 30), session(2, 5, 16, 12, 7, "", 30)),
			want: map[string][]string{
				"analysis":        {"Pain logged: Reverse lunge (left knee).", "swapped Reverse lunge → Glute bridge"},
				"motivation":      {"Thank you for telling me what hurt"},
				"recommendations": {"Reverse lunge hurt: the next weeks use Glute bridge instead."},
			},
		},
		{
			name: "pain, not swapped", week: 2,
			logs: append(weekOne(), session(2, 1, 16, 12, 7, "knee", 30)),
			want: map[string][]string{"recommendations": {"Reverse lunge hurt: go lighter next time or swap it from the day view"}},
			not:  map[string][]string{"recommendations": {"instead"}, "analysis": {"swapped"}},
		},
		{
			name: "a week with no logs says what it holds", week: 2, logs: weekOne(),
			want: map[string][]string{
				"analysis":        {"Week 2 holds 3 sessions: Full body A, Full body B, Full body C. Nothing of it is logged yet."},
				"motivation":      {"Full body A is a gentle first step"},
				"recommendations": {"Start with Full body A (week 2, day 1)"},
				"strategy":        {"1 of 3 weeks remain"},
			},
		},
		{
			name: "sessions at the limit", week: 1,
			logs: []report.DayLog{session(1, 1, 16, 12, 10, "", 30), session(1, 3, 16, 12, 9, "", 30), session(1, 5, 16, 12, 7, "", 30)},
			want: map[string][]string{
				"analysis":        {"Average session effort: RPE 8.7; 2 at your limit."},
				"recommendations": {"2 of 3 sessions were at your limit: aim for RPE 7–8"},
			},
		},
		{
			name: "logs from before per-set logging", week: 1,
			logs: []report.DayLog{{Week: 1, Day: 1, Log: &planv1.WorkoutLog{PerceivedEffort: 6, Exercises: []*planv1.CompletedExercise{{ExerciseSlug: "goblet-squat", SetsDone: 3, RepsDone: []int32{12, 12, 12}}}}}},
			want: map[string][]string{
				"analysis":        {"1 of 3 planned sessions done, 3 sets.", "Only sets and reps were logged"},
				"recommendations": {"Log the load and effort of every set"},
			},
		},
		{
			name: "the whole plan so far", week: 0,
			logs: append(weekOne(), session(2, 1, 18, 12, 7, "", 30), session(2, 3, 18, 12, 7, "", 30)),
			want: map[string][]string{
				"analysis": {"Weeks 1–2: 5 of 6 planned sessions done", "Goblet squat 16 → 18 kg"},
				"strategy": {"1 of 3 weeks remain", "Next: week 3"},
			},
		},
		{
			name: "the whole plan before any log", week: 0,
			want: map[string][]string{"analysis": {"Week 1 holds 3 sessions"}, "strategy": {"3 of 3 weeks remain", "Next: week 1, 3 sessions"}},
		},
		{
			name: "the last week", week: 3, logs: append(weekOne(), session(3, 1, 16, 12, 6, "", 30)),
			want: map[string][]string{"strategy": {"This was the plan's last week toward your goal (Get stronger)."}},
			not:  map[string][]string{"strategy": {"remain"}},
		},
		{
			name: "professional voice", week: 1, logs: weekOne(), archetype: typesv1.Archetype_ARCHETYPE_PROFESSIONAL,
			want: map[string][]string{"motivation": {"3 of 3 sessions completed. Full adherence"}, "strategy": {"Decisions follow the numbers you log."}},
		},
		{
			name: "peer voice", week: 1, logs: weekOne()[:2], archetype: typesv1.Archetype_ARCHETYPE_PEER,
			want: map[string][]string{"motivation": {"2 of 3 sessions — nice work!"}, "strategy": {"one session at a time"}},
		},
		{
			name: "Russian, professional", week: 2, locale: "ru", archetype: typesv1.Archetype_ARCHETYPE_PROFESSIONAL, revisions: []*planv1.PlanRevision{swapLunge},
			logs: append(weekOne(), session(2, 1, 20, 12, 7, "колено", 30), session(2, 3, 20, 12, 7, "", 30)),
			want: map[string][]string{
				"analysis":        {"Неделя 2: проведено 2 из 3 тренировок", "Гоблет-присед 16 → 20 кг", "Отмечена боль: Обратный выпад (колено)."},
				"motivation":      {"Выполнено 2 из 3 тренировок (67%)"},
				"recommendations": {"«Обратный выпад» вызывало боль: дальше вместо него — «Glute bridge»", "Гоблет-присед: +2 кг"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locale := tt.locale
			if locale == "" {
				locale = "en"
			}
			archetype := tt.archetype
			if archetype == typesv1.Archetype_ARCHETYPE_UNSPECIFIED {
				archetype = typesv1.Archetype_ARCHETYPE_MENTOR
			}
			f := report.Read(report.Input{Plan: testPlan(), Week: tt.week, Logs: tt.logs, Revisions: tt.revisions, Catalog: testCatalog, Locale: locale, Archetype: archetype})
			p := report.Rules(f)
			parts := map[string]string{"analysis": p.Analysis, "motivation": p.Motivation, "recommendations": strings.Join(p.Recommendations, "\n"), "strategy": p.Strategy}
			for part, ss := range tt.want {
				for _, s := range ss {
					require.Contains(t, parts[part], s, "%s", part)
				}
			}
			for part, ss := range tt.not {
				for _, s := range ss {
					require.NotContains(t, parts[part], s, "%s", part)
				}
			}
			require.GreaterOrEqual(t, len(p.Recommendations), report.MinRecommendations)
			require.LessOrEqual(t, len(p.Recommendations), report.MaxRecommendations)
			for part, s := range parts {
				require.NotEmpty(t, s, part)
				if locale == "ru" {
					require.Greater(t, cyrillic(s), 0.6, "%s is Russian: %s", part, s)
				}
			}
			r := p.Report(f, report.ProviderRules)
			require.Equal(t, locale, r.GetLocale())
			require.EqualValues(t, len(filter(tt.logs, tt.week)), r.GetSessions())
		})
	}
}

func filter(logs []report.DayLog, week int32) []report.DayLog {
	var out []report.DayLog
	for _, l := range logs {
		if week == 0 || l.Week == week {
			out = append(out, l)
		}
	}
	return out
}

func cyrillic(s string) float64 {
	letters, cyr := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	return float64(cyr) / float64(max(letters, 1))
}

func TestFingerprint(t *testing.T) {
	logs := append(weekOne(), session(2, 1, 18, 12, 7, "", 30))
	base := report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, logs)
	require.Equal(t, base, report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, weekOne()), "week 1 does not read week 2's logs")
	whole := report.Fingerprint(0, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, logs)
	require.NotEqual(t, whole, report.Fingerprint(0, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, weekOne()), "the whole plan reads every log")
	changed := weekOne()
	changed[2].Log.PerceivedEffort = 8
	for name, fp := range map[string]string{
		"a changed log": report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, changed),
		"a new log":     report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, append(weekOne(), session(1, 6, 16, 12, 7, "", 30))),
		"a revision":    report.Fingerprint(1, 2, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, weekOne()),
		"the language":  report.Fingerprint(1, 1, "ru", typesv1.Archetype_ARCHETYPE_MENTOR, false, weekOne()),
		"the coach":     report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_PEER, false, weekOne()),
		"the LLM":       report.Fingerprint(1, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, true, weekOne()),
		"another week":  report.Fingerprint(2, 1, "en", typesv1.Archetype_ARCHETYPE_MENTOR, false, weekOne()),
	} {
		require.NotEqual(t, base, fp, name)
	}
}
