package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/adapt"
)

// Parts are the four parts of a report.
type Parts struct {
	Analysis        string   `json:"analysis"`
	Motivation      string   `json:"motivation"`
	Recommendations []string `json:"recommendations"`
	Strategy        string   `json:"long_term_strategy"`
}

// Provider names of who wrote a report.
const (
	ProviderRules  = "rules"
	ProviderOpenAI = "openai"
)

// Report is the parts as the stored report of f, written by provider (the caller sets the
// plan id).
func (p Parts) Report(f Facts, provider string) *planv1.CoachReport {
	return &planv1.CoachReport{
		Week: f.Week, Analysis: p.Analysis, Motivation: p.Motivation, Recommendations: p.Recommendations,
		LongTermStrategy: p.Strategy, Provider: provider, Locale: locale(f.Locale), Sessions: int32(f.Done),
	}
}

// Recommendations a report makes: at least MinRecommendations (the rules), at most
// MaxRecommendations (the LLM may write fewer, never none).
const (
	MinRecommendations = 2
	MaxRecommendations = 4
)

// Rules writes the report of f deterministically, in f's language and archetype's voice.
func Rules(f Facts) Parts {
	ru := f.Locale == "ru"
	return Parts{Analysis: analysis(f, ru), Motivation: motivation(f, ru), Recommendations: recommendations(f, ru), Strategy: strategy(f, ru)}
}

func period(f Facts, ru bool) string {
	switch {
	case f.Week > 0:
		return tr(ru, "Week %d", "Неделя %d", f.Week)
	case f.To <= 1:
		return tr(ru, "Week 1", "Неделя 1")
	}
	return tr(ru, "Weeks 1–%d", "Недели 1–%d", f.To)
}

func analysis(f Facts, ru bool) string {
	var b []string
	if f.Done == 0 {
		names := make([]string, 0, len(f.Holds))
		for _, s := range f.Holds {
			names = append(names, quote(s.Name, ru))
		}
		if len(f.Holds) > 0 {
			b = append(b, tr(ru, "Week %d holds %d sessions: %s. Nothing of it is logged yet.", "Неделя %d: тренировок — %d (%s). Пока ничего не записано.",
				f.Holds[0].Week, len(f.Holds), strings.Join(names, ", ")))
		} else {
			b = append(b, tr(ru, "Nothing is logged yet.", "Пока ничего не записано."))
		}
	} else {
		s := tr(ru, "%s: %d of %d planned sessions done, %d sets", "%s: проведено %d из %d тренировок, подходов: %d", period(f, ru), f.Done, f.Planned, f.Sets)
		if f.Skipped > 0 {
			s += tr(ru, " (%d skipped)", " (пропущено: %d)", f.Skipped)
		}
		b = append(b, s+".")
		if f.Effort > 0 {
			s = tr(ru, "Average session effort: RPE %s", "Среднее усилие за тренировку: RPE %s", num(f.Effort, ru))
			if f.Hard > 0 {
				s += tr(ru, "; %d at your limit", "; на пределе: %d", f.Hard)
			}
			b = append(b, s+".")
		}
		var up, down []string
		for _, e := range f.Exercises {
			switch e.Trend() {
			case 1:
				up = append(up, moved(e, ru))
			case -1:
				down = append(down, moved(e, ru))
			}
		}
		if len(up) > 0 {
			b = append(b, tr(ru, "Up: %s.", "Рост: %s.", strings.Join(first(up, 4), "; ")))
		}
		if len(down) > 0 {
			b = append(b, tr(ru, "Down: %s.", "Снижение: %s.", strings.Join(first(down, 3), "; ")))
		}
		if len(up) == 0 && len(down) == 0 {
			if f.PerSet {
				b = append(b, tr(ru, "Loads and reps held where they were.", "Веса и повторения остались прежними."))
			} else {
				b = append(b, tr(ru, "Only sets and reps were logged, so there are no loads to compare.", "Записаны только подходы и повторения, поэтому веса сравнить не с чем."))
			}
		}
	}
	var pain []string
	for _, e := range f.Exercises {
		if e.Pain > 0 {
			p := e.Name
			if e.PainNote != "" {
				p += " (" + e.PainNote + ")"
			}
			pain = append(pain, p)
		}
	}
	if len(pain) > 0 {
		b = append(b, tr(ru, "Pain logged: %s.", "Отмечена боль: %s.", strings.Join(pain, ", ")))
	}
	if c := changes(f, ru); c != "" {
		b = append(b, c)
	}
	return strings.Join(b, " ")
}

