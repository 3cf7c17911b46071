package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// A request body grpc-gateway cannot decode reaches the error handler as a bare
// INVALID_ARGUMENT whose message is protojson's or encoding/json's text ("proto: (line 1:218):
// invalid value for enum field archetype: …"): the generated handlers flatten the decoder's
// error with %v, so nothing structured survives. The error handler therefore replays the
// decode on the body bytes the request carried (limitBody keeps them) against the route's
// body message, and when it fails there too, explains it as field violations like every
// other 400: the field's JSON path, what was wrong and, for an enum, the accepted values.

// bodyFields names, for each RPC whose HTTP rule in proto/gateway.yaml binds the body to one
// field (`body: profile`), that field; every other RPC with a body takes the whole request
// message (`body: "*"`). TestBodyFieldsMatchGatewayYAML keeps it equal to gateway.yaml.
var bodyFields = map[string]protoreflect.Name{
	"/fitcoach.catalog.v1.CatalogService/CreateExercise": "exercise",
	"/fitcoach.catalog.v1.CatalogService/UpdateExercise": "exercise",
	"/fitcoach.video.v1.VideoService/CreateClip":         "clip",
	"/fitcoach.video.v1.VideoService/UpdateClip":         "clip",
	"/fitcoach.plan.v1.PlanService/UpsertProfile":        "profile",
}

// Rule ids of decode violations, beside protovalidate's ("string.min_len").
const (
	ruleSyntax    = "json.syntax"
	ruleType      = "json.type"
	ruleEnum      = "json.enum"
	ruleUnknown   = "json.unknown_field"
	ruleDuplicate = "json.duplicate_field"
	ruleOneof     = "json.oneof"
)

// bodyMessage is the message the body of the route in ctx decodes into, and the JSON path
// prefix of its fields ("profile" when the body is the request's profile field).
func bodyMessage(ctx context.Context) (protoreflect.MessageDescriptor, string, bool) {
	method, ok := runtime.RPCMethod(ctx)
	if !ok {
		return nil, "", false
	}
	name := protoreflect.FullName(strings.ReplaceAll(strings.TrimPrefix(method, "/"), "/", "."))
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(name)
	if err != nil {
		return nil, "", false
	}
	m, ok := d.(protoreflect.MethodDescriptor)
	if !ok {
		return nil, "", false
	}
	md := m.Input()
	field, ok := bodyFields[method]
	if !ok {
		return md, "", true
	}
	fd := md.Fields().ByName(field)
	if fd == nil || fd.Message() == nil {
		return nil, "", false
	}
	return fd.Message(), fd.JSONName(), true
}

// decodeViolations explains why body did not decode into the body message of the route in
// ctx; ok is false when it decodes (the INVALID_ARGUMENT came from the service) or the route
// is not known.
func decodeViolations(ctx context.Context, body []byte) (_ []grpcerr.FieldViolation, ok bool) {
	md, prefix, ok := bodyMessage(ctx)
	if !ok {
		return nil, false
	}
	return diagnoseBody(body, md, prefix)
}

// diagnoseBody replays grpc-gateway's decoding of body (the first JSON value, then protojson
// with the gateway's options) into md and explains a failure.
func diagnoseBody(body []byte, md protoreflect.MessageDescriptor, prefix string) ([]grpcerr.FieldViolation, bool) {
	var raw json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, false // an empty body is an empty message
		}
		return []grpcerr.FieldViolation{syntaxViolation(body, prefix, err)}, true
	}
	if marshaler.UnmarshalOptions.Unmarshal(raw, dynamicpb.NewMessage(md)) == nil {
		return nil, false
	}
	vs := diagnoseMessage(raw, md, prefix)
	if len(vs) == 0 {
		// The walk below mirrors protojson; should they ever disagree, still answer a violation
		// rather than the parser's text.
		vs = []grpcerr.FieldViolation{{Field: prefix, Rule: ruleType, Message: "is not a valid " + string(md.Name()) + " in JSON"}}
	}
	return vs, true
}

// syntaxViolation places a JSON syntax error by line and column.
func syntaxViolation(body []byte, field string, err error) grpcerr.FieldViolation {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		line, col := position(body, int(se.Offset)-1)
		return grpcerr.FieldViolation{Field: field, Rule: ruleSyntax,
			Message: fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, se.Error())}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(body, len(body))
		return grpcerr.FieldViolation{Field: field, Rule: ruleSyntax,
			Message: fmt.Sprintf("malformed JSON: the body ends at line %d, column %d before the value is complete", line, col)}
	}
	return grpcerr.FieldViolation{Field: field, Rule: ruleSyntax, Message: "malformed JSON: " + err.Error()}
}

