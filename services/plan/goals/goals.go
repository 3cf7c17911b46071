// Package goals reads what a person trains for and what they must spare from their profile:
// the explicit objectives and injuries first, then the free-text goal and limitations (ru and
// en keywords), so an API client that sends only text still gets a plan for its whole goal.
package goals

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// MaxObjectives is how many objectives a plan serves; more would spread a week too thin.
const MaxObjectives = 3

// Goals is what a plan must serve and respect.
type Goals struct {
	// Objectives in priority order, never empty: the first is the primary.
	Objectives []planv1.Objective
	// Injuries are the joints no exercise of the plan may stress.
	Injuries []typesv1.Joint
	// Event is set when the goal names an event (a race, a first 5 km): the last week tapers.
	Event bool
}

// Has reports whether o is one of the objectives.
func (g Goals) Has(o planv1.Objective) bool { return slices.Contains(g.Objectives, o) }

// Primary is the first objective.
func (g Goals) Primary() planv1.Objective { return g.Objectives[0] }

// Spares reports whether j is one of the injuries.
func (g Goals) Spares(j typesv1.Joint) bool { return slices.Contains(g.Injuries, j) }

// Read derives the goals of a profile.
func Read(p *planv1.Profile) Goals {
	var g Goals
	for _, o := range p.GetObjectives() {
		if o != planv1.Objective_OBJECTIVE_UNSPECIFIED && !slices.Contains(g.Objectives, o) {
			g.Objectives = append(g.Objectives, o)
		}
	}
	text := strings.ToLower(p.GetGoal())
	// Objectives named in the text join the explicit ones, in the order they appear in it.
	for _, o := range objectivesIn(text) {
		if !slices.Contains(g.Objectives, o) {
			g.Objectives = append(g.Objectives, o)
		}
	}
	if len(g.Objectives) > MaxObjectives {
		g.Objectives = g.Objectives[:MaxObjectives]
	}
	if len(g.Objectives) == 0 {
		g.Objectives = []planv1.Objective{planv1.Objective_OBJECTIVE_GENERAL_HEALTH}
	}
	for _, j := range p.GetInjuries() {
		if j != typesv1.Joint_JOINT_UNSPECIFIED && !slices.Contains(g.Injuries, j) {
			g.Injuries = append(g.Injuries, j)
		}
	}
	for _, j := range jointsIn(strings.ToLower(p.GetLimitations())) {
		if !slices.Contains(g.Injuries, j) {
			g.Injuries = append(g.Injuries, j)
		}
	}
	g.Event = containsAny(text, eventWords)
	return g
}

// keyword lists are word stems: a stem matches inside a longer word ("бег" in "бегать").
var objectiveWords = []struct {
	o     planv1.Objective
	stems []string
}{
	{planv1.Objective_OBJECTIVE_ENDURANCE, []string{
		"run", "5 km", "5km", "10 km", "10km", "5k", "10k", "marathon", "jog", "endurance", "stamina",
		"cardio", "hike", "hiking", "cycl", "bike", "swim", "rowing", "triathlon", "race",
		"бег", "пробеж", "км", "марафон", "выносл", "кардио", "велосип", "поход", "плаван", "забег", "дистанц",
	}},
	{planv1.Objective_OBJECTIVE_STRENGTH, []string{
		"strong", "strength", "pull-up", "pullup", "pull up", "chin-up", "push-up", "lift", "deadlift", "powerlift",
		"сил", "подтяг", "отжим", "жим", "станов", "крепче", "крепк",
	}},
	{planv1.Objective_OBJECTIVE_HYPERTROPHY, []string{
		"muscle", "mass", "bulk", "hypertroph", "bigger", "tone", "toned", "physique",
		"мышц", "масс", "рельеф", "подкач", "накач", "гипертроф",
	}},
	{planv1.Objective_OBJECTIVE_FAT_LOSS, []string{
		"lose", "weight", "fat", "lean", "slim", "burn", "shred",
		"похуд", "сбрось", "сбросить", "лишн", "снизить вес", "жир", "стройн", "сушк",
	}},
	{planv1.Objective_OBJECTIVE_MOBILITY, []string{
		"mobil", "flexib", "stretch", "posture", "back pain", "stiff", "yoga", "move better", "pain-free",
		"гибк", "растяж", "мобильн", "осанк", "боль в спин", "спина болит", "скован",
	}},
	{planv1.Objective_OBJECTIVE_GENERAL_HEALTH, []string{
		"health", "fit", "active", "energy", "wellbeing", "well-being", "longevity", "shape",
		"здоров", "актив", "самочувств", "энерг", "форм", "тонус", "бодр",
	}},
}

