package history_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/history"
)

var t0 = time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC)

// set is a loaded set of reps, with an RPE when rpe > 0.
func set(reps int32, kg float64, rpe int32) *planv1.SetLog {
	s := &planv1.SetLog{Reps: reps, LoadKg: kg}
	if rpe > 0 {
		s.Rpe = proto.Int32(rpe)
	}
	return s
}

// session is a log of plan "p" on week/day, n days after t0, of the given exercises.
func session(week, day int32, n int, effort int32, exercises ...*planv1.CompletedExercise) history.Session {
	return history.Session{PlanID: "p", Week: week, Day: day, Log: &planv1.WorkoutLog{
		Exercises: exercises, PerceivedEffort: effort, CompleteTime: timestamppb.New(t0.AddDate(0, 0, n)),
	}}
}

func ex(slug string, sets ...*planv1.SetLog) *planv1.CompletedExercise {
	return &planv1.CompletedExercise{ExerciseSlug: slug, Sets: sets}
}

func TestE1RM(t *testing.T) {
	for _, tt := range []struct {
		name string
		kg   float64
		reps int32
		want float64
	}{
		{"ten reps", 40, 10, 40 * (1 + 10.0/30)},
		{"single", 100, 1, 100 * (1 + 1.0/30)},
		{"twelve is the most", 50, 12, 50 * 1.4},
		{"thirteen is too many", 50, 13, 0},
		{"bodyweight", 0, 10, 0},
		{"no reps", 60, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.InDelta(t, tt.want, history.E1RM(tt.kg, tt.reps), 1e-9)
		})
	}
}

func TestNormalize(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   *planv1.CompletedExercise
		want *planv1.CompletedExercise
	}{
		{
			"old log: sets from reps_done",
			&planv1.CompletedExercise{ExerciseSlug: "squat", SetsDone: 3, RepsDone: []int32{10, 9, 8}},
			&planv1.CompletedExercise{ExerciseSlug: "squat", SetsDone: 3, RepsDone: []int32{10, 9, 8}, Sets: []*planv1.SetLog{{Reps: 10}, {Reps: 9}, {Reps: 8}}},
		},
		{
			"old log: more sets than reps (a hold logged as sets alone)",
			&planv1.CompletedExercise{ExerciseSlug: "plank", SetsDone: 3},
			&planv1.CompletedExercise{ExerciseSlug: "plank", SetsDone: 3, RepsDone: []int32{0, 0, 0}, Sets: []*planv1.SetLog{{}, {}, {}}},
		},
		{
			"old log: more reps than sets counts every rep number",
			&planv1.CompletedExercise{ExerciseSlug: "squat", SetsDone: 1, RepsDone: []int32{10, 9}},
			&planv1.CompletedExercise{ExerciseSlug: "squat", SetsDone: 2, RepsDone: []int32{10, 9}, Sets: []*planv1.SetLog{{Reps: 10}, {Reps: 9}}},
		},
		{
			"sets win over what is sent beside them; a skipped set's numbers are dropped",
			&planv1.CompletedExercise{ExerciseSlug: "row", SetsDone: 9, RepsDone: []int32{1}, Pain: true, PainNote: "elbow",
				Sets: []*planv1.SetLog{set(10, 20, 7), {Reps: 8, LoadKg: 20, Skipped: true}, set(8, 22.5, 9)}},
			&planv1.CompletedExercise{ExerciseSlug: "row", SetsDone: 2, RepsDone: []int32{10, 8}, Pain: true, PainNote: "elbow",
				Sets: []*planv1.SetLog{set(10, 20, 7), {Skipped: true}, set(8, 22.5, 9)}},
		},
		{
			"nothing done",
			&planv1.CompletedExercise{ExerciseSlug: "row"},
			&planv1.CompletedExercise{ExerciseSlug: "row"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := proto.CloneOf(tt.in)
			got := history.Normalize(tt.in)
			require.True(t, proto.Equal(tt.want, got), "got %v", got)
			require.True(t, proto.Equal(in, tt.in), "the input is not changed")
		})
	}
}

