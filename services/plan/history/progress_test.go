package history_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/history"
)

// testPlan has `weeks` weeks of three sessions (days 1, 3 and 5; the rest are rest days):
// goblet squat and row in the main block after a warm-up, and day 5 ends with a run in the
// conditioning block. Week sets give each week's main-block sets.
func testPlan(focus []string, sets []int32) *planv1.Plan {
	p := &planv1.Plan{Id: "p", DurationWeeks: int32(len(sets))}
	for w, n := range sets {
		week := &planv1.Week{WeekNumber: int32(w + 1), WeekFocus: focus[w]}
		for d := int32(1); d <= 7; d++ {
			day := &planv1.Day{DayNumber: d, WorkoutName: "Rest", IsRestDay: true}
			if d%2 == 1 && d < 7 {
				day = &planv1.Day{DayNumber: d, WorkoutName: "Full body", Exercises: []*planv1.Exercise{
					{ExerciseSlug: "march", Sets: proto.Int32(1), Block: "warmup"},
					{ExerciseSlug: "goblet-squat", Sets: proto.Int32(n), Block: "main"},
					{ExerciseSlug: "row", Sets: proto.Int32(n), Block: "accessory"},
				}}
				if d == 5 {
					day.Exercises = append(day.Exercises, &planv1.Exercise{ExerciseSlug: "burpee", Sets: proto.Int32(4), Block: "conditioning"},
						&planv1.Exercise{ExerciseSlug: "run", DurationSeconds: proto.Int32(1200), Block: "conditioning"})
				}
			}
			week.Days = append(week.Days, day)
		}
		p.Weeks = append(p.Weeks, week)
	}
	return p
}

func TestStreaks(t *testing.T) {
	p := testPlan([]string{"", "", ""}, []int32{3, 3, 3})
	// Planned sessions in order: 1/1 1/3 1/5 2/1 2/3 2/5 3/1 3/3 3/5.
	for _, tt := range []struct {
		name             string
		logged           [][2]int32
		current, longest int32
	}{
		{"nothing logged", nil, 0, 0},
		{"the first session", [][2]int32{{1, 1}}, 1, 1},
		{"sessions ahead break nothing", [][2]int32{{1, 1}, {1, 3}, {1, 5}, {2, 1}}, 4, 4},
		{"a missed session ends the run", [][2]int32{{1, 1}, {1, 3}, {1, 5}, {2, 3}}, 1, 3},
		{"the current run can be the longest", [][2]int32{{1, 1}, {1, 5}, {2, 1}, {2, 3}}, 3, 3},
		{"a skipped first session", [][2]int32{{1, 3}}, 1, 1},
		{"a log on a rest day neither counts nor breaks", [][2]int32{{1, 1}, {1, 2}, {1, 3}}, 2, 2},
		{"another plan's logs do not count", [][2]int32{{1, 1}, {-1, 3}}, 1, 1},
		{"the whole plan", [][2]int32{{1, 1}, {1, 3}, {1, 5}, {2, 1}, {2, 3}, {2, 5}, {3, 1}, {3, 3}, {3, 5}}, 9, 9},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sessions []history.Session
			for i, wd := range tt.logged {
				s := session(wd[0], wd[1], i, 7)
				if wd[0] < 0 {
					s.PlanID, s.Week = "other", -wd[0]
				}
				sessions = append(sessions, s)
			}
			current, longest := history.Streaks(p, sessions)
			require.Equal(t, tt.current, current, "current")
			require.Equal(t, tt.longest, longest, "longest")
		})
	}
}

