package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PlanRequest is one asked-for plan while its generation job runs, and after it failed. The
// id is the plan's id, chosen when the request is taken, so a client holds the id it will
// poll before the plan exists. The plan row itself is written once, when generation
// succeeds; a request never turns into a second plan: the unique (subject, request_id)
// indexes here and on plans see to that.
type PlanRequest struct {
	ent.Schema
}

// Fields of PlanRequest.
func (PlanRequest) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").NotEmpty().Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.String("request_id").NotEmpty().Immutable(),
		// "pending", "ready" or "failed".
		field.String("state"),
		// Why the last attempt failed; empty while none has.
		field.Text("error"),
		field.Int32("attempts"),
		field.Time("create_time").Default(time.Now).Immutable(),
		field.Time("update_time").Default(time.Now),
	}
}

// Indexes of PlanRequest.
func (PlanRequest) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("subject", "request_id").Unique(),
		// ListPlans reads the person's requests that are not plans yet.
		index.Fields("subject", "state"),
	}
}
