// Command gencaptions writes the starter clips' WebVTT captions, in English and Russian, into
// ../media/captions: for an exercise's clips the words come from the starter catalog (the
// exercise's name and description), for the global clips from the coach's lines below, one
// voice per archetype. Run it with `go generate ./services/video/starter` after changing the
// starter catalog or clips.json; a test fails while the committed files differ from its output.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/video/starter"
)

func main() {
	catalog := flag.String("catalog", "../../catalog/starter/exercises.json", "the starter catalog")
	out := flag.String("out", "media/captions", "directory the .vtt files are written to")
	flag.Parse()
	raw, err := os.ReadFile(*catalog)
	if err != nil {
		log.Fatal(err)
	}
	files, err := generate(raw)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(*out, filepath.Base(name)), body, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("gencaptions: %d files in %s\n", len(files), *out)
}

// exercise is what captions need of a starter catalog entry.
type exercise struct {
	Slug        string            `json:"slug"`
	Name        map[string]string `json:"name"`
	Description map[string]string `json:"description"`
}

// generate returns the caption files of every starter clip by their local_path.
func generate(catalogJSON []byte) (map[string][]byte, error) {
	var exs []exercise
	if err := json.Unmarshal(catalogJSON, &exs); err != nil {
		return nil, fmt.Errorf("starter catalog: %w", err)
	}
	bySlug := make(map[string]exercise, len(exs))
	for _, e := range exs {
		bySlug[e.Slug] = e
	}
	clips, err := starter.Clips()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, c := range clips {
		for _, l := range starter.CaptionLocales {
			name := starter.CaptionPath(c, l.Locale)
			if _, done := files[name]; done {
				continue
			}
			var title, text string
			if slug := c.GetExerciseSlug(); slug != "" {
				e, ok := bySlug[slug]
				if !ok {
					return nil, fmt.Errorf("clip of %q: not in the starter catalog", slug)
				}
				title, text = exerciseLines(e, c.GetKind(), l.Locale)
			} else {
				lines, ok := coachLines[c.GetKind()][c.GetArchetype()]
				if !ok {
					return nil, fmt.Errorf("no coach lines for %s %s", c.GetKind(), c.GetArchetype())
				}
				title, text = lines[l.Locale][0], lines[l.Locale][1]
			}
			files[name] = vtt(title, text, c.GetDurationSeconds())
		}
	}
	return files, nil
}

// kindTitles name what an exercise clip shows, after the exercise's name.
var kindTitles = map[typesv1.ClipKind]map[string]string{
	typesv1.ClipKind_CLIP_KIND_TECHNIQUE:   {"en": "technique", "ru": "техника"},
	typesv1.ClipKind_CLIP_KIND_INSTRUCTION: {"en": "how to do it", "ru": "как выполнять"},
	typesv1.ClipKind_CLIP_KIND_MISTAKE:     {"en": "common mistakes", "ru": "частые ошибки"},
}

// exerciseLines are the two things an exercise clip's captions say: its name and role, then
// the description's first sentence (technique), the rest of it (instruction), or the first
// sentence as the check that catches the common mistakes.
func exerciseLines(e exercise, kind typesv1.ClipKind, locale string) (title, text string) {
	title = e.Name[locale] + ": " + kindTitles[kind][locale]
	sentences := splitSentences(e.Description[locale])
	switch {
	case len(sentences) == 0:
		text = e.Name[locale]
	case kind == typesv1.ClipKind_CLIP_KIND_INSTRUCTION && len(sentences) > 1:
		text = strings.Join(sentences[1:], " ")
	case kind == typesv1.ClipKind_CLIP_KIND_MISTAKE:
		check := map[string]string{"en": "Check yourself: ", "ru": "Проверьте себя: "}[locale]
		text = check + lowerFirst(sentences[0])
	default:
		text = sentences[0]
	}
	return title, text
}

