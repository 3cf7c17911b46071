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
const Version = "v2"

//go:embed v2
var files embed.FS

// Locales the prompts are written in; anything else gets English.
var locales = []string{"en", "ru"}

// Set is the parsed prompts of one version.
type Set struct {
	system, outline, day, reprompt map[string]*template.Template
	voices                         map[string]string
}

// Load parses the embedded prompts of Version.
func Load() (*Set, error) {
	s := &Set{
		system: map[string]*template.Template{}, outline: map[string]*template.Template{}, day: map[string]*template.Template{},
		reprompt: map[string]*template.Template{}, voices: map[string]string{},
	}
	funcs := template.FuncMap{"join": strings.Join}
	for _, loc := range locales {
		for name, dst := range map[string]map[string]*template.Template{"system": s.system, "outline": s.outline, "day": s.day, "reprompt": s.reprompt} {
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

// Prompt is a conversation's opening: the system message and the request.
type Prompt struct {
	System, User string
}

// Session is a training day of the week as the prompts describe it.
type Session struct {
	Day         int32
	Name, Focus string
	// Minutes is the session's length; Blocks its parts with their minutes, in order
	// ("warmup 5 min, main 20 min, ..."); Patterns the movement patterns it must train.
	Minutes          int32
	Blocks, Patterns string
}

type data struct {
	Voice, Goal, Level, Limitations string
	Days, Weeks, Minutes            int32
	Equipment                       []string
	Week                            []Session
	Day                             Session
	MinExercises, MaxExercises      int32
	// Exercises is the allowed list, one "slug: name; muscles; difficulty; counted in;
	// patterns" line each, written without the template engine: it is most of a day prompt.
	Exercises string
}

func (s *Set) data(p *planv1.Profile, week []Session) data {
	loc := locale(p.GetLocale())
	return data{
		Voice:       s.voices[archetype(p.GetArchetype())+"."+loc],
		Goal:        p.GetGoal(),
		Level:       level(p.GetFitnessLevel(), loc),
		Limitations: p.GetLimitations(),
		Days:        int32(len(week)),
		Weeks:       p.GetDurationWeeks(),
		Minutes:     p.GetSessionMinutes(),
		Equipment:   p.GetEquipment(),
		Week:        week,
	}
}

func (s *Set) render(t map[string]*template.Template, loc string, d data) (string, error) {
	var b strings.Builder
	if err := t[locale(loc)].Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompt: %w", err)
	}
	return b.String(), nil
}

// Outline writes the prompt for the plan's outline.
func (s *Set) Outline(p *planv1.Profile, week []Session) (Prompt, error) {
	d := s.data(p, week)
	sys, err := s.render(s.system, p.GetLocale(), d)
	if err != nil {
		return Prompt{}, err
	}
	usr, err := s.render(s.outline, p.GetLocale(), d)
	return Prompt{System: sys, User: usr}, err
}

// Day writes the prompt for one training day, which may use only the allowed exercises. The
// allowed list comes before the day's request so that the days of a plan share a long
// identical prefix, which providers with prompt caching bill once.
func (s *Set) Day(p *planv1.Profile, week []Session, day Session, minExercises, maxExercises int32, allowed []*catalogv1.Exercise) (Prompt, error) {
	loc := locale(p.GetLocale())
	d := s.data(p, week)
	d.Day, d.MinExercises, d.MaxExercises = day, minExercises, maxExercises
	var b strings.Builder
	b.Grow(len(allowed) * 96)
	for _, e := range allowed {
		name := e.GetName().GetEn()
		if loc == "ru" && e.GetName().GetRu() != "" {
			name = e.GetName().GetRu()
		}
		for _, part := range []string{e.GetSlug(), ": ", name, "; ", strings.Join(e.GetMuscleGroups(), ", "), "; ", level(e.GetDifficulty(), "en"),
			"; ", measures(e.GetMeasurement()), "; ", patterns(e.GetPatterns()), "\n"} {
			b.WriteString(part)
		}
	}
	d.Exercises = b.String()
	sys, err := s.render(s.system, loc, d)
	if err != nil {
		return Prompt{}, err
	}
	usr, err := s.render(s.day, loc, d)
	return Prompt{System: sys, User: usr}, err
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

func measures(m typesv1.Measurement) string {
	switch m {
	case typesv1.Measurement_MEASUREMENT_TIME:
		return "time"
	case typesv1.Measurement_MEASUREMENT_DISTANCE:
		return "distance"
	}
	return "reps"
}

func patterns(ps []typesv1.MovementPattern) string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, PatternName(p))
	}
	return strings.Join(out, ", ")
}

// PatternName is a movement pattern as the prompts write it, e.g. "knee_dominant".
func PatternName(p typesv1.MovementPattern) string {
	return strings.ToLower(strings.TrimPrefix(p.String(), "MOVEMENT_PATTERN_"))
}

// Voice is the coach archetype's voice in the locale, for prompts written outside this
// package (adaptations, reports).
func (s *Set) Voice(a typesv1.Archetype, loc string) string {
	return s.voices[archetype(a)+"."+locale(loc)]
}
