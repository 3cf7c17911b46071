package history

import (
	"math"
	"strconv"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// find returns the log of slug in a session (case-insensitively, as slugs are matched when
// logged), or nil.
func find(s Session, slug string) *planv1.CompletedExercise {
	for _, e := range s.Log.GetExercises() {
		if strings.EqualFold(e.GetExerciseSlug(), slug) {
			return e
		}
	}
	return nil
}

// Entry is one session's log of one exercise, with its totals.
func Entry(s Session, e *planv1.CompletedExercise) *planv1.ExerciseEntry {
	n := Normalize(e)
	t := TotalsOf(n)
	return &planv1.ExerciseEntry{
		PlanId: s.PlanID, Week: s.Week, Day: s.Day, CompleteTime: s.Log.GetCompleteTime(),
		Sets: n.GetSets(), E1RmKg: round2(t.E1RMKg), VolumeKg: round2(t.VolumeKg),
		Reps: t.Reps, Seconds: t.Seconds, DistanceMeters: t.Distance,
		Pain: n.GetPain(), PainNote: n.GetPainNote(),
	}
}

// Entries is every logged session of slug, newest first; sessions are given oldest first.
func Entries(sessions []Session, slug string) []*planv1.ExerciseEntry {
	var out []*planv1.ExerciseEntry
	for i := len(sessions) - 1; i >= 0; i-- {
		if e := find(sessions[i], slug); e != nil {
			out = append(out, Entry(sessions[i], e))
		}
	}
	return out
}

// LastTimes is, for each of slugs, the last session (sessions are oldest first) in which the
// person did at least one set of it; slugs never done are absent.
func LastTimes(sessions []Session, slugs []string, locale string) map[string]*planv1.LastTime {
	f := NewLastTimeFinder(slugs, locale)
	for i := len(sessions) - 1; i >= 0 && f.Add(sessions[i]); i-- {
	}
	return f.Found()
}

// LastTimeFinder finds what was done of some exercises last time from sessions read newest
// first, and says when it has found them all, so that a reader can stop there.
type LastTimeFinder struct {
	locale string
	want   map[string]string // lower-case slug → the slug asked for
	found  map[string]*planv1.LastTime
}

// NewLastTimeFinder looks for slugs, writing summaries in locale.
func NewLastTimeFinder(slugs []string, locale string) *LastTimeFinder {
	f := &LastTimeFinder{locale: locale, want: make(map[string]string, len(slugs)), found: make(map[string]*planv1.LastTime, len(slugs))}
	for _, s := range slugs {
		f.want[strings.ToLower(s)] = s
	}
	return f
}

// Add reads the next older session; it reports whether some exercise is still not found.
func (f *LastTimeFinder) Add(s Session) bool {
	for _, e := range s.Log.GetExercises() {
		key := strings.ToLower(e.GetExerciseSlug())
		slug, ok := f.want[key]
		if !ok {
			continue
		}
		if lt := lastTime(s, e, f.locale); lt != nil {
			f.found[slug] = lt
			delete(f.want, key)
		}
	}
	return len(f.want) > 0
}

// Found is the last time of each slug found so far, by the slug as asked.
func (f *LastTimeFinder) Found() map[string]*planv1.LastTime { return f.found }

// LastTime is the last session in which slug was done; nil when it never was.
func LastTime(sessions []Session, slug, locale string) *planv1.LastTime {
	return LastTimes(sessions, []string{slug}, locale)[slug]
}

// lastTime is e's log as "last time"; nil when no set of it was done.
func lastTime(s Session, e *planv1.CompletedExercise, locale string) *planv1.LastTime {
	n := Normalize(e)
	if n.GetSetsDone() == 0 {
		return nil
	}
	return &planv1.LastTime{
		PlanId: s.PlanID, Week: s.Week, Day: s.Day, CompleteTime: s.Log.GetCompleteTime(),
		Sets: n.GetSets(), Summary: Summary(n.GetSets(), locale), Pain: n.GetPain(),
	}
}

// Summary writes sets as a person reads them, in locale ("ru" or English): runs of equal sets
// as "3 × 10 × 40 kg", then the hardest effort ("RPE 8", else the fewest reps in reserve,
// "RIR 2"), then how many sets were skipped. Holds read "3 × 45 s", cardio "5 km in 30:00".
func Summary(sets []*planv1.SetLog, locale string) string {
	w := words(locale)
	var groups []string
	var rpe, rir, skipped int32 = 0, -1, 0
	for i := 0; i < len(sets); {
		s := sets[i]
		if s.GetSkipped() {
			skipped++
			i++
			continue
		}
		j := i + 1
		for j < len(sets) && !sets[j].GetSkipped() && sameWork(s, sets[j]) {
			j++
		}
		for _, t := range sets[i:j] {
			if t.Rpe != nil {
				rpe = max(rpe, t.GetRpe())
			}
			if t.Rir != nil && (rir < 0 || t.GetRir() < rir) {
				rir = t.GetRir()
			}
		}
		groups = append(groups, group(j-i, s, w))
		i = j
	}
	var b strings.Builder
	if len(groups) == 0 {
		b.WriteString(w.allSkipped)
	}
	b.WriteString(strings.Join(groups, ", "))
	switch {
	case len(groups) == 0:
	case rpe > 0:
		b.WriteString(", RPE " + strconv.Itoa(int(rpe)))
	case rir >= 0:
		b.WriteString(", RIR " + strconv.Itoa(int(rir)))
	}
	if skipped > 0 && len(groups) > 0 {
		b.WriteString("; " + w.skipped + " " + strconv.Itoa(int(skipped)))
	}
	return b.String()
}

func sameWork(a, b *planv1.SetLog) bool {
	return a.GetReps() == b.GetReps() && a.GetLoadKg() == b.GetLoadKg() &&
		a.GetSeconds() == b.GetSeconds() && a.GetDistanceMeters() == b.GetDistanceMeters()
}

// group writes n equal sets s.
func group(n int, s *planv1.SetLog, w vocabulary) string {
	var parts []string
	switch {
	case s.GetDistanceMeters() > 0:
		d := w.distance(s.GetDistanceMeters())
		if s.GetSeconds() > 0 {
			d += " " + w.in + " " + clock(s.GetSeconds())
		}
		parts = append(parts, d)
		if s.GetLoadKg() > 0 {
			parts = append(parts, w.kg(s.GetLoadKg()))
		}
	default:
		if s.GetReps() > 0 {
			parts = append(parts, strconv.Itoa(int(s.GetReps())))
		}
		if s.GetLoadKg() > 0 {
			parts = append(parts, w.kg(s.GetLoadKg()))
		}
		if s.GetSeconds() > 0 {
			parts = append(parts, w.duration(s.GetSeconds()))
		}
	}
	if len(parts) == 0 {
		// Done, with no numbers: a set logged before per-set logging.
		return w.sets(n)
	}
	body := strings.Join(parts, " × ")
	if n > 1 {
		return strconv.Itoa(n) + " × " + body
	}
	return body
}

// vocabulary is what Summary writes in one language.
type vocabulary struct {
	ru                       bool
	in, skipped, allSkipped  string
	kgUnit, sUnit, mUnit     string
	kmUnit, setOne, setsMany string
}

func words(locale string) vocabulary {
	if locale == "ru" {
		return vocabulary{ru: true, in: "за", skipped: "пропущено:", allSkipped: "всё пропущено",
			kgUnit: "кг", sUnit: "с", mUnit: "м", kmUnit: "км", setOne: "подход", setsMany: "подходов:"}
	}
	return vocabulary{in: "in", skipped: "skipped:", allSkipped: "all skipped",
		kgUnit: "kg", sUnit: "s", mUnit: "m", kmUnit: "km", setOne: "set", setsMany: "sets"}
}

func (w vocabulary) number(v float64) string {
	s := strconv.FormatFloat(round2(v), 'f', -1, 64)
	if w.ru {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (w vocabulary) kg(v float64) string { return w.number(v) + " " + w.kgUnit }

func (w vocabulary) distance(m int32) string {
	if m < 1000 {
		return strconv.Itoa(int(m)) + " " + w.mUnit
	}
	return w.number(float64(m)/1000) + " " + w.kmUnit
}

// duration writes a hold as the web client shows it: seconds under two minutes, else a clock.
func (w vocabulary) duration(sec int32) string {
	if sec < 120 {
		return strconv.Itoa(int(sec)) + " " + w.sUnit
	}
	return clock(sec)
}

func (w vocabulary) sets(n int) string {
	switch {
	case w.ru:
		return w.setsMany + " " + strconv.Itoa(n)
	case n == 1:
		return "1 " + w.setOne
	default:
		return strconv.Itoa(n) + " " + w.setsMany
	}
}

// clock writes seconds as m:ss, or h:mm:ss from an hour.
func clock(sec int32) string {
	h, m, s := sec/3600, sec/60%60, sec%60
	pad := func(v int32) string {
		if v < 10 {
			return "0" + strconv.Itoa(int(v))
		}
		return strconv.Itoa(int(v))
	}
	if h > 0 {
		return strconv.Itoa(int(h)) + ":" + pad(m) + ":" + pad(s)
	}
	return strconv.Itoa(int(m)) + ":" + pad(s)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