func TestSummary(t *testing.T) {
	rir := func(s *planv1.SetLog, v int32) *planv1.SetLog { s.Rir = proto.Int32(v); return s }
	for _, tt := range []struct {
		name   string
		sets   []*planv1.SetLog
		en, ru string
	}{
		{"equal loaded sets", []*planv1.SetLog{set(10, 40, 7), set(10, 40, 8), set(10, 40, 8)}, "3 × 10 × 40 kg, RPE 8", "3 × 10 × 40 кг, RPE 8"},
		{"a drop in reps", []*planv1.SetLog{set(10, 42.5, 0), set(10, 42.5, 0), set(8, 42.5, 0)}, "2 × 10 × 42.5 kg, 8 × 42.5 kg", "2 × 10 × 42,5 кг, 8 × 42,5 кг"},
		{"bodyweight with reps in reserve", []*planv1.SetLog{rir(set(12, 0, 0), 3), rir(set(12, 0, 0), 1)}, "2 × 12, RIR 1", "2 × 12, RIR 1"},
		{"holds", []*planv1.SetLog{{Seconds: 45}, {Seconds: 45}, {Seconds: 40}}, "2 × 45 s, 40 s", "2 × 45 с, 40 с"},
		{"a long hold reads as a clock", []*planv1.SetLog{{Seconds: 150}}, "2:30", "2:30"},
		{"a run", []*planv1.SetLog{{DistanceMeters: 5000, Seconds: 1800}}, "5 km in 30:00", "5 км за 30:00"},
		{"a short row", []*planv1.SetLog{{DistanceMeters: 500, Seconds: 110}}, "500 m in 1:50", "500 м за 1:50"},
		{"an hour and more", []*planv1.SetLog{{DistanceMeters: 12500, Seconds: 3725}}, "12.5 km in 1:02:05", "12,5 км за 1:02:05"},
		{"skipped sets are counted apart", []*planv1.SetLog{set(5, 100, 9), {Skipped: true}, {Skipped: true}}, "5 × 100 kg, RPE 9; skipped: 2", "5 × 100 кг, RPE 9; пропущено: 2"},
		{"everything skipped", []*planv1.SetLog{{Skipped: true}}, "all skipped", "всё пропущено"},
		{"sets without numbers (an old log)", []*planv1.SetLog{{}, {}, {}}, "3 sets", "подходов: 3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.en, history.Summary(tt.sets, "en"))
			require.Equal(t, tt.ru, history.Summary(tt.sets, "ru"))
		})
	}
}

func TestEntriesAndLastTime(t *testing.T) {
	sessions := []history.Session{
		session(1, 1, 0, 7, ex("squat", set(10, 40, 7), set(10, 40, 8))),
		session(1, 3, 2, 8, ex("squat", set(8, 50, 9)), &planv1.CompletedExercise{ExerciseSlug: "plank", SetsDone: 2, RepsDone: []int32{0, 0}}),
		// The latest squat was skipped entirely: "last time" is the one before.
		session(2, 1, 7, 6, ex("squat", &planv1.SetLog{Skipped: true}), ex("row", set(12, 20, 0))),
	}
	entries := history.Entries(sessions, "SQUAT")
	require.Len(t, entries, 3)
	require.Equal(t, []int32{1, 3, 1}, []int32{entries[0].GetDay(), entries[1].GetDay(), entries[2].GetDay()}, "newest first")
	require.Equal(t, int32(2), entries[0].GetWeek())
	require.Zero(t, entries[0].GetVolumeKg())
	require.InDelta(t, 50*(1+8.0/30), entries[1].GetE1RmKg(), 0.01)
	require.Equal(t, 400.0, entries[1].GetVolumeKg())
	require.Equal(t, 800.0, entries[2].GetVolumeKg())
	require.Equal(t, int32(20), entries[2].GetReps())

	last := history.LastTimes(sessions, []string{"squat", "plank", "row", "lunge"}, "en")
	require.Len(t, last, 3, "never done: absent")
	require.Equal(t, int32(3), last["squat"].GetDay())
	require.Equal(t, "8 × 50 kg, RPE 9", last["squat"].GetSummary())
	require.Equal(t, "2 sets", last["plank"].GetSummary(), "an old log reads too")
	require.Equal(t, "12 × 20 kg", last["row"].GetSummary())
	require.True(t, last["row"].GetCompleteTime().AsTime().Equal(t0.AddDate(0, 0, 7)))
	require.Nil(t, history.LastTime(sessions, "lunge", "en"))
	require.Equal(t, "8 × 50 кг, RPE 9", history.LastTime(sessions, "squat", "ru").GetSummary())
}

