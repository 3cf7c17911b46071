package planner

import (
	"slices"
	"strings"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
)

// role is what an exercise does in its session, which sets its dose.
type role int

const (
	roleMain      role = iota // a heavy compound of the main block
	roleAccessory             // compound or isolation accessory work
	roleCore                  // trunk stability: holds and slow reps
)

func roleFor(sl slot, e *catalogv1.Exercise, k kind) role {
	switch {
	case len(e.GetPatterns()) > 0 && e.GetPatterns()[0] == core, sl.pattern == carry:
		return roleCore
	case sl.main && e.GetMechanics() != isolated && k != cardioDay:
		return roleMain
	}
	return roleAccessory
}

func minSets(r role) int32 {
	if r == roleMain {
		return 2
	}
	return 1
}

// maxSets bounds the sets of one exercise in a session: beginners do 1–3 (COACHING §4).
func (d *design) maxSets(r role) int32 {
	switch {
	case d.level == typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER:
		return 3
	case r == roleMain && d.goals.Primary() == planv1.Objective_OBJECTIVE_STRENGTH:
		return 5
	}
	return 4
}

// dose is a prescription before it is written into an exercise.
type dose struct {
	sets int32
	reps string
	rest int32
	rpe  int32 // 0: use rir
	rir  int32
	cue  [2]string
}

var (
	cueProgress = [2]string{"add a little load when every set reaches the top of the range", "добавьте немного веса, когда во всех подходах выполняете верх диапазона"}
	cueControl  = [2]string{"slow and controlled, stop before form breaks", "медленно и подконтрольно, до потери техники не доводите"}
	cueMobility = [2]string{"move slowly through a comfortable range, never into pain", "двигайтесь медленно в комфортной амплитуде, без боли"}
	cueHold     = [2]string{"breathe steadily, body in one line", "дышите ровно, тело в одну линию"}
	cueHarder   = [2]string{"when every set reaches the top of the range, slow the tempo or take a harder variation", "когда во всех подходах выполняете верх диапазона, замедлите темп или усложните вариант"}
)

// repsDose prescribes a reps exercise by the primary objective, the level and its mechanics
// (COACHING §1 and §4): heavy compounds 3–6 reps with 2–3 min rests for strength, 6–15 near
// failure for muscle, lighter 10–15 for endurance, fat loss and health; beginners 6–10 at
// RPE 6–7.
func (d *design) repsDose(e *catalogv1.Exercise, r role) dose {
	beginner := d.level == typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	advanced := d.level == typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
	iso := e.GetMechanics() == isolated
	if r == roleCore {
		return dose{sets: 2, reps: "8-12", rest: 45, rpe: 6, cue: cueControl}
	}
	switch d.goals.Primary() {
	case planv1.Objective_OBJECTIVE_STRENGTH:
		switch {
		case r == roleMain && beginner:
			return dose{sets: 3, reps: "6-8", rest: 120, rpe: 7, cue: cueProgress}
		case r == roleMain && advanced:
			return dose{sets: 4, reps: "3-5", rest: 180, rpe: 8, cue: cueProgress}
		case r == roleMain:
			return dose{sets: 4, reps: "4-6", rest: 150, rpe: 8, cue: cueProgress}
		case beginner:
			return dose{sets: 2, reps: "8-10", rest: 90, rpe: 7, cue: cueProgress}
		}
		return dose{sets: 3, reps: "8-10", rest: 90, rpe: 8, cue: cueProgress}
	case planv1.Objective_OBJECTIVE_HYPERTROPHY:
		switch {
		case beginner && iso:
			return dose{sets: 2, reps: "10-15", rest: 60, rir: 3, cue: cueProgress}
		case beginner:
			return dose{sets: 3, reps: "8-12", rest: 90, rir: 3, cue: cueProgress}
		case iso:
			return dose{sets: 3, reps: "10-15", rest: 60, rir: 2, cue: cueProgress}
		case r == roleMain && advanced:
			return dose{sets: 4, reps: "6-10", rest: 120, rir: 1, cue: cueProgress}
		}
		return dose{sets: 3, reps: "8-12", rest: 90, rir: 2, cue: cueProgress}
	case planv1.Objective_OBJECTIVE_MOBILITY:
		return dose{sets: 2, reps: "8-12", rest: 45, rpe: 5, cue: cueControl}
	}
	// Endurance, fat loss and general health: resistance work to keep muscle and joints.
	switch {
	case beginner && iso:
		return dose{sets: 2, reps: "12-15", rest: 45, rpe: 6, cue: cueControl}
	case beginner:
		return dose{sets: 2, reps: "10-12", rest: 60, rpe: 6, cue: cueProgress}
	case iso:
		return dose{sets: 2, reps: "12-15", rest: 45, rpe: 7, cue: cueProgress}
	}
	return dose{sets: 3, reps: "10-12", rest: 60, rpe: 7, cue: cueProgress}
}

