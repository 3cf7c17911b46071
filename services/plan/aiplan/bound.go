package aiplan

import (
	"encoding/json"
	"fmt"
)

// MaxViolations is how many violations the ValidatePlan RPC reports; the rest are counted in
// one RuleTruncated marker. A plan whose every exercise is wrong has thousands, and a caller
// (or an LLM being reprompted) acts on the first ones anyway.
const MaxViolations = 100

// RuleTruncated marks the last violation of a capped list: "and N more violations".
const RuleTruncated = "violations.truncated"

// Cap returns at most max violations of vs, followed by a RuleTruncated marker counting the
// ones left out. It is applied to the result of either path (Check or CheckReference), so
// the two stay comparable.
func Cap(vs []Violation, max int) []Violation {
	if len(vs) <= max {
		return vs
	}
	return append(vs[:max:max], truncated(len(vs)-max))
}

func truncated(n int) Violation {
	return Violation{Rule: RuleTruncated, Message: fmt.Sprintf("and %d more violations", n)}
}

// Oversize reports, without decoding the plan, the lists of a raw response that hold more
// items than the plan rules allow (weeks, a week's days, a day's exercises), as the
// repeated.max_items violations both paths would report for them, at most max of them plus a
// RuleTruncated marker. It returns nil when every list is within its limit or the document
// is not shaped enough like a plan to tell.
//
// It exists because checking is linear in the input but its output is not bounded by the
// plan's limits: 400 weeks of 7 days of 50 empty exercises are 612 KB of JSON and 140,000
// exercise messages with several violations each, hundreds of megabytes of work to say what
// the first list already says. Callers that take untrusted input (the ValidatePlan RPC) ask
// Oversize first and refuse the request when it answers. It only reads the input: the
// allocations are the violations it returns.
func Oversize(raw []byte, max int) []Violation {
	rs, err := fastRules()
	if err != nil {
		return nil
	}
	body, _, tooLarge := extractJSON(raw, false)
	if tooLarge != nil {
		return []Violation{*tooLarge}
	}
	sc := shapeScanner{s: body, rs: rs, max: max}
	sc.scan()
	// A list's own violation is found after those of the lists inside it; report them in the
	// order Validate does.
	sortViolations(sc.out)
	if sc.more > 0 {
		sc.out = append(sc.out, truncated(sc.more))
	}
	return sc.out
}

// Roles of the containers the shape scanner tracks; everything else is roleOther.
const (
	roleOther = iota
	rolePlan
	roleWeeks
	roleWeek
	roleDays
	roleDay
	roleExercises
	roleExercise
)

// shapeFrame is an open object or array. Only the first len(stack) levels, deep enough for
// plan → weeks → week → days → day → exercises → exercise, keep one; deeper containers are
// only counted, so nesting cannot make the scanner allocate.
type shapeFrame struct {
	role     int
	array    bool
	count    int    // elements seen, for arrays
	key      []byte // the member name whose value comes next, for objects
	afterKey bool   // a member name was read and its value not yet started
}

type shapeScanner struct {
	s     []byte
	rs    *ruleSet
	max   int
	stack [8]shapeFrame
	depth int
	out   []Violation
	more  int
}

// scan walks the tokens of s once. It does not check the JSON grammar (the decoder does
// that); it only needs brackets, strings and member names, and stops when they stop making
// sense.
func (sc *shapeScanner) scan() {
	s := sc.s
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			end := stringEnd(s, i)
			if end < 0 {
				return
			}
			if f := sc.top(); f != nil && !f.array && !f.afterKey {
				f.key, f.afterKey = s[i+1:end], true
			} else {
				sc.value()
			}
			i = end
		case ':', ',', ' ', '\t', '\n', '\r':
		case '{', '[':
			role := sc.value()
			sc.depth++
			if sc.depth <= len(sc.stack) {
				sc.stack[sc.depth-1] = shapeFrame{role: role, array: c == '['}
			}
		case '}', ']':
			if sc.depth == 0 {
				return
			}
			sc.depth--
			if sc.depth == 0 {
				return // the end of the object; the decoder judges what follows
			}
		default:
			if c != '-' && !isDigit(c) && c != 't' && c != 'f' && c != 'n' {
				return // not JSON: the decoder will say where
			}
			sc.value()
			for i+1 < len(s) && isNotDelim(s[i+1]) {
				i++
			}
		}
	}
}

func (sc *shapeScanner) top() *shapeFrame {
	if sc.depth == 0 || sc.depth > len(sc.stack) {
		return nil
	}
	return &sc.stack[sc.depth-1]
}

// value notes that a value starts in the current container and returns the role the value
// has if it is a container.
func (sc *shapeScanner) value() int {
	if sc.depth == 0 {
		return rolePlan
	}
	f := sc.top()
	if f == nil {
		return roleOther
	}
	if !f.array {
		key := f.key
		f.key, f.afterKey = nil, false
		switch {
		case f.role == rolePlan && keyIs(key, "weeks"):
			return roleWeeks
		case f.role == roleWeek && keyIs(key, "days"):
			return roleDays
		case f.role == roleDay && keyIs(key, "exercises"):
			return roleExercises
		}
		return roleOther
	}
	f.count++
	var r *repeatedRule
	var elem int
	switch f.role {
	case roleWeeks:
		r, elem = &sc.rs.weeks, roleWeek
	case roleDays:
		r, elem = &sc.rs.days, roleDay
	case roleExercises:
		r, elem = &sc.rs.exercises, roleExercise
	default:
		return roleOther
	}
	if r.maxItems >= 0 && int64(f.count) == r.maxItems+1 {
		sc.violate(f.role, r.maxMsg)
	}
	return elem
}

// violate reports the list of role at the scanner's position as too long.
func (sc *shapeScanner) violate(role int, msg string) {
	if len(sc.out) >= sc.max {
		sc.more++
		return
	}
	// The indices of the enclosing lists are their counts so far, less one.
	var at loc
	field := "weeks"
	switch role {
	case roleDays:
		at, field = loc{depth: 1, w: sc.stack[1].count - 1}, "days"
	case roleExercises:
		at, field = loc{depth: 2, w: sc.stack[1].count - 1, d: sc.stack[3].count - 1}, "exercises"
	}
	sc.out = append(sc.out, Violation{Field: at.path(field, -1), Rule: "repeated.max_items", Message: msg})
}

// keyIs compares a member name as written (escapes included) with name, as protojson does
// after unescaping; the plan's list fields have the same proto and JSON names.
func keyIs(raw []byte, name string) bool {
	if string(raw) == name {
		return true
	}
	// An escaped name ("w\u0065eks") is rare; only a short one can spell a list field.
	if len(raw) > 6*len(name) || !containsBackslash(raw) {
		return false
	}
	var s string
	q := make([]byte, 0, len(raw)+2)
	q = append(append(append(q, '"'), raw...), '"')
	return json.Unmarshal(q, &s) == nil && s == name
}

func containsBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// stringEnd returns the index of the quote closing the string that opens at s[i], or -1.
func stringEnd(s []byte, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}