// coachLines are the global clips' words per kind and archetype, each a title and a line.
var coachLines = map[typesv1.ClipKind]map[typesv1.Archetype]map[string][2]string{
	typesv1.ClipKind_CLIP_KIND_INTRO: {
		typesv1.Archetype_ARCHETYPE_UNSPECIFIED:  {"en": {"Workout intro", "Warm up, then follow each exercise at your own pace."}, "ru": {"Вступление к тренировке", "Разомнитесь и выполняйте каждое упражнение в своём темпе."}},
		typesv1.Archetype_ARCHETYPE_MENTOR:       {"en": {"Welcome back", "I am with you the whole way. Start easy and breathe steadily."}, "ru": {"С возвращением", "Я с вами на всём пути. Начните спокойно и дышите ровно."}},
		typesv1.Archetype_ARCHETYPE_PROFESSIONAL: {"en": {"Today's session", "Quality first: controlled reps, full range, planned rest."}, "ru": {"Сегодняшняя тренировка", "Сначала качество: подконтрольные повторы, полная амплитуда, отдых по плану."}},
		typesv1.Archetype_ARCHETYPE_PEER:         {"en": {"Let's go!", "We train together today. Warm up and let's get moving."}, "ru": {"Поехали!", "Сегодня тренируемся вместе. Разминка — и вперёд."}},
	},
	typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION: {
		typesv1.Archetype_ARCHETYPE_UNSPECIFIED:  {"en": {"A week done", "Every workout this week counts. Keep the rhythm."}, "ru": {"Неделя позади", "Каждая тренировка этой недели на счету. Держите ритм."}},
		typesv1.Archetype_ARCHETYPE_MENTOR:       {"en": {"Proud of your week", "Small steps add up. Rest well and come back ready."}, "ru": {"Горжусь вашей неделей", "Маленькие шаги складываются. Отдохните и возвращайтесь готовыми."}},
		typesv1.Archetype_ARCHETYPE_PROFESSIONAL: {"en": {"Week complete", "Consistency drives progress. Next week builds on this one."}, "ru": {"Неделя выполнена", "Прогресс даёт регулярность. Следующая неделя опирается на эту."}},
		typesv1.Archetype_ARCHETYPE_PEER:         {"en": {"We did it!", "Another week in the bag. High five, see you next week."}, "ru": {"Мы сделали это!", "Ещё одна неделя за плечами. Дай пять, до следующей недели."}},
	},
	typesv1.ClipKind_CLIP_KIND_REST_DAY: {
		typesv1.Archetype_ARCHETYPE_UNSPECIFIED:  {"en": {"Rest day", "Recovery is part of training. Walk, stretch and sleep well."}, "ru": {"День отдыха", "Восстановление — часть тренировок. Гуляйте, тянитесь и высыпайтесь."}},
		typesv1.Archetype_ARCHETYPE_MENTOR:       {"en": {"Time to recover", "Be kind to your body today. Light movement, plenty of water."}, "ru": {"Время восстановиться", "Будьте бережны к телу сегодня. Лёгкое движение и много воды."}},
		typesv1.Archetype_ARCHETYPE_PROFESSIONAL: {"en": {"Planned recovery", "Muscles adapt while you rest. Keep today's activity light."}, "ru": {"Плановое восстановление", "Мышцы адаптируются во время отдыха. Сегодня только лёгкая активность."}},
		typesv1.Archetype_ARCHETYPE_PEER:         {"en": {"Chill day", "No workout today. Take a walk and recharge with me."}, "ru": {"День без нагрузки", "Сегодня без тренировки. Прогуляемся и зарядимся энергией."}},
	},
	typesv1.ClipKind_CLIP_KIND_CLOSING: {
		typesv1.Archetype_ARCHETYPE_UNSPECIFIED:  {"en": {"Great work", "Workout complete. Cool down and log how it went."}, "ru": {"Отличная работа", "Тренировка завершена. Остыньте и отметьте, как всё прошло."}},
		typesv1.Archetype_ARCHETYPE_MENTOR:       {"en": {"Well done", "You showed up and finished. Stretch gently and rest."}, "ru": {"Молодцы", "Вы пришли и довели дело до конца. Мягко потянитесь и отдохните."}},
		typesv1.Archetype_ARCHETYPE_PROFESSIONAL: {"en": {"Session complete", "Log your sets and effort so the next plan fits you."}, "ru": {"Тренировка завершена", "Запишите подходы и усилие, чтобы следующий план подошёл вам."}},
		typesv1.Archetype_ARCHETYPE_PEER:         {"en": {"Done and dusted!", "That was a good one. Grab some water, you earned it."}, "ru": {"Готово!", "Хорошо поработали. Попейте воды — вы это заслужили."}},
	},
}

// vtt renders a title cue over the first ~30 % of the clip, then text in cues of at most two
// lines of at most 42 characters sharing the rest of the duration, every cue ending within it.
func vtt(title, text string, durationSeconds int32) []byte {
	total := int(durationSeconds) * 1000
	titleEnd := total * 3 / 10
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	cue := func(n, start, end int, lines []string) {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", n, stamp(start), stamp(end), strings.Join(lines, "\n"))
	}
	cue(1, 0, titleEnd, wrap(title, 42))
	lines := wrap(text, 42)
	var chunks [][]string
	for i := 0; i < len(lines); i += 2 {
		chunks = append(chunks, lines[i:min(i+2, len(lines))])
	}
	step := (total - titleEnd) / len(chunks)
	for i, c := range chunks {
		start := titleEnd + i*step
		end := start + step
		if i == len(chunks)-1 {
			end = total
		}
		cue(i+2, start, end, c)
	}
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

// stamp formats milliseconds as a WebVTT timestamp, hh:mm:ss.ttt.
func stamp(ms int) string {
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// wrap breaks text into lines of at most width characters at spaces (a longer word stands
// alone on its line).
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// splitSentences splits a description at ". ", "! " and "? ".
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			if t := strings.TrimSpace(s[start : i+1]); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// lowerFirst lower-cases the first letter, so a sentence reads on after "Check yourself: ".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}
