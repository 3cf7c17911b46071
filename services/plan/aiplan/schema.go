package aiplan

import (
	"bytes"
	"encoding/json"
	"fmt"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// MaxEnumSlugs is the largest allowed-slug list JSONSchema puts in an enum; longer lists
// would crowd the model's context and OpenAI limits enum sizes, so the pattern alone is sent
// and unknown slugs are handled by the whitelist after parsing.
const MaxEnumSlugs = 500

// slugField is the field that JSONSchema restricts to the allowed slugs.
const slugField = "exercise_slug"

// JSONSchema derives the JSON Schema sent to the LLM from a plan message descriptor and its
// buf.validate rules (string min/max length and pattern, int32 and uint32 bounds, repeated
// min/max items), in the form OpenAI's strict structured outputs require: every object lists
// all its properties as required and allows no others, and a proto3 optional field becomes
// nullable (["integer", "null"]), which Parse reads as "not set". When allowedSlugs has
// between 1 and MaxEnumSlugs entries, exercise_slug must be one of them.
//
// Properties appear in field-number order, the order the model will write them in. Maps,
// 64-bit integers, bytes and recursive messages have no place in a plan and return an error.
func JSONSchema(md protoreflect.MessageDescriptor, allowedSlugs []string) ([]byte, error) {
	g := schemaGen{visiting: map[protoreflect.FullName]bool{}}
	if n := len(allowedSlugs); n > 0 && n <= MaxEnumSlugs {
		g.slugs = allowedSlugs
	}
	s, err := g.message(md)
	if err != nil {
		return nil, err
	}
	return marshal(s)
}

// marshal encodes v without escaping <, > and &, which may appear in patterns and slugs.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

type schemaGen struct {
	slugs    []string
	visiting map[protoreflect.FullName]bool
}

func (g *schemaGen) message(md protoreflect.MessageDescriptor) (object, error) {
	if g.visiting[md.FullName()] {
		return nil, fmt.Errorf("message %s is recursive; a JSON Schema for it needs $ref, which plans do not use", md.FullName())
	}
	g.visiting[md.FullName()] = true
	defer delete(g.visiting, md.FullName())

	props := object{}
	required := []string{}
	for i := range md.Fields().Len() {
		fd := md.Fields().Get(i)
		s, err := g.field(fd)
		if err != nil {
			return nil, err
		}
		props = append(props, member{fd.TextName(), s})
		required = append(required, fd.TextName())
	}
	return object{
		{"type", "object"},
		{"properties", props},
		{"required", required},
		{"additionalProperties", false},
	}, nil
}

func (g *schemaGen) field(fd protoreflect.FieldDescriptor) (object, error) {
	rules := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	if fd.IsMap() {
		return nil, fmt.Errorf("field %s: maps are not supported", fd.FullName())
	}
	if fd.IsList() {
		items, err := g.value(fd, rules.GetRepeated().GetItems())
		if err != nil {
			return nil, err
		}
		s := object{{"type", "array"}, {"items", items}}
		if r := rules.GetRepeated(); r != nil {
			if r.HasMinItems() {
				s = append(s, member{"minItems", r.GetMinItems()})
			}
			if r.HasMaxItems() {
				s = append(s, member{"maxItems", r.GetMaxItems()})
			}
		}
		return s, nil
	}
	s, err := g.value(fd, rules)
	if err != nil {
		return nil, err
	}
	if fd.HasOptionalKeyword() {
		s = nullable(s)
	}
	return s, nil
}

// value is the schema of one value of fd, constrained by rules (nil when there are none).
func (g *schemaGen) value(fd protoreflect.FieldDescriptor, rules *validate.FieldRules) (object, error) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		s := object{{"type", "string"}}
		if r := rules.GetString(); r != nil {
			if r.HasMinLen() {
				s = append(s, member{"minLength", r.GetMinLen()})
			}
			if r.HasMaxLen() {
				s = append(s, member{"maxLength", r.GetMaxLen()})
			}
			if r.HasPattern() {
				s = append(s, member{"pattern", r.GetPattern()})
			}
		}
		if fd.TextName() == slugField && len(g.slugs) > 0 {
			s = append(s, member{"enum", g.slugs})
		}
		return s, nil
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		s := object{{"type", "integer"}}
		if r := rules.GetInt32(); r != nil {
			s = appendBounds(s, r.HasGte(), r.GetGte(), r.HasGt(), r.GetGt(), r.HasLte(), r.GetLte(), r.HasLt(), r.GetLt())
		}
		return s, nil
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		s := object{{"type", "integer"}, {"minimum", 0}}
		if r := rules.GetUint32(); r != nil {
			s = appendBounds(s, r.HasGte(), r.GetGte(), r.HasGt(), r.GetGt(), r.HasLte(), r.GetLte(), r.HasLt(), r.GetLt())
		}
		return s, nil
	case protoreflect.BoolKind:
		return object{{"type", "boolean"}}, nil
	case protoreflect.FloatKind:
		return object{{"type", "number"}}, nil
	case protoreflect.DoubleKind:
		// JSON cannot write a non-finite number, so double.finite needs no keyword.
		s := object{{"type", "number"}}
		if r := rules.GetDouble(); r != nil {
			s = appendBounds(s, r.HasGte(), r.GetGte(), r.HasGt(), r.GetGt(), r.HasLte(), r.GetLte(), r.HasLt(), r.GetLt())
		}
		return s, nil
	case protoreflect.EnumKind:
		var names []any
		values := fd.Enum().Values()
		for i := range values.Len() {
			names = append(names, string(values.Get(i).Name()))
		}
		return object{{"type", "string"}, {"enum", names}}, nil
	case protoreflect.MessageKind:
		return g.message(fd.Message())
	}
	return nil, fmt.Errorf("field %s: %s values are not supported", fd.FullName(), fd.Kind())
}

func appendBounds[T int32 | uint32 | float64](s object, hasGte bool, gte T, hasGt bool, gt T, hasLte bool, lte T, hasLt bool, lt T) object {
	if hasGte {
		s = s.set("minimum", gte)
	}
	if hasGt {
		s = s.set("exclusiveMinimum", gt)
	}
	if hasLte {
		s = s.set("maximum", lte)
	}
	if hasLt {
		s = s.set("exclusiveMaximum", lt)
	}
	return s
}

// nullable lets a value also be null, the strict-mode spelling of an optional field.
func nullable(s object) object {
	for i, m := range s {
		switch m.key {
		case "type":
			if t, ok := m.value.(string); ok {
				s[i].value = []string{t, "null"}
			}
		case "enum":
			// An enum lists every allowed value, so null has to be one of them.
			switch e := m.value.(type) {
			case []string:
				vals := make([]any, 0, len(e)+1)
				for _, v := range e {
					vals = append(vals, v)
				}
				s[i].value = append(vals, nil)
			case []any:
				s[i].value = append(e[:len(e):len(e)], nil)
			}
		}
	}
	return s
}

// object is a JSON object that keeps its keys in insertion order.
type object []member

type member struct {
	key   string
	value any
}

// set replaces the value of key, or appends it.
func (o object) set(key string, value any) object {
	for i := range o {
		if o[i].key == key {
			o[i].value = value
			return o
		}
	}
	return append(o, member{key, value})
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
