package history

import (
	"cmp"
	"math"
	"slices"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// Exercise is what the catalog says about an exercise, as history needs it.
type Exercise struct {
	// Name is in the person's language.
	Name         string
	MuscleGroups []string
	Measurement  typesv1.Measurement
}

// Catalog is exercises by lower-case slug. An exercise the catalog does not know is counted
// by its numbers alone: no muscle groups, and cardio when a distance was logged.
type Catalog map[string]Exercise

func (c Catalog) get(slug string) Exercise { return c[strings.ToLower(slug)] }

// Names are the catalog's names by slug, for records.
func (c Catalog) Names() map[string]string {
	out := make(map[string]string, len(c))
	for slug, e := range c {
		out[slug] = e.Name
	}
	return out
}

// cardio reports whether an exercise's seconds are cardio: continuous cardio (measured by
// distance) anywhere, and anything done in a day's conditioning block. t is what was done
// of it, for an exercise the catalog does not know (zero for a prescription).
func (c Catalog) cardio(slug, block string, t Totals) bool {
	switch c.get(slug).Measurement {
	case typesv1.Measurement_MEASUREMENT_DISTANCE:
		return true
	case typesv1.Measurement_MEASUREMENT_UNSPECIFIED:
		if t.Distance > 0 {
			return true
		}
	}
	return block == "conditioning"
}

// easyBlock reports whether a block's sets are never hard: warm-ups and cool-downs.
func easyBlock(block string) bool { return block == "warmup" || block == "cooldown" }

// hard reports whether a set done counts as a hard set: effort near failure when it was
// rated (RPE 6 or more, or 4 reps or fewer in reserve), and any set when it was not.
func hard(s *planv1.SetLog) bool {
	if s.GetSkipped() {
		return false
	}
	if s.Rpe != nil {
		return s.GetRpe() >= 6
	}
	if s.Rir != nil {
		return s.GetRir() <= 4
	}
	return true
}

// blocks is each exercise's block on a day, by lower-case slug.
func blocks(d *planv1.Day) map[string]string {
	out := make(map[string]string, len(d.GetExercises()))
	for _, e := range d.GetExercises() {
		out[strings.ToLower(e.GetExerciseSlug())] = e.GetBlock()
	}
	return out
}

// Planned reports whether a plan day is a training session (not a rest day, has exercises).
func Planned(d *planv1.Day) bool { return !d.GetIsRestDay() && len(d.GetExercises()) > 0 }

// SessionSummary is one logged session with its totals. day is the plan day it logs, for its
// name and blocks; nil when the plan is gone.
func SessionSummary(s Session, day *planv1.Day, c Catalog) *planv1.SessionSummary {
	out := &planv1.SessionSummary{
		PlanId: s.PlanID, Week: s.Week, Day: s.Day, WorkoutName: day.GetWorkoutName(),
		CompleteTime: s.Log.GetCompleteTime(), PerceivedEffort: s.Log.GetPerceivedEffort(), Log: s.Log,
	}
	bl := blocks(day)
	for _, e := range s.Log.GetExercises() {
		t := TotalsOf(e)
		out.SetsDone += t.Sets
		out.VolumeKg += t.VolumeKg
		out.DistanceMeters += t.Distance
		if c.cardio(e.GetExerciseSlug(), bl[strings.ToLower(e.GetExerciseSlug())], t) {
			out.CardioSeconds += t.Seconds
		}
		out.Pain = out.Pain || e.GetPain()
	}
	out.VolumeKg = round2(out.VolumeKg)
	return out
}

// Streaks are a plan's current and longest streak of sessions.
//
// A streak is a run of planned sessions logged one after another in plan order (week by week,
// day by day; rest days are not sessions). A planned session without a log is missed when a
// later planned session has a log — it lies before the latest logged session — and a miss
// ends the run. Sessions after the latest logged one are still ahead and break nothing, and
// a log on a day that is not a planned session neither counts nor breaks. current is the run
// that ends at the latest logged session (0 without logs); longest the longest run.
func Streaks(p *planv1.Plan, sessions []Session) (current, longest int32) {
	logged := loggedDays(p.GetId(), sessions)
	var run int32
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			if !Planned(d) {
				continue
			}
			if logged[[2]int32{w.GetWeekNumber(), d.GetDayNumber()}] {
				run++
				longest = max(longest, run)
				current = run
			} else {
				// A miss if anything later is logged; if not, current stays the run so far.
				run = 0
			}
		}
	}
	return current, longest
}

