package aiplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func planSchema(t *testing.T, slugs []string) map[string]any {
	t.Helper()
	raw, err := JSONSchema((&planv1.WorkoutPlan{}).ProtoReflect().Descriptor(), slugs)
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(raw, &s))
	return s
}

// TestJSONSchemaIsStrict walks the schema and requires what OpenAI's strict mode requires of
// every object: all properties required, no additional ones.
func TestJSONSchemaIsStrict(t *testing.T) {
	var objects int
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if props, ok := s["properties"].(map[string]any); ok {
			objects++
			require.Equal(t, "object", s["type"], path)
			require.Equal(t, false, s["additionalProperties"], path)
			var keys, required []string
			for k := range props {
				keys = append(keys, k)
			}
			for _, r := range s["required"].([]any) {
				required = append(required, r.(string))
			}
			slices.Sort(keys)
			slices.Sort(required)
			require.Equal(t, keys, required, path)
			for k, v := range props {
				walk(path+"."+k, v.(map[string]any))
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(path+"[]", items)
		}
	}
	walk("$", planSchema(t, nil))
	require.Equal(t, 4, objects, "plan, week, day and exercise")
}

func exerciseSchema(s map[string]any) map[string]any {
	days := s["properties"].(map[string]any)["weeks"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)["days"].(map[string]any)
	exercises := days["items"].(map[string]any)["properties"].(map[string]any)["exercises"].(map[string]any)
	return exercises["items"].(map[string]any)["properties"].(map[string]any)
}

func TestJSONSchemaRules(t *testing.T) {
	s := planSchema(t, nil)
	props := s["properties"].(map[string]any)
	require.Equal(t, map[string]any{"type": "string", "minLength": 5.0, "maxLength": 200.0}, props["plan_name"])
	require.Equal(t, map[string]any{"type": "integer", "minimum": 4.0, "maximum": 12.0}, props["duration_weeks"])
	require.EqualValues(t, 12, props["weeks"].(map[string]any)["maxItems"])
	ex := exerciseSchema(s)
	require.Equal(t, map[string]any{"type": "string", "minLength": 1.0, "maxLength": 64.0, "pattern": "^[A-Za-z0-9_-]+$"}, ex["exercise_slug"])
	require.Equal(t, map[string]any{"type": []any{"string", "null"}, "pattern": "^[0-9]{1,3}(-[0-9]{1,3})?$"}, ex["reps"])
	require.Equal(t, map[string]any{"type": []any{"integer", "null"}, "minimum": 10.0, "maximum": 1800.0}, ex["duration_seconds"])
	require.Equal(t, map[string]any{"type": []any{"number", "null"}, "exclusiveMinimum": 0.0, "maximum": 500.0}, ex["load_kg"])
}

func TestJSONSchemaSlugEnum(t *testing.T) {
	many := make([]string, MaxEnumSlugs+1)
	for i := range many {
		many[i] = fmt.Sprintf("ex-%d", i)
	}
	tests := []struct {
		name     string
		slugs    []string
		wantEnum bool
	}{
		{name: "no slugs", slugs: nil},
		{name: "a few slugs", slugs: []string{"push-ups", "plank", "EX005"}, wantEnum: true},
		{name: "exactly the limit", slugs: many[:MaxEnumSlugs], wantEnum: true},
		{name: "over the limit", slugs: many},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slug := exerciseSchema(planSchema(t, tt.slugs))["exercise_slug"].(map[string]any)
			require.Equal(t, "^[A-Za-z0-9_-]+$", slug["pattern"])
			if !tt.wantEnum {
				require.NotContains(t, slug, "enum")
				return
			}
			var enum []string
			for _, v := range slug["enum"].([]any) {
				enum = append(enum, v.(string))
			}
			require.Equal(t, tt.slugs, enum)
		})
	}
}

