package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WeekClose records that a plan's week was handed to the adaptation job (when its last
// session was logged, or when the week ended), so the periodic sweep does not hand it over
// again once River has cleaned the finished job away.
type WeekClose struct {
	ent.Schema
}

// Fields of WeekClose.
func (WeekClose) Fields() []ent.Field {
	return []ent.Field{
		field.String("plan_id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.Int32("week").Immutable(),
		// "logged" (the week's last session was logged) or "ended" (the sweep found it over).
		field.String("cause").Immutable(),
		field.Time("enqueue_time").Default(time.Now).Immutable(),
	}
}

// Indexes of WeekClose.
func (WeekClose) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("plan_id", "week").Unique(),
	}
}