func TestProgress(t *testing.T) {
	p := testPlan([]string{"Week 1: learn the movements", "Build", "Разгрузочная неделя", "Build again", "Easy"}, []int32{3, 4, 4, 4, 2})
	c := history.Catalog{
		"goblet-squat": {Name: "Goblet squat", MuscleGroups: []string{"quads", "glutes"}, Measurement: typesv1.Measurement_MEASUREMENT_REPS},
		"row":          {Name: "Dumbbell row", MuscleGroups: []string{"back"}, Measurement: typesv1.Measurement_MEASUREMENT_REPS},
		"march":        {Name: "March", MuscleGroups: []string{"quads"}, Measurement: typesv1.Measurement_MEASUREMENT_TIME},
		"burpee":       {Name: "Burpee", MuscleGroups: []string{"full_body"}, Measurement: typesv1.Measurement_MEASUREMENT_REPS},
		"run":          {Name: "Run", MuscleGroups: []string{"legs"}, Measurement: typesv1.Measurement_MEASUREMENT_DISTANCE},
	}
	warm := ex("march", &planv1.SetLog{Seconds: 60})
	sessions := []history.Session{
		session(1, 1, 0, 6, warm, ex("goblet-squat", set(10, 20, 7), set(10, 20, 8), set(10, 20, 5)), ex("row", set(12, 16, 0), &planv1.SetLog{Skipped: true})),
		session(1, 3, 2, 8, ex("goblet-squat", set(10, 22.5, 8), set(10, 22.5, 8), set(9, 22.5, 9))),
		// Day 5 skipped. Another plan's log in between is ignored.
		{PlanID: "other", Week: 1, Day: 5, Log: session(1, 5, 3, 9, ex("goblet-squat", set(1, 200, 10))).Log},
		session(2, 1, 7, 7, ex("goblet-squat", set(8, 26, 8)), &planv1.CompletedExercise{ExerciseSlug: "row", SetsDone: 2, RepsDone: []int32{10, 10}}),
		session(2, 5, 11, 9, ex("burpee", &planv1.SetLog{Reps: 10}, &planv1.SetLog{Reps: 10}), ex("run", &planv1.SetLog{DistanceMeters: 3000, Seconds: 1140})),
	}
	got := history.Progress(p, sessions, c)
	require.Equal(t, "p", got.GetPlanId())
	require.Len(t, got.GetWeeks(), 5, "every plan week")

	w1 := got.GetWeeks()[0]
	require.Equal(t, int32(3), w1.GetSessionsPlanned())
	require.Equal(t, int32(2), w1.GetSessionsDone())
	require.InDelta(t, 0.667, w1.GetAdherence(), 0.001)
	require.Equal(t, 7.0, w1.GetAverageEffort())
	require.Equal(t, int32(1+3+1+3), w1.GetSetsDone(), "the warm-up and every set done; not the skipped one")
	require.InDelta(t, 600+192+652.5, w1.GetVolumeKg(), 0.001)
	// Hard sets: squat sets at RPE ≥ 6 (2 + 3) to quads and glutes, the unrated row set to
	// back; the warm-up march never counts.
	require.Equal(t, []string{"glutes 5 1052.5", "quads 5 1052.5", "back 1 192"}, volumes(w1.GetVolume()))
	require.Zero(t, w1.GetCardioSeconds())
	require.False(t, w1.GetDeload())

	w2 := got.GetWeeks()[1]
	require.Equal(t, int32(2), w2.GetSessionsDone())
	require.Equal(t, int32(1140), w2.GetCardioSeconds(), "the run")
	require.Equal(t, int32(3000), w2.GetDistanceMeters())
	require.Equal(t, 8.0, w2.GetAverageEffort())
	require.Equal(t, []string{"back 2 0", "glutes 1 208", "quads 1 208"}, volumes(w2.GetVolume()), "burpees in the conditioning block are not hard sets; an old row log counts")

	require.True(t, got.GetWeeks()[2].GetDeload(), "its focus says so")
	require.False(t, got.GetWeeks()[3].GetDeload())
	require.True(t, got.GetWeeks()[4].GetDeload(), "half the sets of the heaviest week")
	require.Zero(t, got.GetWeeks()[4].GetSessionsDone())
	require.Zero(t, got.GetWeeks()[4].GetAverageEffort())

	require.Equal(t, int32(15), got.GetSessionsPlanned())
	require.Equal(t, int32(4), got.GetSessionsDone())
	require.InDelta(t, 4.0/6, got.GetAdherence(), 0.001, "over the weeks reached")
	require.Equal(t, int32(1), got.GetCurrentStreak(), "week 2 day 3 was missed")
	require.Equal(t, int32(2), got.GetLongestStreak())

	require.Len(t, got.GetLifts(), 2)
	squat := got.GetLifts()[0]
	require.Equal(t, "goblet-squat", squat.GetExerciseSlug())
	require.Equal(t, "Goblet squat", squat.GetName())
	require.Len(t, squat.GetPoints(), 3, "the other plan's single is not in it")
	require.InDelta(t, 20*(1+10.0/30), squat.GetPoints()[0].GetE1RmKg(), 0.01)
	require.InDelta(t, 26*(1+8.0/30)-20*(1+10.0/30), squat.GetChangeKg(), 0.01)
	require.Equal(t, "row", got.GetLifts()[1].GetExerciseSlug())

	var kinds []planv1.RecordKind
	for _, r := range got.GetRecords() {
		require.Equal(t, "goblet-squat", r.GetExerciseSlug())
		kinds = append(kinds, r.GetKind())
	}
	require.ElementsMatch(t, []planv1.RecordKind{planv1.RecordKind_RECORD_KIND_E1RM, planv1.RecordKind_RECORD_KIND_LOAD, planv1.RecordKind_RECORD_KIND_VOLUME}, kinds)

	empty := history.Progress(p, nil, c)
	require.Zero(t, empty.GetAdherence())
	require.Zero(t, empty.GetCurrentStreak())
	require.Len(t, empty.GetWeeks(), 5)
}

func TestSessionSummary(t *testing.T) {
	p := testPlan([]string{""}, []int32{3})
	c := history.Catalog{"run": {Measurement: typesv1.Measurement_MEASUREMENT_DISTANCE}}
	s := session(1, 5, 0, 8,
		ex("goblet-squat", set(10, 20, 0), set(10, 20, 0)),
		&planv1.CompletedExercise{ExerciseSlug: "burpee", Sets: []*planv1.SetLog{{Seconds: 40}, {Seconds: 40}}, Pain: true, PainNote: "wrist"},
		ex("run", &planv1.SetLog{DistanceMeters: 2000, Seconds: 700}),
	)
	got := history.SessionSummary(s, p.GetWeeks()[0].GetDays()[4], c)
	require.Equal(t, "Full body", got.GetWorkoutName())
	require.Equal(t, int32(5), got.GetSetsDone())
	require.Equal(t, 400.0, got.GetVolumeKg())
	require.Equal(t, int32(780), got.GetCardioSeconds(), "the run and the conditioning block's burpees")
	require.Equal(t, int32(2000), got.GetDistanceMeters())
	require.True(t, got.GetPain())
	require.Equal(t, int32(8), got.GetPerceivedEffort())
	require.Same(t, s.Log, got.GetLog())

	gone := history.SessionSummary(s, nil, history.Catalog{})
	require.Empty(t, gone.GetWorkoutName())
	require.Equal(t, int32(700), gone.GetCardioSeconds(), "without the plan or the catalog, a set with a distance is cardio")
}

func volumes(vs []*planv1.MuscleVolume) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.GetMuscleGroup()+" "+strconv.Itoa(int(v.GetSets()))+" "+strconv.FormatFloat(v.GetVolumeKg(), 'f', -1, 64))
	}
	return out
}
