// Package importer reads exercises from CSV or JSON files and upserts them into the catalog
// through its ImportExercises RPC, in batches that each commit all or nothing.
//
// A file is checked whole before anything is sent: every bad row is reported with its line
// (CSV, counting the header as line 1) or array index (JSON, from 0), and when any row is bad
// nothing is imported.
//
// CSV columns, named in a header row in any order: slug, code, name_en, name_ru,
// description_en, description_ru, muscle_groups and equipment (";"-separated), difficulty
// (beginner|intermediate|advanced) and, optionally, active (true/false or yes/no; default true)
// and the exercise's nature: measurement (reps|time|distance; default reps), mechanics
// (compound|isolation), patterns (";"-separated, main one first: knee_dominant, hip_dominant,
// horizontal_push, vertical_push, horizontal_pull, vertical_pull, core, carry, locomotion,
// mobility), stresses (";"-separated joints: knees, lower_back, shoulders, wrists, hips,
// ankles, neck) and impact (low|high). Nature values may also be written with hyphens or as
// the contract's enum names (MOVEMENT_PATTERN_KNEE_DOMINANT).
package importer

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/encoding/protojson"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/nature"
)

// Row is one parsed exercise and where it came from.
type Row struct {
	// Line is the CSV line number, or the JSON array index.
	Line     int
	Exercise *catalogv1.Exercise
}

// RowError is one bad row.
type RowError struct {
	Line int
	Msg  string
}

// ParseError lists every bad row of a file.
type ParseError struct {
	// Unit is "line" for CSV and "index" for JSON.
	Unit string
	Rows []RowError
}

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad row(s), nothing imported:", len(e.Rows))
	for _, r := range e.Rows {
		fmt.Fprintf(&b, "\n  %s %d: %s", e.Unit, r.Line, r.Msg)
	}
	return b.String()
}

var csvColumns = map[string]bool{
	"slug": true, "code": true, "name_en": true, "name_ru": true, "description_en": true,
	"description_ru": true, "muscle_groups": true, "equipment": true, "difficulty": true, "active": true,
	"measurement": true, "mechanics": true, "patterns": true, "stresses": true, "impact": true,
}

var csvRequired = []string{"slug", "name_en", "muscle_groups", "difficulty"}

// ParseCSV reads exercises from CSV with a header row.
func ParseCSV(r io.Reader) ([]Row, error) {
	v, err := protovalidate.New()
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, &ParseError{Unit: "line", Rows: []RowError{{Line: 1, Msg: "reading the header row: " + err.Error()}}}
	}
	col := map[string]int{}
	var bad []RowError
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !csvColumns[h]:
			bad = append(bad, RowError{Line: 1, Msg: fmt.Sprintf("unknown column %q", h)})
		case hasKey(col, h):
			bad = append(bad, RowError{Line: 1, Msg: fmt.Sprintf("column %q appears twice", h)})
		default:
			col[h] = i
		}
	}
	for _, req := range csvRequired {
		if !hasKey(col, req) {
			bad = append(bad, RowError{Line: 1, Msg: fmt.Sprintf("missing column %q", req)})
		}
	}
	if len(bad) > 0 {
		return nil, &ParseError{Unit: "line", Rows: bad}
	}

	var rows []Row
	seen := newDupChecker("line")
	line := 1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				bad = append(bad, RowError{Line: pe.StartLine, Msg: fmt.Sprintf("%d fields, the header has %d", len(rec), len(header))})
				continue
			}
			// FieldPos panics when the failed read returned no fields: take the error's line.
			line++
			if errors.As(err, &pe) {
				line = pe.Line
			}
			// Past a malformed quote the reader cannot tell where rows end: stop here.
			bad = append(bad, RowError{Line: line, Msg: err.Error()})
			break
		}
		line, _ = cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		ex, msgs := csvExercise(get)
		if len(msgs) == 0 {
			msgs = check(v, ex)
		}
		msgs = append(msgs, seen.check(line, ex)...)
		if len(msgs) > 0 {
			bad = append(bad, RowError{Line: line, Msg: strings.Join(msgs, "; ")})
			continue
		}
		rows = append(rows, Row{Line: line, Exercise: ex})
	}
	if len(bad) > 0 {
		return nil, &ParseError{Unit: "line", Rows: bad}
	}
	return rows, nil
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func csvExercise(get func(string) string) (*catalogv1.Exercise, []string) {
	var msgs []string
	ex := &catalogv1.Exercise{
		Slug:         strings.ToLower(get("slug")),
		Code:         strings.ToUpper(get("code")),
		Name:         &typesv1.LocalizedText{En: get("name_en"), Ru: get("name_ru")},
		MuscleGroups: splitList(get("muscle_groups")),
		Equipment:    splitList(get("equipment")),
		Active:       true,
	}
	if en, ru := get("description_en"), get("description_ru"); en != "" || ru != "" {
		ex.Description = &typesv1.LocalizedText{En: en, Ru: ru}
	}
	switch d := strings.ToLower(get("difficulty")); d {
	case "beginner":
		ex.Difficulty = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	case "intermediate":
		ex.Difficulty = typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE
	case "advanced":
		ex.Difficulty = typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED
	default:
		msgs = append(msgs, fmt.Sprintf("difficulty %q: want beginner, intermediate or advanced", d))
	}
	if a := get("active"); a != "" {
		switch strings.ToLower(a) {
		case "true", "t", "1", "yes", "y":
			ex.Active = true
		case "false", "f", "0", "no", "n":
			ex.Active = false
		default:
			msgs = append(msgs, fmt.Sprintf("active %q: want true or false", a))
		}
	}
	msgs = append(msgs, csvNature(ex, get)...)
	return ex, msgs
}

