// Package planner is the built-in coach: the default without an LLM, the fallback when the
// LLM fails, and the structure the LLM writes inside. From the profile's objectives, level,
// equipment, schedule and injuries and the catalog's facts about each exercise (measurement,
// mechanics, movement patterns, joint stresses, impact) it chooses the weekly split, shapes
// every session (warm-up → main compound work → accessories → conditioning → cool-down),
// fills it to the person's minutes, prescribes each exercise by its nature and the objective,
// and leaves progression, deloads and a taper to the microcycle expansion. It is
// deterministic: the same profile and allowed set always give the same plan.
package planner

import (
	"errors"
	"slices"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/estimate"
	"github.com/fitcoach/fitcoach/services/plan/goals"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
)

// ErrNoExercises means no allowed exercise is safe for the person, so no plan can be made of
// exercises with video.
var ErrNoExercises = errors.New("planner: no allowed exercises")

// Plan builds the plan for a profile from the allowed exercises.
func Plan(p *planv1.Profile, allowed []*catalogv1.Exercise) (*planv1.WorkoutPlan, error) {
	d, err := Design(p, allowed)
	if err != nil {
		return nil, err
	}
	return microcycle.Expand(d.Template, d.Expansion), nil
}

// Result is a designed plan: the weekly template, how to expand it, and the sessions it
// is made of (which the LLM path writes inside).
type Result struct {
	Template  *planv1.PlanTemplate
	Expansion microcycle.Options
	Sessions  []Session
	Goals     goals.Goals
	// Safe is the allowed exercises the person may be prescribed (level and injuries).
	Safe []*catalogv1.Exercise
}

// Session is one training day of the week.
type Session struct {
	Day int32
	// Name is the session's kind, e.g. "Upper body A"; Focus what it trains.
	Name, Focus string
	// Minutes is the session's time budget; Blocks its parts in order.
	Minutes int32
	Blocks  []Block
	// Patterns are the movement patterns the session's main and accessory work must cover.
	Patterns []typesv1.MovementPattern
}

// Block is a part of a session and its share of the time.
type Block struct {
	Name    string // warmup, main, accessory, conditioning, cooldown
	Minutes int32
}

// design is the state of one planning run.
type design struct {
	p           *planv1.Profile
	goals       goals.Goals
	level       typesv1.FitnessLevel
	ru          bool
	pool        *pool
	weeks       int32
	days        int32
	minutes     int32
	deloadEvery int32
	hasReps     bool
}

// Design plans a profile: the weekly template and its sessions.
func Design(p *planv1.Profile, allowed []*catalogv1.Exercise) (*Result, error) {
	g := goals.Read(p)
	level := p.GetFitnessLevel()
	if level == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		level = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	}
	d := &design{
		p: p, goals: g, level: level, ru: p.GetLocale() == "ru",
		pool:    newPool(allowed, level, g),
		weeks:   clamp(p.GetDurationWeeks(), 4, 12),
		days:    clamp(p.GetDaysPerWeek(), 2, 6),
		minutes: clamp(p.GetSessionMinutes(), 15, 180),
	}
	if len(d.pool.all) == 0 {
		return nil, ErrNoExercises
	}
	// A lighter week every 4th for beginners and intermediates, every 5th for the advanced
	// (COACHING §5: every 3–6 weeks); none in a plan too short to need one.
	d.deloadEvery = 4
	if level == typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED {
		d.deloadEvery = 5
	}
	t := &planv1.PlanTemplate{
		PlanName:      planName(g, d.weeks, d.days, d.ru),
		DurationWeeks: d.weeks,
		Goal:          goalText(p.GetGoal(), d.weeks, d.ru),
		Progression: &planv1.Progression{
			SetsIncreaseEveryWeeks: 2,
			RepsIncreasePerWeek:    1,
			DeloadEveryWeeks:       d.deloadEvery,
			DeloadVolumePercent:    50,
		},
	}
	res := &Result{Goals: g, Safe: d.pool.all}
	split := d.split()
	training := 0
	for day := int32(1); day <= 7; day++ {
		i := indexOf(split.on, day)
		if i < 0 {
			t.Days = append(t.Days, restDay(day, d.ru))
			continue
		}
		s := split.sessions[i]
		built, session := d.session(day, s, training)
		built.ConfidenceTask = confidenceTask(training, d.ru)
		t.Days = append(t.Days, built)
		res.Sessions = append(res.Sessions, session)
		training++
	}
	t.Notes = notes(d, d.ru)
	res.Template = t
	res.Expansion = microcycle.Options{Locale: p.GetLocale(), SessionMinutes: d.minutes, Taper: g.Event, MaxSets: d.maxSets(roleMain)}
	return res, nil
}