// prescribe writes the dose of e for its role: reps, seconds or minutes by its measurement.
func (d *design) prescribe(e *catalogv1.Exercise, r role) *planv1.Exercise {
	out := &planv1.Exercise{ExerciseSlug: e.GetSlug()}
	switch Measurement(e) {
	case mTime:
		// Holds and carries: seconds per set, never a rep count (COACHING §4).
		secs, sets, rest, rpe := int32(30), int32(2), int32(45), int32(6)
		switch d.level {
		case typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE:
			secs, sets, rpe = 40, 3, 7
		case typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED:
			secs, sets, rpe = 45, 3, 7
		}
		if slices.Contains(e.GetPatterns(), carry) {
			rest = 60
		}
		cue := cueHold
		if slices.Contains(e.GetPatterns(), mobility) {
			secs, rest, rpe, cue = 45, 15, 3, cueMobility
		}
		out.Sets, out.DurationSeconds, out.RestSeconds, out.TargetRpe = &sets, &secs, &rest, &rpe
		out.Cue = text(d.ru, cue[0], cue[1])
	case mDist:
		secs, rpe := int32(600), int32(4)
		out.DurationSeconds, out.TargetRpe = &secs, &rpe
		out.Cue = text(d.ru, cueEasy[0], cueEasy[1])
	default:
		ds := d.repsDose(e, r)
		ds.sets = min(ds.sets, d.maxSets(r))
		out.Sets, out.Reps, out.RestSeconds = &ds.sets, &ds.reps, &ds.rest
		if ds.rpe > 0 {
			out.TargetRpe = &ds.rpe
		} else {
			out.TargetRir = &ds.rir
		}
		if ds.cue == cueProgress && bodyweight(e) {
			ds.cue = cueHarder
		}
		out.Cue = text(d.ru, ds.cue[0], ds.cue[1])
	}
	return out
}

var (
	cueEasy     = [2]string{"easy, conversational pace (zone 2)", "лёгкий разговорный темп (пульсовая зона 2)"}
	cueRunWalk  = [2]string{"run easy enough to talk, then walk briskly", "бегите так, чтобы могли говорить, затем быстрым шагом"}
	cueHIIT     = [2]string{"hard but controlled work, easy in the pauses", "интенсивно, но под контролем; в паузах — легко"}
	cueTempo    = [2]string{"comfortably hard: a pace you could hold for an hour", "комфортно тяжело: темп, который могли бы держать час"}
	cueModerate = [2]string{"moderate: breathing harder, still able to talk", "умеренно: дыхание учащено, но можно говорить"}
)

// Endurance activities by what the goal names; the first safe, allowed one is used.
var activities = []struct {
	words []string
	slugs []string
}{
	{[]string{"run", "jog", "5 km", "5km", "5k", "10k", "10 km", "marathon", "race", "бег", "пробеж", "км", "марафон", "забег"}, []string{"run-walk-intervals", "easy-run", "brisk-walk"}},
	{[]string{"cycl", "bike", "ride", "вело"}, []string{"outdoor-cycling", "stationary-bike"}},
	{[]string{"swim", "плав"}, []string{"swimming"}},
	{[]string{"row", "гребл"}, []string{"rowing-machine"}},
	{[]string{"walk", "hike", "хожд", "ходьб", "поход", "прогул"}, []string{"brisk-walk", "stair-climbing"}},
}

