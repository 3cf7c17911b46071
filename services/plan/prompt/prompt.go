// Package prompt builds the LLM prompts for plan generation from versioned, embedded template
// files (v1/…), in Russian and English, with the voice of the person's coach archetype.
// Changing a prompt means adding a new version directory, so every stored plan can say which
// prompt made it.
package prompt

import (
	"embed"
	"fmt"
	"strings"
	"text/template"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
)

// Version names the prompt files in use; it is stored with every plan.
const Version = "v1"

//go:embed v1
var files embed.FS

// Locales the prompts are written in; anything else gets English.
var locales = []string{"en", "ru"}

// Set is the parsed prompts of one version.
type Set struct {
	system, user, reprompt map[string]*template.Template
	voices                 map[string]string
}

// Load parses the embedded prompts of Version.
func Load() (*Set, error) {
	s := &Set{system: map[string]*template.Template{}, user: map[string]*template.Template{}, reprompt: map[string]*template.Template{}, voices: map[string]string{}}
	funcs := template.FuncMap{"join": strings.Join, "sub": func(a, b int32) int32 { return a - b }}
	for _, loc := range locales {
		for name, dst := range map[string]map[string]*template.Template{"system": s.system, "user": s.user, "reprompt": s.reprompt} {
			path := fmt.Sprintf("%s/%s.%s.tmpl", Version, name, loc)
			b, err := files.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("prompt: %w", err)
			}
			t, err := template.New(path).Funcs(funcs).Option("missingkey=error").Parse(string(b))
			if err != nil {
				return nil, fmt.Errorf("prompt: %w", err)
			}
			dst[loc] = t
		}
		for _, a := range []string{"mentor", "professional", "peer"} {
			b, err := files.ReadFile(fmt.Sprintf("%s/voice.%s.%s.txt", Version, a, loc))
			if err != nil {
				return nil, fmt.Errorf("prompt: %w", err)
			}
			s.voices[a+"."+loc] = strings.TrimSpace(string(b))
		}
	}
	return s, nil
}

// Prompt is the conversation that asks for a plan.
type Prompt struct {
	System, User string
}

type exerciseLine struct {
	Slug, Name, Muscles, Difficulty string
}

type data struct {
	Voice, Goal, Level, Limitations string
	Days, Weeks, Minutes            int32
	Equipment                       []string
	Exercises                       []exerciseLine
}

// Build writes the prompt for a profile and the exercises it may use.
func (s *Set) Build(p *planv1.Profile, allowed []*catalogv1.Exercise) (Prompt, error) {
	loc := locale(p.GetLocale())
	d := data{
		Voice:       s.voices[archetype(p.GetArchetype())+"."+loc],
		Goal:        p.GetGoal(),
		Level:       level(p.GetFitnessLevel(), loc),
		Limitations: p.GetLimitations(),
		Days:        p.GetDaysPerWeek(),
		Weeks:       p.GetDurationWeeks(),
		Minutes:     p.GetSessionMinutes(),
		Equipment:   p.GetEquipment(),
		Exercises:   make([]exerciseLine, 0, len(allowed)),
	}
	for _, e := range allowed {
		name := e.GetName().GetEn()
		if loc == "ru" && e.GetName().GetRu() != "" {
			name = e.GetName().GetRu()
		}
		d.Exercises = append(d.Exercises, exerciseLine{
			Slug: e.GetSlug(), Name: name, Muscles: strings.Join(e.GetMuscleGroups(), ", "), Difficulty: level(e.GetDifficulty(), "en"),
		})
	}
	var sys, usr strings.Builder
	if err := s.system[loc].Execute(&sys, d); err != nil {
		return Prompt{}, fmt.Errorf("prompt: %w", err)
	}
	if err := s.user[loc].Execute(&usr, d); err != nil {
		return Prompt{}, fmt.Errorf("prompt: %w", err)
	}
	return Prompt{System: sys.String(), User: usr.String()}, nil
}

// Reprompt asks the model to fix the violations of its last answer; at most maxListed are
// listed, the most useful first (as the validator sorted them).
func (s *Set) Reprompt(loc string, vs []aiplan.Violation) (string, error) {
	const maxListed = 30
	if len(vs) > maxListed {
		vs = vs[:maxListed]
	}
	var b strings.Builder
	if err := s.reprompt[locale(loc)].Execute(&b, vs); err != nil {
		return "", fmt.Errorf("prompt: %w", err)
	}
	return b.String(), nil
}

func locale(l string) string {
	if l == "ru" {
		return "ru"
	}
	return "en"
}

func archetype(a typesv1.Archetype) string {
	switch a {
	case typesv1.Archetype_ARCHETYPE_PROFESSIONAL:
		return "professional"
	case typesv1.Archetype_ARCHETYPE_PEER:
		return "peer"
	default:
		return "mentor"
	}
}

func level(l typesv1.FitnessLevel, loc string) string {
	en := map[typesv1.FitnessLevel]string{
		typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER: "beginner", typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE: "intermediate", typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED: "advanced",
	}
	ru := map[typesv1.FitnessLevel]string{
		typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER: "начинающий", typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE: "средний", typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED: "продвинутый",
	}
	if loc == "ru" {
		return ru[l]
	}
	if s, ok := en[l]; ok {
		return s
	}
	return "any"
}
