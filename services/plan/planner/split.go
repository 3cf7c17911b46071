package planner

import (
	"slices"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// kind is what a training session is for.
type kind int

const (
	fullBody kind = iota
	upperBody
	lowerBody
	pushDay
	pullDay
	legDay
	cardioDay
	mobilityDay
)

var kindNames = map[kind][2]string{
	fullBody:    {"Full body", "Всё тело"},
	upperBody:   {"Upper body", "Верх тела"},
	lowerBody:   {"Lower body and core", "Ноги и кор"},
	pushDay:     {"Push", "Жимовые движения"},
	pullDay:     {"Pull", "Тяговые движения"},
	legDay:      {"Legs", "Ноги"},
	cardioDay:   {"Cardio", "Кардио"},
	mobilityDay: {"Mobility and core", "Мобильность и кор"},
}

// slot is one exercise a session's strength work asks for, in priority order.
type slot struct {
	pattern typesv1.MovementPattern
	main    bool
	muscle  string
}

// recipes are the strength slots of each kind, per variant (A, B, C of the week): the main
// compounds first, then accessories, so a short session keeps the most important work.
var recipes = map[kind][][]slot{
	fullBody: {
		{{kneeDom, true, ""}, {hPush, true, ""}, {hPull, true, ""}, {core, false, ""}, {hipDom, false, ""}, {vPull, false, ""}, {vPush, false, ""}, {carry, false, ""}},
		{{hipDom, true, ""}, {vPull, true, ""}, {vPush, true, ""}, {core, false, ""}, {kneeDom, false, ""}, {hPull, false, ""}, {hPush, false, ""}, {carry, false, ""}},
		{{kneeDom, true, ""}, {hPull, true, ""}, {hPush, true, ""}, {core, false, ""}, {hipDom, true, ""}, {vPull, false, ""}, {vPush, false, ""}},
	},
	upperBody: {
		{{hPush, true, ""}, {hPull, true, ""}, {vPush, true, ""}, {vPull, true, ""}, {hPull, false, "shoulders"}, {vPush, false, "triceps"}, {hPull, false, "biceps"}, {core, false, ""}},
		{{vPull, true, ""}, {vPush, true, ""}, {hPull, true, ""}, {hPush, true, ""}, {hPull, false, "back"}, {vPush, false, "shoulders"}, {hPull, false, "biceps"}, {core, false, ""}},
	},
	lowerBody: {
		{{kneeDom, true, ""}, {hipDom, true, ""}, {kneeDom, false, ""}, {hipDom, false, ""}, {core, false, ""}, {kneeDom, false, "calves"}, {core, false, ""}},
		{{hipDom, true, ""}, {kneeDom, true, ""}, {hipDom, false, ""}, {kneeDom, false, ""}, {core, false, ""}, {carry, false, ""}, {core, false, ""}},
	},
	pushDay: {
		{{hPush, true, ""}, {vPush, true, ""}, {hPush, false, ""}, {vPush, false, "shoulders"}, {vPush, false, "triceps"}, {core, false, ""}},
		{{vPush, true, ""}, {hPush, true, ""}, {hPush, false, ""}, {vPush, false, "triceps"}, {vPush, false, "shoulders"}, {core, false, ""}},
	},
	pullDay: {
		{{vPull, true, ""}, {hPull, true, ""}, {hPull, false, ""}, {hPull, false, "biceps"}, {hPull, false, "back"}, {carry, false, ""}, {core, false, ""}},
		{{hPull, true, ""}, {vPull, true, ""}, {hPull, false, "back"}, {hPull, false, "biceps"}, {vPull, false, ""}, {core, false, ""}},
	},
	legDay: {
		{{kneeDom, true, ""}, {hipDom, true, ""}, {kneeDom, false, ""}, {hipDom, false, ""}, {kneeDom, false, "calves"}, {core, false, ""}},
		{{hipDom, true, ""}, {kneeDom, true, ""}, {hipDom, false, ""}, {kneeDom, false, ""}, {core, false, ""}, {core, false, ""}},
	},
	// A cardio day's strength supports the activity: legs, hips and trunk, briefly.
	cardioDay: {
		{{kneeDom, false, ""}, {hipDom, false, ""}, {core, false, ""}, {hPull, false, ""}, {core, false, ""}},
		{{hipDom, false, ""}, {core, false, ""}, {kneeDom, false, ""}, {hPull, false, ""}, {core, false, ""}},
	},
	// Mobility and back care: trunk stability, hinge patterning, upper-back work, then drills.
	mobilityDay: {
		{{core, true, ""}, {hipDom, true, ""}, {mobility, false, ""}, {kneeDom, false, ""}, {hPull, false, ""}, {hPush, false, ""}, {core, false, ""}, {mobility, false, ""}, {vPull, false, ""}},
		{{hipDom, true, ""}, {core, true, ""}, {mobility, false, ""}, {hPull, false, ""}, {kneeDom, false, ""}, {hPush, false, ""}, {core, false, ""}, {mobility, false, ""}},
	},
}

// sessionSpec is a session of the split.
type sessionSpec struct {
	kind    kind
	variant int
	// conditioning is the share of the session given to the activity or conditioning.
	conditioning float64
	// cardio names the conditioning style: the endurance activity, steady or intervals.
	cardio cardioStyle
}

type cardioStyle int

const (
	noCardio  cardioStyle = iota
	activity              // the endurance activity itself (run-walk, run, ride, walk)
	steady                // steady moderate cardio (health, fat loss)
	intervals             // conditioning intervals (fat loss)
)

func (s sessionSpec) name(ru bool) string {
	n := kindNames[s.kind]
	letter := string(rune('A' + s.variant))
	if s.kind == fullBody && s.cardio == activity {
		return text(ru, "Cardio and strength ", "Кардио и сила ") + letter
	}
	return text(ru, n[0], n[1]) + " " + letter
}

var patternNames = map[typesv1.MovementPattern][2]string{
	kneeDom:  {"squat and lunge", "приседания и выпады"},
	hipDom:   {"hinge and bridge", "наклоны и мост"},
	hPush:    {"horizontal push", "горизонтальный жим"},
	vPush:    {"vertical push", "вертикальный жим"},
	hPull:    {"horizontal pull", "горизонтальная тяга"},
	vPull:    {"vertical pull", "вертикальная тяга"},
	core:     {"core", "кор"},
	carry:    {"carry", "переноска"},
	loco:     {"cardio", "кардио"},
	mobility: {"mobility", "мобильность"},
}

// patterns lists the movement patterns of the session's strength slots, each once.
func (s sessionSpec) patterns() []typesv1.MovementPattern {
	var out []typesv1.MovementPattern
	for _, sl := range recipes[s.kind][s.variant%len(recipes[s.kind])] {
		if !slices.Contains(out, sl.pattern) {
			out = append(out, sl.pattern)
		}
	}
	return out
}

func (s sessionSpec) focus(ru bool) string {
	var parts []string
	if s.cardio != noCardio {
		parts = append(parts, text(ru, "cardio", "кардио"))
	}
	for _, p := range s.patterns() {
		n := patternNames[p]
		parts = append(parts, text(ru, n[0], n[1]))
	}
	return strings.Join(parts, ", ")
}

// split places the sessions of the week: which days train and what.
type split struct {
	on       []int32
	sessions []sessionSpec
}

// Training days by sessions a week; rest days fall between sessions and every week has one.
var trainingDays = map[int32][]int32{
	2: {1, 4},
	3: {1, 3, 5},
	4: {1, 2, 4, 5},
	5: {1, 2, 3, 5, 6},
	6: {1, 2, 3, 4, 5, 6},
}

// split chooses the week's sessions from the days a week and the objectives (COACHING §1, §3):
// full body for 2–3 days, upper/lower for 4, push/pull/legs beyond; endurance puts its
// activity in at least two sessions, fat loss and health add conditioning to every week, and
// mobility makes trunk-stability and mobility sessions.
func (d *design) split() split {
	g := d.goals
	sp := split{on: trainingDays[d.days]}
	n := int(d.days)
	endurance := g.Has(planv1.Objective_OBJECTIVE_ENDURANCE)
	primary := g.Primary()
	// Conditioning share of a strength session for the secondary objectives.
	extra, style := 0.0, noCardio
	switch {
	case g.Has(planv1.Objective_OBJECTIVE_FAT_LOSS):
		extra, style = 0.25, intervals
	case g.Has(planv1.Objective_OBJECTIVE_GENERAL_HEALTH):
		extra, style = 0.3, steady
	}
	strengthKinds := func(k int) []kind {
		switch {
		case k <= 3:
			return slices.Repeat([]kind{fullBody}, k)
		case k == 4:
			return []kind{upperBody, lowerBody, upperBody, lowerBody}
		case k == 5:
			return []kind{pushDay, pullDay, legDay, upperBody, lowerBody}
		}
		return []kind{pushDay, pullDay, legDay, pushDay, pullDay, legDay}
	}
	add := func(k kind, cond float64, c cardioStyle) {
		v := 0
		for _, s := range sp.sessions {
			if s.kind == k {
				v++
			}
		}
		sp.sessions = append(sp.sessions, sessionSpec{kind: k, variant: v, conditioning: cond, cardio: c})
	}
	switch {
	case endurance && n <= 3:
		// Every session has the activity (3 runs a week is how a first 5 km is built), then
		// full-body strength; as primary the activity takes half the session.
		share := 0.5
		if primary != planv1.Objective_OBJECTIVE_ENDURANCE {
			share = 0.3
		}
		for range n {
			add(fullBody, share, activity)
		}
	case endurance:
		// Activity days alternate with strength days: at least two, half the week when primary.
		cardio := 2
		if primary == planv1.Objective_OBJECTIVE_ENDURANCE {
			cardio = (n + 1) / 2
		}
		ks := strengthKinds(n - cardio)
		if n == 5 && cardio == 2 {
			// Days 1, 2, 3, 5, 6: lower, upper, activity, full body, activity, so that no
			// two days in a row load the same muscles hard.
			for _, k := range []kind{lowerBody, upperBody, cardioDay, fullBody, cardioDay} {
				if k == cardioDay {
					add(k, 0.6, activity)
				} else {
					add(k, extra*0.6, style)
				}
			}
			break
		}
		if n-cardio == 2 {
			ks = []kind{upperBody, lowerBody}
		}
		if n-cardio == 3 && primary == planv1.Objective_OBJECTIVE_ENDURANCE {
			ks = []kind{upperBody, lowerBody, fullBody}
		}
		si := 0
		for i := range n {
			if (i%2 == 0 && cardio > 0) || si >= len(ks) {
				add(cardioDay, 0.6, activity)
				cardio--
				continue
			}
			add(ks[si], extra*0.6, style)
			si++
		}
	case primary == planv1.Objective_OBJECTIVE_MOBILITY:
		for i := range n {
			if i%2 == 1 && (g.Has(planv1.Objective_OBJECTIVE_STRENGTH) || g.Has(planv1.Objective_OBJECTIVE_HYPERTROPHY) || g.Has(planv1.Objective_OBJECTIVE_FAT_LOSS)) {
				add(fullBody, extra, style)
				continue
			}
			add(mobilityDay, extra, style)
		}
	default:
		ks := strengthKinds(n)
		// Fat loss and health get steady cardio one session, intervals the next.
		for i, k := range ks {
			c := style
			if style == intervals && i%2 == 1 {
				c = steady
			}
			add(k, extra, c)
		}
	}
	return sp
}
