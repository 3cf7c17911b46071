// Package schema holds the ent schema of the video service. The SQL in ../../migrations is
// written by hand to match it; ent only generates the typed client.
package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Clip is one video clip: its role in a workout and where its bytes live.
type Clip struct {
	ent.Schema
}

// Annotations names the table.
func (Clip) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "clips"}}
}

// Fields of Clip. Enums are stored as short lower-case names so the table reads well in psql.
func (Clip) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").NotEmpty().Immutable().MaxLen(64),
		field.String("exercise_slug").Default("").MaxLen(64),
		field.String("kind").NotEmpty().MaxLen(32),
		field.String("archetype").Default("").MaxLen(32),
		field.String("locale").MaxLen(8),
		field.String("provider").NotEmpty().MaxLen(32),
		// source is the provider's locator: an R2 object key, a Stream uid, an https URL or a
		// path below the media directory.
		field.String("source").NotEmpty().MaxLen(2048),
		field.Int32("duration_seconds"),
		field.Bool("active").Default(true),
		field.String("title_ru").Default(""),
		field.String("title_en").Default(""),
		// captions holds the WebVTT caption tracks as a JSON array of {"locale", "label",
		// "source"}, "" for none; each source is of the clip's provider, like source.
		field.Text("captions").Default(""),
		field.Time("create_time").Immutable().Default(time.Now),
		field.Time("update_time").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Indexes of Clip. The playlist candidate and coverage queries read active clips by exercise
// slug. The hand-written migrations refine this: on SQLite the index also covers every column
// the candidate query reads (and id), on PostgreSQL it ends with id.
func (Clip) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("exercise_slug", "kind", "archetype", "locale").
			StorageKey("clips_active_candidates").
			Annotations(entsql.IndexWhere("active")),
	}
}
