// Package store keeps the plan-generator's rows: people's profiles, their plans with how each
// was made, and workout logs. Every method takes the person's auth subject and only ever sees
// that person's rows; another person's plan is reported as not found, not as forbidden, so
// plan ids cannot be probed.
package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/db"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/ent"
	entplan "github.com/fitcoach/fitcoach/services/plan/ent/plan"
	"github.com/fitcoach/fitcoach/services/plan/ent/workoutlog"
	"github.com/fitcoach/fitcoach/services/plan/migrations"
)

// Migrations are the plan-generator's embedded SQL migrations.
func Migrations() db.Migrations {
	return db.Migrations{Service: "plan", FS: migrations.FS}
}

// Store is the plan-generator's database.
type Store struct {
	c *ent.Client
}

// New wraps an open, migrated database.
func New(d *db.DB) *Store {
	return &Store{c: ent.NewClient(ent.Driver(d.Ent()))}
}

// Close releases the ent client; the *db.DB is closed by its owner.
func (s *Store) Close() error { return nil }

// UpsertProfile stores the person's profile, replacing an earlier one, and returns it as stored.
func (s *Store) UpsertProfile(ctx context.Context, subject string, p *planv1.Profile) (*planv1.Profile, error) {
	equipment, err := json.Marshal(nonNil(p.GetEquipment()))
	if err != nil {
		return nil, err
	}
	objectives, err := json.Marshal(enumNames(p.GetObjectives()))
	if err != nil {
		return nil, err
	}
	injuries, err := json.Marshal(enumNames(p.GetInjuries()))
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	err = s.c.Profile.Create().
		SetID(subject).
		SetGoal(p.GetGoal()).
		SetFitnessLevel(int32(p.GetFitnessLevel())).
		SetEquipment(string(equipment)).
		SetDaysPerWeek(p.GetDaysPerWeek()).
		SetDurationWeeks(p.GetDurationWeeks()).
		SetSessionMinutes(p.GetSessionMinutes()).
		SetLimitations(p.GetLimitations()).
		SetArchetype(int32(p.GetArchetype())).
		SetLocale(p.GetLocale()).
		SetObjectives(string(objectives)).
		SetInjuries(string(injuries)).
		SetCreateTime(now).
		SetUpdateTime(now).
		OnConflictColumns("subject").
		// create_time is immutable in the schema, so the first onboarding time survives.
		UpdateNewValues().
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("store profile: %w", err)
	}
	return s.GetProfile(ctx, subject)
}

// GetProfile returns the person's profile; ErrNotFound before onboarding.
func (s *Store) GetProfile(ctx context.Context, subject string) (*planv1.Profile, error) {
	row, err := s.c.Profile.Get(ctx, subject)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("profile: %w", grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	var equipment []string
	if err := json.Unmarshal([]byte(row.Equipment), &equipment); err != nil {
		return nil, fmt.Errorf("profile equipment: %w", err)
	}
	objectives, err := decodeEnums[planv1.Objective](row.Objectives)
	if err != nil {
		return nil, fmt.Errorf("profile objectives: %w", err)
	}
	injuries, err := decodeEnums[typesv1.Joint](row.Injuries)
	if err != nil {
		return nil, fmt.Errorf("profile injuries: %w", err)
	}
	return &planv1.Profile{
		Goal:           row.Goal,
		FitnessLevel:   typesv1.FitnessLevel(row.FitnessLevel),
		Equipment:      equipment,
		DaysPerWeek:    row.DaysPerWeek,
		DurationWeeks:  row.DurationWeeks,
		SessionMinutes: row.SessionMinutes,
		Limitations:    row.Limitations,
		Archetype:      typesv1.Archetype(row.Archetype),
		Locale:         row.Locale,
		UpdateTime:     timestamppb.New(row.UpdateTime),
		Objectives:     objectives,
		Injuries:       injuries,
	}, nil
}

// protoEnum is a generated enum type.
type protoEnum interface {
	~int32
	protoreflect.Enum
}

// enumNames returns the lower-case names of vs without their enum's prefix ("endurance" for
// OBJECTIVE_ENDURANCE, "lower_back" for JOINT_LOWER_BACK): names keep their meaning if the
// enum is ever renumbered, and read well in the database. Never nil.
func enumNames[E protoEnum](vs []E) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		d := v.Descriptor()
		ev := d.Values().ByNumber(protoreflect.EnumNumber(v))
		if v == 0 || ev == nil {
			continue
		}
		out = append(out, strings.ToLower(strings.TrimPrefix(string(ev.Name()), enumPrefix(d))))
	}
	return out
}

