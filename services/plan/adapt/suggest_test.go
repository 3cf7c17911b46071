package adapt_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
)

func sets(n int, reps int32, load float64, rpe int32) []*planv1.SetLog {
	out := make([]*planv1.SetLog, n)
	for i := range out {
		out[i] = &planv1.SetLog{Reps: reps, LoadKg: load, Rpe: proto.Int32(rpe)}
	}
	return out
}

func TestSuggest(t *testing.T) {
	reps := &planv1.Exercise{ExerciseSlug: "dumbbell-goblet-squats", Sets: proto.Int32(3), Reps: proto.String("8-12")}
	barbell := &planv1.Exercise{ExerciseSlug: "barbell-back-squats", Sets: proto.Int32(3), Reps: proto.String("5")}
	hold := &planv1.Exercise{ExerciseSlug: "plank", Sets: proto.Int32(3), DurationSeconds: proto.Int32(30)}
	run := &planv1.Exercise{ExerciseSlug: "run", DurationSeconds: proto.Int32(1200)}
	mReps, mTime, mDist := typesv1.Measurement_MEASUREMENT_REPS, typesv1.Measurement_MEASUREMENT_TIME, typesv1.Measurement_MEASUREMENT_DISTANCE
	db, bb := []string{"dumbbell"}, []string{"barbell"}
	tests := []struct {
		name        string
		in          adapt.SuggestInput
		action      planv1.SuggestionAction
		load        float64
		reps, secs  int32
		dist        int32
		reasonParts []string
	}{
		{name: "top of range at RPE 7 adds a dumbbell step", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: sets(3, 12, 20, 7)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 22, reps: 12, reasonParts: []string{"+2 kg", "3 × 12 × 20 kg at RPE 7"}},
		{name: "barbell adds 2.5 kg", in: adapt.SuggestInput{Prescribed: barbell, Measurement: mReps, Equipment: bb, Last: &planv1.CompletedExercise{Sets: sets(3, 5, 60, 8)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 62.5, reps: 5, reasonParts: []string{"+2.5 kg"}},
		{name: "heavy barbell rounds 2.5 % up to the step", in: adapt.SuggestInput{Prescribed: barbell, Measurement: mReps, Equipment: bb, Last: &planv1.CompletedExercise{Sets: sets(3, 5, 150, 7)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 155, reps: 5},
		{name: "light dumbbell: a step is over 10 %, add reps", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: sets(3, 12, 6, 7)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 6, reps: 14},
		{name: "RIR 2 counts as RPE 8", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: []*planv1.SetLog{{Reps: 12, LoadKg: 20, Rir: proto.Int32(2)}, {Reps: 12, LoadKg: 20, Rir: proto.Int32(2)}, {Reps: 12, LoadKg: 20, Rir: proto.Int32(3)}}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 22, reps: 12},
		{name: "RPE 9 holds", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: sets(3, 12, 20, 9)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_HOLD, load: 20, reps: 12, reasonParts: []string{"same again"}},
		{name: "not at the top everywhere holds", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: append(sets(2, 12, 20, 7), &planv1.SetLog{Reps: 10, LoadKg: 20, Rpe: proto.Int32(8)})}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_HOLD, load: 20, reps: 12, reasonParts: []string{"12, 12, 10 × 20 kg"}},
		{name: "a skipped set holds", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: append(sets(2, 12, 20, 7), &planv1.SetLog{Skipped: true})}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_HOLD, load: 20, reps: 12},
		{name: "RPE 10 reduces 10 %", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: sets(3, 10, 20, 10)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE, load: 18, reps: 12, reasonParts: []string{"−2 kg", "too close"}},
		{name: "0 RIR reduces", in: adapt.SuggestInput{Prescribed: barbell, Measurement: mReps, Equipment: bb, Last: &planv1.CompletedExercise{Sets: []*planv1.SetLog{{Reps: 5, LoadKg: 100, Rir: proto.Int32(0)}}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE, load: 90, reps: 5},
		{name: "reps short by more than 2 on most sets reduce", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Sets: []*planv1.SetLog{{Reps: 8, LoadKg: 20, Rpe: proto.Int32(8)}, {Reps: 5, LoadKg: 20, Rpe: proto.Int32(8)}, {Reps: 4, LoadKg: 20, Rpe: proto.Int32(8)}}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE, load: 18, reps: 12},
		{name: "pain reduces", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Last: &planv1.CompletedExercise{Pain: true, Sets: sets(3, 12, 20, 6)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE, load: 18, reps: 12, reasonParts: []string{"hurt"}},
		{name: "bodyweight at the top adds reps", in: adapt.SuggestInput{Prescribed: &planv1.Exercise{ExerciseSlug: "push-ups", Sets: proto.Int32(3), Reps: proto.String("8-12")}, Measurement: mReps, Last: &planv1.CompletedExercise{Sets: sets(3, 12, 0, 7)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, reps: 14, reasonParts: []string{"+2 reps (or a harder variation)"}},
		{name: "old log with reps_done and session effort", in: adapt.SuggestInput{Prescribed: &planv1.Exercise{ExerciseSlug: "push-ups", Sets: proto.Int32(3), Reps: proto.String("10")}, Measurement: mReps, SessionEffort: 6, Last: &planv1.CompletedExercise{SetsDone: 3, RepsDone: []int32{10, 10, 10}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, reps: 12},
		{name: "hold adds 5 s", in: adapt.SuggestInput{Prescribed: hold, Measurement: mTime, Last: &planv1.CompletedExercise{Sets: []*planv1.SetLog{{Seconds: 30, Rpe: proto.Int32(6)}, {Seconds: 30, Rpe: proto.Int32(7)}, {Seconds: 32, Rpe: proto.Int32(7)}}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, secs: 37, reasonParts: []string{"+5 s"}},
		{name: "cardio adds 10 % time and 5 % distance", in: adapt.SuggestInput{Prescribed: run, Measurement: mDist, Last: &planv1.CompletedExercise{Sets: []*planv1.SetLog{{Seconds: 1200, DistanceMeters: 3000, Rpe: proto.Int32(6)}}}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, secs: 1320, dist: 3150},
		{name: "russian reason", in: adapt.SuggestInput{Prescribed: reps, Measurement: mReps, Equipment: db, Locale: "ru", Last: &planv1.CompletedExercise{Sets: sets(3, 12, 22.5, 7)}},
			action: planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS, load: 24.5, reps: 12, reasonParts: []string{"+2 кг", "в прошлый раз вы сделали 3 × 12 × 22,5 кг при RPE 7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := adapt.Suggest(tt.in)
			require.NotNil(t, got)
			require.Equal(t, tt.action, got.GetAction(), got.GetReason())
			require.InDelta(t, tt.load, got.GetLoadKg(), 1e-9)
			if tt.reps != 0 {
				require.Equal(t, tt.reps, got.GetReps())
			}
			if tt.secs != 0 {
				require.Equal(t, tt.secs, got.GetSeconds())
			}
			if tt.dist != 0 {
				require.Equal(t, tt.dist, got.GetDistanceMeters())
			}
			if tt.load > 0 && got.GetAction() == planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS {
				require.LessOrEqual(t, got.GetLoadKg(), 1.1*tt.in.Last.GetSets()[0].GetLoadKg()+1e-9, "never more than +10 %")
			}
			for _, part := range tt.reasonParts {
				require.Contains(t, got.GetReason(), part)
			}
		})
	}
	require.Nil(t, adapt.Suggest(adapt.SuggestInput{Prescribed: reps}), "no history, no suggestion")
}