func loggedDays(planID string, sessions []Session) map[[2]int32]bool {
	out := make(map[[2]int32]bool, len(sessions))
	for _, s := range sessions {
		if s.PlanID == planID {
			out[[2]int32{s.Week, s.Day}] = true
		}
	}
	return out
}

// deloadShare is how far a week's prescribed hard sets must fall below the heaviest earlier
// week for it to read as a deload (deload weeks keep about half of them).
const deloadShare = 0.6

// Progress is a plan's progress from its sessions (oldest first, any plan's; others are
// ignored): every week's adherence, hard sets and kilograms per muscle group, cardio and
// effort; each loaded lift's estimated 1RM trend; the records set in the plan; streaks.
//
// sessions_planned and sessions_done count the whole plan; adherence is over the weeks up to
// the latest week with a log, so a plan in its third week is not judged on weeks not yet
// reached (0 without logs).
func Progress(p *planv1.Plan, sessions []Session, c Catalog) *planv1.GetProgressResponse {
	var own []Session
	for _, s := range sessions {
		if s.PlanID == p.GetId() {
			own = append(own, s)
		}
	}
	out := &planv1.GetProgressResponse{PlanId: p.GetId()}
	out.CurrentStreak, out.LongestStreak = Streaks(p, own)
	out.Records = Records(own, nil, c.Names())
	out.Lifts = lifts(own, c)

	byWeek := map[int32][]Session{}
	var lastWeek int32
	for _, s := range own {
		byWeek[s.Week] = append(byWeek[s.Week], s)
		lastWeek = max(lastWeek, s.Week)
	}
	var heaviest int32
	var plannedSoFar, doneSoFar int32
	for _, w := range p.GetWeeks() {
		wp, prescribed := week(w, byWeek[w.GetWeekNumber()], c)
		wp.Deload = isDeloadFocus(w.GetWeekFocus()) || (heaviest > 0 && float64(prescribed) <= deloadShare*float64(heaviest))
		heaviest = max(heaviest, prescribed)
		out.Weeks = append(out.Weeks, wp)
		out.SessionsPlanned += wp.GetSessionsPlanned()
		out.SessionsDone += wp.GetSessionsDone()
		if w.GetWeekNumber() <= lastWeek {
			plannedSoFar += wp.GetSessionsPlanned()
			doneSoFar += wp.GetSessionsDone()
		}
	}
	out.Adherence = ratio(doneSoFar, plannedSoFar)
	return out
}