// decodeEnums reads what enumNames wrote; "" (never written) is no values.
func decodeEnums[E protoEnum](stored string) ([]E, error) {
	if strings.TrimSpace(stored) == "" {
		return nil, nil
	}
	var names []string
	if err := json.Unmarshal([]byte(stored), &names); err != nil {
		return nil, err
	}
	var zero E
	d := zero.Descriptor()
	out := make([]E, 0, len(names))
	for _, n := range names {
		ev := d.Values().ByName(protoreflect.Name(enumPrefix(d) + strings.ToUpper(n)))
		if ev == nil || ev.Number() == 0 {
			return nil, fmt.Errorf("unknown %s %q", d.Name(), n)
		}
		out = append(out, E(ev.Number()))
	}
	return out, nil
}

// enumPrefix is the prefix of an enum's value names: its zero value's name without UNSPECIFIED.
func enumPrefix(d protoreflect.EnumDescriptor) string {
	return strings.TrimSuffix(string(d.Values().ByNumber(0).Name()), "UNSPECIFIED")
}

// NewPlanID returns a fresh plan id. Ids start with the creation time in milliseconds (hex,
// fixed width) so that ordering by id is ordering by creation, which makes keyset paging
// simple on both dialects.
func NewPlanID(now time.Time) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%012x%s", now.UnixMilli(), hex.EncodeToString(b[:]))
}

// CreatePlan stores a plan made for the person under p.RequestId. When the person already has
// a plan for that request id (an earlier or a concurrent duplicate request), that plan is
// returned with created false and p is discarded: the unique (subject, request_id) index
// decides the winner.
func (s *Store) CreatePlan(ctx context.Context, subject string, p *planv1.Plan) (stored *planv1.Plan, created bool, err error) {
	body, err := proto.Marshal(&planv1.WorkoutPlan{
		PlanName: p.GetPlanName(), DurationWeeks: p.GetDurationWeeks(), Goal: p.GetGoal(), Notes: p.GetNotes(), Weeks: p.GetWeeks(),
	})
	if err != nil {
		return nil, false, fmt.Errorf("encode plan: %w", err)
	}
	subs, err := json.Marshal(substitutionRows(p.GetSubstitutions()))
	if err != nil {
		return nil, false, err
	}
	createTime := p.GetCreateTime().AsTime()
	if p.GetCreateTime() == nil {
		createTime = time.Now()
	}
	err = s.c.Plan.Create().
		SetID(p.GetId()).
		SetSubject(subject).
		SetRequestID(p.GetRequestId()).
		SetPlanName(p.GetPlanName()).
		SetDurationWeeks(p.GetDurationWeeks()).
		SetGoal(p.GetGoal()).
		SetBody(body).
		SetProvider(p.GetProvider()).
		SetModel(p.GetModel()).
		SetAttempts(p.GetAttempts()).
		SetSubstitutions(string(subs)).
		SetSubstitutionCount(p.GetSubstitutionCount()).
		SetFallbackReason(p.GetFallbackReason()).
		SetPromptVersion(p.GetPromptVersion()).
		SetPromptTokens(p.GetUsage().GetPromptTokens()).
		SetCompletionTokens(p.GetUsage().GetCompletionTokens()).
		SetTotalTokens(p.GetUsage().GetTotalTokens()).
		SetGenerationMs(p.GetGenerationMs()).
		SetLlmMs(p.GetLlmMs()).
		SetArchetype(int32(p.GetArchetype())).
		SetLocale(p.GetLocale()).
		SetCreateTime(createTime.UTC()).
		Exec(ctx)
	if ent.IsConstraintError(err) {
		existing, gerr := s.PlanByRequest(ctx, subject, p.GetRequestId())
		if gerr != nil {
			return nil, false, fmt.Errorf("plan for request %q after a conflict: %w", p.GetRequestId(), gerr)
		}
		return existing, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store plan: %w", err)
	}
	// Rows are immutable, so what was written is what a read would return.
	p.CreateTime = timestamppb.New(createTime.UTC())
	// A stored plan row is its revision 1.
	p.State, p.Revision = planv1.PlanState_PLAN_STATE_READY, 1
	return p, true, nil
}

