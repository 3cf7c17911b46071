// Package schema holds the ent schema of the catalog's database. The SQL that creates it is
// written by hand in ../../migrations (one set per dialect) and must be kept in step.
package schema

import (
	"fmt"
	"time"
	"unicode/utf8"

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
		// At most 200 characters, as the contract says; ent's MaxLen counts bytes, which would
		// refuse a Cyrillic name the contract allows (and fail with a 500, not a 400).
		field.String("name_en").Validate(maxChars(200)),
		field.String("name_ru").Validate(maxChars(200)).Default(""),
		field.Text("description_en").Default(""),
		field.Text("description_ru").Default(""),
		field.Strings("muscle_groups"),
		field.Strings("equipment"),
		field.Enum("difficulty").Values("beginner", "intermediate", "advanced"),
		field.Bool("active").Default(true),
		// The exercise's nature, which the planner decides from: lower-case names of the
		// contract's enums without their prefix ("reps", "compound", "knee_dominant", "knees",
		// "low"); "" and [] are unspecified.
		field.Enum("measurement").Values("reps", "time", "distance").Default("reps"),
		field.String("mechanics").MaxLen(16).Default(""),
		field.Strings("patterns").Default([]string{}),
		field.Strings("stresses").Default([]string{}),
		field.String("impact").MaxLen(16).Default(""),
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

// maxChars refuses strings longer than n characters (not bytes).
func maxChars(n int) func(string) error {
	return func(s string) error {
		if c := utf8.RuneCountInString(s); c > n {
			return fmt.Errorf("%d characters, at most %d", c, n)
		}
		return nil
	}
}
