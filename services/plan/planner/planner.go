// Package planner is the built-in rule-based planner: the default without an LLM and the
// fallback when the LLM fails. It is deterministic (the same profile and allowed set always
// give the same plan), uses only the allowed exercises, and honours days per week, session
// length, level, limitations, progression across weeks and a lighter deload week. It writes
// the same PlanTemplate an LLM would and expands it the same way, so both paths share the
// progression rules and the validator.
package planner

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
)

// ErrNoExercises means the allowed set is empty, so no plan can be made of exercises with video.
var ErrNoExercises = errors.New("planner: no allowed exercises")

// Plan builds the plan for a profile from the allowed exercises.
func Plan(p *planv1.Profile, allowed []*catalogv1.Exercise) (*planv1.WorkoutPlan, error) {
	t, err := Template(p, allowed)
	if err != nil {
		return nil, err
	}
	return microcycle.Expand(t, p.GetLocale()), nil
}

// Template builds the weekly template Plan expands.
func Template(p *planv1.Profile, allowed []*catalogv1.Exercise) (*planv1.PlanTemplate, error) {
	pool := newPool(allowed, p.GetFitnessLevel(), risksIn(p.GetLimitations()))
	if pool.empty() {
		return nil, ErrNoExercises
	}
	ru := p.GetLocale() == "ru"
	days := clamp(p.GetDaysPerWeek(), 2, 6)
	weeks := clamp(p.GetDurationWeeks(), 4, 12)
	// Enough exercises for the session length, and never under the ten a week the plan rules need.
	perDay := max(clamp(p.GetSessionMinutes()/10, 3, 8), (10+days-1)/days)
	dose := doseFor(p.GetFitnessLevel())

	split := splits[days]
	t := &planv1.PlanTemplate{
		PlanName:      planName(weeks, days, ru),
		DurationWeeks: weeks,
		Goal:          goalText(p.GetGoal(), weeks, ru),
		Notes:         notes(pool, ru),
		Progression: &planv1.Progression{
			SetsIncreaseEveryWeeks: 3,
			RepsIncreasePerWeek:    1,
			DeloadEveryWeeks:       4,
			DeloadVolumePercent:    60,
		},
	}
	training := 0
	for d := int32(1); d <= 7; d++ {
		session, ok := split.day(d)
		if !ok {
			t.Days = append(t.Days, restDay(d, ru))
			continue
		}
		day := &planv1.Day{DayNumber: d, WorkoutName: session.name(ru, training), ConfidenceTask: confidenceTask(training, ru)}
		used := map[string]bool{}
		for i := range perDay {
			ex := pool.pick(session.slots[int(i)%len(session.slots)], training+int(i), used)
			used[ex.GetSlug()] = true
			day.Exercises = append(day.Exercises, dose.prescribe(ex))
		}
		t.Days = append(t.Days, day)
		training++
	}
	return t, nil
}

// Session is one training day of the built-in weekly split.
type Session struct {
	Day int32
	// Name is the session's kind, e.g. "Upper body"; Focus lists its movement patterns.
	Name, Focus string
}

// Week returns the training sessions of the weekly split for daysPerWeek (clamped to 2..6) in
// day order; every other day of the week is a rest day. The LLM path uses the same split, so
// its days can be written in parallel, each knowing what the others train.
func Week(daysPerWeek int32, locale string) []Session {
	ru := locale == "ru"
	sp := splits[clamp(daysPerWeek, 2, 6)]
	out := make([]Session, 0, len(sp.on))
	for i, d := range sp.on {
		ss := sp.sessions[i]
		out = append(out, Session{Day: d, Name: ss.name(ru, i), Focus: ss.focus(ru)})
	}
	return out
}

// RestDay returns the rest day d of a plan in the locale.
func RestDay(d int32, locale string) *planv1.Day { return restDay(d, locale == "ru") }

// split places training sessions on the days of the week.
type split struct {
	on       []int32
	sessions []session
}

func (s split) day(d int32) (session, bool) {
	i := slices.Index(s.on, d)
	if i < 0 {
		return session{}, false
	}
	return s.sessions[i], true
}

// Session kinds and the movement categories their slots draw from, in order.
var (
	fullBody = session{en: "Full body", ru: "Всё тело", slots: []category{legs, push, pull, core, legs, push, pull, conditioning}}
	upper    = session{en: "Upper body", ru: "Верх тела", slots: []category{push, pull, push, pull, core, push, pull, core}}
	lower    = session{en: "Lower body and core", ru: "Ноги и кор", slots: []category{legs, legs, core, legs, core, legs, conditioning, core}}
	pushDay  = session{en: "Push", ru: "Жимовые движения", slots: []category{push, push, core, push, legs, push, core, conditioning}}
	pullDay  = session{en: "Pull", ru: "Тяговые движения", slots: []category{pull, pull, core, pull, legs, pull, core, conditioning}}
	legDay   = session{en: "Legs", ru: "Ноги", slots: []category{legs, legs, core, legs, legs, core, conditioning, legs}}
)

// Rest days fall between sessions; every split leaves at least one.
var splits = map[int32]split{
	2: {on: []int32{1, 4}, sessions: []session{fullBody, fullBody}},
	3: {on: []int32{1, 3, 5}, sessions: []session{fullBody, fullBody, fullBody}},
	4: {on: []int32{1, 2, 4, 5}, sessions: []session{upper, lower, upper, lower}},
	5: {on: []int32{1, 2, 3, 5, 6}, sessions: []session{pushDay, pullDay, legDay, upper, lower}},
	6: {on: []int32{1, 2, 3, 4, 5, 6}, sessions: []session{pushDay, pullDay, legDay, pushDay, pullDay, legDay}},
}

