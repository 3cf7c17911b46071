// Package nature names the facts the catalog keeps about an exercise's nature — measurement,
// mechanics, movement patterns, joint stresses and impact — in the short lower-case form the
// database stores and people write in a CSV ("reps", "compound", "knee_dominant", "knees",
// "low"), and reads them back from that form or from the contract's enum names.
package nature

import (
	"fmt"
	"strings"
	"unicode"

	"google.golang.org/protobuf/reflect/protoreflect"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// Enum is one of the contract's nature enums.
type Enum interface {
	~int32
	protoreflect.Enum
}

// Name returns the short name of v ("knee_dominant" for MOVEMENT_PATTERN_KNEE_DOMINANT), and
// "" for the unspecified value or a number the contract does not define.
func Name[E Enum](v E) string {
	if v == 0 {
		return ""
	}
	d := v.Descriptor()
	ev := d.Values().ByNumber(protoreflect.EnumNumber(v))
	if ev == nil {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(string(ev.Name()), prefix(d)))
}

// Names returns the short names of vs, in order; never nil.
func Names[E Enum](vs []E) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if n := Name(v); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// Parse reads a short name ("knee_dominant", "knee-dominant", any case) or the contract's
// enum name ("MOVEMENT_PATTERN_KNEE_DOMINANT"). An empty s is the unspecified value; a name
// the contract does not define (or the unspecified one, spelled out) is an error that lists
// the names allowed.
func Parse[E Enum](s string) (E, error) {
	var zero E
	s = strings.TrimSpace(s)
	if s == "" {
		return zero, nil
	}
	d := zero.Descriptor()
	p := prefix(d)
	key := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return unicode.ToUpper(r)
	}, s)
	key = strings.TrimPrefix(key, p)
	ev := d.Values().ByName(protoreflect.Name(p + key))
	if ev == nil || ev.Number() == 0 {
		return zero, fmt.Errorf("%q: want %s", s, strings.Join(Allowed[E](), ", "))
	}
	return E(ev.Number()), nil
}

// ParseList reads a list of names separated by ";" or "|" (",", in a CSV, separates columns),
// skipping empty items.
func ParseList[E Enum](s string) ([]E, error) {
	var out []E
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		if strings.TrimSpace(item) == "" {
			continue
		}
		v, err := Parse[E](item)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Lookup maps the short name of every specified value of E to the value, and "" to the
// unspecified one: the exact names the store writes, for reading many rows cheaply.
type Lookup[E Enum] map[string]E

// NewLookup builds the Lookup of E.
func NewLookup[E Enum]() Lookup[E] {
	l := Lookup[E]{"": 0}
	var zero E
	vals := zero.Descriptor().Values()
	for i := range vals.Len() {
		if n := vals.Get(i).Number(); n != 0 {
			l[Name(E(n))] = E(n)
		}
	}
	return l
}

// One returns the value stored as name. It fails on a name the contract does not define,
// which means the database holds something this code did not write.
func (l Lookup[E]) One(name string) (E, error) {
	v, ok := l[name]
	if !ok {
		return 0, fmt.Errorf("%q: want %s", name, strings.Join(Allowed[E](), ", "))
	}
	return v, nil
}

// All returns the values stored as names, in order, never nil; it fails as One does, and on
// an unspecified ("") item.
func (l Lookup[E]) All(names []string) ([]E, error) {
	out := make([]E, 0, len(names))
	for _, n := range names {
		v, err := l.One(n)
		if err == nil && v == 0 {
			err = fmt.Errorf("%q: want %s", n, strings.Join(Allowed[E](), ", "))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Allowed lists the short names of every specified value of E, in enum order.
func Allowed[E Enum]() []string {
	var zero E
	vals := zero.Descriptor().Values()
	out := make([]string, 0, vals.Len())
	for i := range vals.Len() {
		if n := vals.Get(i).Number(); n != 0 {
			out = append(out, Name(E(n)))
		}
	}
	return out
}

// prefix is the enum's value prefix: the name of its zero value without "UNSPECIFIED"
// ("MOVEMENT_PATTERN_").
func prefix(d protoreflect.EnumDescriptor) string {
	return strings.TrimSuffix(string(d.Values().ByNumber(0).Name()), "UNSPECIFIED")
}

// Measurement returns m, or reps when m is unspecified: the contract's default on create.
func Measurement(m typesv1.Measurement) typesv1.Measurement {
	if m == typesv1.Measurement_MEASUREMENT_UNSPECIFIED {
		return typesv1.Measurement_MEASUREMENT_REPS
	}
	return m
}
