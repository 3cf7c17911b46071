package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"google.golang.org/protobuf/types/known/timestamppb"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/ent/exercise"
	"github.com/fitcoach/fitcoach/services/catalog/ent/predicate"
)

// Reads of many exercises (a page, the whole catalog for the whitelist) build their SQL with
// ent's builder and predicates but scan rows straight into protos: ent's generic scanning (a
// sql.Null* per column, a json.Unmarshal per array) costs several times the query itself. The
// store conformance suite checks this path returns what ent's Get does.
var columns = []string{
	exercise.FieldSlug, exercise.FieldCode, exercise.FieldNameEn, exercise.FieldNameRu,
	exercise.FieldDescriptionEn, exercise.FieldDescriptionRu, exercise.FieldMuscleGroups,
	exercise.FieldEquipment, exercise.FieldDifficulty, exercise.FieldActive,
	exercise.FieldCreateTime, exercise.FieldUpdateTime, exercise.FieldMeasurement,
	exercise.FieldMechanics, exercise.FieldPatterns, exercise.FieldStresses, exercise.FieldImpact,
}

// query returns the exercises matching ps in slug order, at most limit of them (0: all).
func (s *Store) query(ctx context.Context, ps []predicate.Exercise, limit int) ([]*catalogv1.Exercise, error) {
	sel := entsql.Dialect(s.dialect).Select(columns...).From(entsql.Table(exercise.Table))
	for _, p := range ps {
		p(sel)
	}
	sel.OrderBy(sel.C(exercise.FieldSlug))
	if limit > 0 {
		sel.Limit(limit)
	}
	q, args := sel.Query()
	rows, err := s.client.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out                        = make([]*catalogv1.Exercise, 0, max(limit, 0))
		slug, nameEn, nameRu       string
		descEn, descRu, difficulty string
		code                       sql.NullString
		muscles, equipment         []byte
		active                     bool
		created, updated           time.Time
		measurement, mechanics     string
		impact                     string
		patterns, stresses         []byte
	)
	for rows.Next() {
		if err := rows.Scan(&slug, &code, &nameEn, &nameRu, &descEn, &descRu, &muscles, &equipment, &difficulty, &active, &created, &updated,
			&measurement, &mechanics, &patterns, &stresses, &impact); err != nil {
			return nil, err
		}
		ex := &catalogv1.Exercise{
			Slug:       slug,
			Code:       code.String,
			Name:       &typesv1.LocalizedText{En: nameEn, Ru: nameRu},
			Difficulty: fromDifficulty(exercise.Difficulty(difficulty)),
			Active:     active,
			CreateTime: timestamppb.New(created),
			UpdateTime: timestamppb.New(updated),
		}
		if descEn != "" || descRu != "" {
			ex.Description = &typesv1.LocalizedText{En: descEn, Ru: descRu}
		}
		if ex.MuscleGroups, err = decodeStrings(muscles); err != nil {
			return nil, fmt.Errorf("exercise %q muscle_groups: %w", slug, err)
		}
		if ex.Equipment, err = decodeStrings(equipment); err != nil {
			return nil, fmt.Errorf("exercise %q equipment: %w", slug, err)
		}
		pats, err := decodeStrings(patterns)
		if err != nil {
			return nil, fmt.Errorf("exercise %q patterns: %w", slug, err)
		}
		joints, err := decodeStrings(stresses)
		if err != nil {
			return nil, fmt.Errorf("exercise %q stresses: %w", slug, err)
		}
		if err := setNature(ex, measurement, mechanics, pats, joints, impact); err != nil {
			return nil, err
		}
		out = append(out, ex)
	}
	return out, rows.Err()
}

// decodeStrings decodes a JSON array of strings. Names in the catalog are plain lower-case
// words, so the common case is split directly; anything with an escape goes to encoding/json.
func decodeStrings(b []byte) ([]string, error) {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' || bytes.IndexByte(b, '\\') >= 0 {
		var out []string
		err := json.Unmarshal(b, &out)
		return out, err
	}
	inner := bytes.TrimSpace(b[1 : len(b)-1])
	out := []string{}
	for len(inner) > 0 {
		if inner[0] != '"' {
			return nil, fmt.Errorf("malformed JSON array %q", b)
		}
		end := bytes.IndexByte(inner[1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("malformed JSON array %q", b)
		}
		out = append(out, string(inner[1:1+end]))
		inner = bytes.TrimSpace(inner[2+end:])
		if len(inner) > 0 {
			if inner[0] != ',' {
				return nil, fmt.Errorf("malformed JSON array %q", b)
			}
			inner = bytes.TrimSpace(inner[1:])
			if len(inner) == 0 {
				return nil, fmt.Errorf("malformed JSON array %q", b)
			}
		}
	}
	return out, nil
}
