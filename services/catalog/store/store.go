// Package store keeps the catalog's exercises in its own database through ent. It speaks
// protobuf Exercises at its edge and returns errors wrapping the pkg/grpcerr sentinels
// (ErrNotFound, ErrAlreadyExists), which the server interceptor maps to gRPC codes.
//
// Slugs are stored lower-case and codes upper-case, so lookups are case-insensitive by
// normalizing the input rather than by lower() in SQL, which keeps every lookup on an index.
package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
	"google.golang.org/protobuf/types/known/timestamppb"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/catalog/ent"
	"github.com/fitcoach/fitcoach/services/catalog/ent/exercise"
	"github.com/fitcoach/fitcoach/services/catalog/ent/predicate"
	"github.com/fitcoach/fitcoach/services/catalog/nature"
)

// Store reads and writes exercises.
type Store struct {
	client  *ent.Client
	dialect string
	now     func() time.Time
}

// New returns a Store on an ent driver (db.DB.Ent(), possibly wrapped).
func New(drv dialect.Driver) *Store {
	return &Store{client: ent.NewClient(ent.Driver(drv)), dialect: drv.Dialect(), now: time.Now}
}

// NormalizeSlug returns the stored form of a slug.
func NormalizeSlug(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// NormalizeCode returns the stored form of a code.
func NormalizeCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Filter narrows List. Zero fields do not filter.
type Filter struct {
	Muscle     string
	Equipment  string
	Difficulty typesv1.FitnessLevel
	// Active nil lists active and inactive exercises.
	Active *bool
}

// Create inserts ex as a new, active exercise and returns it as stored. It returns an error
// wrapping grpcerr.ErrAlreadyExists when the slug or the code is taken.
func (s *Store) Create(ctx context.Context, ex *catalogv1.Exercise) (*catalogv1.Exercise, error) {
	now := s.stamp()
	c := s.client.Exercise.Create()
	setCreate(c.Mutation(), ex, now)
	c.SetActive(true)
	row, err := c.Save(ctx)
	if err != nil {
		return nil, s.conflict(ctx, err, ex)
	}
	return toProto(row)
}

// Get returns the exercise whose slug or code is key, case-insensitively; a slug match wins
// over a code match. It returns an error wrapping grpcerr.ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, key string) (*catalogv1.Exercise, error) {
	row, err := s.get(ctx, s.client, key)
	if err != nil {
		return nil, err
	}
	return toProto(row)
}

func (s *Store) get(ctx context.Context, c *ent.Client, key string) (*ent.Exercise, error) {
	rows, err := c.Exercise.Query().
		Where(exercise.Or(exercise.Slug(NormalizeSlug(key)), exercise.Code(NormalizeCode(key)))).
		Limit(2).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("get exercise: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("exercise %q: %w", key, grpcerr.ErrNotFound)
	}
	for _, r := range rows {
		if r.Slug == NormalizeSlug(key) {
			return r, nil
		}
	}
	return rows[0], nil
}

