package aiplan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// Parse decodes a raw LLM response into a WorkoutPlan without checking any plan rule.
//
// It tolerates what LLMs wrap around JSON (see extractJSON) and accepts exactly the JSON that
// protojson accepts for WorkoutPlan: proto field names (plan_name) or their JSON names
// (planName), integers written as 3, 3.0, 1e1 or "3", null as "not set". Unlike protojson it
// does not stop at the first unknown field, duplicate field or value of the wrong type: it
// reports each of them at its field path, in document order, and goes on, so one reprompt
// can name them all; the plan then holds every value that decoded and must not be used as a
// valid plan. Input that is not JSON (or too large) yields a nil plan and exactly one
// violation, with an empty field and the byte offset of the problem in its message: until
// the document parses, nothing else about it is worth reporting.
func Parse(raw []byte) (*planv1.WorkoutPlan, []Violation) {
	p, vs, fatal := parse(raw)
	if fatal {
		return nil, vs[len(vs)-1:]
	}
	return p, vs
}

// parse is Parse keeping every violation found before a syntax error, which ends decoding
// and is the last one. The equivalence tests need them: protojson stops at the first
// problem of any kind.
func parse(raw []byte) (p *planv1.WorkoutPlan, vs []Violation, fatal bool) {
	body, offset, tooLarge := extractJSON(raw, false)
	if tooLarge != nil {
		return nil, []Violation{*tooLarge}, true
	}
	// The decoder reads the input through a string view instead of a copy: a copy is a
	// large allocation that costs a third of the time of Parse (see PERF.md). Values kept in
	// the plan are copied out of it (slabs.keep), so the plan never aliases raw.
	d := decoder{s: unsafe.String(unsafe.SliceData(body), len(body)), base: offset}
	p = d.document()
	if d.fatal {
		return nil, d.viols, true
	}
	return p, d.viols, false
}

// Field lookups accept the proto name and the JSON name, as protojson does; the returned
// index selects the canonical name in the matching *FieldNames array. TestDecoderKnowsEveryField checks
// these against the descriptors so a new proto field cannot be silently rejected.
var (
	planFieldNames     = [...]string{"plan_name", "duration_weeks", "goal", "notes", "weeks"}
	weekFieldNames     = [...]string{"week_number", "week_focus", "days"}
	dayFieldNames      = [...]string{"day_number", "workout_name", "is_rest_day", "confidence_task", "exercises"}
	exerciseFieldNames = [...]string{"exercise_slug", "sets", "reps", "rest_seconds", "duration_seconds",
		"distance_meters", "target_rpe", "target_rir", "work_seconds", "recovery_seconds", "rounds", "block", "cue", "load_kg"}
)

func planField(k string) int {
	switch k {
	case "plan_name", "planName":
		return 0
	case "duration_weeks", "durationWeeks":
		return 1
	case "goal":
		return 2
	case "notes":
		return 3
	case "weeks":
		return 4
	}
	return -1
}

func weekField(k string) int {
	switch k {
	case "week_number", "weekNumber":
		return 0
	case "week_focus", "weekFocus":
		return 1
	case "days":
		return 2
	}
	return -1
}

func dayField(k string) int {
	switch k {
	case "day_number", "dayNumber":
		return 0
	case "workout_name", "workoutName":
		return 1
	case "is_rest_day", "isRestDay":
		return 2
	case "confidence_task", "confidenceTask":
		return 3
	case "exercises":
		return 4
	}
	return -1
}

func exerciseField(k string) int {
	switch k {
	case "exercise_slug", "exerciseSlug":
		return 0
	case "sets":
		return 1
	case "reps":
		return 2
	case "rest_seconds", "restSeconds":
		return 3
	case "duration_seconds", "durationSeconds":
		return 4
	case "distance_meters", "distanceMeters":
		return 5
	case "target_rpe", "targetRpe":
		return 6
	case "target_rir", "targetRir":
		return 7
	case "work_seconds", "workSeconds":
		return 8
	case "recovery_seconds", "recoverySeconds":
		return 9
	case "rounds":
		return 10
	case "block":
		return 11
	case "cue":
		return 12
	case "load_kg", "loadKg":
		return 13
	}
	return -1
}

// loc is where in the plan the decoder or validator is, for building field paths only when a
// violation needs one.
type loc struct {
	depth   int // 0 plan, 1 week, 2 day, 3 exercise
	w, d, e int
}

