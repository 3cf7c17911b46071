package aiplan

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"buf.build/go/protovalidate"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// CheckReference is the reference implementation of Check: protojson.Unmarshal,
// protovalidate with the rules in the proto, and the Go plan rule. It is the source of truth
// the fast path is tested against, and it is about ten times slower.
//
// protojson stops at the first problem and does not say where in the plan it is, so a
// decoding failure is a single violation with an empty field and the protojson error as its
// message.
func CheckReference(raw []byte) (*planv1.WorkoutPlan, []Violation) {
	body, _, tooLarge := extractJSON(raw, true)
	if tooLarge != nil {
		return nil, []Violation{*tooLarge}
	}
	p := &planv1.WorkoutPlan{}
	if err := protojson.Unmarshal(body, p); err != nil {
		return nil, []Violation{{Rule: protojsonRule(err), Message: err.Error()}}
	}
	return p, ValidateReference(p)
}

// ValidateReference is the reference implementation of Validate, running protovalidate.
func ValidateReference(p *planv1.WorkoutPlan) []Violation {
	if p == nil {
		p = &planv1.WorkoutPlan{}
	}
	err := protovalidate.Validate(p)
	var out []Violation
	if err != nil {
		verr, ok := errors.AsType[*protovalidate.ValidationError](err)
		if !ok {
			// Not reachable with the current proto; reported rather than hidden if it changes.
			return []Violation{{Rule: "validate.error", Message: err.Error()}}
		}
		for _, v := range verr.Violations {
			field := protovalidate.FieldPathString(v.Proto.GetField())
			if v.FieldDescriptor == nil {
				// A message-level rule: its id names the field it is about.
				field = joinPath(field, idField(v.Proto.GetRuleId()))
			}
			out = append(out, Violation{Field: field, Rule: v.Proto.GetRuleId(), Message: v.Proto.GetMessage()})
		}
	}
	if v, ok := minExercises(p); !ok {
		out = append(out, v)
	}
	sortViolations(out)
	return out
}

// idField returns the field a rule id is about: "weeks.count" → "weeks".
func idField(id string) string {
	field, _, _ := strings.Cut(id, ".")
	return field
}

func joinPath(prefix, field string) string {
	if prefix == "" || field == "" {
		return prefix + field
	}
	return prefix + "." + field
}

var protojsonPosition = regexp.MustCompile(`^\(line \d+:\d+\): `)

// protojsonRule maps a protojson error to the rule id the fast decoder uses for it. A
// "syntax error: unexpected token" from protojson can also be a value of the wrong type (an
// object where a list belongs); the fast decoder calls those json.type.
func protojsonRule(err error) string {
	// protobuf randomises the space after "proto:" (a regular or a non-breaking one) per build
	// to discourage matching on messages; this mapping only serves as a test oracle.
	msg := strings.TrimLeft(strings.TrimPrefix(err.Error(), "proto:"), " \u00a0")
	if strings.HasPrefix(msg, "syntax error") || strings.HasPrefix(msg, "unexpected EOF") {
		return RuleJSONSyntax
	}
	msg = protojsonPosition.ReplaceAllString(msg, "")
	switch {
	case strings.HasPrefix(msg, "unknown field"), strings.HasPrefix(msg, "unable to resolve"),
		strings.HasPrefix(msg, "message ") && strings.Contains(msg, "cannot be extended"):
		return RuleJSONUnknownField
	case strings.HasPrefix(msg, "duplicate field"):
		return RuleJSONDuplicateField
	case strings.HasPrefix(msg, "invalid value for"):
		return RuleJSONType
	}
	return RuleJSONSyntax
}

// minExercises is the plan-wide rule CEL cannot express (it cannot sum over nested lists):
// at least ten exercises per week of the plan, counted over training days only.
func minExercises(p *planv1.WorkoutPlan) (Violation, bool) {
	need := int64(p.GetDurationWeeks()) * 10
	var have int64
	for _, w := range p.GetWeeks() {
		for _, d := range w.GetDays() {
			if !d.GetIsRestDay() {
				have += int64(len(d.GetExercises()))
			}
		}
	}
	if have >= need {
		return Violation{}, true
	}
	return Violation{
		Field:   "weeks",
		Rule:    RuleMinExercises,
		Message: fmt.Sprintf("the plan needs at least %d exercises on its training days (10 per week), it has %d", need, have),
	}, false
}