// week is one plan week's progress, and the hard sets it prescribes.
func week(w *planv1.Week, sessions []Session, c Catalog) (*planv1.WeekProgress, int32) {
	out := &planv1.WeekProgress{Week: w.GetWeekNumber()}
	days := map[int32]*planv1.Day{}
	var prescribed int32
	for _, d := range w.GetDays() {
		days[d.GetDayNumber()] = d
		if !Planned(d) {
			continue
		}
		out.SessionsPlanned++
		for _, e := range d.GetExercises() {
			if !easyBlock(e.GetBlock()) && !c.cardio(e.GetExerciseSlug(), e.GetBlock(), Totals{}) {
				prescribed += e.GetSets()
			}
		}
	}
	groups := map[string]*planv1.MuscleVolume{}
	var effort, rated int32
	for _, s := range sessions {
		d := days[s.Day]
		if Planned(d) {
			out.SessionsDone++
		}
		if e := s.Log.GetPerceivedEffort(); e > 0 {
			effort += e
			rated++
		}
		bl := blocks(d)
		for _, e := range s.Log.GetExercises() {
			n := Normalize(e)
			t := TotalsOf(n)
			out.SetsDone += t.Sets
			out.VolumeKg += t.VolumeKg
			out.DistanceMeters += t.Distance
			block := bl[strings.ToLower(e.GetExerciseSlug())]
			if c.cardio(e.GetExerciseSlug(), block, t) {
				out.CardioSeconds += t.Seconds
				continue
			}
			if easyBlock(block) {
				continue
			}
			for _, set := range n.GetSets() {
				if !hard(set) {
					continue
				}
				for _, g := range c.get(e.GetExerciseSlug()).MuscleGroups {
					mv := groups[g]
					if mv == nil {
						mv = &planv1.MuscleVolume{MuscleGroup: g}
						groups[g] = mv
					}
					mv.Sets++
					mv.VolumeKg += float64(set.GetReps()) * set.GetLoadKg()
				}
			}
		}
	}
	out.SessionsDone = min(out.SessionsDone, out.SessionsPlanned)
	out.Adherence = ratio(out.SessionsDone, out.SessionsPlanned)
	out.VolumeKg = round2(out.VolumeKg)
	if rated > 0 {
		out.AverageEffort = math.Round(float64(effort)/float64(rated)*10) / 10
	}
	for _, mv := range groups {
		mv.VolumeKg = round2(mv.VolumeKg)
		out.Volume = append(out.Volume, mv)
	}
	slices.SortFunc(out.Volume, func(a, b *planv1.MuscleVolume) int {
		if c := cmp.Compare(b.GetSets(), a.GetSets()); c != 0 {
			return c
		}
		return cmp.Compare(a.GetMuscleGroup(), b.GetMuscleGroup())
	})
	return out, prescribed
}

// isDeloadFocus reads a week focus that says it is a deload week (the planner writes one).
func isDeloadFocus(focus string) bool {
	f := strings.ToLower(focus)
	return strings.Contains(f, "deload") || strings.Contains(f, "разгруз")
}

// lifts is the e1RM trend of every exercise logged with a loaded set of 1..12 reps, most
// sessions first.
func lifts(sessions []Session, c Catalog) []*planv1.LiftTrend {
	bySlug := map[string]*planv1.LiftTrend{}
	var order []string
	for _, s := range sessions {
		for _, e := range s.Log.GetExercises() {
			v := TotalsOf(e).E1RMKg
			if v <= 0 {
				continue
			}
			slug := strings.ToLower(e.GetExerciseSlug())
			lt := bySlug[slug]
			if lt == nil {
				name := c.get(slug).Name
				if name == "" {
					name = slug
				}
				lt = &planv1.LiftTrend{ExerciseSlug: slug, Name: name}
				bySlug[slug] = lt
				order = append(order, slug)
			}
			lt.Points = append(lt.Points, &planv1.E1RmPoint{Week: s.Week, Day: s.Day, CompleteTime: s.Log.GetCompleteTime(), E1RmKg: round2(v)})
		}
	}
	out := make([]*planv1.LiftTrend, 0, len(order))
	for _, slug := range order {
		lt := bySlug[slug]
		lt.ChangeKg = round2(lt.Points[len(lt.Points)-1].GetE1RmKg() - lt.Points[0].GetE1RmKg())
		out = append(out, lt)
	}
	slices.SortStableFunc(out, func(a, b *planv1.LiftTrend) int { return cmp.Compare(len(b.GetPoints()), len(a.GetPoints())) })
	return out
}

func ratio(done, planned int32) float64 {
	if planned == 0 {
		return 0
	}
	return math.Round(float64(done)/float64(planned)*1000) / 1000
}
