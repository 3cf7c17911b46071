package planner

import (
	"cmp"
	"slices"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/goals"
)

// Pattern shorthands for the session recipes.
const (
	kneeDom  = typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT
	hipDom   = typesv1.MovementPattern_MOVEMENT_PATTERN_HIP_DOMINANT
	hPush    = typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PUSH
	vPush    = typesv1.MovementPattern_MOVEMENT_PATTERN_VERTICAL_PUSH
	hPull    = typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PULL
	vPull    = typesv1.MovementPattern_MOVEMENT_PATTERN_VERTICAL_PULL
	core     = typesv1.MovementPattern_MOVEMENT_PATTERN_CORE
	carry    = typesv1.MovementPattern_MOVEMENT_PATTERN_CARRY
	loco     = typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION
	mobility = typesv1.MovementPattern_MOVEMENT_PATTERN_MOBILITY
)

const (
	mReps    = typesv1.Measurement_MEASUREMENT_REPS
	mTime    = typesv1.Measurement_MEASUREMENT_TIME
	mDist    = typesv1.Measurement_MEASUREMENT_DISTANCE
	compound = typesv1.Mechanics_MECHANICS_COMPOUND
	isolated = typesv1.Mechanics_MECHANICS_ISOLATION
)

// Safe reports whether a person with the given goals may be prescribed e: it stresses none
// of their injured joints, and nothing high-impact lands on injured knees, ankles, hips or a
// bad back. This is the one safety rule; the coaching checks use it too.
func Safe(e *catalogv1.Exercise, g goals.Goals) bool {
	for _, j := range e.GetStresses() {
		if g.Spares(j) {
			return false
		}
	}
	if e.GetImpact() == typesv1.Impact_IMPACT_HIGH {
		for _, j := range []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_ANKLES, typesv1.Joint_JOINT_HIPS, typesv1.Joint_JOINT_LOWER_BACK} {
			if g.Spares(j) {
				return false
			}
		}
	}
	return true
}

// Measurement is e's measurement, reps when the catalog does not say.
func Measurement(e *catalogv1.Exercise) typesv1.Measurement {
	if m := e.GetMeasurement(); m != typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		return m
	}
	return mReps
}

// pool is the exercises a person may do: allowed (video coverage, equipment), at or below
// their level, and safe for their injuries, in a fixed order.
type pool struct {
	all   []*catalogv1.Exercise
	level typesv1.FitnessLevel
	// loaded: the person can load a lift (barbell, dumbbells, kettlebell, machines).
	loaded bool
}

// loadable is equipment that lets a lift take more weight week after week.
var loadable = []string{"barbell", "dumbbell", "kettlebell", "machine"}

func isLoadable(e *catalogv1.Exercise) bool {
	for _, q := range e.GetEquipment() {
		if slices.Contains(loadable, q) {
			return true
		}
	}
	return false
}

func newPool(allowed []*catalogv1.Exercise, level typesv1.FitnessLevel, g goals.Goals) *pool {
	p := &pool{level: level}
	for _, e := range allowed {
		if !Safe(e, g) {
			continue
		}
		if level != typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED && e.GetDifficulty() > level {
			continue
		}
		p.all = append(p.all, e)
		p.loaded = p.loaded || isLoadable(e)
	}
	// Exercises at the person's level first, then easier ones; slug breaks ties so the order
	// never depends on how the catalog listed them.
	slices.SortFunc(p.all, func(a, b *catalogv1.Exercise) int {
		return cmp.Or(
			cmp.Compare(distance(a.GetDifficulty(), level), distance(b.GetDifficulty(), level)),
			cmp.Compare(a.GetSlug(), b.GetSlug()),
		)
	})
	return p
}

func distance(d, level typesv1.FitnessLevel) int {
	if d == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		return 1
	}
	if d > level {
		return 10 + int(d-level)
	}
	return int(level - d)
}

// want describes the exercise a slot of a session needs.
type want struct {
	pattern typesv1.MovementPattern
	// main: a compound, the pattern as its main one; otherwise an accessory, isolation first.
	main bool
	// muscle, when set, is preferred as the first muscle group (e.g. "triceps").
	muscle string
	// measures, when set, restricts the measurement.
	measures []typesv1.Measurement
	// avoid are exercises not to pick (already in the day).
	avoid map[string]bool
}

// find returns the best exercise for w, the nth best of equals so sessions rotate variants;
// nil when none fits.
func (p *pool) find(w want, n int) *catalogv1.Exercise {
	type cand struct {
		e     *catalogv1.Exercise
		score int
	}
	var cs []cand
	for _, e := range p.all {
		if w.avoid[e.GetSlug()] {
			continue
		}
		pats := e.GetPatterns()
		at := slices.Index(pats, w.pattern)
		if at < 0 {
			continue
		}
		if len(w.measures) > 0 && !slices.Contains(w.measures, Measurement(e)) {
			continue
		}
		s := at * 4 // the pattern as the exercise's main one first
		if w.main {
			if e.GetMechanics() != compound {
				s += 6
			}
			// A main lift is a plain movement (a squat, not a thruster) that takes load when
			// the person has weights (COACHING §1: compound lifts for strength and muscle).
			s += len(pats) - 1
			if p.loaded && !isLoadable(e) {
				s += 3
			}
		} else if e.GetMechanics() == isolated {
			s -= 1
		}
		if w.muscle != "" {
			if mg := e.GetMuscleGroups(); len(mg) == 0 || mg[0] != w.muscle {
				s += 5
			}
		}
		// Stay near the person's level: far easier exercises come last.
		s += distance(e.GetDifficulty(), p.level)
		cs = append(cs, cand{e, s})
	}
	if len(cs) == 0 {
		return nil
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(a.score, b.score) })
	// Rotate among the equally good only.
	best := 0
	for best+1 < len(cs) && cs[best+1].score == cs[0].score {
		best++
	}
	return cs[n%(best+1)].e
}

// bySlug returns the pool's exercise with that slug, or nil.
func (p *pool) bySlug(slug string) *catalogv1.Exercise {
	for _, e := range p.all {
		if e.GetSlug() == slug {
			return e
		}
	}
	return nil
}

// first returns the first of slugs the pool has, or nil.
func (p *pool) first(avoid map[string]bool, slugs ...string) *catalogv1.Exercise {
	for _, s := range slugs {
		if e := p.bySlug(s); e != nil && !avoid[s] {
			return e
		}
	}
	return nil
}