// path returns the path of field inside loc, with "[idx]" appended when idx >= 0.
func (l loc) path(field string, idx int) string {
	var b strings.Builder
	if l.depth >= 1 {
		b.WriteString("weeks[")
		b.WriteString(strconv.Itoa(l.w))
		b.WriteByte(']')
	}
	if l.depth >= 2 {
		b.WriteString(".days[")
		b.WriteString(strconv.Itoa(l.d))
		b.WriteByte(']')
	}
	if l.depth >= 3 {
		b.WriteString(".exercises[")
		b.WriteString(strconv.Itoa(l.e))
		b.WriteByte(']')
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(field)
	}
	if idx >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(idx))
		b.WriteByte(']')
	}
	return b.String()
}

// decoder is a single-pass decoder specialised to WorkoutPlan. It allocates messages and
// string values from slabs instead of one by one.
type decoder struct {
	s     string
	base  int // offset of s in the raw response, for messages
	pos   int
	fatal bool
	viols []Violation
	at    loc
	slabs slabs
}

func (d *decoder) violate(field, rule, format string, args ...any) {
	d.viols = append(d.viols, Violation{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// syntax records a syntax error, which ends decoding.
func (d *decoder) syntax(pos int, format string, args ...any) {
	d.fatal = true
	d.violate("", RuleJSONSyntax, format+" at byte %d", append(args, d.base+pos)...)
}

func (d *decoder) eof() {
	d.fatal = true
	d.violate("", RuleJSONSyntax, "unexpected end of JSON at byte %d (truncated response?)", d.base+len(d.s))
}

// unexpected reports the token at the current position as out of place.
func (d *decoder) unexpected() {
	d.syntax(d.pos, "unexpected %s", quoteToken(d.s[d.pos:]))
}

// quoteToken shows the start of s, a JSON token, for a message: as written when it is
// printable, quoted otherwise, and cut short enough to stay readable.
func quoteToken(s string) string {
	const maxLen = 24
	if len(s) > maxLen {
		cut := maxLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

func (d *decoder) ws() {
	s, i := d.s, d.pos
	for i < len(s) {
		switch s[i] {
		case ' ':
			// Pretty-printed plans are half indentation: skip it in blocks.
			switch {
			case i+8 <= len(s) && s[i:i+8] == "        ":
				i += 8
			case i+4 <= len(s) && s[i:i+4] == "    ":
				i += 4
			default:
				i++
			}
		case '\t', '\n', '\r':
			i++
		default:
			d.pos = i
			return
		}
	}
	d.pos = i
}

// document decodes the top-level object.
func (d *decoder) document() *planv1.WorkoutPlan {
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return nil
	}
	if c := d.s[d.pos]; c != '{' {
		start := d.pos
		if c == '[' || d.scalarSyntax() {
			d.fatal = true
			d.violate("", RuleJSONType, "the response must be a JSON object, got %s at byte %d", quoteToken(d.s[start:max(d.pos, start+1)]), d.base+start)
		}
		return nil
	}
	p := &planv1.WorkoutPlan{}
	d.plan(p)
	if d.fatal {
		return nil
	}
	// Whatever follows the object is prose; see extractJSON.
	return p
}

// member advances to the next member of an object, n being the number of members before it.
// It returns the key, the index of its field (by lookup, or -1 when unknown) and the key's
// position, or ok=false at the end of the object or on a syntax error (d.fatal).
//
// Models write the fields in schema order, so the key is first compared with the name of
// field n, which saves scanning it and looking it up.
func (d *decoder) member(n int, names []string, lookup func(string) int) (idx int, key string, keyPos int, ok bool) {
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return -1, "", 0, false
	}
	c := d.s[d.pos]
	if c == '}' {
		d.pos++
		return -1, "", 0, false
	}
	if n > 0 {
		if c != ',' {
			d.unexpected()
			return -1, "", 0, false
		}
		d.pos++
		d.ws()
		if d.pos >= len(d.s) {
			d.eof()
			return -1, "", 0, false
		}
	}
	if d.s[d.pos] != '"' {
		d.unexpected()
		return -1, "", 0, false
	}
	keyPos = d.pos
	if n < len(names) {
		if want := names[n]; len(d.s)-d.pos > len(want)+1 && d.s[d.pos+1+len(want)] == '"' && d.s[d.pos+1:d.pos+1+len(want)] == want {
			idx, key = n, want
			d.pos += len(want) + 2
		}
	}
	if key == "" {
		if key, ok = d.str(); !ok {
			return -1, "", 0, false
		}
		idx = lookup(key)
	}
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return -1, "", 0, false
	}
	if d.s[d.pos] != ':' {
		d.syntax(d.pos, `missing ":" after field name %s`, strconv.Quote(key))
		return -1, "", 0, false
	}
	d.pos++
	d.ws()
	// The value is not looked at yet: an unknown or duplicate field is reported before a
	// missing value, as protojson does.
	return idx, key, keyPos, true
}

// fieldValue decides whether the value of a member should be decoded: it reports unknown and
// duplicate fields (skipping their values) and consumes null, which protojson reads as "not
// set" for every field of a plan.
func (d *decoder) fieldValue(idx int, key string, keyPos int, seen *uint32, names []string) bool {
	decode := true
	switch {
	case idx < 0:
		d.violate(d.at.path(key, -1), RuleJSONUnknownField, "unknown field %s at byte %d", strconv.Quote(key), d.base+keyPos)
		decode = false
	case *seen&(1<<idx) != 0:
		d.violate(d.at.path(names[idx], -1), RuleJSONDuplicateField, "duplicate field %s at byte %d", strconv.Quote(key), d.base+keyPos)
		decode = false
	}
	if d.pos >= len(d.s) {
		d.eof()
		return false
	}
	if !decode {
		d.skipValue()
		return false
	}
	*seen |= 1 << idx
	if n := matchLiteral(d.s[d.pos:], "null"); n > 0 {
		d.pos += n
		return false
	}
	return true
}

// wrongType reports a value of the wrong JSON type at field (index idx, or -1) and skips it. A
// scalar token is checked for syntax first, because protojson reads a whole token before
// looking at its type.
func (d *decoder) wrongType(field string, idx int, want string) {
	start := d.pos
	if c := d.s[d.pos]; c == '{' || c == '[' {
		d.violate(d.at.path(field, idx), RuleJSONType, "must be %s, got %s at byte %d", want, quoteToken(d.s[start:]), d.base+start)
		d.skipValue()
		return
	}
	if d.scalarSyntax() {
		d.violate(d.at.path(field, idx), RuleJSONType, "must be %s, got %s at byte %d", want, quoteToken(d.s[start:d.pos]), d.base+start)
	}
}

// scalarSyntax consumes one string, number or literal, reporting a syntax error if there is
// none. It returns false on a syntax error.
func (d *decoder) scalarSyntax() bool {
	rest := d.s[d.pos:]
	switch c := rest[0]; {
	case c == '"':
		_, ok := d.str()
		return ok
	case c == '-' || isDigit(c):
		if n, ok := scanNumber(rest); ok {
			d.pos += n
			return true
		}
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if n := matchLiteral(rest, lit); n > 0 {
				d.pos += n
				return true
			}
		}
	}
	d.syntax(d.pos, "invalid value %s", quoteToken(rest))
	return false
}

// skipValue consumes one value of any type, checking its syntax, without recursion so that
// deeply nested junk cannot exhaust the stack.
func (d *decoder) skipValue() {
	var stackBuf [32]byte
	stack := stackBuf[:0]
	for {
		// A value is expected here.
		switch d.s[d.pos] {
		case '{':
			d.pos++
			d.ws()
			if d.pos < len(d.s) && d.s[d.pos] == '}' {
				d.pos++
				break
			}
			stack = append(stack, '{')
			if !d.skipKey() {
				return
			}
			continue
		case '[':
			d.pos++
			d.ws()
			if d.pos < len(d.s) && d.s[d.pos] == ']' {
				d.pos++
				break
			}
			stack = append(stack, '[')
			if d.pos >= len(d.s) {
				d.eof()
				return
			}
			continue
		default:
			if !d.scalarSyntax() {
				return
			}
		}
		// A value has ended: close containers until another value is expected.
		for {
			if len(stack) == 0 {
				return
			}
			d.ws()
			if d.pos >= len(d.s) {
				d.eof()
				return
			}
			top, c := stack[len(stack)-1], d.s[d.pos]
			if (top == '{' && c == '}') || (top == '[' && c == ']') {
				d.pos++
				stack = stack[:len(stack)-1]
				continue
			}
			if c != ',' {
				d.unexpected()
				return
			}
			d.pos++
			if top == '{' {
				if !d.skipKey() {
					return
				}
			} else {
				d.ws()
				if d.pos >= len(d.s) {
					d.eof()
					return
				}
			}
			break
		}
	}
}

// skipKey consumes `"name":` and the whitespace up to the value.
func (d *decoder) skipKey() bool {
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return false
	}
	if d.s[d.pos] != '"' {
		d.unexpected()
		return false
	}
	key, ok := d.str()
	if !ok {
		return false
	}
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return false
	}
	if d.s[d.pos] != ':' {
		d.syntax(d.pos, `missing ":" after field name %s`, strconv.Quote(key))
		return false
	}
	d.pos++
	d.ws()
	if d.pos >= len(d.s) {
		d.eof()
		return false
	}
	return true
}

