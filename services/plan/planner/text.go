package planner

import (
	"fmt"
	"strings"
	"unicode/utf8"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/goals"
)

// text picks the English or Russian form.
func text(ru bool, en, rus string) string {
	if ru {
		return rus
	}
	return en
}

// Plural returns the Russian form of a noun for n: one (1, 21 неделя), few (2–4, 22 недели)
// or many (5–20, 25 недель), the rule Intl.PluralRules("ru") applies.
func Plural(n int, one, few, many string) string {
	n %= 100
	if n >= 11 && n <= 14 {
		return many
	}
	switch n % 10 {
	case 1:
		return one
	case 2, 3, 4:
		return few
	}
	return many
}

var objectiveNames = map[planv1.Objective][2]string{
	planv1.Objective_OBJECTIVE_ENDURANCE:      {"Endurance", "Выносливость"},
	planv1.Objective_OBJECTIVE_STRENGTH:       {"Strength", "Сила"},
	planv1.Objective_OBJECTIVE_HYPERTROPHY:    {"Muscle building", "Набор мышечной массы"},
	planv1.Objective_OBJECTIVE_FAT_LOSS:       {"Fat loss", "Снижение веса"},
	planv1.Objective_OBJECTIVE_MOBILITY:       {"Mobility", "Мобильность"},
	planv1.Objective_OBJECTIVE_GENERAL_HEALTH: {"Health and fitness", "Здоровье и форма"},
}

func objectiveName(o planv1.Objective, ru bool) string {
	n := objectiveNames[o]
	return text(ru, n[0], n[1])
}

var jointNames = map[typesv1.Joint][2]string{
	typesv1.Joint_JOINT_KNEES:      {"knees", "колени"},
	typesv1.Joint_JOINT_LOWER_BACK: {"lower back", "поясница"},
	typesv1.Joint_JOINT_SHOULDERS:  {"shoulders", "плечи"},
	typesv1.Joint_JOINT_WRISTS:     {"wrists", "запястья"},
	typesv1.Joint_JOINT_HIPS:       {"hips", "тазобедренные суставы"},
	typesv1.Joint_JOINT_ANKLES:     {"ankles", "голеностопы"},
	typesv1.Joint_JOINT_NECK:       {"neck", "шея"},
}

func planName(g goals.Goals, weeks, days int32, ru bool) string {
	names := make([]string, 0, len(g.Objectives))
	for _, o := range g.Objectives {
		names = append(names, objectiveName(o, ru))
	}
	if ru {
		return fmt.Sprintf("%s: %d %s, %d %s в неделю", strings.Join(names, " + "),
			weeks, Plural(int(weeks), "неделя", "недели", "недель"), days, Plural(int(days), "тренировка", "тренировки", "тренировок"))
	}
	return fmt.Sprintf("%s: %d weeks, %d workouts a week", strings.Join(names, " + "), weeks, days)
}

// goalText makes the plan's goal from the person's words, which may be shorter than the ten
// characters a plan goal needs, and never longer than its 300.
func goalText(goal string, weeks int32, ru bool) string {
	goal = strings.TrimSpace(goal)
	if utf8.RuneCountInString(goal) < 10 {
		if ru {
			goal = fmt.Sprintf("%s — план на %d %s", goal, weeks, Plural(int(weeks), "неделю", "недели", "недель"))
		} else {
			goal = fmt.Sprintf("%s — a %d-week plan", goal, weeks)
		}
	}
	return truncate(goal, 300)
}