// GetPlan returns one of the person's plans; ErrNotFound when it does not exist or is
// someone else's.
func (s *Store) GetPlan(ctx context.Context, subject, id string) (*planv1.Plan, error) {
	row, err := s.c.Plan.Query().Where(entplan.ID(id), entplan.Subject(subject)).Only(ctx)
	if ent.IsNotFound(err) {
		// Not generated yet, or failed: the request answers in its state.
		r, rerr := s.Request(ctx, subject, id)
		if rerr != nil {
			return nil, fmt.Errorf("plan %q: %w", id, grpcerr.ErrNotFound)
		}
		return r.Plan(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	return planFromRow(row)
}

// PlanByRequest returns the person's plan made for requestID; ErrNotFound when there is none.
func (s *Store) PlanByRequest(ctx context.Context, subject, requestID string) (*planv1.Plan, error) {
	row, err := s.c.Plan.Query().Where(entplan.Subject(subject), entplan.RequestID(requestID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("plan for request %q: %w", requestID, grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	return planFromRow(row)
}

// ListPlans returns up to limit of the person's plans, newest first, starting after the plan
// id after (empty: from the newest). next is the id to continue after, empty at the end.
func (s *Store) ListPlans(ctx context.Context, subject string, limit int, after string) (plans []*planv1.PlanSummary, next string, err error) {
	q := s.c.Plan.Query().Where(entplan.Subject(subject))
	if after != "" {
		q = q.Where(entplan.IDLT(after))
	}
	rows, err := q.Order(ent.Desc(entplan.FieldID)).Limit(limit+1).
		Select(entplan.FieldID, entplan.FieldPlanName, entplan.FieldDurationWeeks, entplan.FieldGoal, entplan.FieldProvider, entplan.FieldCreateTime).
		All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list plans: %w", err)
	}
	for _, r := range rows {
		plans = append(plans, &planv1.PlanSummary{
			Id: r.ID, PlanName: r.PlanName, DurationWeeks: r.DurationWeeks, Goal: r.Goal,
			Provider: r.Provider, CreateTime: timestamppb.New(r.CreateTime), State: planv1.PlanState_PLAN_STATE_READY,
		})
	}
	// Plans still generating (or failed) are listed by their ids among the others.
	open, err := s.openRequests(ctx, subject, limit+1, after)
	if err != nil {
		return nil, "", err
	}
	plans = mergeOpen(plans, open)
	if len(plans) > limit {
		plans = plans[:limit]
		next = plans[limit-1].Id
	}
	return plans, next, nil
}

// GetWorkoutLog returns the log of one day; ErrNotFound when the day was not completed.
func (s *Store) GetWorkoutLog(ctx context.Context, subject, planID string, week, day int32) (*planv1.WorkoutLog, error) {
	row, err := s.c.WorkoutLog.Query().Where(
		workoutlog.PlanID(planID), workoutlog.Subject(subject), workoutlog.Week(week), workoutlog.Day(day),
	).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("workout log: %w", grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read workout log: %w", err)
	}
	return logFromRow(row)
}

func logFromRow(row *ent.WorkoutLog) (*planv1.WorkoutLog, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(row.Exercises), &raw); err != nil {
		return nil, fmt.Errorf("workout log exercises: %w", err)
	}
	out := &planv1.WorkoutLog{PerceivedEffort: row.PerceivedEffort, Notes: row.Notes, CompleteTime: timestamppb.New(row.CompleteTime), Revision: row.Revision}
	for _, r := range raw {
		e := &planv1.CompletedExercise{}
		if err := protojson.Unmarshal(r, e); err != nil {
			return nil, fmt.Errorf("workout log exercise: %w", err)
		}
		out.Exercises = append(out.Exercises, e)
	}
	return out, nil
}

func planFromRow(row *ent.Plan) (*planv1.Plan, error) {
	var wp planv1.WorkoutPlan
	if err := proto.Unmarshal(row.Body, &wp); err != nil {
		return nil, fmt.Errorf("plan %s body: %w", row.ID, err)
	}
	var subs []substitutionRow
	if err := json.Unmarshal([]byte(row.Substitutions), &subs); err != nil {
		return nil, fmt.Errorf("plan %s substitutions: %w", row.ID, err)
	}
	p := &planv1.Plan{
		Id: row.ID, PlanName: wp.GetPlanName(), DurationWeeks: wp.GetDurationWeeks(), Goal: wp.GetGoal(),
		Notes: wp.GetNotes(), Weeks: wp.GetWeeks(),
		Provider: row.Provider, Model: row.Model, Attempts: row.Attempts,
		SubstitutionCount: row.SubstitutionCount, FallbackReason: row.FallbackReason,
		PromptVersion: row.PromptVersion,
		Usage:         &planv1.TokenUsage{PromptTokens: row.PromptTokens, CompletionTokens: row.CompletionTokens, TotalTokens: row.TotalTokens},
		GenerationMs:  row.GenerationMs, LlmMs: row.LlmMs, RequestId: row.RequestID,
		Archetype: typesv1.Archetype(row.Archetype), Locale: row.Locale, CreateTime: timestamppb.New(row.CreateTime),
		State: planv1.PlanState_PLAN_STATE_READY, Revision: 1,
	}
	for _, s := range subs {
		p.Substitutions = append(p.Substitutions, &planv1.Substitution{Week: s.Week, Day: s.Day, FromSlug: s.From, ToSlug: s.To})
	}
	return p, nil
}

// substitutionRow is the stored JSON shape of a substitution, independent of proto renames.
type substitutionRow struct {
	Week int32  `json:"week"`
	Day  int32  `json:"day"`
	From string `json:"from"`
	To   string `json:"to"`
}

func substitutionRows(subs []*planv1.Substitution) []substitutionRow {
	out := make([]substitutionRow, 0, len(subs))
	for _, s := range subs {
		out = append(out, substitutionRow{Week: s.GetWeek(), Day: s.GetDay(), From: s.GetFromSlug(), To: s.GetToSlug()})
	}
	return out
}

func protoList(es []*planv1.CompletedExercise) (string, error) {
	raw := make([]json.RawMessage, 0, len(es))
	for _, e := range es {
		b, err := protojson.Marshal(e)
		if err != nil {
			return "", err
		}
		raw = append(raw, b)
	}
	b, err := json.Marshal(raw)
	return string(b), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DayLog is a stored workout log with the day it belongs to.
type DayLog struct {
	PlanID string
	Week   int32
	Day    int32
	Log    *planv1.WorkoutLog
}

// ListWorkoutLogs returns the person's logs, oldest first: of one plan, or of every plan when
// planID is empty. A person logs a few sessions a week, so a plan has at most 84 logs and
// reading them whole is cheaper than any per-exercise index.
func (s *Store) ListWorkoutLogs(ctx context.Context, subject, planID string) ([]DayLog, error) {
	q := s.c.WorkoutLog.Query().Where(workoutlog.Subject(subject))
	if planID != "" {
		q = q.Where(workoutlog.PlanID(planID))
	}
	rows, err := q.Order(ent.Asc(workoutlog.FieldCompleteTime), ent.Asc(workoutlog.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list workout logs: %w", err)
	}
	out := make([]DayLog, 0, len(rows))
	for _, row := range rows {
		l, err := logFromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, DayLog{PlanID: row.PlanID, Week: row.Week, Day: row.Day, Log: l})
	}
	return out, nil
}