// plainString marks the bytes a string can contain without a closer look: not the quote, the
// backslash, control characters or the start of a multi-byte rune.
var plainString = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str consumes the string starting at the current '"'.
func (d *decoder) str() (string, bool) {
	start := d.pos
	s := d.s
	for i := start + 1; i < len(s); {
		for i < len(s) && plainString[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		switch c := s[i]; {
		case c == '"':
			d.pos = i + 1
			return s[start+1 : i], true
		case c == '\\':
			return d.strEscaped(start, i)
		case c < ' ':
			d.syntax(start, "invalid character %q in string", rune(c))
			return "", false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				d.syntax(start, "invalid UTF-8 in string")
				return "", false
			}
			i += n
		}
	}
	d.eof()
	return "", false
}

// strEscaped finishes a string that contains escapes, from the first '\' at i. Escapes are
// decoded the way protojson does: a \u escape of a UTF-16 surrogate must be followed by the
// escape of its pair, and a string cut inside an escape is a truncation.
func (d *decoder) strEscaped(start, i int) (string, bool) {
	out := make([]byte, 0, 2*(i-start))
	out = append(out, d.s[start+1:i]...)
	for i < len(d.s) {
		c := d.s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(out), true
		case c == '\\':
			if len(d.s)-i < 2 {
				d.eof()
				return "", false
			}
			switch e := d.s[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				if len(d.s)-i < 6 {
					d.eof()
					return "", false
				}
				v, err := strconv.ParseUint(d.s[i+2:i+6], 16, 16)
				if err != nil {
					d.syntax(start, "invalid escape code %q in string", d.s[i:i+6])
					return "", false
				}
				i += 6
				r := rune(v)
				if utf16.IsSurrogate(r) {
					if len(d.s)-i < 6 {
						d.eof()
						return "", false
					}
					lo, err := strconv.ParseUint(d.s[i+2:i+6], 16, 16)
					r = utf16.DecodeRune(r, rune(lo))
					if d.s[i] != '\\' || d.s[i+1] != 'u' || r == utf8.RuneError || err != nil {
						d.syntax(start, "invalid escape code %q in string", d.s[i:i+6])
						return "", false
					}
					i += 6
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				d.syntax(start, "invalid escape code %q in string", d.s[i:i+2])
				return "", false
			}
			i += 2
		case c < ' ':
			d.syntax(start, "invalid character %q in string", rune(c))
			return "", false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(d.s[i:])
			if r == utf8.RuneError && n == 1 {
				d.syntax(start, "invalid UTF-8 in string")
				return "", false
			}
			out = append(out, d.s[i:i+n]...)
			i += n
		default:
			out = append(out, c)
			i++
		}
	}
	d.eof()
	return "", false
}