// TestPlansValidateAgainstJSONSchema checks the schema with a JSON Schema validator: the
// testdata plan and its slugs pass, and breaking a rule the schema can express fails.
func TestPlansValidateAgainstJSONSchema(t *testing.T) {
	plan := decodePlan(t, readPlan(t))
	var slugs []string
	for w := range plan.weeks() {
		for d := range plan.days(w) {
			for e := range plan.exercises(w, d) {
				if slug := plan.exercise(w, d, e)["exercise_slug"].(string); !slices.Contains(slugs, slug) {
					slugs = append(slugs, slug)
				}
			}
		}
	}
	// Strict mode makes the model write every field; an optional one it leaves out is null.
	for w := range plan.weeks() {
		for d := range plan.days(w) {
			for e := range plan.exercises(w, d) {
				for _, f := range []string{"sets", "reps", "rest_seconds", "duration_seconds", "distance_meters", "target_rpe", "target_rir", "work_seconds", "recovery_seconds", "rounds", "load_kg"} {
					if _, ok := plan.exercise(w, d, e)[f]; !ok {
						plan.exercise(w, d, e)[f] = nil
					}
				}
				for _, f := range []string{"block", "cue"} {
					if _, ok := plan.exercise(w, d, e)[f]; !ok {
						plan.exercise(w, d, e)[f] = ""
					}
				}
			}
		}
	}
	schema, err := JSONSchema((&planv1.WorkoutPlan{}).ProtoReflect().Descriptor(), slugs)
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("plan.json", doc))
	sch, err := c.Compile("plan.json")
	require.NoError(t, err)

	validate := func(p jsonPlan) error {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.encode(t)))
		require.NoError(t, err)
		return sch.Validate(inst)
	}
	require.NoError(t, validate(plan))
	// What the model writes under this schema is what Parse and Check accept.
	_, vs := Check(plan.encode(t))
	require.Empty(t, vs)

	tests := map[string]func(p jsonPlan){
		"unknown slug":      func(p jsonPlan) { p.exercise(0, 0, 0)["exercise_slug"] = "not-in-catalog" },
		"missing field":     func(p jsonPlan) { delete(p.day(0, 0), "confidence_task") },
		"extra field":       func(p jsonPlan) { p.week(0)["difficulty"] = "hard" },
		"sets out of range": func(p jsonPlan) { p.exercise(0, 0, 0)["sets"] = 11 },
		"reps pattern":      func(p jsonPlan) { p.exercise(0, 0, 0)["reps"] = "ten" },
		"six days":          func(p jsonPlan) { p.week(0)["days"] = p.days(0)[:6] },
		"short name":        func(p jsonPlan) { p["plan_name"] = "Plan" },
	}
	for name, breakPlan := range tests {
		t.Run(name, func(t *testing.T) {
			p := decodePlan(t, plan.encode(t))
			breakPlan(p)
			require.Error(t, validate(p))
		})
	}
}

func TestJSONSchemaRejectsUnsupportedMessages(t *testing.T) {
	tests := map[string]struct {
		md   protoreflect.MessageDescriptor
		want string
	}{
		"int64":     {(&timestamppb.Timestamp{}).ProtoReflect().Descriptor(), "int64 values are not supported"},
		"map":       {(&structpb.Struct{}).ProtoReflect().Descriptor(), "maps are not supported"},
		"recursive": {recursiveMessage(t), "is recursive"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := JSONSchema(tt.md, nil)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

// recursiveMessage builds `message Node { string name = 1; repeated Node children = 2; }`.
func recursiveMessage(t *testing.T) protoreflect.MessageDescriptor {
	file, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name:    new("node.proto"),
		Package: new("test"),
		Syntax:  new("proto3"),
		MessageType: []*descriptorpb.DescriptorProto{{
			Name: new("Node"),
			Field: []*descriptorpb.FieldDescriptorProto{
				{Name: new("name"), Number: new(int32(1)), Type: descriptorpb.FieldDescriptorProto_TYPE_STRING.Enum(), Label: descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum()},
				{Name: new("children"), Number: new(int32(2)), Type: descriptorpb.FieldDescriptorProto_TYPE_MESSAGE.Enum(), Label: descriptorpb.FieldDescriptorProto_LABEL_REPEATED.Enum(), TypeName: new(".test.Node")},
			},
		}},
	}, nil)
	require.NoError(t, err)
	return file.Messages().ByName("Node")
}
