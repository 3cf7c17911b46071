package aiplan

import (
	"bytes"
	"fmt"
	"unicode"
)

// MaxInputSize is the largest raw response Parse and Check accept. A 12-week plan is about
// 80 KB; anything beyond a megabyte is a runaway generation, not a plan.
const MaxInputSize = 1 << 20

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// extractJSON finds the JSON object inside what an LLM returned: it drops a byte-order mark,
// surrounding whitespace, a markdown code fence and prose before or after the object. It
// returns the object's bytes and their offset in raw so that messages can point into the
// original response. Both the fast and the reference path start from its result, so
// tolerance for LLM wrapping is not something the two can disagree on.
//
// When no complete object can be delimited (a truncated response) the rest of the input from
// the first '{' is returned so that the decoder reports where it ends.
//
// With cutAfter false the prose after the object is left in place: the fast decoder stops at
// the end of the object anyway, and finding that end here would scan the whole input twice.
// The result is the same as with cutAfter true: wherever bracket balancing ends the object,
// the decoder either ends it there too or finds a problem no later than that.
func extractJSON(raw []byte, cutAfter bool) (body []byte, offset int, tooLarge *Violation) {
	if len(raw) > MaxInputSize {
		return nil, 0, &Violation{
			Rule:    RuleJSONTooLarge,
			Message: fmt.Sprintf("the response is %d bytes, more than the %d bytes a plan may have", len(raw), MaxInputSize),
		}
	}
	start, end := 0, len(raw)
	if bytes.HasPrefix(raw, utf8BOM) {
		start = len(utf8BOM)
	}
	end = start + len(bytes.TrimRightFunc(raw[start:end], unicode.IsSpace))
	start = end - len(bytes.TrimLeftFunc(raw[start:end], unicode.IsSpace))

	text := raw[start:end]
	// Only a fence before the object counts; searching just that part keeps a plain object,
	// the common case, from being scanned here at all.
	head := text
	if brace := bytes.IndexByte(text, '{'); brace >= 0 {
		head = text[:brace]
	}
	if fence := bytes.Index(head, []byte("```")); fence >= 0 {
		// Skip the fence line including its language tag ("```json"). The closing fence
		// needs no search: the object's end is found by balancing below, which also copes
		// with a closing fence that never came.
		nl := bytes.IndexByte(text[fence:], '\n')
		if nl < 0 {
			nl = len(text) - fence
		}
		start += fence + nl
	}
	if obj := objectStart(raw[start:end]); obj >= 0 {
		start += obj
		if cutAfter {
			if n := balancedLen(raw[start:end]); n > 0 {
				end = start + n
			}
		}
	}
	return raw[start:end], start, nil
}

// objectStart returns the index of the first '{' that opens a JSON object (followed by '"' or
// '}' after whitespace) so that braces in leading prose ("Here is {your} plan:") are skipped.
// Without such a brace it falls back to the first '{', and to 0 when there is none, letting
// the decoder explain what is wrong.
func objectStart(b []byte) int {
	first := -1
	for i := 0; i < len(b); i++ {
		if b[i] != '{' {
			continue
		}
		if first < 0 {
			first = i
		}
		j := i + 1
		for j < len(b) && isJSONSpace(b[j]) {
			j++
		}
		if j < len(b) && (b[j] == '"' || b[j] == '}') {
			return i
		}
	}
	if first < 0 {
		return 0
	}
	return first
}

// balancedLen returns the length of the bracketed value at the start of b, skipping string
// contents, or 0 when it does not close.
func balancedLen(b []byte) int {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