// steadyCardio is the general order of steady cardio, gentlest on joints first.
var steadyCardio = []string{"brisk-walk", "outdoor-cycling", "stationary-bike", "rowing-machine", "swimming", "low-impact-cardio", "easy-run", "stair-climbing", "shadow-boxing"}

// intervalCardio are conditioning drills done for time in intervals.
var intervalCardio = []string{"jump-rope", "high-knees", "jumping-jacks", "mountain-climbers", "shadow-boxing", "low-impact-cardio", "stair-climbing", "butt-kicks"}

// activity returns the person's endurance activity: what the goal names, at their level.
func (d *design) activity() *catalogv1.Exercise {
	goal := strings.ToLower(d.p.GetGoal())
	for _, a := range activities {
		for _, w := range a.words {
			if !strings.Contains(goal, w) {
				continue
			}
			slugs := a.slugs
			if a.slugs[0] == "run-walk-intervals" && d.level != typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER {
				// Past the beginner stage, runners run continuously; run-walk stays for sore joints.
				slugs = []string{"easy-run", "run-walk-intervals", "brisk-walk"}
			}
			if e := d.pool.first(nil, slugs...); e != nil {
				return e
			}
		}
	}
	return d.pool.first(nil, steadyCardio...)
}

// conditioning fills seconds with the session's cardio: the endurance activity, steady
// cardio or intervals (COACHING §4: minutes with an intensity cue; intervals as work/rest ×
// rounds).
func (b *dayBuilder) conditioning(seconds int, s sessionSpec, training int) []*planv1.Exercise {
	d := b.d
	var e *catalogv1.Exercise
	switch s.cardio {
	case activity:
		e = d.activity()
	case intervals:
		e = d.pool.first(b.used, intervalCardio...)
		if e == nil {
			e = d.pool.first(b.used, steadyCardio...)
		}
	default:
		e = d.pool.first(b.used, steadyCardio...)
	}
	if e == nil {
		e = d.pool.find(want{pattern: loco, avoid: b.used}, training)
	}
	if e == nil {
		return nil
	}
	b.take(e)
	work := seconds - estimate.Transition
	beginner := d.level == typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	ex := &planv1.Exercise{ExerciseSlug: e.GetSlug(), Block: "conditioning"}
	setIntervals := func(on, off int32, rpe int32, cue [2]string) {
		rounds := int32(min(30, max(1, work/int(on+off))))
		ex.WorkSeconds, ex.RecoverySeconds, ex.Rounds, ex.TargetRpe = &on, &off, &rounds, &rpe
		ex.Cue = text(d.ru, cue[0], cue[1])
	}
	switch {
	case e.GetSlug() == "run-walk-intervals":
		// Beginners start at 1 min running / 1.5 min walking (COACHING §5).
		if beginner {
			setIntervals(60, 90, 5, cueRunWalk)
		} else {
			setIntervals(180, 60, 5, cueRunWalk)
		}
	case s.cardio == intervals && Measurement(e) == mTime:
		if beginner {
			setIntervals(20, 40, 7, cueHIIT)
		} else {
			setIntervals(30, 30, 8, cueHIIT)
		}
	case Measurement(e) == mTime && s.cardio != activity:
		setIntervals(60, 30, 6, cueModerate)
	case work > 1800:
		// Over the plan rules' 30 minutes of continuous work: long bouts with a minute easy
		// between them (run 15 min / walk 1 min), which also spares the legs of a long run.
		on := int32(900)
		setIntervals(on, 60, 4, cueEasy)
	default:
		secs, rpe := int32(min(1800, max(300, work))), int32(4)
		cue := cueEasy
		if s.cardio == steady {
			rpe, cue = 5, cueModerate
		}
		if e.GetSlug() == "tempo-run" {
			rpe, cue = 7, cueTempo
		}
		ex.DurationSeconds, ex.TargetRpe = &secs, &rpe
		ex.Cue = text(d.ru, cue[0], cue[1])
	}
	return []*planv1.Exercise{ex}
}

// bodyweight reports whether e needs no equipment, so progress means a harder variation
// rather than more load.
func bodyweight(e *catalogv1.Exercise) bool {
	for _, q := range e.GetEquipment() {
		if q != "bodyweight" && q != "bench" && q != "pullup_bar" {
			return false
		}
	}
	return true
}
