package aiplan

import (
	"math"
	"strconv"
	"strings"
)

// The functions in this file reproduce how protojson (google.golang.org/protobuf v1.36)
// tokenises JSON numbers and turns them into int32, quirks included, because the fast
// decoder must accept and reject exactly what the reference path does:
//
//   - any notation of an integral value is an int32: 3, 3.0, 1e1, 300e-2, 0.5e1;
//   - a number may be given as a string ("3"), but without surrounding whitespace;
//   - an exponent marker with no digits before a delimiter ("1e,") is tolerated and ignored,
//     while "1e+," is a number token that is not an integer.

// scanNumber returns the length of the JSON number at the start of s, or false when s does
// not start with one or the number runs into a character that cannot end a token.
func scanNumber(s string) (int, bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return 0, false
	}
	switch c := s[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return 0, false
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i += 2
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if s[i] == '+' || s[i] == '-' {
			i++
			if i >= len(s) {
				return 0, false
			}
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && isNotDelim(s[i]) {
		return 0, false
	}
	return i, true
}

// isNotDelim reports whether c would continue a literal or number token rather than end it.
func isNotDelim(c byte) bool {
	return c == '-' || c == '+' || c == '.' || c == '_' ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || isDigit(c)
}

// matchLiteral reports the length of lit (true, false, null) at the start of s when it is a
// complete token.
func matchLiteral(s, lit string) int {
	if !strings.HasPrefix(s, lit) {
		return 0
	}
	if len(lit) < len(s) && isNotDelim(s[len(lit)]) {
		return 0
	}
	return len(lit)
}

// int32Of converts a number token accepted by scanNumber into an int32.
func int32Of(tok string) (int32, bool) {
	// Plain short integers are nearly all that plans contain; skip the general path for them.
	digits := tok
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) > 0 && len(digits) <= 9 {
		var n int32
		plain := true
		for i := 0; i < len(digits); i++ {
			c := digits[i]
			if !isDigit(c) {
				plain = false
				break
			}
			n = n*10 + int32(c-'0')
		}
		if plain {
			if len(digits) != len(tok) {
				n = -n
			}
			return n, true
		}
	}
	s, ok := integralString(tok)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, false
	}
	return int32(n), true
}

// int32FromString converts the contents of a JSON string holding a number, as protojson does
// for integer fields.
func int32FromString(s string) (int32, bool) {
	if len(strings.TrimSpace(s)) != len(s) {
		return 0, false
	}
	n, ok := scanNumber(s)
	if !ok || n != len(s) {
		return 0, false
	}
	return int32Of(s)
}

// float64Of converts a number token accepted by scanNumber into a double; a token that is
// out of range ("1e400") or cut short ("1e") is not one, as in protojson.
func float64Of(tok string) (float64, bool) {
	v, err := strconv.ParseFloat(tok, 64)
	return v, err == nil
}

// float64FromString converts the contents of a JSON string holding a double, as protojson
// does: the three names of the non-finite values, or exactly one number token.
func float64FromString(s string) (float64, bool) {
	switch s {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	if len(strings.TrimSpace(s)) != len(s) {
		return 0, false
	}
	n, ok := scanNumber(s)
	if !ok || n != len(s) {
		return 0, false
	}
	return float64Of(s)
}

// integralString rewrites a number token in plain decimal ("-1.50e2" → "-150"), or returns
// false when the value has a fractional part or cannot be an integer of at most 20 digits.
func integralString(tok string) (string, bool) {
	s := tok
	if len(s) == 0 {
		return "", false
	}
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
		if len(s) == 0 {
			return "", false
		}
	}
	var intp, frac, exp string
	switch {
	case s[0] == '0':
		s = s[1:]
	case '1' <= s[0] && s[0] <= '9':
		n := 1
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		intp, s = s[:n], s[n:]
	default:
		return "", false
	}
	if len(s) >= 2 && s[0] == '.' && isDigit(s[1]) {
		n := 2
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		frac, s = strings.TrimRight(s[1:n], "0"), s[n:]
	}
	if len(s) >= 2 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		n := 0
		if s[0] == '+' || s[0] == '-' {
			n++
			if n == len(s) {
				return "", false
			}
		}
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		exp = s[:n]
	}

	if len(intp) == 0 && len(frac) == 0 {
		return "0", true
	}
	e := 0
	if len(exp) > 0 {
		v, err := strconv.ParseInt(exp, 10, 32)
		if err != nil {
			return "", false
		}
		e = int(v)
	}
	var num string
	if e >= 0 {
		// Shift fraction digits into the integer part, padding with zeros.
		const maxDigits = 20 // a uint64 has at most 20 decimal digits
		if len(frac) > e || len(intp)+e > maxDigits {
			return "", false
		}
		num = intp + frac + strings.Repeat("0", e-len(frac))
	} else {
		// Shift integer digits out; they must all be zeros.
		if len(frac) > 0 {
			return "", false
		}
		point := len(intp) + e
		if point < 0 || strings.Trim(intp[point:], "0") != "" {
			return "", false
		}
		num = intp[:point]
	}
	if neg {
		return "-" + num, true
	}
	return num, true
}
