package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/ent"
	"github.com/fitcoach/fitcoach/services/plan/ent/coachreport"
	entplan "github.com/fitcoach/fitcoach/services/plan/ent/plan"
	"github.com/fitcoach/fitcoach/services/plan/ent/planrevision"
)

// ErrRevisionConflict is returned (wrapping grpcerr.ErrFailedPrecondition) when a revision is
// appended on a base that is no longer the plan's current revision: another writer got there
// first.
var ErrRevisionConflict = fmt.Errorf("the plan changed since this revision was read: %w", grpcerr.ErrFailedPrecondition)

// Revision is a plan revision with its weeks.
type Revision struct {
	Meta *planv1.PlanRevision
	// Body is the whole plan as of this revision.
	Body *planv1.WorkoutPlan
}

// NewRevision is what AppendRevision stores.
type NewRevision struct {
	Kind     planv1.RevisionKind
	Base     int32
	Week     int32
	Summary  string
	Changes  []*planv1.ExerciseChange
	Provider string
	Deload   bool
	Body     *planv1.WorkoutPlan
	// Key makes the revision idempotent: appending a second revision with the same key
	// answers the first. Empty for revisions that are not.
	Key string
}

// AdaptKey is the idempotency key of an adaptation of week on base: adapting the same week
// on the same revision twice (a retried job, a repeated request) makes one revision.
func AdaptKey(week, base int32) string { return fmt.Sprintf("adapt:%d:%d", week, base) }

// AppendRevision stores r as revision r.Base+1 of the person's plan. It returns the stored
// revision and created=true; when r.Key is set and a revision with that key exists, that one
// with created=false. ErrRevisionConflict when r.Base is no longer current (the unique
// (plan, number) index decides between concurrent writers); ErrNotFound when the plan is not
// the person's.
func (s *Store) AppendRevision(ctx context.Context, subject, planID string, r NewRevision) (rev *Revision, created bool, err error) {
	if r.Key != "" {
		if got, err := s.RevisionByKey(ctx, subject, planID, r.Key); err == nil {
			return got, false, nil
		} else if !errors.Is(err, grpcerr.ErrNotFound) {
			return nil, false, err
		}
	}
	cur, err := s.CurrentRevision(ctx, subject, planID)
	if err != nil {
		return nil, false, err
	}
	if cur != r.Base {
		// A concurrent writer of the same key may be what moved the plan on.
		if r.Key != "" {
			if got, gerr := s.RevisionByKey(ctx, subject, planID, r.Key); gerr == nil {
				return got, false, nil
			}
		}
		return nil, false, ErrRevisionConflict
	}
	body, err := proto.Marshal(r.Body)
	if err != nil {
		return nil, false, fmt.Errorf("encode revision: %w", err)
	}
	changes, err := encodeChanges(r.Changes)
	if err != nil {
		return nil, false, err
	}
	now := time.Now().UTC()
	c := s.c.PlanRevision.Create().
		SetPlanID(planID).SetSubject(subject).SetNumber(r.Base + 1).SetKind(kindName(r.Kind)).
		SetBase(r.Base).SetWeek(r.Week).SetBody(body).SetSummary(r.Summary).SetChanges(changes).
		SetProvider(r.Provider).SetDeload(r.Deload).SetCreateTime(now)
	if r.Key != "" {
		c.SetOpKey(r.Key)
	}
	row, err := c.Save(ctx)
	if ent.IsConstraintError(err) {
		if r.Key != "" {
			if got, gerr := s.RevisionByKey(ctx, subject, planID, r.Key); gerr == nil {
				return got, false, nil
			}
		}
		return nil, false, ErrRevisionConflict
	}
	if err != nil {
		return nil, false, fmt.Errorf("store revision: %w", err)
	}
	got, err := revisionFromRow(row, true)
	if err != nil {
		return nil, false, err
	}
	return got, true, nil
}

