package microcycle

import (
	"bytes"
	"errors"
	"fmt"

	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

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

// Check decodes a template from raw (tolerating markdown fences and prose around the JSON),
// checks the template's own rules, and returns the template with its violations; the
// template is nil when it could not be decoded at all. Paths are those of the template, e.g.
// "days[2].exercises[0].sets", so a reprompt points at what the model wrote.
func (c *Checker) Check(raw []byte) (*planv1.PlanTemplate, []aiplan.Violation) {
	t := &planv1.PlanTemplate{}
	if vs := c.Decode(raw, t); vs != nil {
		return nil, vs
	}
	return t, c.Validate(t)
}

// Decode fills m from the JSON object in raw (tolerating markdown fences and prose around
// it), rejecting unknown fields and wrong types; it checks no rule.
func (c *Checker) Decode(raw []byte, m proto.Message) []aiplan.Violation {
	if len(raw) > MaxInputSize {
		return []aiplan.Violation{{Rule: aiplan.RuleJSONTooLarge, Message: fmt.Sprintf("the response is %d bytes, more than %d", len(raw), MaxInputSize)}}
	}
	if err := (protojson.UnmarshalOptions{}).Unmarshal(extract(raw), m); err != nil {
		return []aiplan.Violation{{Rule: aiplan.RuleJSONSyntax, Message: "the response does not match the schema: " + err.Error()}}
	}
	return nil
}

// Validate checks m's protovalidate rules, with field paths relative to m.
func (c *Checker) Validate(m proto.Message) []aiplan.Violation {
	err := c.v.Validate(m)
	if err == nil {
		return nil
	}
	var ve *protovalidate.ValidationError
	if !errors.As(err, &ve) {
		return []aiplan.Violation{{Rule: "validate", Message: err.Error()}}
	}
	vs := make([]aiplan.Violation, 0, len(ve.Violations))
	for _, v := range ve.Violations {
		vs = append(vs, aiplan.Violation{
			Field:   protovalidate.FieldPathString(v.Proto.GetField()),
			Rule:    v.Proto.GetRuleId(),
			Message: v.Proto.GetMessage(),
		})
	}
	return vs
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
