package coaching

import (
	"fmt"
	"io"
	"slices"
	"strings"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// Case is a profile of the evaluation matrix.
type Case struct {
	Name    string
	Profile *planv1.Profile
}

const (
	beg = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	mid = typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE
	adv = typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
)

var gym = []string{"barbell", "bench", "dumbbell", "machine", "pullup_bar", "kettlebell", "band"}

func prof(goal string, level typesv1.FitnessLevel, days, weeks, minutes int32, locale, limitations string, equipment ...string) *planv1.Profile {
	return &planv1.Profile{Goal: goal, FitnessLevel: level, Equipment: equipment, DaysPerWeek: days, DurationWeeks: weeks,
		SessionMinutes: minutes, Limitations: limitations, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: locale}
}

// Matrix is the evaluation matrix: goals of every kind in ru and en, every level, equipment
// from none to a full gym, 2–6 days, 20–90 minutes, 4–12 weeks and knee, back, shoulder,
// wrist, ankle and neck limitations.
func Matrix() []Case {
	explicit := prof("Train for the season", mid, 4, 8, 50, "en", "", "barbell", "bench")
	explicit.Objectives = []planv1.Objective{planv1.Objective_OBJECTIVE_STRENGTH, planv1.Objective_OBJECTIVE_ENDURANCE}
	explicit.Injuries = []typesv1.Joint{typesv1.Joint_JOINT_KNEES}
	mobilityExplicit := prof("Чувствовать себя лучше", beg, 3, 6, 30, "ru", "")
	mobilityExplicit.Objectives = []planv1.Objective{planv1.Objective_OBJECTIVE_MOBILITY, planv1.Objective_OBJECTIVE_GENERAL_HEALTH}
	return []Case{
		{"5 km, bad knees, beginner, none, 3×40, 8 wk (en)", prof("Run my first 5 km without stopping and lose some weight", beg, 3, 8, 40, "en", "bad knees")},
		{"10 km, intermediate, none, 4×45, 10 wk (ru)", prof("Хочу пробежать 10 км быстрее часа", mid, 4, 10, 45, "ru", "")},
		{"strength, intermediate, gym, 4×60, 12 wk (en)", prof("Get stronger in the big lifts", mid, 4, 12, 60, "en", "", gym...)},
		{"first pull-ups, beginner, bar, 3×45, 8 wk (ru)", prof("Подтянуться 10 раз и стать сильнее", beg, 3, 8, 45, "ru", "", "pullup_bar")},
		{"muscle, advanced, gym, 6×75, 12 wk (en)", prof("Build muscle and size", adv, 6, 12, 75, "en", "", gym...)},
		{"muscle, intermediate, dumbbells, 5×60, 8 wk (ru)", prof("Набрать мышечную массу", mid, 5, 8, 60, "ru", "", "dumbbell", "bench")},
		{"fat loss, beginner, none, 3×30, 6 wk (en)", prof("Lose weight and feel lighter", beg, 3, 6, 30, "en", "")},
		{"fat loss, bad back, beginner, dumbbell, 4×45, 12 wk (ru)", prof("Похудеть на 10 кг", beg, 4, 12, 45, "ru", "болит поясница", "dumbbell")},
		{"posture and back pain, beginner, none, 3×30, 4 wk (en)", prof("Fix my posture and back pain", beg, 3, 4, 30, "en", "lower back pain")},
		{"flexibility, beginner, band, 2×20, 4 wk (ru)", prof("Гибкость и здоровье спины", beg, 2, 4, 20, "ru", "", "band")},
		{"health, beginner, none, 2×20, 4 wk (en)", prof("Stay healthy and active", beg, 2, 4, 20, "en", "")},
		{"fitness, intermediate, kettlebell, 3×40, 6 wk (ru)", prof("Быть в хорошей форме", mid, 3, 6, 40, "ru", "", "kettlebell")},
		{"strength, shoulder injury, intermediate, dumbbell+bar, 3×50, 8 wk (en)", prof("Get stronger", mid, 3, 8, 50, "en", "shoulder impingement", "dumbbell", "pullup_bar")},
		{"tone and fat loss, sore wrists, beginner, none, 4×30, 6 wk (en)", prof("Tone up and lose fat", beg, 4, 6, 30, "en", "wrist pain")},
		{"cycling sportive, intermediate, gym, 5×60, 12 wk (en)", prof("Ride a 100 km cycling sportive", mid, 5, 12, 60, "en", "", "machine", "dumbbell")},
		{"marathon, ankles, advanced, none, 6×90, 12 wk (ru)", prof("Марафон через 12 недель", adv, 6, 12, 90, "ru", "ахиллово сухожилие")},
		{"strength+muscle+endurance, advanced, gym, 5×90, 10 wk (en)", prof("Get stronger, build muscle and improve endurance", adv, 5, 10, 90, "en", "", gym...)},
		{"general fitness, intermediate, band+dumbbell, 2×90, 4 wk (en)", prof("General fitness", mid, 2, 4, 90, "en", "", "band", "dumbbell")},
		{"weight loss, knees, beginner, gym, 3×60, 8 wk (ru)", prof("Сбросить вес, колени болят", beg, 3, 8, 60, "ru", "колени", gym...)},
		{"explicit strength+endurance, knees, intermediate, barbell, 4×50, 8 wk (en)", explicit},
		{"hiking trip, beginner, none, 3×45, 6 wk (en)", prof("Prepare for a hiking trip in the mountains", beg, 3, 6, 45, "en", "")},
		{"muscle, neck, intermediate, dumbbell, 3×40, 5 wk (ru)", prof("Укрепить мышцы, болит шея", mid, 3, 5, 40, "ru", "шея", "dumbbell")},
		{"get fit, beginner, none, 6×20, 4 wk (en)", prof("Get fit", beg, 6, 4, 20, "en", "")},
		{"swim and health, intermediate, pool+band, 3×60, 8 wk (en)", prof("Swim further and stay healthy", mid, 3, 8, 60, "en", "", "pool", "band")},
		{"explicit mobility+health, beginner, none, 3×30, 6 wk (ru)", mobilityExplicit},
		{"strength, advanced, barbell, 3×75, 12 wk (ru)", prof("Стать сильнее в приседе и становой", adv, 3, 12, 75, "ru", "", "barbell", "bench")},
	}
}

// Allowed filters a catalog the way the catalog service does for a profile: the exercise's
// equipment is a subset of the person's (bodyweight always), not harder than their level.
func Allowed(all []*catalogv1.Exercise, p *planv1.Profile) []*catalogv1.Exercise {
	have := append([]string{"bodyweight"}, p.GetEquipment()...)
	var out []*catalogv1.Exercise
	for _, e := range all {
		ok := p.GetFitnessLevel() == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED || e.GetDifficulty() <= p.GetFitnessLevel()
		for _, q := range e.GetEquipment() {
			ok = ok && slices.Contains(have, q)
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// Row is one profile's evaluation.
type Row struct {
	Case   Case
	Report Report
	Err    error
}

// WriteTable prints rows as a Markdown table: overall and per-check scores, then the mean.
func WriteTable(w io.Writer, rows []Row) {
	fmt.Fprintf(w, "| profile | overall | %s |\n", strings.Join(Checks, " | "))
	fmt.Fprintf(w, "|---|---:|%s\n", strings.Repeat("---:|", len(Checks)))
	sums := make([]float64, len(Checks))
	overall := 0.0
	for _, r := range rows {
		if r.Err != nil {
			fmt.Fprintf(w, "| %s | error: %v |\n", r.Case.Name, r.Err)
			continue
		}
		cells := make([]string, len(Checks))
		for i, c := range Checks {
			cells[i] = fmt.Sprintf("%.0f", r.Report.Score(c))
			sums[i] += r.Report.Score(c)
		}
		overall += r.Report.Overall
		fmt.Fprintf(w, "| %s | %.1f | %s |\n", r.Case.Name, r.Report.Overall, strings.Join(cells, " | "))
	}
	if len(rows) > 0 {
		cells := make([]string, len(Checks))
		for i := range Checks {
			cells[i] = fmt.Sprintf("%.1f", sums[i]/float64(len(rows)))
		}
		fmt.Fprintf(w, "| **mean** | **%.1f** | %s |\n", overall/float64(len(rows)), strings.Join(cells, " | "))
	}
}
