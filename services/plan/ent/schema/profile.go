// Package schema holds the ent schema of the plan-generator's database; the SQL migrations in
// services/plan/migrations are written by hand to match it.
package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Profile is one person's onboarding answers, keyed by their auth subject.
type Profile struct {
	ent.Schema
}

// Fields of Profile.
func (Profile) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").StorageKey("subject").NotEmpty().Immutable(),
		field.String("goal"),
		field.Int32("fitness_level"),
		// JSON array of strings; kept as text so both dialects store it the same way.
		field.Text("equipment"),
		field.Int32("days_per_week"),
		field.Int32("duration_weeks"),
		field.Int32("session_minutes"),
		field.Text("limitations"),
		field.Int32("archetype"),
		field.String("locale"),
		// JSON arrays of lower-case enum names ("endurance", "knees"); "[]" for profiles made
		// before they existed.
		field.Text("objectives").Default("[]"),
		field.Text("injuries").Default("[]"),
		field.Time("create_time").Default(time.Now).Immutable(),
		field.Time("update_time").Default(time.Now).UpdateDefault(time.Now),
	}
}