// Update replaces every mutable field of the exercise found by key (slug or code) with those
// of ex, which the caller has merged and validated; slug and create_time never change. It
// returns errors wrapping grpcerr.ErrNotFound for an unknown key and grpcerr.ErrAlreadyExists
// when the new code belongs to another exercise.
func (s *Store) Update(ctx context.Context, key string, ex *catalogv1.Exercise) (*catalogv1.Exercise, error) {
	var out *ent.Exercise
	err := s.withTx(ctx, func(tx *ent.Tx) error {
		row, err := s.get(ctx, tx.Client(), key)
		if err != nil {
			return err
		}
		u := tx.Exercise.UpdateOne(row).
			SetNameEn(ex.GetName().GetEn()).
			SetNameRu(ex.GetName().GetRu()).
			SetDescriptionEn(ex.GetDescription().GetEn()).
			SetDescriptionRu(ex.GetDescription().GetRu()).
			SetMuscleGroups(nonNil(ex.GetMuscleGroups())).
			SetEquipment(nonNil(ex.GetEquipment())).
			SetDifficulty(toDifficulty(ex.GetDifficulty())).
			SetActive(ex.GetActive()).
			SetMeasurement(toMeasurement(ex.GetMeasurement())).
			SetMechanics(nature.Name(ex.GetMechanics())).
			SetPatterns(nature.Names(ex.GetPatterns())).
			SetStresses(nature.Names(ex.GetStresses())).
			SetImpact(nature.Name(ex.GetImpact())).
			SetUpdateTime(s.stamp())
		if code := NormalizeCode(ex.GetCode()); code != "" {
			u.SetCode(code)
		} else {
			u.ClearCode()
		}
		out, err = u.Save(ctx)
		if err != nil {
			return s.conflict(ctx, err, &catalogv1.Exercise{Code: ex.GetCode()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return toProto(out)
}

// SetActive flips the active flag of the exercise found by key. It returns an error wrapping
// grpcerr.ErrNotFound for an unknown key.
func (s *Store) SetActive(ctx context.Context, key string, active bool) (*catalogv1.Exercise, error) {
	var out *ent.Exercise
	err := s.withTx(ctx, func(tx *ent.Tx) error {
		row, err := s.get(ctx, tx.Client(), key)
		if err != nil {
			return err
		}
		if row.Active == active {
			out = row
			return nil
		}
		out, err = tx.Exercise.UpdateOne(row).SetActive(active).SetUpdateTime(s.stamp()).Save(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return toProto(out)
}

// List returns up to limit exercises matching f with slugs after the given one, in slug
// order: keyset paging, so a page costs the same wherever it is.
func (s *Store) List(ctx context.Context, f Filter, after string, limit int) ([]*catalogv1.Exercise, error) {
	ps := filterPredicates(f)
	if after != "" {
		ps = append(ps, exercise.SlugGT(after))
	}
	exs, err := s.query(ctx, ps, limit)
	if err != nil {
		return nil, fmt.Errorf("list exercises: %w", err)
	}
	return exs, nil
}

func filterPredicates(f Filter) []predicate.Exercise {
	var ps []predicate.Exercise
	if f.Active != nil {
		ps = append(ps, exercise.Active(*f.Active))
	}
	if f.Difficulty != typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		ps = append(ps, exercise.DifficultyEQ(toDifficulty(f.Difficulty)))
	}
	if m := strings.ToLower(f.Muscle); m != "" {
		ps = append(ps, predicate.Exercise(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(exercise.FieldMuscleGroups), m))
		}))
	}
	if e := strings.ToLower(f.Equipment); e != "" {
		ps = append(ps, predicate.Exercise(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(exercise.FieldEquipment), e))
		}))
	}
	return ps
}

// All returns every exercise (only the active ones when activeOnly) in slug order, in one
// query: the whitelist and the coverage report are computed from it.
func (s *Store) All(ctx context.Context, activeOnly bool) ([]*catalogv1.Exercise, error) {
	var ps []predicate.Exercise
	if activeOnly {
		ps = append(ps, exercise.Active(true))
	}
	exs, err := s.query(ctx, ps, 0)
	if err != nil {
		return nil, fmt.Errorf("list all exercises: %w", err)
	}
	return exs, nil
}

// ActiveExercises returns every active exercise in one query.
func (s *Store) ActiveExercises(ctx context.Context) ([]*catalogv1.Exercise, error) {
	return s.All(ctx, true)
}

// Count returns how many exercises exist, active or not.
func (s *Store) Count(ctx context.Context) (int, error) {
	n, err := s.client.Exercise.Query().Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count exercises: %w", err)
	}
	return n, nil
}

