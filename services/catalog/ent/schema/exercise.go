// Package schema holds the ent schema of the catalog's database. The SQL that creates it is
// written by hand in ../../migrations (one set per dialect) and must be kept in step.
package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Exercise is one movement a plan may contain.
type Exercise struct {
	ent.Schema
}

// Fields of the Exercise.
func (Exercise) Fields() []ent.Field {
	return []ent.Field{
		// Lower-case and immutable: plans and clips refer to exercises by slug.
		field.String("slug").NotEmpty().MaxLen(64).Unique().Immutable(),
		// NULL (not "") when absent so the unique index admits many exercises without a code.
		field.String("code").MaxLen(16).Optional().Nillable().Unique(),
		field.String("name_en").MaxLen(200),
		field.String("name_ru").MaxLen(200).Default(""),
		field.Text("description_en").Default(""),
		field.Text("description_ru").Default(""),
		field.Strings("muscle_groups"),
		field.Strings("equipment"),
		field.Enum("difficulty").Values("beginner", "intermediate", "advanced"),
		field.Bool("active").Default(true),
		field.Time("create_time").Default(time.Now).Immutable(),
		field.Time("update_time").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Indexes of the Exercise.
func (Exercise) Indexes() []ent.Index {
	return []ent.Index{
		// Pages of active exercises walk this index in slug order.
		index.Fields("active", "slug"),
	}
}
