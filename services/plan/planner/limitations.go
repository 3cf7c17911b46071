package planner

import "strings"

// risk is a body area a person said hurts, the words that name it (English and Russian
// stems, lower case) and the slug fragments of exercises that load it.
type risk struct {
	en, ru string
	words  []string
	avoid  []string
}

var risks = []risk{
	{
		en: "knees", ru: "колени",
		words: []string{"knee", "menisc", "acl", "patell", "колен", "мениск", "связк"},
		avoid: []string{"jump", "pistol", "lunge", "burpee", "split-squat", "step-up", "high-knees", "thruster", "snatch", "skater", "box", "leg-extension", "wall-sit"},
	},
	{
		en: "back", ru: "спина",
		words: []string{"back", "spine", "lumbar", "disc", "hernia", "sciatica", "спин", "поясниц", "позвон", "грыж", "протруз", "радикулит"},
		avoid: []string{"deadlift", "good-morning", "swing", "clean", "snatch", "bent-over", "superman", "russian-twist", "back-squat", "front-squat", "leg-raise", "burpee", "renegade", "get-up", "thruster"},
	},
	{
		en: "shoulders", ru: "плечи",
		words: []string{"shoulder", "rotator", "плеч", "ротатор"},
		avoid: []string{"overhead", "shoulder-press", "kettlebell-press", "pike", "dips", "pull-up", "chin-up", "snatch", "halo", "get-up", "lateral-raise", "dead-hang", "hanging", "handstand", "flyes", "pec-deck"},
	},
	{
		en: "wrists", ru: "запястья",
		words: []string{"wrist", "запяст"},
		avoid: []string{"push-up", "plank", "mountain-climber", "burpee", "renegade", "dips", "inchworm"},
	},
}

// risksIn returns the body areas the person's limitations mention.
func risksIn(limitations string) []risk {
	text := strings.ToLower(limitations)
	var out []risk
	for _, r := range risks {
		for _, w := range r.words {
			if strings.Contains(text, w) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

func risky(slug string, rs []risk) bool {
	for _, r := range rs {
		for _, a := range r.avoid {
			if strings.Contains(slug, a) {
				return true
			}
		}
	}
	return false
}