// position is the 1-based line and column (in bytes) of offset i in b.
func position(b []byte, i int) (line, col int) {
	i = max(0, min(i, len(b)))
	before := b[:i]
	nl := bytes.LastIndexByte(before, '\n')
	return bytes.Count(before, []byte{'\n'}) + 1, i - nl
}

// member is one "key": value of a JSON object, in the order written.
type member struct {
	key   string
	value json.RawMessage
}

// objectMembers splits a JSON object; ok is false when raw is not an object.
func objectMembers(raw json.RawMessage) ([]member, bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var out []member
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return nil, false
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, false
		}
		out = append(out, member{key, v})
	}
	return out, true
}

// arrayElements splits a JSON array; ok is false when raw is not an array.
func arrayElements(raw json.RawMessage) ([]json.RawMessage, bool) {
	if kindOf(raw) != "a list" {
		return nil, false
	}
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, false
	}
	return out, true
}

// kindOf names the JSON kind of raw for messages ("a string", "a number", …).
func kindOf(raw json.RawMessage) string {
	s := bytes.TrimLeft(raw, " \t\r\n")
	if len(s) == 0 {
		return "nothing"
	}
	switch s[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// got shows a value in a message, shortened.
func got(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if k := kindOf(raw); k == "an object" || k == "a list" {
		return k
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return s
}

func isNull(raw json.RawMessage) bool { return kindOf(raw) == "null" }

// acceptsNull reports whether null is a value of fd rather than "unset": google.protobuf.Value
// and NullValue fields, as protojson has it.
func acceptsNull(fd protoreflect.FieldDescriptor) bool {
	if md := fd.Message(); md != nil {
		return md.FullName() == "google.protobuf.Value"
	}
	if ed := fd.Enum(); ed != nil {
		return ed.FullName() == "google.protobuf.NullValue"
	}
	return false
}

// diagnoseMessage walks a JSON value meant to be md as protojson does and reports each field
// protojson would refuse. Scalars are judged by protojson itself (one field at a time), so the
// walk never disagrees with the decoder about what is valid, only says where and why.
func diagnoseMessage(raw json.RawMessage, md protoreflect.MessageDescriptor, path string) []grpcerr.FieldViolation {
	if isWellKnown(md) {
		if probe(md, raw) {
			return nil
		}
		return []grpcerr.FieldViolation{{Field: path, Rule: ruleType, Message: wellKnownWant(md) + "; got " + got(raw)}}
	}
	members, ok := objectMembers(raw)
	if !ok {
		return []grpcerr.FieldViolation{{Field: path, Rule: ruleType, Message: "must be an object; got " + got(raw)}}
	}
	var out []grpcerr.FieldViolation
	seen := map[protoreflect.FieldNumber]bool{}
	oneofs := map[protoreflect.FullName]string{}
	fields := md.Fields()
	for _, m := range members {
		fd := fields.ByJSONName(m.key)
		if fd == nil {
			fd = fields.ByTextName(m.key)
		}
		if fd == nil {
			out = append(out, grpcerr.FieldViolation{Field: join(path, m.key), Rule: ruleUnknown,
				Message: fmt.Sprintf("unknown field %q; the fields here are %s", m.key, fieldList(md))})
			continue
		}
		p := join(path, fd.JSONName())
		if seen[fd.Number()] {
			out = append(out, grpcerr.FieldViolation{Field: p, Rule: ruleDuplicate, Message: "is set more than once"})
			continue
		}
		seen[fd.Number()] = true
		if isNull(m.value) && !acceptsNull(fd) {
			continue // null leaves the field unset, as protojson does
		}
		if od := fd.ContainingOneof(); od != nil && !fd.IsList() && !fd.IsMap() {
			if other, set := oneofs[od.FullName()]; set {
				out = append(out, grpcerr.FieldViolation{Field: p, Rule: ruleOneof,
					Message: fmt.Sprintf("cannot be set together with %s (only one of %s)", other, oneofList(od))})
				continue
			}
			oneofs[od.FullName()] = fd.JSONName()
		}
		out = append(out, diagnoseField(m.value, fd, p)...)
	}
	return out
}

// diagnoseField reports what is wrong with raw as the value of fd.
func diagnoseField(raw json.RawMessage, fd protoreflect.FieldDescriptor, path string) []grpcerr.FieldViolation {
	switch {
	case fd.IsList():
		elems, ok := arrayElements(raw)
		if !ok {
			return []grpcerr.FieldViolation{{Field: path, Rule: ruleType, Message: "must be a list, each element " + want(fd) + "; got " + got(raw)}}
		}
		var out []grpcerr.FieldViolation
		for i, e := range elems {
			out = append(out, diagnoseValue(e, fd, fmt.Sprintf("%s[%d]", path, i), true)...)
		}
		return out
	case fd.IsMap():
		members, ok := objectMembers(raw)
		if !ok {
			return []grpcerr.FieldViolation{{Field: path, Rule: ruleType, Message: "must be an object of " + want(fd.MapValue()) + "; got " + got(raw)}}
		}
		var out []grpcerr.FieldViolation
		keys := map[string]bool{}
		for _, m := range members {
			p := fmt.Sprintf("%s[%q]", path, m.key)
			if keys[m.key] {
				out = append(out, grpcerr.FieldViolation{Field: p, Rule: ruleDuplicate, Message: "is set more than once"})
				continue
			}
			keys[m.key] = true
			// The key alone, with a value that is valid whatever the value type.
			if !probeMapKey(fd, m.key) {
				out = append(out, grpcerr.FieldViolation{Field: p, Rule: ruleType, Message: "the key must be " + want(fd.MapKey())})
				continue
			}
			out = append(out, diagnoseValue(m.value, fd.MapValue(), p, false)...)
		}
		return out
	}
	return diagnoseValue(raw, fd, path, false)
}

// diagnoseValue judges one value of fd (a singular field's, a list element or a map value;
// elem says a list element): messages are walked, scalars probed.
func diagnoseValue(raw json.RawMessage, fd protoreflect.FieldDescriptor, path string, elem bool) []grpcerr.FieldViolation {
	if md := fd.Message(); md != nil {
		if isNull(raw) && md.FullName() != "google.protobuf.Value" {
			// Only a field's own null means unset; an element or a map value must be there.
			return []grpcerr.FieldViolation{{Field: path, Rule: ruleType, Message: "must be " + want(fd) + "; got null"}}
		}
		return diagnoseMessage(raw, md, path)
	}
	if probeScalar(fd, raw, elem) {
		return nil
	}
	rule := ruleType
	msg := "must be " + want(fd) + "; got " + got(raw)
	if ed := fd.Enum(); ed != nil && ed.FullName() != "google.protobuf.NullValue" {
		rule = ruleEnum
		msg = fmt.Sprintf("%s is not a %s; the accepted values are %s", got(raw), ed.Name(), enumList(ed))
	}
	return []grpcerr.FieldViolation{{Field: path, Rule: rule, Message: msg}}
}

// probe reports whether protojson accepts raw as a whole md.
func probe(md protoreflect.MessageDescriptor, raw json.RawMessage) bool {
	return marshaler.UnmarshalOptions.Unmarshal(raw, dynamicpb.NewMessage(md)) == nil
}

// probeScalar reports whether protojson accepts raw as a value of the scalar field fd (as a
// list element when elem), by decoding a one-field object of fd's message.
func probeScalar(fd protoreflect.FieldDescriptor, raw json.RawMessage, elem bool) bool {
	parent := fd.ContainingMessage()
	if parent.IsMapEntry() {
		// A map value: decode {"k": raw} into the map field of the message holding the map.
		return probeMapValue(fd, raw)
	}
	v := raw
	if elem {
		v = append(append(json.RawMessage("["), raw...), ']')
	}
	return probe(parent, oneField(string(fd.Name()), v))
}

// probeMapKey reports whether key is a valid JSON key of the map field fd.
func probeMapKey(fd protoreflect.FieldDescriptor, key string) bool {
	value := json.RawMessage("{}")
	if fd.MapValue().Message() == nil {
		value = zeroJSON(fd.MapValue())
	}
	obj, _ := json.Marshal(map[string]json.RawMessage{key: value})
	return probe(fd.ContainingMessage(), oneField(string(fd.Name()), obj))
}

// probeMapValue reports whether raw is a valid value of the map whose entry holds fd.
func probeMapValue(fd protoreflect.FieldDescriptor, raw json.RawMessage) bool {
	entry := fd.ContainingMessage()
	mapField := entry.Parent().(protoreflect.MessageDescriptor).Fields()
	var field protoreflect.FieldDescriptor
	for i := 0; i < mapField.Len(); i++ {
		if f := mapField.Get(i); f.IsMap() && f.Message().FullName() == entry.FullName() {
			field = f
		}
	}
	if field == nil {
		return false
	}
	key, _ := json.Marshal(string(zeroJSON(field.MapKey())))
	if field.MapKey().Kind() == protoreflect.StringKind {
		key = []byte(`"k"`)
	}
	obj := append(append(append(json.RawMessage("{"), key...), ':'), raw...)
	obj = append(obj, '}')
	return probe(field.ContainingMessage(), oneField(string(field.Name()), obj))
}

// zeroJSON is a JSON value every field of fd's kind accepts.
func zeroJSON(fd protoreflect.FieldDescriptor) json.RawMessage {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return json.RawMessage("false")
	case protoreflect.StringKind, protoreflect.BytesKind:
		return json.RawMessage(`""`)
	}
	return json.RawMessage("0")
}

func oneField(name string, v json.RawMessage) json.RawMessage {
	key, _ := json.Marshal(name)
	out := append(append(json.RawMessage("{"), key...), ':')
	out = append(out, v...)
	return append(out, '}')
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// want says what a value of fd must be.
func want(fd protoreflect.FieldDescriptor) string {
	if md := fd.Message(); md != nil {
		if isWellKnown(md) {
			return strings.TrimPrefix(wellKnownWant(md), "must be ")
		}
		return "an object (" + string(md.Name()) + ")"
	}
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return "true or false"
	case protoreflect.StringKind:
		return "a string (UTF-8)"
	case protoreflect.BytesKind:
		return "a string of base64 bytes"
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return "an integer from -2147483648 to 2147483647"
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return "an integer from 0 to 4294967295"
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return "a 64-bit integer (a number or a string of digits)"
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return "an unsigned 64-bit integer (a number or a string of digits)"
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return `a number (or "NaN", "Infinity", "-Infinity")`
	case protoreflect.EnumKind:
		return "one of " + enumList(fd.Enum())
	}
	return "a " + fd.Kind().String()
}

func isWellKnown(md protoreflect.MessageDescriptor) bool {
	return md.ParentFile().Package() == "google.protobuf"
}

// wellKnownWant says what JSON a well-known type takes (protojson's special forms).
func wellKnownWant(md protoreflect.MessageDescriptor) string {
	switch md.Name() {
	case "Timestamp":
		return `must be an RFC 3339 time in a string, e.g. "2026-01-02T15:04:05Z"`
	case "Duration":
		return `must be seconds with an "s" suffix in a string, e.g. "1.5s"`
	case "FieldMask":
		return `must be a string of comma-separated field names, e.g. "name,difficulty"`
	case "Struct":
		return "must be an object"
	case "ListValue":
		return "must be a list"
	case "Value":
		return "must be any JSON value"
	case "Empty":
		return "must be an empty object {}"
	case "BoolValue":
		return "must be true or false"
	case "StringValue":
		return "must be a string (UTF-8)"
	case "BytesValue":
		return "must be a string of base64 bytes"
	case "Int32Value":
		return "must be an integer from -2147483648 to 2147483647"
	case "UInt32Value":
		return "must be an integer from 0 to 4294967295"
	case "Int64Value", "UInt64Value":
		return "must be a 64-bit integer (a number or a string of digits)"
	case "FloatValue", "DoubleValue":
		return "must be a number"
	}
	return "must be a google.protobuf." + string(md.Name()) + " in its JSON form"
}

// enumList is the values a client may send: every name but the zero "unspecified" one, which
// the APIs' rules refuse anyway.
func enumList(ed protoreflect.EnumDescriptor) string {
	var names []string
	vals := ed.Values()
	for i := 0; i < vals.Len(); i++ {
		v := vals.Get(i)
		if v.Number() == 0 && strings.HasSuffix(string(v.Name()), "_UNSPECIFIED") {
			continue
		}
		names = append(names, string(v.Name()))
	}
	return strings.Join(names, ", ")
}

func fieldList(md protoreflect.MessageDescriptor) string {
	var names []string
	fs := md.Fields()
	for i := 0; i < fs.Len(); i++ {
		names = append(names, fs.Get(i).JSONName())
	}
	return strings.Join(names, ", ")
}

func oneofList(od protoreflect.OneofDescriptor) string {
	var names []string
	fs := od.Fields()
	for i := 0; i < fs.Len(); i++ {
		names = append(names, fs.Get(i).JSONName())
	}
	return strings.Join(names, ", ")
}
