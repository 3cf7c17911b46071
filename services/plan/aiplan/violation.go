package aiplan

import (
	"cmp"
	"slices"
)

// Violation is one reason a plan is not acceptable, shaped so it can be shown to a user or fed
// back to the LLM in a reprompt.
type Violation struct {
	// Field is the path of the offending value, e.g. "weeks[0].days[2].exercises[1].sets";
	// empty only when the whole document is bad (not JSON, too large).
	Field string
	// Rule is a stable id: a protovalidate rule id ("string.min_len", "weeks.count"), the Go
	// rule "weeks.min_exercises", or a "json.*" id for decoding problems.
	Rule string
	// Message says what is wrong in words.
	Message string
}

// String renders the violation as "<field>: <message>".
func (v Violation) String() string {
	return v.Field + ": " + v.Message
}

// Rule ids of problems found while decoding, before any proto rule can be checked.
const (
	RuleJSONSyntax         = "json.syntax"
	RuleJSONType           = "json.type"
	RuleJSONUnknownField   = "json.unknown_field"
	RuleJSONDuplicateField = "json.duplicate_field"
	RuleJSONTooLarge       = "json.too_large"
	// RuleMinExercises is the plan-wide exercise count that CEL cannot sum; see minExercises.
	RuleMinExercises = "weeks.min_exercises"
)

// sortViolations puts violations in the order Validate promises: by field path, comparing
// array positions as numbers so weeks[2] comes before weeks[10], then by rule, then by message.
func sortViolations(vs []Violation) {
	slices.SortFunc(vs, func(a, b Violation) int {
		if c := comparePaths(a.Field, b.Field); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// comparePaths orders field paths bytewise except that runs of digits compare by value.
func comparePaths(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			// Strip leading zeros so that the longer run is the larger number.
			na, nb := trimZeros(a[si:i]), trimZeros(b[sj:j])
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(a[i], b[j]); c != 0 {
			return c
		}
		i++
		j++
	}
	return cmp.Compare(len(a)-i, len(b)-j)
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