// Template builds the weekly template Plan expands.
func Template(p *planv1.Profile, allowed []*catalogv1.Exercise) (*planv1.PlanTemplate, error) {
	d, err := Design(p, allowed)
	if err != nil {
		return nil, err
	}
	return d.Template, nil
}

// RestDay returns the rest day d of a plan in the locale.
func RestDay(d int32, locale string) *planv1.Day { return restDay(d, locale == "ru") }

func clamp(v, lo, hi int32) int32 { return min(max(v, lo), hi) }

func indexOf(xs []int32, x int32) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// session builds one training day of kind s, the training-th of the week.
func (d *design) session(day int32, s sessionSpec, training int) (*planv1.Day, Session) {
	total := int(d.minutes) * 60
	warm := int(clamp(int32(float64(d.minutes)*0.12+0.5), 4, 10)) * 60
	cool := int(clamp(int32(float64(d.minutes)*0.08+0.5), 3, 8)) * 60
	cond := int(float64(total) * s.conditioning)
	// The activity of an endurance session is at least 10 minutes; other conditioning keeps
	// its share however short the session.
	if cond > 0 && s.cardio == activity && cond < 10*60 {
		cond = min(10*60, total-warm-cool-5*60)
	}
	// Conditioning other than the endurance activity stays under 30 minutes; a longer
	// activity block becomes long intervals (see conditioning).
	if s.cardio != activity {
		cond = min(cond, 1800+estimate.Transition)
	}
	b := &dayBuilder{d: d, used: map[string]bool{}, variant: s.variant}
	out := &planv1.Day{DayNumber: day, WorkoutName: s.name(d.ru)}

	warmup := b.warmup(warm, s.kind)
	coolKind := s.kind
	if s.cardio == activity {
		coolKind = cardioDay
	}
	cooldown := b.cooldown(cool, coolKind)
	var conditioning []*planv1.Exercise
	if cond > 0 {
		conditioning = b.conditioning(cond, s, training)
	}
	strength := total - sumSeconds(warmup) - sumSeconds(cooldown) - sumSeconds(conditioning)
	main, accessories := b.strength(strength, s, maxDayExercises-len(warmup)-len(cooldown)-len(conditioning))
	// A cardio day, and a session whose primary objective is the activity, leads with it: the
	// main block is the run, ride or walk, done fresh (COACHING §2: the hardest work first).
	if s.kind == cardioDay || (s.cardio == activity && d.goals.Primary() == planv1.Objective_OBJECTIVE_ENDURANCE) {
		for _, e := range conditioning {
			e.Block = "main"
		}
		accessories = append(main, accessories...)
		for _, e := range accessories {
			e.Block = "accessory"
		}
		main = conditioning
		conditioning = nil
	}
	for _, part := range [][]*planv1.Exercise{warmup, main, accessories, conditioning, cooldown} {
		out.Exercises = append(out.Exercises, part...)
	}
	b.fit(out, total)
	for _, e := range out.Exercises {
		if e.Reps != nil && e.GetBlock() != "warmup" && e.GetBlock() != "cooldown" {
			d.hasReps = true
		}
	}
	sess := Session{Day: day, Name: out.GetWorkoutName(), Focus: s.focus(d.ru), Minutes: d.minutes}
	// The patterns the session really trains, main work first: what an LLM's day must train.
	for _, e := range out.GetExercises() {
		if b := e.GetBlock(); b == "warmup" || b == "cooldown" {
			continue
		}
		if c := d.pool.bySlug(e.GetExerciseSlug()); c != nil && len(c.GetPatterns()) > 0 && !slices.Contains(sess.Patterns, c.GetPatterns()[0]) {
			sess.Patterns = append(sess.Patterns, c.GetPatterns()[0])
		}
	}
	for _, blk := range []struct {
		name string
		xs   []*planv1.Exercise
	}{{"warmup", warmup}, {"main", main}, {"accessory", accessories}, {"conditioning", conditioning}, {"cooldown", cooldown}} {
		if len(blk.xs) > 0 {
			sess.Blocks = append(sess.Blocks, Block{Name: blk.name, Minutes: int32((sumSeconds(blk.xs) + 30) / 60)})
		}
	}
	return out, sess
}

func sumSeconds(xs []*planv1.Exercise) int {
	t := 0
	for _, e := range xs {
		t += estimate.Seconds(e)
	}
	return t
}
