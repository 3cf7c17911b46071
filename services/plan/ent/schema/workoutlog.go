package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WorkoutLog is what a person did on one day of a plan; completing the day again replaces it.
type WorkoutLog struct {
	ent.Schema
}

// Fields of WorkoutLog.
func (WorkoutLog) Fields() []ent.Field {
	return []ent.Field{
		field.String("plan_id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.Int32("week").Immutable(),
		field.Int32("day").Immutable(),
		// JSON array of completed exercises.
		field.Text("exercises"),
		field.Int32("perceived_effort"),
		field.Text("notes"),
		field.Time("complete_time").Default(time.Now),
		// The plan revision the day was done from; 0 for logs stored before revisions.
		field.Int32("revision").Default(0),
	}
}

// Indexes of WorkoutLog.
func (WorkoutLog) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("plan_id", "week", "day").Unique(),
		// History, progress and "last time" read a person's logs in order.
		index.Fields("subject", "complete_time"),
	}
}
