package coaching

import (
	"fmt"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

// Prescription lists what is wrong with how x is prescribed, given the catalog's facts about
// the exercise c and the person's level (COACHING §4); Field is relative to the exercise.
// Reps work needs sets, reps, rest and an effort target, heavy sets long rests; timed work
// needs seconds and no rep count; continuous cardio minutes or a distance, an intensity and
// no reps; beginners get at most 3 sets at a moderate effort.
func Prescription(x *planv1.Exercise, c *catalogv1.Exercise, level typesv1.FitnessLevel) []Finding {
	var out []Finding
	bad := func(field, rule, msg string, args ...any) {
		out = append(out, Finding{Check: CheckPrescription, Field: field, Rule: rule, Message: fmt.Sprintf(msg, args...)})
	}
	work := working(x)
	slug := x.GetExerciseSlug()
	m := c.GetMeasurement()
	if m == typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		m = typesv1.Measurement_MEASUREMENT_REPS
	}
	switch m {
	case typesv1.Measurement_MEASUREMENT_REPS:
		if !work {
			break
		}
		if x.Reps == nil {
			bad("reps", "prescription.reps_required", "%s is counted in reps: give sets and reps", slug)
		}
		if x.Sets == nil {
			bad("sets", "prescription.sets_required", "%s needs a number of sets", slug)
		}
		if x.RestSeconds == nil {
			bad("rest_seconds", "prescription.rest_required", "%s needs a rest between sets", slug)
		}
		if x.TargetRpe == nil && x.TargetRir == nil {
			bad("target_rpe", "prescription.effort_required", "%s needs an effort target (target_rpe or target_rir)", slug)
		}
		if _, hi, ok := estimate.RepsRange(x.GetReps()); ok && x.RestSeconds != nil {
			switch {
			case hi <= 6 && c.GetMechanics() == typesv1.Mechanics_MECHANICS_COMPOUND && x.GetRestSeconds() < 120:
				bad("rest_seconds", "prescription.heavy_rest", "heavy sets of %s (%s reps) need 2–3 minutes of rest, not %d s", slug, x.GetReps(), x.GetRestSeconds())
			case x.GetRestSeconds() < 30 || x.GetRestSeconds() > 240:
				bad("rest_seconds", "prescription.rest_range", "rest of %d s between sets of %s is outside 30–240 s", x.GetRestSeconds(), slug)
			}
		}
	case typesv1.Measurement_MEASUREMENT_TIME:
		if x.Reps != nil && x.DurationSeconds == nil {
			bad("reps", "prescription.fake_reps", "%s is done for time: give seconds, not a rep count", slug)
		} else if x.Reps != nil {
			bad("reps", "prescription.fake_reps", "%s is done for time: drop the reps", slug)
		}
		if x.DurationSeconds == nil && x.Rounds == nil {
			bad("duration_seconds", "prescription.seconds_required", "%s is done for time: give duration_seconds", slug)
		}
	case typesv1.Measurement_MEASUREMENT_DISTANCE:
		if x.Reps != nil {
			bad("reps", "prescription.fake_reps", "%s is continuous cardio: minutes or a distance, not reps", slug)
		}
		if x.DurationSeconds == nil && x.DistanceMeters == nil && x.Rounds == nil {
			bad("duration_seconds", "prescription.minutes_required", "%s is continuous cardio: give its minutes (duration_seconds) or distance", slug)
		}
		if x.Rounds == nil && x.GetSets() > 1 {
			bad("sets", "prescription.cardio_sets", "%s is continuous: one block, not %d sets", slug, x.GetSets())
		}
		if work && x.TargetRpe == nil && x.GetCue() == "" {
			bad("cue", "prescription.intensity_required", "%s needs an intensity (a cue such as 'easy, conversational pace' or target_rpe)", slug)
		}
	}
	if work && level == typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER && x.Rounds == nil {
		if x.GetSets() > 3 {
			bad("sets", "prescription.beginner_sets", "a beginner does 1–3 sets of %s, not %d", slug, x.GetSets())
		}
		if m == typesv1.Measurement_MEASUREMENT_REPS && (x.GetTargetRpe() > 7 || (x.TargetRir != nil && x.GetTargetRir() < 2)) {
			bad("target_rpe", "prescription.beginner_effort", "a beginner works at RPE 6–7 (2+ reps in reserve) on %s", slug)
		}
	}
	return out
}