var eventWords = []string{"race", "first 5", "5 km", "5km", "5k", "10k", "10 km", "marathon", "event", "competition",
	"забег", "соревнован", "марафон", "первые 5", "5 км", "10 км"}

// objectivesIn returns the objectives the text names, ordered by where each is first named.
func objectivesIn(text string) []planv1.Objective {
	type hit struct {
		o   planv1.Objective
		pos int
	}
	var hits []hit
	for _, ow := range objectiveWords {
		best := -1
		for _, s := range ow.stems {
			if i := indexWord(text, s); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			hits = append(hits, hit{ow.o, best})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.pos - b.pos })
	out := make([]planv1.Objective, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.o)
	}
	return out
}

var jointWords = []struct {
	j     typesv1.Joint
	stems []string
}{
	{typesv1.Joint_JOINT_KNEES, []string{"knee", "menisc", "acl", "patell", "колен", "мениск"}},
	{typesv1.Joint_JOINT_LOWER_BACK, []string{"back", "spine", "lumbar", "disc", "hernia", "sciatica",
		"спин", "поясниц", "позвоноч", "грыж", "протруз", "ишиас"}},
	{typesv1.Joint_JOINT_SHOULDERS, []string{"shoulder", "rotator", "плеч", "ротатор"}},
	{typesv1.Joint_JOINT_WRISTS, []string{"wrist", "carpal", "запяст", "кист"}},
	{typesv1.Joint_JOINT_HIPS, []string{"hip", "тазобедр", "бедр"}},
	{typesv1.Joint_JOINT_ANKLES, []string{"ankle", "achilles", "голеностоп", "лодыж", "ахилл"}},
	{typesv1.Joint_JOINT_NECK, []string{"neck", "cervical", "шея", "шеи", "шейн"}},
}

// negations are phrases after which a joint is not a limitation ("no knee problems").
var negations = []string{"no ", "none", "нет ", "без "}

// jointsIn returns the joints a limitations text names.
func jointsIn(text string) []typesv1.Joint {
	text = strings.TrimSpace(text)
	if text == "" || text == "none" || text == "нет" || text == "no" {
		return nil
	}
	var out []typesv1.Joint
	for _, jw := range jointWords {
		for _, s := range jw.stems {
			i := indexWord(text, s)
			if i < 0 || negated(text[:i]) {
				continue
			}
			out = append(out, jw.j)
			break
		}
	}
	return out
}

// negated reports whether the words just before a match deny it ("no knee pain").
func negated(before string) bool {
	if len(before) > 12 {
		before = before[len(before)-12:]
	}
	for _, n := range negations {
		if strings.HasSuffix(strings.TrimRight(before, " "), strings.TrimSpace(n)) {
			return true
		}
	}
	return false
}

func containsAny(text string, stems []string) bool {
	for _, s := range stems {
		if indexWord(text, s) >= 0 {
			return true
		}
	}
	return false
}

// indexWord returns where stem first starts a word of text, or -1: "бег" is found in "бегать"
// but not in "избегать", "run" in "running" but not in "brunch".
func indexWord(text, stem string) int {
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], stem)
		if i < 0 {
			return -1
		}
		i += off
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if i == 0 || !unicode.IsLetter(r) {
			return i
		}
		off = i + len(stem)
	}
	return -1
}