// changes words what the adaptations of the period did.
func changes(f Facts, ru bool) string {
	count := map[planv1.ChangeAction]int{}
	var swaps []string
	for _, c := range f.Changes {
		count[c.GetAction()]++
		if c.GetAction() == planv1.ChangeAction_CHANGE_ACTION_SWAP {
			swaps = append(swaps, or(c.GetName(), c.GetExerciseSlug())+" → "+or(c.GetToName(), c.GetToSlug()))
		}
	}
	var parts []string
	if n := count[planv1.ChangeAction_CHANGE_ACTION_PROGRESS]; n > 0 {
		parts = append(parts, tr(ru, "%d progressed", "с прогрессом: %d", n))
	}
	if n := count[planv1.ChangeAction_CHANGE_ACTION_REGRESS]; n > 0 {
		parts = append(parts, tr(ru, "%d eased", "облегчено: %d", n))
	}
	if len(swaps) > 0 {
		parts = append(parts, tr(ru, "swapped %s", "заменено %s", strings.Join(swaps, ", ")))
	}
	if f.Deload {
		parts = append(parts, tr(ru, "a lighter week to recover", "лёгкая неделя для восстановления"))
	}
	if len(parts) == 0 {
		return ""
	}
	return tr(ru, "The plan adapted to it: %s.", "План подстроился: %s.", strings.Join(parts, ", "))
}

// moved writes an exercise's change: "Goblet squat 16 → 18 kg", "Plank 30 → 45 s".
func moved(e Exercise, ru bool) string {
	b, l := e.Before, e.Last
	switch {
	case b.LoadKg > 0 && l.LoadKg > 0 && b.LoadKg != l.LoadKg:
		return fmt.Sprintf("%s %s → %s", e.Name, num(b.LoadKg, ru), kg(l.LoadKg, ru))
	case l.Reps != b.Reps && b.Reps > 0 && l.Reps > 0:
		return fmt.Sprintf("%s %d → %d %s", e.Name, b.Reps, l.Reps, tr(ru, "reps", "повт."))
	case l.Seconds != b.Seconds:
		return fmt.Sprintf("%s %d → %d %s", e.Name, b.Seconds, l.Seconds, tr(ru, "s", "с"))
	}
	return fmt.Sprintf("%s %d → %d %s", e.Name, b.Distance, l.Distance, tr(ru, "m", "м"))
}

func motivation(f Facts, ru bool) string {
	v := voiceOf(f.Archetype, f.Locale)
	if f.Done == 0 {
		first := tr(ru, "your first session", "первая тренировка")
		if len(f.Holds) > 0 && f.Holds[0].Name != "" {
			first = f.Holds[0].Name
		}
		return fmt.Sprintf(v.none, first)
	}
	pct := int(math.Round(100 * float64(f.Done) / float64(max(f.Planned, 1))))
	var s string
	switch {
	case f.Done >= f.Planned:
		s = fmt.Sprintf(v.all, f.Done, f.Planned, pct)
	case float64(f.Done) >= adapt.MinAdherence*float64(f.Planned):
		s = fmt.Sprintf(v.most, f.Done, f.Planned, pct)
	default:
		s = fmt.Sprintf(v.few, f.Done, f.Planned, pct)
	}
	up, pain := 0, false
	for _, e := range f.Exercises {
		if e.Trend() > 0 {
			up++
		}
		pain = pain || e.Pain > 0
	}
	if up > 0 {
		s += " " + fmt.Sprintf(v.progress, up)
	}
	if pain {
		s += " " + v.pain
	}
	return s
}

