package aiplan

import (
	"slices"
	"testing"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

func planMessages() []protoreflect.MessageDescriptor {
	return []protoreflect.MessageDescriptor{
		(&planv1.WorkoutPlan{}).ProtoReflect().Descriptor(),
		(&planv1.Week{}).ProtoReflect().Descriptor(),
		(&planv1.Day{}).ProtoReflect().Descriptor(),
		(&planv1.Exercise{}).ProtoReflect().Descriptor(),
	}
}

// TestFastRulesBuild fails when the plan proto has a rule the fast validator does not
// implement; Validate would then fall back to the slow reference path.
func TestFastRulesBuild(t *testing.T) {
	_, err := fastRules()
	require.NoError(t, err)
}

// TestEveryCELRuleHasAGoImplementation lists the CEL rule ids of the proto and requires the
// fast path to implement exactly those.
func TestEveryCELRuleHasAGoImplementation(t *testing.T) {
	var ids []string
	for _, md := range planMessages() {
		mr := proto.GetExtension(md.Options(), validate.E_Message).(*validate.MessageRules)
		for _, r := range mr.GetCel() {
			ids = append(ids, r.GetId())
		}
		for i := range md.Fields().Len() {
			fr := proto.GetExtension(md.Fields().Get(i).Options(), validate.E_Field).(*validate.FieldRules)
			for _, r := range fr.GetCel() {
				ids = append(ids, r.GetId())
			}
		}
	}
	var known []string
	for id := range celChecks() {
		known = append(known, id)
	}
	slices.Sort(ids)
	slices.Sort(known)
	require.Equal(t, ids, known)
}

// TestBuildRulesRejectsProtoChanges edits a copy of the plan descriptors the way a proto
// change would, and requires the rule builder to refuse what it cannot check.
func TestBuildRulesRejectsProtoChanges(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, file *descriptorpb.FileDescriptorProto)
		want string
	}{
		{
			name: "new message CEL rule",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editMessageRules(t, file, "Day", func(mr *validate.MessageRules) {
					mr.SetCel(append(mr.GetCel(), validate.Rule_builder{
						Id:         new("exercises.max_volume"),
						Expression: new("size(this.exercises) < 10"),
					}.Build()))
				})
			},
			want: `CEL rule "exercises.max_volume" has no Go implementation`,
		},
		{
			name: "changed CEL expression",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editFieldRules(t, file, "Exercise", "reps", func(fr *validate.FieldRules) {
					fr.GetCel()[0].SetExpression("this.size() < 8")
				})
			},
			want: `CEL rule "reps.range_order" is now "this.size() < 8"`,
		},
		{
			name: "removed CEL rule",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editMessageRules(t, file, "WorkoutPlan", func(mr *validate.MessageRules) {
					mr.SetCel(mr.GetCel()[1:])
				})
			},
			want: `CEL rule "weeks.count" is implemented in Go but no longer in the proto`,
		},
		{
			name: "unsupported string rule",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editFieldRules(t, file, "WorkoutPlan", "plan_name", func(fr *validate.FieldRules) {
					fr.GetString().SetPrefix("Plan")
				})
			},
			want: "rule buf.validate.StringRules.prefix is not supported",
		},
		{
			name: "unsupported int32 rule",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editFieldRules(t, file, "Exercise", "sets", func(fr *validate.FieldRules) {
					fr.GetInt32().SetGt(0)
				})
			},
			want: "rule buf.validate.Int32Rules.gt is not supported",
		},
		{
			name: "required",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				editFieldRules(t, file, "Week", "week_focus", func(fr *validate.FieldRules) {
					fr.SetRequired(true)
				})
			},
			want: "rule required is not supported",
		},
		{
			name: "new field",
			edit: func(t *testing.T, file *descriptorpb.FileDescriptorProto) {
				msg := findMessage(t, file, "Exercise")
				msg.Field = append(msg.Field, &descriptorpb.FieldDescriptorProto{
					Name:     new("tempo"),
					Number:   new(int32(15)),
					Label:    descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum(),
					Type:     descriptorpb.FieldDescriptorProto_TYPE_STRING.Enum(),
					JsonName: new("tempo"),
				})
			},
			want: "fitcoach.plan.v1.Exercise has 15 fields, the fast validator knows 14",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := protodesc.ToFileDescriptorProto(planv1.File_fitcoach_plan_v1_workout_plan_proto)
			tt.edit(t, file)
			fd, err := protodesc.NewFile(file, protoregistry.GlobalFiles)
			require.NoError(t, err)
			var mds []protoreflect.MessageDescriptor
			for _, name := range []protoreflect.Name{"WorkoutPlan", "Week", "Day", "Exercise"} {
				mds = append(mds, fd.Messages().ByName(name))
			}
			_, err = buildRules(mds...)
			require.ErrorContains(t, err, tt.want)
		})
	}
	t.Run("unedited copy builds", func(t *testing.T) {
		file := protodesc.ToFileDescriptorProto(planv1.File_fitcoach_plan_v1_workout_plan_proto)
		fd, err := protodesc.NewFile(file, protoregistry.GlobalFiles)
		require.NoError(t, err)
		_, err = buildRules(fd.Messages().ByName("WorkoutPlan"), fd.Messages().ByName("Week"), fd.Messages().ByName("Day"), fd.Messages().ByName("Exercise"))
		require.NoError(t, err)
	})
}