// RevisionByKey returns the revision made under an idempotency key; ErrNotFound when none.
func (s *Store) RevisionByKey(ctx context.Context, subject, planID, key string) (*Revision, error) {
	row, err := s.c.PlanRevision.Query().Where(planrevision.PlanID(planID), planrevision.Subject(subject), planrevision.OpKey(key)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("revision: %w", grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read revision: %w", err)
	}
	return revisionFromRow(row, true)
}

// CurrentRevision returns the number of the person's plan's current revision: 1 until it
// was first revised. ErrNotFound when the plan is not the person's.
func (s *Store) CurrentRevision(ctx context.Context, subject, planID string) (int32, error) {
	rows, err := s.c.PlanRevision.Query().
		Where(planrevision.PlanID(planID), planrevision.Subject(subject)).
		Order(ent.Desc(planrevision.FieldNumber)).Limit(1).
		Select(planrevision.FieldNumber).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("read current revision: %w", err)
	}
	if len(rows) > 0 {
		return rows[0].Number, nil
	}
	ok, err := s.c.Plan.Query().Where(entplan.ID(planID), entplan.Subject(subject)).Exist(ctx)
	if err != nil {
		return 0, fmt.Errorf("read plan: %w", err)
	}
	if !ok {
		return 0, fmt.Errorf("plan %q: %w", planID, grpcerr.ErrNotFound)
	}
	return 1, nil
}

// CurrentRevisions returns the current revision of each of the person's plans in ids that was
// revised; plans missing from the map are at revision 1.
func (s *Store) CurrentRevisions(ctx context.Context, subject string, ids []string) (map[string]int32, error) {
	out := map[string]int32{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		PlanID string `json:"plan_id"`
		Max    int32  `json:"max"`
	}
	err := s.c.PlanRevision.Query().
		Where(planrevision.Subject(subject), planrevision.PlanIDIn(ids...)).
		GroupBy(planrevision.FieldPlanID).
		Aggregate(ent.Max(planrevision.FieldNumber)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("read current revisions: %w", err)
	}
	for _, r := range rows {
		out[r.PlanID] = r.Max
	}
	return out, nil
}