// csvNature reads the nature columns into ex; each bad value is one message.
func csvNature(ex *catalogv1.Exercise, get func(string) string) []string {
	var (
		msgs []string
		err  error
	)
	if ex.Measurement, err = nature.Parse[typesv1.Measurement](get("measurement")); err != nil {
		msgs = append(msgs, "measurement "+err.Error())
	}
	ex.Measurement = nature.Measurement(ex.Measurement)
	if ex.Mechanics, err = nature.Parse[typesv1.Mechanics](get("mechanics")); err != nil {
		msgs = append(msgs, "mechanics "+err.Error())
	}
	if ex.Patterns, err = nature.ParseList[typesv1.MovementPattern](get("patterns")); err != nil {
		msgs = append(msgs, "patterns: "+err.Error())
	}
	if ex.Stresses, err = nature.ParseList[typesv1.Joint](get("stresses")); err != nil {
		msgs = append(msgs, "stresses: "+err.Error())
	}
	if ex.Impact, err = nature.Parse[typesv1.Impact](get("impact")); err != nil {
		msgs = append(msgs, "impact "+err.Error())
	}
	return msgs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseJSON reads a JSON array of Exercise in protojson. An item without "active" is active.
func ParseJSON(r io.Reader) ([]Row, error) {
	v, err := protovalidate.New()
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.NewDecoder(r).Decode(&items); err != nil {
		return nil, &ParseError{Unit: "index", Rows: []RowError{{Line: 0, Msg: "the file must be a JSON array of exercises: " + err.Error()}}}
	}
	var (
		rows []Row
		bad  []RowError
		seen = newDupChecker("index")
	)
	for i, raw := range items {
		ex := &catalogv1.Exercise{}
		if err := protojson.Unmarshal(raw, ex); err != nil {
			bad = append(bad, RowError{Line: i, Msg: err.Error()})
			continue
		}
		var keys map[string]json.RawMessage
		if json.Unmarshal(raw, &keys) == nil && keys["active"] == nil {
			ex.Active = true
		}
		// Output-only fields of the contract are the catalog's to set.
		ex.CreateTime, ex.UpdateTime = nil, nil
		msgs := check(v, ex)
		msgs = append(msgs, seen.check(i, ex)...)
		if len(msgs) > 0 {
			bad = append(bad, RowError{Line: i, Msg: strings.Join(msgs, "; ")})
			continue
		}
		rows = append(rows, Row{Line: i, Exercise: ex})
	}
	if len(bad) > 0 {
		return nil, &ParseError{Unit: "index", Rows: bad}
	}
	return rows, nil
}

// check applies the contract's rules, the same ones the server enforces.
func check(v protovalidate.Validator, ex *catalogv1.Exercise) []string {
	err := v.Validate(ex)
	if err == nil {
		return nil
	}
	var verr *protovalidate.ValidationError
	if !errors.As(err, &verr) {
		return []string{err.Error()}
	}
	msgs := make([]string, 0, len(verr.Violations))
	for _, vi := range verr.Violations {
		field := protovalidate.FieldPathString(vi.Proto.GetField())
		if field == "" {
			msgs = append(msgs, vi.Proto.GetMessage())
			continue
		}
		msgs = append(msgs, field+": "+vi.Proto.GetMessage())
	}
	return msgs
}

// dupChecker finds slugs and codes repeated within one file.
type dupChecker struct {
	unit         string
	slugs, codes map[string]int
}

func newDupChecker(unit string) *dupChecker {
	return &dupChecker{unit: unit, slugs: map[string]int{}, codes: map[string]int{}}
}

func (d *dupChecker) check(line int, ex *catalogv1.Exercise) []string {
	var msgs []string
	slug := strings.ToLower(ex.GetSlug())
	if first, ok := d.slugs[slug]; ok {
		msgs = append(msgs, fmt.Sprintf("slug %q repeats %s %d", slug, d.unit, first))
	} else {
		d.slugs[slug] = line
	}
	if code := strings.ToUpper(ex.GetCode()); code != "" {
		if first, ok := d.codes[code]; ok {
			msgs = append(msgs, fmt.Sprintf("code %q repeats %s %d", code, d.unit, first))
		} else {
			d.codes[code] = line
		}
	}
	return msgs
}