// stringField decodes a string value into dst.
func (d *decoder) stringField(dst *string, field string) {
	if d.s[d.pos] != '"' {
		d.wrongType(field, -1, "a string")
		return
	}
	if v, ok := d.str(); ok {
		*dst = d.slabs.keep(v)
	}
}

// optionalInt32 decodes a proto3 optional integer: nil (not set) when the value has the wrong
// type, as protojson leaves a field it rejected.
func (d *decoder) optionalInt32(field string) *int32 {
	v := d.slabs.newInt32()
	before := len(d.viols)
	d.int32Field(v, field)
	if len(d.viols) != before {
		return nil
	}
	return v
}

// optionalString decodes a proto3 optional string.
func (d *decoder) optionalString(field string) *string {
	v := d.slabs.newString()
	before := len(d.viols)
	d.stringField(v, field)
	if len(d.viols) != before {
		return nil
	}
	return v
}

// int32Field decodes an integer given as a number or a numeric string into dst.
func (d *decoder) int32Field(dst *int32, field string) {
	start := d.pos
	rest := d.s[start:]
	switch c := rest[0]; {
	case c == '-' || isDigit(c):
		n, ok := scanNumber(rest)
		if !ok {
			d.syntax(start, "invalid value %s", quoteToken(rest))
			return
		}
		d.pos += n
		if v, ok := int32Of(rest[:n]); ok {
			*dst = v
			return
		}
	case c == '"':
		s, ok := d.str()
		if !ok {
			return
		}
		if v, ok := int32FromString(s); ok {
			*dst = v
			return
		}
	default:
		d.wrongType(field, -1, "an integer")
		return
	}
	d.violate(d.at.path(field, -1), RuleJSONType, "must be an integer (int32), got %s at byte %d", quoteToken(d.s[start:d.pos]), d.base+start)
}