// GetRevision returns revision number of the person's plan with its body; revision 1 is the
// plan as generated. ErrNotFound when there is no such revision.
func (s *Store) GetRevision(ctx context.Context, subject, planID string, number int32) (*Revision, error) {
	if number == 1 {
		p, err := s.GetPlan(ctx, subject, planID)
		if err != nil {
			return nil, err
		}
		return &Revision{Meta: OriginalRevision(p), Body: WorkoutPlanOf(p)}, nil
	}
	row, err := s.c.PlanRevision.Query().Where(planrevision.PlanID(planID), planrevision.Subject(subject), planrevision.Number(number)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("revision %d of plan %q: %w", number, planID, grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read revision: %w", err)
	}
	return revisionFromRow(row, true)
}

// ListRevisions returns every revision of the person's plan, newest first, without bodies;
// the last is revision 1, the plan as generated. ErrNotFound when the plan is not the person's.
func (s *Store) ListRevisions(ctx context.Context, subject, planID string) ([]*planv1.PlanRevision, error) {
	p, err := s.GetPlan(ctx, subject, planID)
	if err != nil {
		return nil, err
	}
	rows, err := s.c.PlanRevision.Query().
		Where(planrevision.PlanID(planID), planrevision.Subject(subject)).
		Order(ent.Desc(planrevision.FieldNumber)).
		Select(planrevision.FieldPlanID, planrevision.FieldNumber, planrevision.FieldKind, planrevision.FieldBase, planrevision.FieldWeek,
			planrevision.FieldSummary, planrevision.FieldChanges, planrevision.FieldProvider, planrevision.FieldDeload, planrevision.FieldCreateTime).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	out := make([]*planv1.PlanRevision, 0, len(rows)+1)
	for _, row := range rows {
		r, err := revisionFromRow(row, false)
		if err != nil {
			return nil, err
		}
		out = append(out, r.Meta)
	}
	return append(out, OriginalRevision(p)), nil
}

// OriginalRevision describes revision 1 of p, the plan as generated.
func OriginalRevision(p *planv1.Plan) *planv1.PlanRevision {
	return &planv1.PlanRevision{
		PlanId: p.GetId(), Number: 1, Kind: planv1.RevisionKind_REVISION_KIND_ORIGINAL,
		Provider: p.GetProvider(), CreateTime: p.GetCreateTime(),
	}
}

// WorkoutPlanOf is the plan body of p.
func WorkoutPlanOf(p *planv1.Plan) *planv1.WorkoutPlan {
	return &planv1.WorkoutPlan{PlanName: p.GetPlanName(), DurationWeeks: p.GetDurationWeeks(), Goal: p.GetGoal(), Notes: p.GetNotes(), Weeks: p.GetWeeks()}
}

func revisionFromRow(row *ent.PlanRevision, withBody bool) (*Revision, error) {
	changes, err := decodeChanges(row.Changes)
	if err != nil {
		return nil, fmt.Errorf("revision %d changes: %w", row.Number, err)
	}
	r := &Revision{Meta: &planv1.PlanRevision{
		PlanId: row.PlanID, Number: row.Number, Kind: kindOf(row.Kind), Base: row.Base, Week: row.Week,
		Summary: row.Summary, Changes: changes, Provider: row.Provider, Deload: row.Deload,
		CreateTime: timestamppb.New(row.CreateTime),
	}}
	if withBody {
		r.Body = &planv1.WorkoutPlan{}
		if err := proto.Unmarshal(row.Body, r.Body); err != nil {
			return nil, fmt.Errorf("revision %d body: %w", row.Number, err)
		}
	}
	return r, nil
}

func kindName(k planv1.RevisionKind) string {
	return strings.ToLower(strings.TrimPrefix(k.String(), "REVISION_KIND_"))
}

func kindOf(name string) planv1.RevisionKind {
	return planv1.RevisionKind(planv1.RevisionKind_value["REVISION_KIND_"+strings.ToUpper(name)])
}

func encodeChanges(cs []*planv1.ExerciseChange) (string, error) {
	raw := make([]json.RawMessage, 0, len(cs))
	for _, c := range cs {
		b, err := protojson.Marshal(c)
		if err != nil {
			return "", err
		}
		raw = append(raw, b)
	}
	b, err := json.Marshal(raw)
	return string(b), err
}

func decodeChanges(s string) ([]*planv1.ExerciseChange, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, err
	}
	out := make([]*planv1.ExerciseChange, 0, len(raw))
	for _, r := range raw {
		c := &planv1.ExerciseChange{}
		if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(r, c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// GetReport returns the stored report of week of the person's plan written from what
// fingerprint identifies; ErrNotFound when none was stored.
func (s *Store) GetReport(ctx context.Context, subject, planID string, week int32, fingerprint string) (*planv1.CoachReport, error) {
	row, err := s.c.CoachReport.Query().Where(
		coachreport.PlanID(planID), coachreport.Subject(subject), coachreport.Week(week), coachreport.Fingerprint(fingerprint),
	).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("report: %w", grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	r := &planv1.CoachReport{}
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal([]byte(row.Body), r); err != nil {
		return nil, fmt.Errorf("report body: %w", err)
	}
	return r, nil
}

// PutReport stores a report under its fingerprint and returns the stored one: when a
// concurrent writer stored one first, that one.
func (s *Store) PutReport(ctx context.Context, subject string, r *planv1.CoachReport, fingerprint string) (*planv1.CoachReport, error) {
	if r.GetCreateTime() == nil {
		r.CreateTime = timestamppb.New(time.Now().UTC())
	}
	body, err := protojson.Marshal(r)
	if err != nil {
		return nil, err
	}
	err = s.c.CoachReport.Create().
		SetPlanID(r.GetPlanId()).SetSubject(subject).SetWeek(r.GetWeek()).SetFingerprint(fingerprint).
		SetBody(string(body)).SetCreateTime(r.GetCreateTime().AsTime()).
		Exec(ctx)
	if ent.IsConstraintError(err) {
		return s.GetReport(ctx, subject, r.GetPlanId(), r.GetWeek(), fingerprint)
	}
	if err != nil {
		return nil, fmt.Errorf("store report: %w", err)
	}
	return r, nil
}