type session struct {
	en, ru string
	slots  []category
}

func (s session) name(ru bool, i int) string {
	letter := string(rune('A' + i))
	if ru {
		return s.ru + " " + letter
	}
	return s.en + " " + letter
}

var categoryNames = [numCategories][2]string{
	push:         {"pushing (chest, shoulders, triceps)", "жимовые движения (грудь, плечи, трицепс)"},
	pull:         {"pulling (back, biceps)", "тяговые движения (спина, бицепс)"},
	legs:         {"legs and glutes", "ноги и ягодицы"},
	core:         {"core", "мышцы кора"},
	conditioning: {"conditioning", "функциональная выносливость"},
	mobility:     {"mobility", "мобильность"},
}

// focus lists the session's movement patterns in slot order, each once.
func (s session) focus(ru bool) string {
	seen := map[category]bool{}
	var parts []string
	for _, c := range s.slots {
		if seen[c] {
			continue
		}
		seen[c] = true
		if ru {
			parts = append(parts, categoryNames[c][1])
		} else {
			parts = append(parts, categoryNames[c][0])
		}
	}
	return strings.Join(parts, ", ")
}

func restDay(d int32, ru bool) *planv1.Day {
	if ru {
		return &planv1.Day{DayNumber: d, WorkoutName: "День отдыха", IsRestDay: true, ConfidenceTask: "Прогуляйтесь 20–30 минут и выспитесь"}
	}
	return &planv1.Day{DayNumber: d, WorkoutName: "Rest day", IsRestDay: true, ConfidenceTask: "Take a 20–30 minute walk and get a good night's sleep"}
}

var confidenceTasks = [][2]string{
	{"Finish every set with clean form, even if you slow down", "Выполните каждый подход с чистой техникой, даже если придётся замедлиться"},
	{"Write down how each exercise felt on a 1–10 scale", "Запишите, как ощущалось каждое упражнение, по шкале 1–10"},
	{"Keep rests to the prescribed time", "Соблюдайте указанное время отдыха"},
	{"Breathe out on the effort in every rep", "Выдыхайте на усилии в каждом повторении"},
	{"Add one rep to your last set if form stays solid", "Добавьте одно повторение в последнем подходе, если техника не страдает"},
	{"Film one set and check your form", "Снимите один подход на видео и проверьте технику"},
}

func confidenceTask(i int, ru bool) string {
	t := confidenceTasks[i%len(confidenceTasks)]
	if ru {
		return t[1]
	}
	return t[0]
}

func planName(weeks, days int32, ru bool) string {
	if ru {
		return fmt.Sprintf("План на %d недель, %d тренировки в неделю", weeks, days)
	}
	return fmt.Sprintf("%d-week plan, %d workouts a week", weeks, days)
}

// goalText makes the plan's goal from the person's words, which may be shorter than the ten
// characters a plan goal needs, and never longer than its 300.
func goalText(goal string, weeks int32, ru bool) string {
	goal = strings.TrimSpace(goal)
	if utf8.RuneCountInString(goal) < 10 {
		if ru {
			goal = fmt.Sprintf("%s — план на %d недель", goal, weeks)
		} else {
			goal = fmt.Sprintf("%s — a %d-week plan", goal, weeks)
		}
	}
	if r := []rune(goal); len(r) > 300 {
		goal = string(r[:300])
	}
	return goal
}

func notes(p *pool, ru bool) string {
	if len(p.excluded) == 0 {
		if ru {
			return "Каждая 4-я неделя — разгрузочная. Разомнитесь 5–10 минут перед тренировкой."
		}
		return "Every 4th week is a lighter deload week. Warm up for 5–10 minutes before each workout."
	}
	if ru {
		return "Каждая 4-я неделя — разгрузочная. Из-за ваших ограничений исключены упражнения с нагрузкой на: " + strings.Join(p.excludedNames(true), ", ") + "."
	}
	return "Every 4th week is a lighter deload week. Because of your limitations, exercises that load these areas are left out: " + strings.Join(p.excludedNames(false), ", ") + "."
}

func clamp(v, lo, hi int32) int32 { return min(max(v, lo), hi) }

// dose is how much of each exercise a level does.
type dose struct {
	sets    int32
	reps    string
	rest    int32
	seconds int32
}

func doseFor(l typesv1.FitnessLevel) dose {
	switch l {
	case typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED:
		return dose{sets: 4, reps: "6-10", rest: 90, seconds: 45}
	case typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE:
		return dose{sets: 3, reps: "8-12", rest: 75, seconds: 40}
	default:
		return dose{sets: 2, reps: "10-12", rest: 60, seconds: 30}
	}
}

func (d dose) prescribe(e *catalogv1.Exercise) *planv1.Exercise {
	out := &planv1.Exercise{ExerciseSlug: e.GetSlug(), Sets: &d.sets, Reps: &d.reps, RestSeconds: &d.rest}
	if timed(e.GetSlug()) {
		s, one := d.seconds, "1"
		out.Reps = &one
		out.DurationSeconds = &s
	}
	return out
}

// timed reports whether an exercise is held or done for time rather than counted in reps.
func timed(slug string) bool {
	for _, w := range strings.Split(slug, "-") {
		switch w {
		case "plank", "hold", "sit", "hang", "jacks", "climbers", "bike", "walk", "knees", "kicks", "machine", "stretch", "pose", "cow":
			return true
		}
	}
	return false
}
