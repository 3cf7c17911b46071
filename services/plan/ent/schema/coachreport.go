package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CoachReport is a written coach report of one week of a plan (0: the whole plan), keyed by a
// fingerprint of what it read (the logs and the revision), so the same question is answered
// from the row instead of asking the LLM again.
type CoachReport struct {
	ent.Schema
}

// Fields of CoachReport.
func (CoachReport) Fields() []ent.Field {
	return []ent.Field{
		field.String("plan_id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.Int32("week").Immutable(),
		field.String("fingerprint").NotEmpty().Immutable(),
		// The CoachReport in protojson.
		field.Text("body").Immutable(),
		field.Time("create_time").Default(time.Now).Immutable(),
	}
}

// Indexes of CoachReport.
func (CoachReport) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("plan_id", "week", "fingerprint").Unique(),
	}
}