func TestRecords(t *testing.T) {
	type rec struct {
		slug  string
		kind  planv1.RecordKind
		value float64
		day   int32
	}
	e1rm, load, reps, secs, dist, vol := planv1.RecordKind_RECORD_KIND_E1RM, planv1.RecordKind_RECORD_KIND_LOAD, planv1.RecordKind_RECORD_KIND_REPS,
		planv1.RecordKind_RECORD_KIND_SECONDS, planv1.RecordKind_RECORD_KIND_DISTANCE, planv1.RecordKind_RECORD_KIND_VOLUME
	for _, tt := range []struct {
		name     string
		sessions []history.Session
		want     []rec
	}{
		{"one session sets a baseline, not a record", []history.Session{session(1, 1, 0, 7, ex("squat", set(10, 40, 0)))}, nil},
		{"a tie is not a record", []history.Session{
			session(1, 1, 0, 7, ex("squat", set(10, 40, 0))),
			session(1, 2, 1, 7, ex("squat", set(10, 40, 0))),
		}, nil},
		{"heavier for fewer reps: e1RM and load, not volume", []history.Session{
			session(1, 1, 0, 7, ex("squat", set(10, 40, 0), set(10, 40, 0))),
			session(1, 2, 1, 7, ex("squat", set(5, 60, 0))),
		}, []rec{{"squat", e1rm, 70, 2}, {"squat", load, 60, 2}}},
		{"the best value from the session that first reached it", []history.Session{
			session(1, 1, 0, 7, ex("pushup", set(10, 0, 0))),
			session(1, 2, 1, 7, ex("pushup", set(15, 0, 0))),
			session(1, 3, 2, 7, ex("pushup", set(12, 0, 0))),
			session(1, 4, 3, 7, ex("pushup", set(15, 0, 0))),
		}, []rec{{"pushup", reps, 15, 2}}},
		{"seconds, distance and volume", []history.Session{
			session(1, 1, 0, 7, ex("plank", &planv1.SetLog{Seconds: 30}), ex("run", &planv1.SetLog{DistanceMeters: 3000, Seconds: 1200}), ex("row", set(10, 20, 0))),
			session(1, 2, 1, 7, ex("plank", &planv1.SetLog{Seconds: 45}), ex("run", &planv1.SetLog{DistanceMeters: 5000, Seconds: 1800}), ex("row", set(10, 20, 0), set(10, 20, 0))),
		}, []rec{{"plank", secs, 45, 2}, {"row", vol, 400, 2}, {"run", secs, 1800, 2}, {"run", dist, 5000, 2}}},
		{"the first loaded session after bodyweight ones is a baseline", []history.Session{
			session(1, 1, 0, 7, ex("lunge", set(12, 0, 0))),
			session(1, 2, 1, 7, ex("lunge", set(10, 10, 0))),
		}, nil},
		{"newest first", []history.Session{
			session(1, 1, 0, 7, ex("a", set(5, 10, 0)), ex("b", set(5, 10, 0))),
			session(1, 2, 1, 7, ex("a", set(5, 12, 0))),
			session(1, 3, 2, 7, ex("b", set(5, 12, 0))),
		}, []rec{{"b", e1rm, 14, 3}, {"b", load, 12, 3}, {"b", vol, 60, 3}, {"a", e1rm, 14, 2}, {"a", load, 12, 2}, {"a", vol, 60, 2}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := history.Records(tt.sessions, nil, map[string]string{"squat": "Back squat"})
			var recs []rec
			for _, r := range got {
				recs = append(recs, rec{r.GetExerciseSlug(), r.GetKind(), r.GetValue(), r.GetDay()})
				if r.GetExerciseSlug() == "squat" {
					require.Equal(t, "Back squat", r.GetName())
				}
			}
			require.Equal(t, tt.want, recs)
		})
	}
	only := history.Records([]history.Session{
		session(1, 1, 0, 7, ex("a", set(5, 10, 0)), ex("b", set(5, 10, 0))),
		session(1, 2, 1, 7, ex("a", set(5, 12, 0)), ex("b", set(5, 12, 0))),
	}, func(slug string) bool { return slug == "b" }, nil)
	for _, r := range only {
		require.Equal(t, "b", r.GetExerciseSlug())
		require.Equal(t, "b", r.GetName(), "no name: the slug")
	}
}