// notes says what the plan does for the person; every sentence is true of the plan.
func notes(d *design, ru bool) string {
	var parts []string
	names := make([]string, 0, len(d.goals.Objectives))
	for _, o := range d.goals.Objectives {
		names = append(names, strings.ToLower(objectiveName(o, ru)))
	}
	parts = append(parts, text(ru, "Built for: ", "Цели: ")+strings.Join(names, ", ")+".")
	if len(d.goals.Injuries) > 0 {
		js := make([]string, 0, len(d.goals.Injuries))
		for _, j := range d.goals.Injuries {
			js = append(js, text(ru, jointNames[j][0], jointNames[j][1]))
		}
		parts = append(parts, text(ru, "No exercise in this plan loads your ", "Ни одно упражнение плана не нагружает: ")+strings.Join(js, ", ")+
			text(ru, "; stop any movement that hurts.", "; прекращайте любое движение, которое вызывает боль."))
	}
	if a := d.activity(); d.goals.Has(planv1.Objective_OBJECTIVE_ENDURANCE) && wantsRunning(d.p.GetGoal()) && a != nil && !strings.Contains(a.GetSlug(), "run") {
		parts = append(parts, text(ru, "Running would load your injured joints, so the endurance work is ", "Бег нагрузил бы травмированные суставы, поэтому выносливость развиваем так: ")+
			strings.ToLower(text(ru, a.GetName().GetEn(), a.GetName().GetRu()))+".")
	}
	if d.deloadEvery > 0 && d.weeks >= d.deloadEvery {
		parts = append(parts, text(ru,
			fmt.Sprintf("Every %s week is a lighter deload week.", ordinal(d.deloadEvery)),
			fmt.Sprintf("Каждая %d-я неделя — разгрузочная.", d.deloadEvery)))
	}
	if d.goals.Event {
		parts = append(parts, text(ru, "The last week tapers so you arrive fresh.", "Последняя неделя облегчена, чтобы вы подошли к старту свежими."))
	}
	if d.hasReps {
		parts = append(parts, text(ru, "When you make the top of the range on every set, add a little load or a harder variation.",
			"Когда выполняете верх диапазона во всех подходах, добавьте немного веса или усложните вариант."))
	}
	if d.goals.Has(planv1.Objective_OBJECTIVE_FAT_LOSS) || d.goals.Has(planv1.Objective_OBJECTIVE_GENERAL_HEALTH) || d.goals.Has(planv1.Objective_OBJECTIVE_ENDURANCE) {
		parts = append(parts, text(ru, "On rest days walk 20–30 minutes: it counts.", "В дни отдыха гуляйте 20–30 минут — это тоже тренировка."))
	}
	out := ""
	for _, p := range parts {
		if utf8.RuneCountInString(out)+1+utf8.RuneCountInString(p) > 500 {
			break
		}
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}

func ordinal(n int32) string {
	switch n {
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func restDay(d int32, ru bool) *planv1.Day {
	return &planv1.Day{DayNumber: d, WorkoutName: text(ru, "Rest day", "День отдыха"), IsRestDay: true,
		ConfidenceTask: text(ru, "Recover: an easy 20–30 minute walk, a few minutes of stretching and a good night's sleep",
			"Восстановление: спокойная прогулка 20–30 минут, несколько минут растяжки и крепкий сон")}
}

var confidenceTasks = [][2]string{
	{"Finish every set with clean form, even if you slow down", "Выполните каждый подход с чистой техникой, даже если придётся замедлиться"},
	{"Write down how hard each exercise felt on a 1–10 scale", "Запишите, насколько тяжело далось каждое упражнение, по шкале 1–10"},
	{"Keep rests to the prescribed time", "Соблюдайте указанное время отдыха"},
	{"Breathe out on the effort in every rep", "Выдыхайте на усилии в каждом повторении"},
	{"Stay at the effort the plan asks for: leave the reps in reserve it says", "Держите заданное усилие: оставляйте указанный запас повторений"},
	{"Film one set and check your form", "Снимите один подход на видео и проверьте технику"},
}

func confidenceTask(i int, ru bool) string {
	t := confidenceTasks[i%len(confidenceTasks)]
	return text(ru, t[0], t[1])
}

// wantsRunning reports whether a goal names running.
func wantsRunning(goal string) bool {
	goal = strings.ToLower(goal)
	for _, w := range activities[0].words {
		if strings.Contains(goal, w) {
			return true
		}
	}
	return false
}
