package gateway

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/reflect/protoreflect"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// TestDecodeErrorsAreViolations: a body grpc-gateway cannot decode answers 400 with field
// violations (JSON path, what was wrong, accepted enum values, position of a syntax error),
// never the parser's own text, on every kind of route: body bound to a field (PUT profile),
// the whole request (POST plans) and a PATCH, whose body grpc-gateway reads differently.
func TestDecodeErrorsAreViolations(t *testing.T) {
	f := newFixture(t)
	const profile = `"goal":"Get stronger","fitnessLevel":"FITNESS_LEVEL_BEGINNER","daysPerWeek":3,"locale":"en"`
	tests := []struct {
		name, method, path, body string
		field, rule              string
		message                  []string // fragments of the violation's message
	}{
		{"unknown enum value", "PUT", "/v1/me/profile", `{` + profile + `,"archetype":"ARCHETYPE_DRILL_SERGEANT"}`,
			"profile.archetype", "json.enum",
			[]string{`"ARCHETYPE_DRILL_SERGEANT" is not a Archetype`, "ARCHETYPE_MENTOR, ARCHETYPE_PROFESSIONAL, ARCHETYPE_PEER"}},
		{"enum as a boolean", "PUT", "/v1/me/profile", `{"fitnessLevel":true}`,
			"profile.fitnessLevel", "json.enum", []string{"FITNESS_LEVEL_BEGINNER, FITNESS_LEVEL_INTERMEDIATE, FITNESS_LEVEL_ADVANCED"}},
		{"string for an integer", "PUT", "/v1/me/profile", `{"daysPerWeek":"three"}`,
			"profile.daysPerWeek", "json.type", []string{"must be an integer from -2147483648 to 2147483647", `got "three"`}},
		{"proto name, fraction", "PUT", "/v1/me/profile", `{"days_per_week":3.5}`,
			"profile.daysPerWeek", "json.type", []string{"integer", "got 3.5"}},
		{"object for a string", "PUT", "/v1/me/profile", `{"goal":{"text":"x"}}`,
			"profile.goal", "json.type", []string{"must be a string", "got an object"}},
		{"string for a list", "PUT", "/v1/me/profile", `{"equipment":"dumbbell"}`,
			"profile.equipment", "json.type", []string{"must be a list, each element a string", `got "dumbbell"`}},
		{"number in a list", "PUT", "/v1/me/profile", `{"equipment":["dumbbell",7]}`,
			"profile.equipment[1]", "json.type", []string{"must be a string", "got 7"}},
		{"bad timestamp", "PUT", "/v1/me/profile", `{"updateTime":"yesterday"}`,
			"profile.updateTime", "json.type", []string{"RFC 3339", `got "yesterday"`}},
		{"unknown field", "PUT", "/v1/me/profile", `{"goals":"x"}`,
			"profile.goals", "json.unknown_field", []string{`unknown field "goals"`, "goal, fitnessLevel, equipment"}},
		{"field twice", "PUT", "/v1/me/profile", `{"goal":"abc","goal":"def"}`,
			"profile.goal", "json.duplicate_field", []string{"more than once"}},
		{"not an object", "PUT", "/v1/me/profile", `["goal"]`,
			"profile", "json.type", []string{"must be an object", "got a list"}},
		{"trailing comma", "PUT", "/v1/me/profile", `{"goal":"x",}`,
			"profile", "json.syntax", []string{"line 1, column 13", "invalid character '}'"}},
		{"syntax error on line 3", "PUT", "/v1/me/profile", "{\n  \"goal\": \"x\",\n  \"daysPerWeek\": 3 4\n}",
			"profile", "json.syntax", []string{"line 3, column 20"}},
		{"cut short", "PUT", "/v1/me/profile", "{\"goal\":\n\"x",
			"profile", "json.syntax", []string{"ends at line 2, column 3"}},
		{"whole-request body", "POST", "/v1/me/plans", `{"requestId":5}`,
			"requestId", "json.type", []string{"must be a string", "got 5"}},
		{"nested message field", "POST", "/v1/exercises", `{"slug":"x","name":{"en":1}}`,
			"exercise.name.en", "json.type", []string{"must be a string", "got 1"}},
		{"PATCH body", "PATCH", "/v1/clips/c1?updateMask=provider", `{"provider":"PROVIDER_S3"}`,
			"clip.provider", "json.enum", []string{`"PROVIDER_S3" is not a Provider`, "PROVIDER_R2"}},
		{"PATCH body, two of a oneof", "PATCH", "/v1/clips/c1?updateMask=r2Key", `{"r2Key":"a","localPath":"b"}`,
			"clip.localPath", "json.oneof", []string{"cannot be set together with r2Key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, tt.method, tt.path, f.admin, tt.body)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
			var e ErrorBody
			require.NoError(t, json.Unmarshal(body, &e), string(body))
			require.Equal(t, "INVALID_ARGUMENT", e.Code)
			require.NotContains(t, string(body), "proto:", "no parser internals")
			require.NotContains(t, string(body), "proto\u00a0:", "no parser internals")
			require.Len(t, e.Violations, 1, string(body))
			v := e.Violations[0]
			require.Equal(t, tt.field, v.Field)
			require.Equal(t, tt.rule, v.Rule)
			for _, m := range tt.message {
				require.Contains(t, v.Message, m)
			}
			require.Equal(t, "invalid "+v.Field+": "+v.Message, e.Message, "the message names the field, as for every 400")
		})
	}

	t.Run("every bad field is reported", func(t *testing.T) {
		resp, body := f.do(t, "PUT", "/v1/me/profile", f.person, `{"archetype":"X","daysPerWeek":"3 days","colour":"red"}`)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		var e ErrorBody
		require.NoError(t, json.Unmarshal(body, &e), string(body))
		var fields []string
		for _, v := range e.Violations {
			fields = append(fields, v.Field)
		}
		require.Equal(t, []string{"profile.archetype", "profile.colour", "profile.daysPerWeek"}, fields)
	})

	t.Run("a body that decodes keeps the service's answer", func(t *testing.T) {
		// The plan stub does not implement CreatePlan: the request got past decoding.
		resp, body := f.do(t, "POST", "/v1/me/plans", f.person, `{"requestId":"first"}`)
		require.Equal(t, http.StatusNotImplemented, resp.StatusCode, string(body))
		// The profile decodes (null leaves a field unset) and breaks the service's rules instead.
		resp, body = f.do(t, "PUT", "/v1/me/profile", f.person, `{`+profile+`,"archetype":"ARCHETYPE_PEER","equipment":null}`)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
		require.Contains(t, string(body), `"field":"profile.duration_weeks"`)
		require.NotContains(t, string(body), `"rule":"json.`)
	})
}

