package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Plan is a stored, validated WorkoutPlan and how it was made. Rows are never updated: a plan
// is immutable once stored, which is what lets the service cache it without invalidation.
type Plan struct {
	ent.Schema
}

// Fields of Plan.
func (Plan) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.String("request_id").NotEmpty().Immutable(),
		field.String("plan_name").Immutable(),
		field.Int32("duration_weeks").Immutable(),
		field.Text("goal").Immutable(),
		// The WorkoutPlan in protobuf binary: a 12-week plan encodes in a tenth of the time
		// protojson takes, and the plan's JSON form is one protojson call away for operators.
		field.Bytes("body").Immutable(),
		field.String("provider").Immutable(),
		field.String("model").Immutable(),
		field.Int32("attempts").Immutable(),
		// JSON array of substitutions.
		field.Text("substitutions").Immutable(),
		field.Int32("substitution_count").Immutable(),
		field.String("fallback_reason").Immutable(),
		field.String("prompt_version").Immutable(),
		field.Int64("prompt_tokens").Immutable(),
		field.Int64("completion_tokens").Immutable(),
		field.Int64("total_tokens").Immutable(),
		field.Int64("generation_ms").Immutable(),
		field.Int64("llm_ms").Immutable(),
		field.Int32("archetype").Immutable(),
		field.String("locale").Immutable(),
		field.Time("create_time").Default(time.Now).Immutable(),
	}
}

// Indexes of Plan.
func (Plan) Indexes() []ent.Index {
	return []ent.Index{
		// Idempotency: one plan per person and request id, also under concurrent duplicates.
		index.Fields("subject", "request_id").Unique(),
		index.Fields("subject", "create_time"),
	}
}