func findMessage(t *testing.T, file *descriptorpb.FileDescriptorProto, name string) *descriptorpb.DescriptorProto {
	for _, m := range file.GetMessageType() {
		if m.GetName() == name {
			return m
		}
	}
	t.Fatalf("no message %s", name)
	return nil
}

func editMessageRules(t *testing.T, file *descriptorpb.FileDescriptorProto, msg string, edit func(*validate.MessageRules)) {
	m := findMessage(t, file, msg)
	mr := proto.GetExtension(m.GetOptions(), validate.E_Message).(*validate.MessageRules)
	edit(mr)
	proto.SetExtension(m.GetOptions(), validate.E_Message, mr)
}

func editFieldRules(t *testing.T, file *descriptorpb.FileDescriptorProto, msg, field string, edit func(*validate.FieldRules)) {
	for _, f := range findMessage(t, file, msg).GetField() {
		if f.GetName() == field {
			fr := proto.GetExtension(f.GetOptions(), validate.E_Field).(*validate.FieldRules)
			edit(fr)
			proto.SetExtension(f.GetOptions(), validate.E_Field, fr)
			return
		}
	}
	t.Fatalf("no field %s.%s", msg, field)
}

// TestDecoderKnowsEveryField requires the decoder's name tables to accept both names of
// every proto field, and nothing else.
func TestDecoderKnowsEveryField(t *testing.T) {
	lookups := map[protoreflect.Name]struct {
		field func(string) int
		names []string
	}{
		"WorkoutPlan": {planField, planFieldNames[:]},
		"Week":        {weekField, weekFieldNames[:]},
		"Day":         {dayField, dayFieldNames[:]},
		"Exercise":    {exerciseField, exerciseFieldNames[:]},
	}
	for _, md := range planMessages() {
		t.Run(string(md.Name()), func(t *testing.T) {
			l := lookups[md.Name()]
			require.Equal(t, md.Fields().Len(), len(l.names))
			for i := range md.Fields().Len() {
				fd := md.Fields().Get(i)
				for _, name := range []string{fd.TextName(), fd.JSONName()} {
					idx := l.field(name)
					require.GreaterOrEqual(t, idx, 0, name)
					require.Equal(t, string(fd.Name()), l.names[idx], name)
				}
			}
			require.Equal(t, -1, l.field("unknown"))
		})
	}
}
