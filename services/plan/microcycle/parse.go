package microcycle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/encoding/protojson"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/aiplan"
)

// MaxInputSize bounds a template response; a week of workouts is a few kilobytes.
const MaxInputSize = 256 << 10

// Checker parses and validates LLM responses that hold a PlanTemplate.
type Checker struct {
	v protovalidate.Validator
}

// NewChecker builds a Checker with its own protovalidate validator.
func NewChecker() (*Checker, error) {
	v, err := protovalidate.New()
	if err != nil {
		return nil, err
	}
	return &Checker{v: v}, nil
}

// IsFullPlan reports whether raw holds a whole WorkoutPlan (a top-level "weeks" member)
// rather than a template; models without strict structured output sometimes write the plan
// out, and such an answer is still usable.
func IsFullPlan(raw []byte) bool {
	body := extract(raw)
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	_, weeks := top["weeks"]
	_, days := top["days"]
	return weeks && !days
}

// Check decodes a template from raw (tolerating markdown fences and prose around the JSON),
// checks the template's own rules, and returns the template with its violations; the
// template is nil when it could not be decoded at all. Paths are those of the template, e.g.
// "days[2].exercises[0].sets", so a reprompt points at what the model wrote.
func (c *Checker) Check(raw []byte) (*planv1.PlanTemplate, []aiplan.Violation) {
	if len(raw) > MaxInputSize {
		return nil, []aiplan.Violation{{Rule: aiplan.RuleJSONTooLarge, Message: fmt.Sprintf("the response is %d bytes, more than %d", len(raw), MaxInputSize)}}
	}
	body := extract(raw)
	t := &planv1.PlanTemplate{}
	if err := (protojson.UnmarshalOptions{}).Unmarshal(body, t); err != nil {
		return nil, []aiplan.Violation{{Rule: aiplan.RuleJSONSyntax, Message: "the response is not a valid plan template: " + err.Error()}}
	}
	var vs []aiplan.Violation
	if err := c.v.Validate(t); err != nil {
		var ve *protovalidate.ValidationError
		if !errors.As(err, &ve) {
			return t, []aiplan.Violation{{Rule: "validate", Message: err.Error()}}
		}
		for _, v := range ve.Violations {
			vs = append(vs, aiplan.Violation{
				Field:   protovalidate.FieldPathString(v.Proto.GetField()),
				Rule:    v.Proto.GetRuleId(),
				Message: v.Proto.GetMessage(),
			})
		}
	}
	return t, vs
}

var weekDayPath = regexp.MustCompile(`^weeks\[\d+\]\.days\[`)

// TemplateViolations maps violations of an expanded plan back to the template they came
// from, dropping repeats: every week copies the template's days, so "weeks[3].days[2].sets"
// is the template's "days[2].sets".
func TemplateViolations(vs []aiplan.Violation) []aiplan.Violation {
	seen := map[string]bool{}
	var out []aiplan.Violation
	for _, v := range vs {
		switch {
		case weekDayPath.MatchString(v.Field):
			v.Field = weekDayPath.ReplaceAllString(v.Field, "days[")
		case v.Rule == aiplan.RuleMinExercises:
			v.Field = "days"
			v.Message = "the training days of the week need at least 10 exercises in total"
		case strings.HasPrefix(v.Field, "weeks"):
			v.Field = "progression"
		}
		key := v.Field + "\x00" + v.Rule + "\x00" + v.Message
		if !seen[key] {
			seen[key] = true
			out = append(out, v)
		}
	}
	return out
}

// extract returns the JSON object inside an LLM answer: without a BOM, markdown fence or
// prose around it.
func extract(raw []byte) []byte {
	b := bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))
	if i := bytes.IndexByte(b, '{'); i > 0 {
		b = b[i:]
	}
	if j := bytes.LastIndexByte(b, '}'); j >= 0 {
		b = b[:j+1]
	}
	return b
}