func recommendations(f Facts, ru bool) []string {
	var out []string
	add := func(s string) {
		if len(out) < MaxRecommendations {
			out = append(out, s)
		}
	}
	swapped := map[string]string{}
	for _, c := range f.Changes {
		if c.GetAction() == planv1.ChangeAction_CHANGE_ACTION_SWAP {
			swapped[strings.ToLower(c.GetExerciseSlug())] = or(c.GetToName(), c.GetToSlug())
		}
	}
	for _, e := range f.Exercises {
		if e.Pain == 0 {
			continue
		}
		if to, ok := swapped[strings.ToLower(e.Slug)]; ok {
			add(tr(ru, "%s hurt: the next weeks use %s instead. Stop any set that hurts and tell me.",
				"«%s» вызывало боль: дальше вместо него — «%s». Останавливайте подход при боли и отмечайте её.", e.Name, to))
		} else {
			add(tr(ru, "%s hurt: go lighter next time or swap it from the day view, and stop if the pain returns.",
				"«%s» вызывало боль: в следующий раз легче или замените его в дне тренировки, и остановитесь, если боль вернётся.", e.Name))
		}
	}
	missed := f.Planned - f.Done
	if f.Done > 0 && float64(f.Done) < adapt.MinAdherence*float64(f.Planned) {
		s := tr(ru, "You missed %d of %d sessions", "Пропущено %d из %d тренировок", missed, f.Planned)
		switch {
		case f.Deload && f.Next != nil:
			s += tr(ru, ": week %d is lighter — put its %d sessions on fixed days now.", ": неделя %d легче — сразу назначьте её %d тренировки на конкретные дни.", f.Next.Week, f.Next.Sessions)
		case f.Next != nil:
			s += tr(ru, ": put the %d sessions of week %d on fixed days now.", ": сразу назначьте %d тренировки недели %d на конкретные дни.", f.Next.Sessions, f.Next.Week)
		default:
			s += tr(ru, ": fixed days in the calendar make the next plan easier to keep.", ": фиксированные дни в календаре помогут со следующим планом.")
		}
		add(s)
	}
	if f.Done >= 2 && f.Hard*2 > f.Done {
		add(tr(ru, "%d of %d sessions were at your limit: aim for RPE 7–8 next time, 2–3 reps in reserve.",
			"%d из %d тренировок были на пределе: в следующий раз целимся в RPE 7–8, 2–3 повтора в запасе.", f.Hard, f.Done))
	}
	var progress, reduce []string
	for _, e := range f.Exercises {
		if e.Next == nil || e.Pain > 0 {
			continue
		}
		switch e.Next.GetAction() {
		case planv1.SuggestionAction_SUGGESTION_ACTION_PROGRESS:
			progress = append(progress, e.Name+": "+e.Next.GetReason())
		case planv1.SuggestionAction_SUGGESTION_ACTION_REDUCE:
			reduce = append(reduce, e.Name+": "+e.Next.GetReason())
		}
	}
	for _, s := range first(progress, 2) {
		add(s)
	}
	for _, s := range first(reduce, 1) {
		add(s)
	}
	if f.Done > 0 && !f.PerSet {
		add(tr(ru, "Log the load and effort of every set: then the next step is set from your numbers rather than guessed.",
			"Записывайте вес и усилие в каждом подходе: тогда следующий шаг рассчитывается по вашим цифрам, а не наугад."))
	}
	if f.Done == 0 && len(f.Holds) > 0 {
		h := f.Holds[0]
		add(tr(ru, "Start with %s (week %d, day %d) and log each set's load, reps and effort.",
			"Начните с «%s» (неделя %d, день %d) и записывайте вес, повторения и усилие в каждом подходе.", or(h.Name, "day "+strconv.Itoa(int(h.Day))), h.Week, h.Day))
	}
	if len(out) < MinRecommendations && f.Next != nil {
		add(nextWeek(f, ru))
	}
	if len(out) < MinRecommendations {
		add(tr(ru, "Keep your sessions on fixed days: regular weeks are what the plan's progression is built on.",
			"Держите тренировки в фиксированные дни: на регулярных неделях и строится прогрессия плана."))
	}
	return out
}

func nextWeek(f Facts, ru bool) string {
	s := tr(ru, "Next: week %d, %d sessions", "Дальше: неделя %d, тренировок: %d", f.Next.Week, f.Next.Sessions)
	if f.Next.Focus != "" {
		s += " — " + f.Next.Focus
	}
	return s + "."
}

func strategy(f Facts, ru bool) string {
	var b []string
	last := f.To
	goal := ""
	if f.Goal != "" {
		goal = tr(ru, " toward your goal (%s)", " к вашей цели (%s)", strings.TrimSuffix(f.Goal, "."))
	}
	if last >= f.Weeks {
		b = append(b, tr(ru, "This was the plan's last week%s. Next comes a new plan that starts from the loads you reached.",
			"Это последняя неделя плана%s. Дальше — новый план, который начнётся с достигнутых вами весов.", goal))
	} else {
		b = append(b, tr(ru, "%d of %d weeks remain%s.", "Осталось недель: %d из %d%s.", f.Weeks-last, f.Weeks, goal))
		if f.Next != nil {
			b = append(b, nextWeek(f, ru))
		}
		if f.Deload {
			b = append(b, tr(ru, "The adaptation made the next week lighter; after it the loads build again.",
				"Адаптация сделала следующую неделю легче; после неё нагрузка снова растёт."))
		}
		if len(f.Lighter) > 0 {
			ws := make([]string, 0, len(f.Lighter))
			for _, w := range f.Lighter {
				ws = append(ws, strconv.Itoa(int(w)))
			}
			b = append(b, tr(ru, "Lighter weeks to recover: %s.", "Лёгкие недели для восстановления: %s.", strings.Join(ws, ", ")))
		}
		b = append(b, tr(ru, "After each week the plan adapts to your logs: loads go up when you reach the top of the range at RPE 8 or less, and hold or ease when it gets too hard.",
			"После каждой недели план подстраивается под ваши записи: вес растёт, когда вы доходите до верха диапазона при RPE не выше 8, и держится или снижается, когда слишком тяжело."))
	}
	b = append(b, voiceOf(f.Archetype, f.Locale).close)
	return strings.Join(b, " ")
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func quote(s string, ru bool) string {
	if ru {
		return "«" + s + "»"
	}
	return s
}

func locale(l string) string {
	if l == "ru" {
		return "ru"
	}
	return "en"
}

func kg(v float64, ru bool) string { return num(v, ru) + tr(ru, " kg", " кг") }

// num writes 2.5 as "2.5" in English and "2,5" in Russian, without trailing zeros.
func num(v float64, ru bool) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if ru {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

func tr(ru bool, en, rus string, args ...any) string {
	f := en
	if ru {
		f = rus
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}
