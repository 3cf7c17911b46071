package adapt_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/internal/fakes"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

func profile(locale string) *planv1.Profile {
	return &planv1.Profile{
		Goal: "Get stronger and build muscle", FitnessLevel: typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE,
		Equipment: []string{"dumbbell", "bench"}, DaysPerWeek: 3, DurationWeeks: 6, SessionMinutes: 45,
		Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: locale, Injuries: []typesv1.Joint{typesv1.Joint_JOINT_WRISTS},
	}
}

// input is a planner-made plan for p and no logs yet.
func input(t *testing.T, p *planv1.Profile) adapt.Input {
	t.Helper()
	all := fakes.StarterExercises()
	allowed := coaching.Allowed(all, p)
	wp, err := planner.Plan(p, allowed)
	require.NoError(t, err)
	require.Empty(t, aiplan.Validate(wp))
	return adapt.Input{Plan: wp, Week: 1, Profile: p, Catalog: coaching.Index(all), Allowed: allowed}
}

// logWeek logs every training day of week 1: each working exercise as prescribed at the top
// of its range with the given RPE and load for loaded work; sessions limits how many days.
func logWeek(in adapt.Input, rpe, effort int32, sessions int, edit func(*planv1.CompletedExercise)) []adapt.DayLog {
	var out []adapt.DayLog
	for _, d := range in.Plan.GetWeeks()[0].GetDays() {
		if d.GetIsRestDay() || len(out) == sessions {
			continue
		}
		log := &planv1.WorkoutLog{PerceivedEffort: effort}
		for _, x := range d.GetExercises() {
			c := in.Catalog[strings.ToLower(x.GetExerciseSlug())]
			_, hi := top(x.GetReps())
			e := &planv1.CompletedExercise{ExerciseSlug: x.GetExerciseSlug(), SetsDone: max(1, x.GetSets())}
			for range max(1, x.GetSets()) {
				s := &planv1.SetLog{Reps: hi, Seconds: x.GetDurationSeconds(), Rpe: proto.Int32(rpe)}
				if len(c.GetEquipment()) > 0 && c.GetEquipment()[0] == "dumbbell" && x.Reps != nil {
					s.LoadKg = 20
				}
				e.Sets = append(e.Sets, s)
			}
			if edit != nil {
				edit(e)
			}
			log.Exercises = append(log.Exercises, e)
		}
		out = append(out, adapt.DayLog{Day: d.GetDayNumber(), Log: log})
	}
	return out
}

func top(reps string) (int32, int32) {
	_, b, found := strings.Cut(reps, "-")
	if !found {
		b = reps
	}
	n := int32(0)
	for _, c := range b {
		n = n*10 + int32(c-'0')
	}
	return n, n
}

func changesBy(res *adapt.Result) map[planv1.ChangeAction][]*planv1.ExerciseChange {
	m := map[planv1.ChangeAction][]*planv1.ExerciseChange{}
	for _, c := range res.Changes {
		m[c.GetAction()] = append(m[c.GetAction()], c)
	}
	return m
}

// requireSound checks what every adaptation must keep: the plan rules, the coaching safety
// check, weeks up to the adapted one untouched, loads at most +10 %.
func requireSound(t *testing.T, in adapt.Input, res *adapt.Result) {
	t.Helper()
	require.Empty(t, aiplan.Validate(res.Plan), "plan rules")
	safety := coaching.Safety(coaching.Input{Plan: res.Plan, Profile: in.Profile, Catalog: in.Catalog})
	require.Empty(t, safety.Findings, "coaching safety")
	require.True(t, proto.Equal(in.Plan.GetWeeks()[0], res.Plan.GetWeeks()[0]), "the logged week is history")
	require.Empty(t, adapt.Bounds(in, res.Plan), "bounds")
}

