package generate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/fnv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
)

// Limits OpenAI puts on enums in strict structured output; past them the allowed slugs are
// listed in the prompt only, and the whitelist step catches strays.
const (
	maxEnumValues = 500
	maxEnumChars  = 15000
)

// whitelist is the allowed set of one generation, looked up by slug or code, any case.
type whitelist struct {
	byKey map[string]*catalogv1.Exercise
	slugs []string
	key   string
}

func newWhitelist(allowed []*catalogv1.Exercise) *whitelist {
	w := &whitelist{byKey: make(map[string]*catalogv1.Exercise, 2*len(allowed)), slugs: make([]string, 0, len(allowed))}
	h := sha256.New()
	for _, e := range allowed {
		w.byKey[strings.ToLower(e.GetSlug())] = e
		if e.GetCode() != "" {
			w.byKey[strings.ToLower(e.GetCode())] = e
		}
		w.slugs = append(w.slugs, e.GetSlug())
		h.Write([]byte(e.GetSlug()))
		h.Write([]byte{0})
	}
	w.key = hex.EncodeToString(h.Sum(nil))
	return w
}

// lookup finds an allowed exercise by slug or code, case-insensitively.
func (w *whitelist) lookup(slugOrCode string) (*catalogv1.Exercise, bool) {
	e, ok := w.byKey[strings.ToLower(slugOrCode)]
	return e, ok
}

// enum returns the slugs to put in the schema, or nil when they do not fit.
func (w *whitelist) enum() []string {
	if len(w.slugs) > maxEnumValues {
		return nil
	}
	n := 0
	for _, s := range w.slugs {
		n += len(s)
	}
	if n > maxEnumChars {
		return nil
	}
	return w.slugs
}

// schema returns the strict JSON Schema of a message with allowed slugs as its enum, derived
// from the proto and its rules, computed once per key (message and allowed set).
func (g *Generator) schema(key string, md protoreflect.MessageDescriptor, slugs []string) ([]byte, error) {
	g.mu.Lock()
	s, ok := g.schemas[key]
	g.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := aiplan.JSONSchema(md, slugs)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	// Allowed sets change rarely (equipment × level, and catalog edits): a small cap is plenty.
	if len(g.schemas) > 256 {
		clear(g.schemas)
	}
	g.schemas[key] = s
	g.mu.Unlock()
	return s, nil
}

// substitute rewrites every exercise to its catalog slug and swaps the ones outside the
// whitelist for an allowed alternative, returning what was swapped. weeks with WeekNumber 0
// stand for a template, whose substitutions apply to every week.
//
// An exercise the catalog knows no alternative for (an invented one) becomes the allowed one
// sharing most slug words, else the designed session's exercise in the same block of the same
// day (similar by role).
func (g *Generator) substitute(ctx context.Context, p *planv1.Profile, w *whitelist, weeks []*planv1.Week, designed []*planv1.Day) []*planv1.Substitution {
	var subs []*planv1.Substitution
	chosen := map[string]string{}
	for _, wk := range weeks {
		for _, d := range wk.GetDays() {
			for _, e := range d.GetExercises() {
				if ex, ok := w.lookup(e.GetExerciseSlug()); ok {
					e.ExerciseSlug = ex.GetSlug()
					continue
				}
				from := e.GetExerciseSlug()
				to, ok := chosen[strings.ToLower(from)]
				if !ok {
					to = g.alternative(ctx, p, w, from, sameRole(designed, d, e))
					chosen[strings.ToLower(from)] = to
				}
				e.ExerciseSlug = to
				subs = append(subs, &planv1.Substitution{Week: wk.GetWeekNumber(), Day: d.GetDayNumber(), FromSlug: from, ToSlug: to})
			}
		}
	}
	return subs
}

// alternative picks the allowed exercise replacing slug: the catalog's first allowed
// alternative, or, when the catalog does not know slug (an invented exercise) or has none,
// the allowed exercise whose slug shares the most words with it.
func (g *Generator) alternative(ctx context.Context, p *planv1.Profile, w *whitelist, slug, role string) string {
	alts, err := g.catalog.Alternatives(ctx, slug, Equipment(p), p.GetFitnessLevel())
	if err != nil && !errors.Is(err, grpcerr.ErrNotFound) {
		g.log.WarnContext(ctx, "exercise alternatives", "slug", slug, "err", err)
	}
	for _, a := range alts {
		if ex, ok := w.lookup(a.GetSlug()); ok {
			return ex.GetSlug()
		}
	}
	words := strings.FieldsFunc(strings.ToLower(slug), func(r rune) bool { return r == '-' || r == '_' })
	best, bestScore := "", -1
	for _, s := range w.slugs {
		score := 0
		for _, x := range words {
			if strings.Contains(s, x) {
				score++
			}
		}
		if score > bestScore || (score == bestScore && s < best) {
			best, bestScore = s, score
		}
	}
	if bestScore > 0 {
		return best
	}
	if _, known := w.lookup(role); known {
		return role
	}
	// Nothing in common: a stable pick, so the same answer always gives the same plan.
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(slug)))
	return w.slugs[int(h.Sum32()%uint32(len(w.slugs)))]
}

// sameRole returns the designed day's exercise in e's block that day d does not already
// have, or "" when there is none.
func sameRole(designed []*planv1.Day, d *planv1.Day, e *planv1.Exercise) string {
	in := map[string]bool{}
	for _, x := range d.GetExercises() {
		in[strings.ToLower(x.GetExerciseSlug())] = true
	}
	block := e.GetBlock()
	if block == "" {
		block = "main"
	}
	for _, dd := range designed {
		if dd.GetDayNumber() != d.GetDayNumber() {
			continue
		}
		for _, x := range dd.GetExercises() {
			b := x.GetBlock()
			if b == "" {
				b = "main"
			}
			if b == block && !in[x.GetExerciseSlug()] {
				return x.GetExerciseSlug()
			}
		}
	}
	return ""
}
