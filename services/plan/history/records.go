package history

import (
	"cmp"
	"slices"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// recordKinds are the records kept for every exercise, in the order they are listed.
var recordKinds = []planv1.RecordKind{
	planv1.RecordKind_RECORD_KIND_E1RM,
	planv1.RecordKind_RECORD_KIND_LOAD,
	planv1.RecordKind_RECORD_KIND_REPS,
	planv1.RecordKind_RECORD_KIND_SECONDS,
	planv1.RecordKind_RECORD_KIND_DISTANCE,
	planv1.RecordKind_RECORD_KIND_VOLUME,
}

// recordValue is one session's value of a kind for one exercise's log (normalized); 0 when
// the kind does not apply. Reps count only sets without load: ten reps at a lighter load are
// not a record over eight at a heavier one, and load and e1RM records cover loaded work.
func recordValue(kind planv1.RecordKind, e *planv1.CompletedExercise) float64 {
	var v float64
	for _, s := range e.GetSets() {
		if s.GetSkipped() {
			continue
		}
		switch kind {
		case planv1.RecordKind_RECORD_KIND_E1RM:
			v = max(v, E1RM(s.GetLoadKg(), s.GetReps()))
		case planv1.RecordKind_RECORD_KIND_LOAD:
			if s.GetReps() > 0 || s.GetSeconds() > 0 || s.GetDistanceMeters() > 0 {
				v = max(v, s.GetLoadKg())
			}
		case planv1.RecordKind_RECORD_KIND_REPS:
			if s.GetLoadKg() == 0 {
				v = max(v, float64(s.GetReps()))
			}
		case planv1.RecordKind_RECORD_KIND_SECONDS:
			v = max(v, float64(s.GetSeconds()))
		case planv1.RecordKind_RECORD_KIND_DISTANCE:
			v = max(v, float64(s.GetDistanceMeters()))
		case planv1.RecordKind_RECORD_KIND_VOLUME:
			v += float64(s.GetReps()) * s.GetLoadKg()
		}
	}
	return round2(v)
}

// Records are the person's personal records in sessions (oldest first), of the exercises
// keep accepts (nil: all), named by names (slug → name; a missing name is the slug).
//
// A value is a record only when it beats an earlier session: the first session of an
// exercise sets a baseline, not a record, and a tie is not a record. For each exercise and
// kind the record listed is the best value, from the session that first reached it, when an
// earlier session had a value of that kind. Newest records come first.
func Records(sessions []Session, keep func(slug string) bool, names map[string]string) []*planv1.PersonalRecord {
	type key struct {
		slug string
		kind planv1.RecordKind
	}
	type best struct {
		value  float64
		at     int // index into sessions
		record bool
	}
	bests := map[key]*best{}
	var order []key
	for i, s := range sessions {
		for _, e := range s.Log.GetExercises() {
			slug := strings.ToLower(e.GetExerciseSlug())
			if keep != nil && !keep(slug) {
				continue
			}
			n := Normalize(e)
			for _, kind := range recordKinds {
				v := recordValue(kind, n)
				if v <= 0 {
					continue
				}
				k := key{slug, kind}
				b, ok := bests[k]
				switch {
				case !ok:
					bests[k] = &best{value: v, at: i}
					order = append(order, k)
				case v > b.value && b.at != i:
					*b = best{value: v, at: i, record: true}
				case v > b.value:
					// The same exercise twice in a session: its better log counts.
					b.value = v
				}
			}
		}
	}
	var out []*planv1.PersonalRecord
	for _, k := range order {
		b := bests[k]
		if !b.record {
			continue
		}
		s := sessions[b.at]
		name := names[k.slug]
		if name == "" {
			name = k.slug
		}
		out = append(out, &planv1.PersonalRecord{
			ExerciseSlug: k.slug, Name: name, Kind: k.kind, Value: b.value,
			PlanId: s.PlanID, Week: s.Week, Day: s.Day, CompleteTime: s.Log.GetCompleteTime(),
		})
	}
	slices.SortStableFunc(out, func(a, b *planv1.PersonalRecord) int {
		if c := b.GetCompleteTime().AsTime().Compare(a.GetCompleteTime().AsTime()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.GetExerciseSlug(), b.GetExerciseSlug()); c != 0 {
			return c
		}
		return cmp.Compare(a.GetKind(), b.GetKind())
	})
	return out
}