// optionalDouble decodes a proto3 optional double given as a number, a numeric string or one
// of the strings "NaN", "Infinity" and "-Infinity", as protojson does; the validator then
// rejects the non-finite ones. It is nil (not set) when the value has the wrong type.
func (d *decoder) optionalDouble(field string) *float64 {
	start := d.pos
	rest := d.s[start:]
	switch c := rest[0]; {
	case c == '-' || isDigit(c):
		n, ok := scanNumber(rest)
		if !ok {
			d.syntax(start, "invalid value %s", quoteToken(rest))
			return nil
		}
		d.pos += n
		if v, ok := float64Of(rest[:n]); ok {
			return &v
		}
	case c == '"':
		s, ok := d.str()
		if !ok {
			return nil
		}
		if v, ok := float64FromString(s); ok {
			return &v
		}
	default:
		d.wrongType(field, -1, "a number")
		return nil
	}
	d.violate(d.at.path(field, -1), RuleJSONType, "must be a number (double), got %s at byte %d", quoteToken(d.s[start:d.pos]), d.base+start)
	return nil
}

// boolField decodes true or false into dst.
func (d *decoder) boolField(dst *bool, field string) {
	rest := d.s[d.pos:]
	if n := matchLiteral(rest, "true"); n > 0 {
		d.pos += n
		*dst = true
		return
	}
	if n := matchLiteral(rest, "false"); n > 0 {
		d.pos += n
		*dst = false
		return
	}
	d.wrongType(field, -1, "true or false")
}

// arrayStart consumes the '[' of a list field, or reports a value of the wrong type and
// returns false.
func (d *decoder) arrayStart(field string) bool {
	if d.s[d.pos] != '[' {
		d.wrongType(field, -1, "an array")
		return false
	}
	d.pos++
	return true
}

// nextObject moves to the next element of the list whose '[' has been consumed, n counting
// the elements seen so far. It returns the element's index when it is an object, reports
// other elements (null included, as protojson does) as wrong types, and returns false at the
// end of the list or on a syntax error.
func (d *decoder) nextObject(field string, n *int) (int, bool) {
	for {
		d.ws()
		if d.pos >= len(d.s) {
			d.eof()
			return 0, false
		}
		if *n == 0 && d.s[d.pos] == ']' {
			d.pos++
			return 0, false
		}
		if *n > 0 {
			switch d.s[d.pos] {
			case ']':
				d.pos++
				return 0, false
			case ',':
				d.pos++
				d.ws()
				if d.pos >= len(d.s) {
					d.eof()
					return 0, false
				}
			default:
				d.unexpected()
				return 0, false
			}
		}
		i := *n
		*n++
		if d.s[d.pos] == '{' {
			return i, true
		}
		d.wrongType(field, i, "an object")
		if d.fatal {
			return 0, false
		}
	}
}

func (d *decoder) plan(p *planv1.WorkoutPlan) {
	d.pos++ // '{'
	var seen uint32
	for n := 0; ; n++ {
		f, key, keyPos, ok := d.member(n, planFieldNames[:], planField)
		if !ok {
			return
		}
		if d.fieldValue(f, key, keyPos, &seen, planFieldNames[:]) {
			switch f {
			case 0:
				d.stringField(&p.PlanName, "plan_name")
			case 1:
				d.int32Field(&p.DurationWeeks, "duration_weeks")
			case 2:
				d.stringField(&p.Goal, "goal")
			case 3:
				d.stringField(&p.Notes, "notes")
			case 4:
				if !d.arrayStart("weeks") {
					break
				}
				mark, n := len(d.slabs.weekStack), 0
				for i, ok := d.nextObject("weeks", &n); ok; i, ok = d.nextObject("weeks", &n) {
					w := d.slabs.newWeek()
					d.at = loc{depth: 1, w: i}
					d.week(w)
					d.at = loc{}
					if d.fatal {
						return
					}
					d.slabs.weekStack = append(d.slabs.weekStack, w)
				}
				p.Weeks = d.slabs.weeks(mark)
			}
		}
		if d.fatal {
			return
		}
	}
}

