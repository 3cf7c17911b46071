package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PlanRevision is one immutable, numbered version of a plan's weeks after the first: an
// adaptation, a swap or a revert. Revision 1 is the plans row itself and is never copied
// here. Rows are only inserted; the current revision is the highest number.
type PlanRevision struct {
	ent.Schema
}

// Fields of PlanRevision.
func (PlanRevision) Fields() []ent.Field {
	return []ent.Field{
		field.String("plan_id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.Int32("number").Immutable(),
		// Lower-case RevisionKind name without its prefix: "adaptation", "swap", "revert".
		field.String("kind").Immutable(),
		field.Int32("base").Immutable(),
		field.Int32("week").Immutable(),
		// The whole WorkoutPlan in protobuf binary, as plans.body.
		field.Bytes("body").Immutable(),
		field.Text("summary").Immutable(),
		// JSON array of ExerciseChange in protojson.
		field.Text("changes").Immutable(),
		field.String("provider").Immutable(),
		field.Bool("deload").Immutable(),
		// Idempotency key of the work that made it ("adapt:<week>:<base>"); null when the
		// revision is not idempotent (a swap, a revert).
		field.String("op_key").Optional().Nillable().Immutable(),
		field.Time("create_time").Default(time.Now).Immutable(),
	}
}

// Indexes of PlanRevision.
func (PlanRevision) Indexes() []ent.Index {
	return []ent.Index{
		// Two writers racing for the next number: one insert wins, the other sees a conflict.
		index.Fields("plan_id", "number").Unique(),
		// One revision per idempotent operation, also when a job is retried after a crash.
		index.Fields("plan_id", "op_key").Unique(),
	}
}
