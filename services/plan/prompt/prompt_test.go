package prompt_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/prompt"
)

func TestBuild(t *testing.T) {
	set, err := prompt.Load()
	require.NoError(t, err)
	allowed := fakes.StarterExercises()[:5]
	tests := []struct {
		name      string
		locale    string
		archetype typesv1.Archetype
		want      []string
	}{
		{"en mentor", "en", typesv1.Archetype_ARCHETYPE_MENTOR, []string{"mentor", "Day 3: Full body B — push", "Write day 3", "4..6 exercises", "push-ups: Push-ups; chest, triceps, shoulders, core; beginner", "bad knee"}},
		{"ru professional", "ru", typesv1.Archetype_ARCHETYPE_PROFESSIONAL, []string{"профессиональный", "тренировочных дней: 3", "Напишите день 3", "push-ups: Отжимания;", "bad knee"}},
		{"en peer", "en", typesv1.Archetype_ARCHETYPE_PEER, []string{"training buddy", "dumbbell, band"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			profile := &planv1.Profile{
				Goal: "lose weight", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER, Equipment: []string{"dumbbell", "band"},
				DaysPerWeek: 3, DurationWeeks: 8, SessionMinutes: 40, Limitations: "bad knee", Archetype: tc.archetype, Locale: tc.locale,
			}
			week := []prompt.Session{{Day: 1, Name: "Full body A", Focus: "legs"}, {Day: 3, Name: "Full body B", Focus: "push"}, {Day: 5, Name: "Full body C", Focus: "pull"}}
			o, err := set.Outline(profile, week)
			require.NoError(t, err)
			require.NotContains(t, o.User, "push-ups", "the outline does not pick exercises")
			require.Contains(t, o.User, "duration_weeks")
			d, err := set.Day(profile, week, week[1], 4, 6, allowed)
			require.NoError(t, err)
			require.Equal(t, o.System, d.System, "one system prompt for every part")
			for _, w := range tc.want {
				require.Contains(t, d.System+d.User, w)
			}
		})
	}
	r, err := set.Reprompt("en", []aiplan.Violation{{Field: "days[1].exercises[0].sets", Rule: "int32.lte", Message: "value must be less than or equal to 10"}})
	require.NoError(t, err)
	require.Contains(t, r, "days[1].exercises[0].sets: value must be less than or equal to 10 [int32.lte]")
}