func TestRules(t *testing.T) {
	t.Run("progress: loads rise, reasons cite the logs", func(t *testing.T) {
		in := input(t, profile("en"))
		in.Logs = logWeek(in, 7, 7, 3, nil)
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		requireSound(t, in, res)
		require.False(t, res.Deload)
		by := changesBy(res)
		require.NotEmpty(t, by[planv1.ChangeAction_CHANGE_ACTION_PROGRESS])
		var loaded *planv1.ExerciseChange
		for _, c := range by[planv1.ChangeAction_CHANGE_ACTION_PROGRESS] {
			if strings.Contains(c.GetAfter(), "kg") {
				loaded = c
			}
		}
		require.NotNil(t, loaded, "a dumbbell exercise got a load: %v", res.Changes)
		require.Contains(t, loaded.GetAfter(), "22 kg")
		require.Contains(t, loaded.GetReason(), "+2 kg: you made")
		require.EqualValues(t, 2, loaded.GetWeek())
		for _, w := range res.Plan.GetWeeks()[1:] {
			for _, d := range w.GetDays() {
				for _, x := range d.GetExercises() {
					if x.LoadKg != nil {
						require.InDelta(t, 22, x.GetLoadKg(), 1e-9, "the load carries to every later week")
					}
				}
			}
		}
	})
	t.Run("regress after RPE 10", func(t *testing.T) {
		in := input(t, profile("en"))
		in.Logs = logWeek(in, 10, 8, 3, nil)
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		requireSound(t, in, res)
		require.NotEmpty(t, changesBy(res)[planv1.ChangeAction_CHANGE_ACTION_REGRESS])
		require.True(t, res.Deload, "every session had a set at the limit")
	})
	t.Run("hold when the target was missed", func(t *testing.T) {
		in := input(t, profile("en"))
		in.Logs = logWeek(in, 8, 7, 3, func(e *planv1.CompletedExercise) { e.Sets = e.Sets[:len(e.Sets)-1] })
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		requireSound(t, in, res)
		by := changesBy(res)
		require.NotEmpty(t, by[planv1.ChangeAction_CHANGE_ACTION_KEEP])
		require.Empty(t, by[planv1.ChangeAction_CHANGE_ACTION_PROGRESS])
	})
	t.Run("early deload after missed sessions", func(t *testing.T) {
		in := input(t, profile("ru"))
		in.Logs = logWeek(in, 7, 7, 1, nil)
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		requireSound(t, in, res)
		require.True(t, res.Deload)
		dl := changesBy(res)[planv1.ChangeAction_CHANGE_ACTION_DELOAD]
		require.Len(t, dl, 1)
		require.Contains(t, dl[0].GetReason(), "1 из 3")
		before, after := weekSets(in.Plan.GetWeeks()[1]), weekSets(res.Plan.GetWeeks()[1])
		require.Less(t, float64(after), 0.8*float64(before), "a deload cuts the volume")
		require.Equal(t, weekSets(in.Plan.GetWeeks()[2]), weekSets(res.Plan.GetWeeks()[2]), "only the next week deloads")
	})
	t.Run("deload after a run of very high session efforts", func(t *testing.T) {
		in := input(t, profile("en"))
		in.Logs = logWeek(in, 8, 9, 3, nil)
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		require.True(t, res.Deload)
		requireSound(t, in, res)
	})
	t.Run("swap on pain to a safe alternative of the same pattern", func(t *testing.T) {
		in := input(t, profile("en"))
		var painful string
		for _, d := range in.Plan.GetWeeks()[0].GetDays() {
			for _, x := range d.GetExercises() {
				if painful == "" && (x.GetBlock() == "main" || x.GetBlock() == "") && len(adapt.SwapOptions(in, x.GetExerciseSlug())) > 0 {
					painful = x.GetExerciseSlug()
				}
			}
		}
		in.Logs = logWeek(in, 7, 7, 3, func(e *planv1.CompletedExercise) {
			if e.GetExerciseSlug() == painful {
				e.Pain, e.PainNote = true, "sharp pain"
			}
		})
		require.NotEmpty(t, painful)
		res, err := adapt.Rules(in)
		require.NoError(t, err)
		requireSound(t, in, res)
		sw := changesBy(res)[planv1.ChangeAction_CHANGE_ACTION_SWAP]
		require.Len(t, sw, 1)
		require.Equal(t, painful, sw[0].GetExerciseSlug())
		require.Contains(t, sw[0].GetReason(), "sharp pain")
		from, to := in.Catalog[painful], in.Catalog[sw[0].GetToSlug()]
		require.Equal(t, from.GetPatterns()[0], to.GetPatterns()[0], "same movement pattern first")
		require.NotContains(t, to.GetStresses(), typesv1.Joint_JOINT_WRISTS, "safe for the person's wrists")
		for _, w := range res.Plan.GetWeeks()[1:] {
			for _, d := range w.GetDays() {
				for _, x := range d.GetExercises() {
					require.NotEqual(t, painful, x.GetExerciseSlug(), "gone from every later week")
				}
			}
		}
	})
	t.Run("the last week has nothing to adapt", func(t *testing.T) {
		in := input(t, profile("en"))
		in.Week = 6
		_, err := adapt.Rules(in)
		require.Error(t, err)
	})
}

func weekSets(w *planv1.Week) int32 {
	n := int32(0)
	for _, d := range w.GetDays() {
		for _, x := range d.GetExercises() {
			n += x.GetSets()
		}
	}
	return n
}