func (d *decoder) week(w *planv1.Week) {
	d.pos++ // '{'
	var seen uint32
	for n := 0; ; n++ {
		f, key, keyPos, ok := d.member(n, weekFieldNames[:], weekField)
		if !ok {
			return
		}
		if d.fieldValue(f, key, keyPos, &seen, weekFieldNames[:]) {
			switch f {
			case 0:
				d.int32Field(&w.WeekNumber, "week_number")
			case 1:
				d.stringField(&w.WeekFocus, "week_focus")
			case 2:
				if !d.arrayStart("days") {
					break
				}
				mark, n, parent := len(d.slabs.dayStack), 0, d.at
				for i, ok := d.nextObject("days", &n); ok; i, ok = d.nextObject("days", &n) {
					day := d.slabs.newDay()
					d.at = loc{depth: 2, w: parent.w, d: i}
					d.day(day)
					d.at = parent
					if d.fatal {
						return
					}
					d.slabs.dayStack = append(d.slabs.dayStack, day)
				}
				w.Days = d.slabs.days(mark)
			}
		}
		if d.fatal {
			return
		}
	}
}

func (d *decoder) day(day *planv1.Day) {
	d.pos++ // '{'
	var seen uint32
	for n := 0; ; n++ {
		f, key, keyPos, ok := d.member(n, dayFieldNames[:], dayField)
		if !ok {
			return
		}
		if d.fieldValue(f, key, keyPos, &seen, dayFieldNames[:]) {
			switch f {
			case 0:
				d.int32Field(&day.DayNumber, "day_number")
			case 1:
				d.stringField(&day.WorkoutName, "workout_name")
			case 2:
				d.boolField(&day.IsRestDay, "is_rest_day")
			case 3:
				d.stringField(&day.ConfidenceTask, "confidence_task")
			case 4:
				if !d.arrayStart("exercises") {
					break
				}
				mark, n, parent := len(d.slabs.exerciseStack), 0, d.at
				for i, ok := d.nextObject("exercises", &n); ok; i, ok = d.nextObject("exercises", &n) {
					e := d.slabs.newExercise()
					d.at = loc{depth: 3, w: parent.w, d: parent.d, e: i}
					d.exercise(e)
					d.at = parent
					if d.fatal {
						return
					}
					d.slabs.exerciseStack = append(d.slabs.exerciseStack, e)
				}
				day.Exercises = d.slabs.exercises(mark)
			}
		}
		if d.fatal {
			return
		}
	}
}

func (d *decoder) exercise(e *planv1.Exercise) {
	d.pos++ // '{'
	var seen uint32
	for n := 0; ; n++ {
		f, key, keyPos, ok := d.member(n, exerciseFieldNames[:], exerciseField)
		if !ok {
			return
		}
		if d.fieldValue(f, key, keyPos, &seen, exerciseFieldNames[:]) {
			switch f {
			case 0:
				d.stringField(&e.ExerciseSlug, "exercise_slug")
			case 1:
				e.Sets = d.optionalInt32("sets")
			case 2:
				e.Reps = d.optionalString("reps")
			case 3:
				e.RestSeconds = d.optionalInt32("rest_seconds")
			case 4:
				e.DurationSeconds = d.optionalInt32("duration_seconds")
			case 5:
				e.DistanceMeters = d.optionalInt32("distance_meters")
			case 6:
				e.TargetRpe = d.optionalInt32("target_rpe")
			case 7:
				e.TargetRir = d.optionalInt32("target_rir")
			case 8:
				e.WorkSeconds = d.optionalInt32("work_seconds")
			case 9:
				e.RecoverySeconds = d.optionalInt32("recovery_seconds")
			case 10:
				e.Rounds = d.optionalInt32("rounds")
			case 11:
				d.stringField(&e.Block, "block")
			case 12:
				d.stringField(&e.Cue, "cue")
			case 13:
				e.LoadKg = d.optionalDouble("load_kg")
			}
		}
		if d.fatal {
			return
		}
	}
}