// Upsert creates or updates the exercises by slug in one transaction: all of them or none.
// Slugs within the batch must be distinct. It returns an error wrapping
// grpcerr.ErrAlreadyExists when a code belongs to an exercise with another slug, or is
// repeated within the batch.
func (s *Store) Upsert(ctx context.Context, exs []*catalogv1.Exercise) (created, updated int, err error) {
	if len(exs) == 0 {
		return 0, 0, nil
	}
	slugs := make([]string, len(exs))
	codeOwner := map[string]string{}
	for i, ex := range exs {
		slugs[i] = NormalizeSlug(ex.GetSlug())
		if c := NormalizeCode(ex.GetCode()); c != "" {
			if other, dup := codeOwner[c]; dup && other != slugs[i] {
				return 0, 0, fmt.Errorf("code %q is used by both %q and %q: %w", c, other, slugs[i], grpcerr.ErrAlreadyExists)
			}
			codeOwner[c] = slugs[i]
		}
	}
	if dup := firstDuplicate(slugs); dup != "" {
		return 0, 0, fmt.Errorf("slug %q appears twice in one batch: %w", dup, grpcerr.ErrAlreadyExists)
	}
	err = s.withTx(ctx, func(tx *ent.Tx) error {
		existing, err := tx.Exercise.Query().Where(exercise.SlugIn(slugs...)).Select(exercise.FieldSlug).Strings(ctx)
		if err != nil {
			return fmt.Errorf("find existing slugs: %w", err)
		}
		if len(codeOwner) > 0 {
			codes := make([]string, 0, len(codeOwner))
			for c := range codeOwner {
				codes = append(codes, c)
			}
			holders, err := tx.Exercise.Query().Where(exercise.CodeIn(codes...)).All(ctx)
			if err != nil {
				return fmt.Errorf("find existing codes: %w", err)
			}
			for _, h := range holders {
				// A holder inside the batch is rewritten by it; one outside keeps its code.
				if owner := codeOwner[*h.Code]; owner != h.Slug && !slices.Contains(slugs, h.Slug) {
					return fmt.Errorf("code %q already belongs to %q, not %q: %w", *h.Code, h.Slug, owner, grpcerr.ErrAlreadyExists)
				}
			}
		}
		now := s.stamp()
		builders := make([]*ent.ExerciseCreate, len(exs))
		for i, ex := range exs {
			b := tx.Exercise.Create()
			setCreate(b.Mutation(), ex, now)
			b.SetActive(ex.GetActive())
			builders[i] = b
		}
		err = tx.Exercise.CreateBulk(builders...).
			OnConflictColumns(exercise.FieldSlug).
			UpdateNewValues().
			Exec(ctx)
		if err != nil {
			if ent.IsConstraintError(err) {
				return fmt.Errorf("a code in the batch is already taken: %w", grpcerr.ErrAlreadyExists)
			}
			return fmt.Errorf("upsert exercises: %w", err)
		}
		updated = len(existing)
		created = len(exs) - updated
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// CreateMissing inserts the exercises whose slugs do not exist yet and leaves the others as
// they are, so a starter catalog can be loaded by several processes at once. It returns how
// many rows it inserted.
func (s *Store) CreateMissing(ctx context.Context, exs []*catalogv1.Exercise) (int, error) {
	if len(exs) == 0 {
		return 0, nil
	}
	var inserted int
	err := s.withTx(ctx, func(tx *ent.Tx) error {
		before, err := tx.Exercise.Query().Count(ctx)
		if err != nil {
			return err
		}
		now := s.stamp()
		builders := make([]*ent.ExerciseCreate, len(exs))
		for i, ex := range exs {
			b := tx.Exercise.Create()
			setCreate(b.Mutation(), ex, now)
			b.SetActive(true)
			builders[i] = b
		}
		if err := tx.Exercise.CreateBulk(builders...).OnConflict(sql.DoNothing()).Exec(ctx); err != nil {
			return fmt.Errorf("insert exercises: %w", err)
		}
		after, err := tx.Exercise.Query().Count(ctx)
		inserted = after - before
		return err
	})
	return inserted, err
}

// FillNature gives the exercises with these slugs the nature (measurement, mechanics,
// patterns, stresses, impact) of exs when they have none yet: rows written before the catalog
// kept it. An exercise with any of mechanics, patterns, stresses or impact set keeps what it
// has, so an admin's edit is never overwritten. It returns how many exercises it changed.
func (s *Store) FillNature(ctx context.Context, exs []*catalogv1.Exercise) (int, error) {
	if len(exs) == 0 {
		return 0, nil
	}
	bySlug := make(map[string]*catalogv1.Exercise, len(exs))
	for _, ex := range exs {
		bySlug[NormalizeSlug(ex.GetSlug())] = ex
	}
	var changed int
	err := s.withTx(ctx, func(tx *ent.Tx) error {
		rows, err := tx.Exercise.Query().
			Where(exercise.SlugIn(slices.Collect(maps.Keys(bySlug))...)).
			Select(exercise.FieldID, exercise.FieldSlug, exercise.FieldMechanics, exercise.FieldPatterns, exercise.FieldStresses, exercise.FieldImpact).
			All(ctx)
		if err != nil {
			return fmt.Errorf("find exercises without a nature: %w", err)
		}
		now := s.stamp()
		for _, r := range rows {
			if r.Mechanics != "" || r.Impact != "" || len(r.Patterns) > 0 || len(r.Stresses) > 0 {
				continue
			}
			ex := bySlug[r.Slug]
			if ex.GetMechanics() == 0 && ex.GetImpact() == 0 && len(ex.GetPatterns()) == 0 && len(ex.GetStresses()) == 0 &&
				nature.Measurement(ex.GetMeasurement()) == typesv1.Measurement_MEASUREMENT_REPS {
				continue // nothing to add
			}
			err := tx.Exercise.UpdateOneID(r.ID).
				SetMeasurement(toMeasurement(ex.GetMeasurement())).
				SetMechanics(nature.Name(ex.GetMechanics())).
				SetPatterns(nature.Names(ex.GetPatterns())).
				SetStresses(nature.Names(ex.GetStresses())).
				SetImpact(nature.Name(ex.GetImpact())).
				SetUpdateTime(now).
				Exec(ctx)
			if err != nil {
				return fmt.Errorf("fill the nature of %q: %w", r.Slug, err)
			}
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

func (s *Store) withTx(ctx context.Context, fn func(*ent.Tx) error) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// conflict turns a unique-constraint failure into ErrAlreadyExists naming the field, and
// passes other errors through.
func (s *Store) conflict(ctx context.Context, err error, ex *catalogv1.Exercise) error {
	if !ent.IsConstraintError(err) {
		return fmt.Errorf("save exercise: %w", err)
	}
	if slug := NormalizeSlug(ex.GetSlug()); slug != "" {
		if n, qerr := s.client.Exercise.Query().Where(exercise.Slug(slug)).Count(ctx); qerr == nil && n > 0 {
			return fmt.Errorf("exercise with slug %q: %w", slug, grpcerr.ErrAlreadyExists)
		}
	}
	if code := NormalizeCode(ex.GetCode()); code != "" {
		return fmt.Errorf("exercise with code %q: %w", code, grpcerr.ErrAlreadyExists)
	}
	return fmt.Errorf("exercise: %w", grpcerr.ErrAlreadyExists)
}

// stamp is the store's clock at the precision both databases keep, so a value read back
// equals the one written.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func setCreate(m *ent.ExerciseMutation, ex *catalogv1.Exercise, now time.Time) {
	m.SetSlug(NormalizeSlug(ex.GetSlug()))
	if code := NormalizeCode(ex.GetCode()); code != "" {
		m.SetCode(code)
	}
	m.SetNameEn(ex.GetName().GetEn())
	m.SetNameRu(ex.GetName().GetRu())
	m.SetDescriptionEn(ex.GetDescription().GetEn())
	m.SetDescriptionRu(ex.GetDescription().GetRu())
	m.SetMuscleGroups(nonNil(ex.GetMuscleGroups()))
	m.SetEquipment(nonNil(ex.GetEquipment()))
	m.SetDifficulty(toDifficulty(ex.GetDifficulty()))
	m.SetMeasurement(toMeasurement(ex.GetMeasurement()))
	m.SetMechanics(nature.Name(ex.GetMechanics()))
	m.SetPatterns(nature.Names(ex.GetPatterns()))
	m.SetStresses(nature.Names(ex.GetStresses()))
	m.SetImpact(nature.Name(ex.GetImpact()))
	m.SetCreateTime(now)
	m.SetUpdateTime(now)
}

// nonNil stores an empty JSON array rather than null for no items.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func firstDuplicate(s []string) string {
	seen := make(map[string]struct{}, len(s))
	for _, v := range s {
		if _, ok := seen[v]; ok {
			return v
		}
		seen[v] = struct{}{}
	}
	return ""
}

func toDifficulty(l typesv1.FitnessLevel) exercise.Difficulty {
	switch l {
	case typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE:
		return exercise.DifficultyIntermediate
	case typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED:
		return exercise.DifficultyAdvanced
	default:
		return exercise.DifficultyBeginner
	}
}

func fromDifficulty(d exercise.Difficulty) typesv1.FitnessLevel {
	switch d {
	case exercise.DifficultyIntermediate:
		return typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE
	case exercise.DifficultyAdvanced:
		return typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
	default:
		return typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	}
}

// toMeasurement stores an unspecified measurement as reps, the contract's default.
func toMeasurement(m typesv1.Measurement) exercise.Measurement {
	return exercise.Measurement(nature.Name(nature.Measurement(m)))
}

// The stored names of the nature enums, read per row on every list.
var (
	measurementNames = nature.NewLookup[typesv1.Measurement]()
	mechanicsNames   = nature.NewLookup[typesv1.Mechanics]()
	patternNames     = nature.NewLookup[typesv1.MovementPattern]()
	jointNames       = nature.NewLookup[typesv1.Joint]()
	impactNames      = nature.NewLookup[typesv1.Impact]()
)

// setNature fills ex's nature from its stored names. Names this code did not write (a hand
// edit of the database) are an error rather than silently dropped.
func setNature(ex *catalogv1.Exercise, measurement, mech string, pats, stresses []string, impact string) error {
	var err error
	if ex.Measurement, err = measurementNames.One(measurement); err != nil {
		return fmt.Errorf("exercise %q measurement %w", ex.GetSlug(), err)
	}
	if ex.Mechanics, err = mechanicsNames.One(mech); err != nil {
		return fmt.Errorf("exercise %q mechanics %w", ex.GetSlug(), err)
	}
	if ex.Patterns, err = patternNames.All(pats); err != nil {
		return fmt.Errorf("exercise %q patterns: %w", ex.GetSlug(), err)
	}
	if ex.Stresses, err = jointNames.All(stresses); err != nil {
		return fmt.Errorf("exercise %q stresses: %w", ex.GetSlug(), err)
	}
	if ex.Impact, err = impactNames.One(impact); err != nil {
		return fmt.Errorf("exercise %q impact %w", ex.GetSlug(), err)
	}
	return nil
}

func toProto(r *ent.Exercise) (*catalogv1.Exercise, error) {
	ex := &catalogv1.Exercise{
		Slug:         r.Slug,
		Name:         &typesv1.LocalizedText{En: r.NameEn, Ru: r.NameRu},
		MuscleGroups: r.MuscleGroups,
		Equipment:    r.Equipment,
		Difficulty:   fromDifficulty(r.Difficulty),
		Active:       r.Active,
		CreateTime:   timestamppb.New(r.CreateTime),
		UpdateTime:   timestamppb.New(r.UpdateTime),
	}
	if r.Code != nil {
		ex.Code = *r.Code
	}
	if r.DescriptionEn != "" || r.DescriptionRu != "" {
		ex.Description = &typesv1.LocalizedText{En: r.DescriptionEn, Ru: r.DescriptionRu}
	}
	if err := setNature(ex, string(r.Measurement), r.Mechanics, r.Patterns, r.Stresses, r.Impact); err != nil {
		return nil, err
	}
	return ex, nil
}