// TestDiagnoseBody covers what no REST body of ours holds today but protojson accepts or
// refuses in its own way: maps, nulls, the whole of a well-known type.
func TestDiagnoseBody(t *testing.T) {
	upload := (&videov1.CreateUploadResponse{}).ProtoReflect().Descriptor()
	profile := (&planv1.Profile{}).ProtoReflect().Descriptor()
	tests := []struct {
		name  string
		md    protoreflect.MessageDescriptor
		body  string
		field string
		rule  string
	}{
		{"map value of the wrong type", upload, `{"headers":{"Content-Type":"video/mp4","X-Size":5}}`, `headers["X-Size"]`, "json.type"},
		{"map that is a list", upload, `{"headers":["a"]}`, "headers", "json.type"},
		{"map key twice", upload, `{"headers":{"a":"1","a":"2"}}`, `headers["a"]`, "json.duplicate_field"},
		{"null map value", upload, `{"headers":{"a":null}}`, `headers["a"]`, "json.type"},
		{"timestamp as a number", upload, `{"expireTime":1700000000}`, "expireTime", "json.type"},
		{"null list element", profile, `{"equipment":["band",null]}`, "equipment[1]", "json.type"},
		{"enum number out of range", profile, `{"archetype":1e10}`, "archetype", "json.enum"},
		{"top-level null", profile, `null`, "", "json.type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, ok := diagnoseBody([]byte(tt.body), tt.md, "")
			require.True(t, ok)
			require.Len(t, vs, 1, "%+v", vs)
			require.Equal(t, tt.field, vs[0].Field)
			require.Equal(t, tt.rule, vs[0].Rule)
			require.NotEmpty(t, vs[0].Message)
		})
	}
	for _, body := range []string{
		``, `{}`, `{"goal":null,"equipment":null,"archetype":null}`, `{"archetype":2,"days_per_week":"4"}`,
		`{"updateTime":"2026-01-02T15:04:05Z"}`, `{"goal":"x"} trailing bytes grpc-gateway never reads`,
	} {
		_, ok := diagnoseBody([]byte(body), profile, "")
		require.False(t, ok, "%s decodes, so there is nothing to explain", body)
	}
}

// TestBodyFieldsMatchGatewayYAML keeps bodyFields equal to the `body: <field>` rules of
// proto/gateway.yaml, the HTTP mapping grpc-gateway's handlers were generated from.
func TestBodyFieldsMatchGatewayYAML(t *testing.T) {
	b, err := os.ReadFile("../proto/gateway.yaml")
	require.NoError(t, err)
	var cfg struct {
		HTTP struct {
			Rules []struct {
				Selector string `yaml:"selector"`
				Body     string `yaml:"body"`
			} `yaml:"rules"`
		} `yaml:"http"`
	}
	require.NoError(t, yaml.Unmarshal(b, &cfg))
	want := map[string]protoreflect.Name{}
	for _, r := range cfg.HTTP.Rules {
		if r.Body == "" || r.Body == "*" {
			continue
		}
		i := strings.LastIndex(r.Selector, ".")
		want["/"+r.Selector[:i]+"/"+r.Selector[i+1:]] = protoreflect.Name(r.Body)
	}
	require.NotEmpty(t, want)
	require.Equal(t, want, bodyFields)
}
