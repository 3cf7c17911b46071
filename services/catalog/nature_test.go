package catalog_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/catalog/importer"
	"github.com/fitcoach/fitcoach/services/catalog/internal/videofake"
	"github.com/fitcoach/fitcoach/services/catalog/migrations"
	"github.com/fitcoach/fitcoach/services/catalog/nature"
	"github.com/fitcoach/fitcoach/services/catalog/starter"
)

// starterCount is the size of the embedded starter catalog; change it with the catalog.
const starterCount = 135

// coverAll tells the fake video service that every exercise of exs has every required kind.
func coverAll(e *env, exs []*catalogv1.Exercise) {
	clips := make([]videofake.Clip, 0, 2*len(exs))
	for _, x := range exs {
		clips = append(clips, videofake.Clip{Slug: x.GetSlug(), Kind: technique}, videofake.Clip{Slug: x.GetSlug(), Kind: instruction})
	}
	e.video.SetCoverage(videofake.Aggregate(clips))
}

// sameNature reports whether got carries want's nature (an unspecified measurement is reps).
func sameNature(want, got *catalogv1.Exercise) bool {
	w := &catalogv1.Exercise{Measurement: nature.Measurement(want.GetMeasurement()), Mechanics: want.GetMechanics(),
		Patterns: want.GetPatterns(), Stresses: want.GetStresses(), Impact: want.GetImpact()}
	g := &catalogv1.Exercise{Measurement: got.GetMeasurement(), Mechanics: got.GetMechanics(),
		Patterns: got.GetPatterns(), Stresses: got.GetStresses(), Impact: got.GetImpact()}
	return proto.Equal(w, g)
}

// TestStarterRoundTrip loads the starter catalog and reads every exercise back, with its
// nature, from each read path: the whitelist, the list and the single get.
func TestStarterRoundTrip(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnv(t, envOptions{dsn: b.Open(t)})
			want, err := starter.Exercises()
			require.NoError(t, err)
			require.Len(t, want, starterCount)
			n, err := e.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			require.Equal(t, starterCount, n)
			coverAll(e, want)

			allowed, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
			require.NoError(t, err)
			require.Len(t, allowed.GetExercises(), starterCount)
			bySlug := map[string]*catalogv1.Exercise{}
			for _, x := range allowed.GetExercises() {
				bySlug[x.GetSlug()] = x
			}
			listed := map[string]*catalogv1.Exercise{}
			for _, x := range e.snapshot(t) {
				listed[x.GetSlug()] = x
			}
			measures := map[typesv1.Measurement]int{}
			for _, w := range want {
				got := bySlug[w.GetSlug()]
				require.NotNil(t, got, "%s is allowed", w.GetSlug())
				require.True(t, sameNature(w, got), "%s: want %v, got %v", w.GetSlug(), w, got)
				require.Equal(t, w.GetName().GetRu(), got.GetName().GetRu())
				require.True(t, sameNature(w, listed[w.GetSlug()]), "%s in ListExercises", w.GetSlug())
				measures[got.GetMeasurement()]++
			}
			require.Positive(t, measures[typesv1.Measurement_MEASUREMENT_TIME], "holds are timed")
			require.Positive(t, measures[typesv1.Measurement_MEASUREMENT_DISTANCE], "cardio is distance")

			one, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "plank"})
			require.NoError(t, err)
			require.Equal(t, typesv1.Measurement_MEASUREMENT_TIME, one.GetExercise().GetMeasurement())
			require.Contains(t, one.GetExercise().GetPatterns(), typesv1.MovementPattern_MOVEMENT_PATTERN_CORE)

			// Alternatives train the same main movement first, and carry their stresses so the
			// caller can spare a person's joints.
			for _, slug := range []string{"push-ups", "bodyweight-squats", "plank"} {
				target, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: slug})
				require.NoError(t, err)
				main := target.GetExercise().GetPatterns()[0]
				alts, err := e.user.GetExerciseAlternatives(t.Context(), &catalogv1.GetExerciseAlternativesRequest{Slug: slug, Limit: 3})
				require.NoError(t, err)
				require.Len(t, alts.GetAlternatives(), 3)
				for _, a := range alts.GetAlternatives() {
					require.Contains(t, a.GetPatterns(), main, "%s: alternative %s", slug, a.GetSlug())
					require.True(t, sameNature(bySlug[a.GetSlug()], a), "%s carries its nature", a.GetSlug())
				}
			}
		})
	}
}

// TestWhitelistCacheCarriesNature serves the allowed set from a cache another replica filled:
// the set read back from the shared cache still carries each exercise's nature.
func TestWhitelistCacheCarriesNature(t *testing.T) {
	first := newEnv(t, envOptions{})
	x := ex("run-walk", "", beginner, []string{"legs"}, nil)
	x.Measurement = typesv1.Measurement_MEASUREMENT_DISTANCE
	x.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION}
	x.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_KNEES}
	x.Impact = typesv1.Impact_IMPACT_HIGH
	x.Mechanics = typesv1.Mechanics_MECHANICS_COMPOUND
	first.create(t, x)
	coverAll(first, []*catalogv1.Exercise{x})
	resp, err := first.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.Len(t, resp.GetExercises(), 1)
	require.True(t, sameNature(x, resp.GetExercises()[0]))

	// A second replica on the same database and cache, whose video service is down: it can
	// only answer from the shared cache.
	second := newEnv(t, envOptions{dsn: first.dsn, cache: first.cache})
	second.video.SetError(status.Error(codes.Unavailable, "down"))
	resp, err = second.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.Len(t, resp.GetExercises(), 1)
	require.True(t, sameNature(x, resp.GetExercises()[0]), "%v", resp.GetExercises()[0])
	require.Zero(t, second.video.Calls(), "served from the shared cache")
}

// TestLoadStarterUpgradesOldCatalog starts the catalog on a database an older version made:
// the first migration only, holding most of the starter catalog without any nature, one
// exercise renamed and one deactivated by an admin. Loading the starter adds the exercises
// that are new and gives the old ones their nature, and keeps the admin's changes.
func TestLoadStarterUpgradesOldCatalog(t *testing.T) {
	all, err := starter.Exercises()
	require.NoError(t, err)
	const old = 101
	dsn := dbtest.SQLite(t)
	d := dbtest.Open(t, dsn, firstCatalogMigration(t))
	now := time.Now().UTC().Truncate(time.Second)
	for _, x := range all[:old] {
		muscles, _ := json.Marshal(x.GetMuscleGroups())
		equipment, _ := json.Marshal(append([]string{}, x.GetEquipment()...))
		var code sql.NullString
		if x.GetCode() != "" {
			code = sql.NullString{String: x.GetCode(), Valid: true}
		}
		_, err := d.ExecContext(t.Context(), `INSERT INTO exercises (slug, code, name_en, name_ru, description_en, description_ru, muscle_groups, equipment, difficulty, active, create_time, update_time)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)`,
			x.GetSlug(), code, x.GetName().GetEn(), x.GetName().GetRu(), x.GetDescription().GetEn(), x.GetDescription().GetRu(),
			string(muscles), string(equipment), strings.ToLower(strings.TrimPrefix(x.GetDifficulty().String(), "FITNESS_LEVEL_")), now, now)
		require.NoError(t, err, x.GetSlug())
	}
	_, err = d.ExecContext(t.Context(), `UPDATE exercises SET name_en = 'Our plank' WHERE slug = 'plank'`)
	require.NoError(t, err)
	_, err = d.ExecContext(t.Context(), `UPDATE exercises SET active = false WHERE slug = ?`, all[1].GetSlug())
	require.NoError(t, err)
	require.NoError(t, d.Close())

	e := newEnv(t, envOptions{dsn: dsn})
	n, err := e.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Equal(t, len(all)-old, n, "the new starter exercises are added")
	again, err := e.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Zero(t, again)

	got := map[string]*catalogv1.Exercise{}
	for _, x := range e.snapshot(t) {
		got[x.GetSlug()] = x
	}
	require.Len(t, got, len(all))
	for _, w := range all {
		require.True(t, sameNature(w, got[w.GetSlug()]), "%s: want %v, got %v", w.GetSlug(), w, got[w.GetSlug()])
	}
	require.Equal(t, "Our plank", got["plank"].GetName().GetEn(), "an admin's rename is kept")
	require.False(t, got[all[1].GetSlug()].GetActive(), "a deactivated exercise stays inactive")

	coverAll(e, all)
	allowed, err := e.user.ListAllowedExercises(t.Context(), &catalogv1.ListAllowedExercisesRequest{})
	require.NoError(t, err)
	require.Len(t, allowed.GetExercises(), len(all)-1)
}

// firstCatalogMigration is the catalog's migrations as they were at version 1.
func firstCatalogMigration(t *testing.T) db.Migrations {
	t.Helper()
	m := fstest.MapFS{}
	for _, dialect := range []string{"sqlite", "postgres"} {
		for _, dir := range []string{"up", "down"} {
			name := dialect + "/0001_init." + dir + ".sql"
			b, err := fs.ReadFile(migrations.FS, name)
			require.NoError(t, err)
			m[name] = &fstest.MapFile{Data: b}
		}
	}
	return db.Migrations{Service: "catalog", FS: m}
}

// TestUpdateMaskNature changes each nature field alone through update_mask, then clears it.
func TestUpdateMaskNature(t *testing.T) {
	e := newEnv(t, envOptions{})
	base := ex("step-ups", "EX300", beginner, []string{"quads", "glutes"}, nil)
	base.Measurement = typesv1.Measurement_MEASUREMENT_REPS
	base.Mechanics = typesv1.Mechanics_MECHANICS_COMPOUND
	base.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT}
	base.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_KNEES}
	base.Impact = typesv1.Impact_IMPACT_LOW
	e.create(t, base)

	cases := []struct {
		path    string
		set     func(x *catalogv1.Exercise)
		cleared func(x *catalogv1.Exercise)
	}{
		{"measurement",
			func(x *catalogv1.Exercise) { x.Measurement = typesv1.Measurement_MEASUREMENT_TIME },
			func(x *catalogv1.Exercise) { x.Measurement = typesv1.Measurement_MEASUREMENT_REPS }},
		{"mechanics",
			func(x *catalogv1.Exercise) { x.Mechanics = typesv1.Mechanics_MECHANICS_ISOLATION },
			func(x *catalogv1.Exercise) { x.Mechanics = 0 }},
		{"patterns",
			func(x *catalogv1.Exercise) {
				x.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION, typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT}
			},
			func(x *catalogv1.Exercise) { x.Patterns = nil }},
		{"stresses",
			func(x *catalogv1.Exercise) {
				x.Stresses = []typesv1.Joint{typesv1.Joint_JOINT_ANKLES, typesv1.Joint_JOINT_KNEES}
			},
			func(x *catalogv1.Exercise) { x.Stresses = nil }},
		{"impact",
			func(x *catalogv1.Exercise) { x.Impact = typesv1.Impact_IMPACT_HIGH },
			func(x *catalogv1.Exercise) { x.Impact = 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			before, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "step-ups"})
			require.NoError(t, err)

			// The patch carries other changes too; only the masked field is taken.
			patch := &catalogv1.Exercise{Slug: "step-ups", Name: &typesv1.LocalizedText{En: "ignored"}}
			tc.set(patch)
			want := proto.Clone(before.GetExercise()).(*catalogv1.Exercise)
			tc.set(want)
			resp, err := e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
				Exercise: patch, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{tc.path}}})
			require.NoError(t, err)
			got := resp.GetExercise()
			require.True(t, sameNature(want, got), "want %v, got %v", want, got)
			require.Equal(t, before.GetExercise().GetName().GetEn(), got.GetName().GetEn())
			read, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "step-ups"})
			require.NoError(t, err)
			require.True(t, sameNature(want, read.GetExercise()))

			// Named but unset in the patch: cleared (an unspecified measurement is reps).
			resp, err = e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
				Exercise: &catalogv1.Exercise{Slug: "step-ups"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{tc.path}}})
			require.NoError(t, err)
			tc.cleared(want)
			require.True(t, sameNature(want, resp.GetExercise()), "want %v, got %v", want, resp.GetExercise())

			// Put the base value back for the next case.
			_, err = e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
				Exercise: base, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{tc.path}}})
			require.NoError(t, err)
		})
	}

	t.Run("bad values are refused and change nothing", func(t *testing.T) {
		bad := []struct {
			path  string
			patch *catalogv1.Exercise
		}{
			{"measurement", &catalogv1.Exercise{Slug: "step-ups", Measurement: 9}},
			{"patterns", &catalogv1.Exercise{Slug: "step-ups", Patterns: []typesv1.MovementPattern{0}}},
			{"patterns", &catalogv1.Exercise{Slug: "step-ups", Patterns: []typesv1.MovementPattern{1, 1}}},
			{"stresses", &catalogv1.Exercise{Slug: "step-ups", Stresses: []typesv1.Joint{42}}},
			{"impact", &catalogv1.Exercise{Slug: "step-ups", Impact: 3}},
		}
		for _, tc := range bad {
			before := e.snapshot(t)
			_, err := e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
				Exercise: tc.patch, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{tc.path}}})
			require.Equal(t, codes.InvalidArgument, status.Code(err), "%s: %v", tc.path, err)
			require.True(t, slices.ContainsFunc(violationFields(err), func(f string) bool { return strings.HasPrefix(f, "exercise."+tc.path) }),
				"%s: %v", tc.path, err)
			after := e.snapshot(t)
			for i := range before {
				require.True(t, proto.Equal(before[i], after[i]))
			}
		}
	})
}

// TestLongNames: the contract allows names of up to 200 characters in any script and refuses
// longer ones with INVALID_ARGUMENT on create, update and import, never with a 500.
func TestLongNames(t *testing.T) {
	long := strings.Repeat("ж", 201)
	ok := strings.Repeat("ж", 200) // 400 bytes: within the limit, which counts characters
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnv(t, envOptions{dsn: b.Open(t)})
			fine := ex("long-name", "", beginner, []string{"core"}, nil)
			fine.Name = &typesv1.LocalizedText{En: ok, Ru: ok}
			e.create(t, fine)

			cases := []struct {
				name  string
				call  func() error
				field string
			}{
				{"create, English", func() error {
					x := ex("too-long", "", beginner, []string{"core"}, nil)
					x.Name.En = strings.Repeat("a", 201)
					_, err := e.admin.CreateExercise(t.Context(), &catalogv1.CreateExerciseRequest{Exercise: x})
					return err
				}, "exercise"},
				{"create, Russian", func() error {
					x := ex("too-long", "", beginner, []string{"core"}, nil)
					x.Name.Ru = long
					_, err := e.admin.CreateExercise(t.Context(), &catalogv1.CreateExerciseRequest{Exercise: x})
					return err
				}, "exercise"},
				{"update, merged then validated", func() error {
					_, err := e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
						Exercise:   &catalogv1.Exercise{Slug: "long-name", Name: &typesv1.LocalizedText{Ru: long}},
						UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name.ru"}}})
					return err
				}, "exercise"},
				{"import", func() error {
					x := ex("too-long", "", beginner, []string{"core"}, nil)
					x.Name.En = long
					_, err := e.admin.ImportExercises(t.Context(), &catalogv1.ImportExercisesRequest{Exercises: []*catalogv1.Exercise{
						ex("fine-one", "", beginner, []string{"core"}, nil), x}})
					return err
				}, "exercises[1]"},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					before := e.snapshot(t)
					err := tc.call()
					require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
					require.Contains(t, violationFields(err), tc.field, "%v", err)
					require.Contains(t, err.Error(), "at most 200 characters")
					require.Len(t, e.snapshot(t), len(before))
				})
			}

			got, err := e.admin.UpdateExercise(t.Context(), &catalogv1.UpdateExerciseRequest{
				Exercise:   &catalogv1.Exercise{Slug: "long-name", Name: &typesv1.LocalizedText{En: strings.Repeat("й", 200)}},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name.en"}}})
			require.NoError(t, err, "200 Cyrillic characters are allowed on update")
			require.Equal(t, strings.Repeat("й", 200), got.GetExercise().GetName().GetEn())
			imported := ex("imported-long", "", beginner, []string{"core"}, nil)
			imported.Name.Ru = ok
			_, err = e.admin.ImportExercises(t.Context(), &catalogv1.ImportExercisesRequest{Exercises: []*catalogv1.Exercise{imported}})
			require.NoError(t, err, "and on import")
		})
	}

	t.Run("import file", func(t *testing.T) {
		e := newEnv(t, envOptions{})
		path := filepath.Join(t.TempDir(), "long.csv")
		body := "slug,name_en,name_ru,muscle_groups,difficulty\n" +
			"fine," + ok + ",,core,beginner\n" +
			"too-long,Name," + long + ",core,beginner\n"
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		var out bytes.Buffer
		_, err := catalog.RunImport(t.Context(), &out, e.admin, path, false)
		var pe *importer.ParseError
		require.True(t, errors.As(err, &pe), "%v", err)
		require.Len(t, pe.Rows, 1)
		require.Equal(t, 3, pe.Rows[0].Line)
		require.Contains(t, pe.Rows[0].Msg, "at most 200 characters")
		require.Empty(t, e.snapshot(t), "nothing is imported")
	})
}

// TestImportNature imports the nature columns from CSV and JSON and reads them back.
func TestImportNature(t *testing.T) {
	e := newEnv(t, envOptions{})
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "nature.csv")
	csvBody := "slug,name_en,muscle_groups,difficulty,measurement,mechanics,patterns,stresses,impact\n" +
		"brisk-walk,Brisk walk,legs,beginner,distance,compound,locomotion,,low\n" +
		"side-plank,Side plank,core,beginner,TIME,isolation,core,shoulders;lower_back,low\n" +
		"jump-squat,Jump squat,quads;glutes,intermediate,MEASUREMENT_REPS,MECHANICS_COMPOUND,MOVEMENT_PATTERN_KNEE_DOMINANT|hip-dominant,JOINT_KNEES|ankles,IMPACT_HIGH\n" +
		"curl,Curl,biceps,beginner,,,,,\n"
	require.NoError(t, os.WriteFile(csvPath, []byte(csvBody), 0o600))
	var out bytes.Buffer
	sum, err := catalog.RunImport(t.Context(), &out, e.admin, csvPath, false)
	require.NoError(t, err)
	require.Equal(t, 4, sum.Created)

	want := map[string]*catalogv1.Exercise{
		"brisk-walk": {Measurement: typesv1.Measurement_MEASUREMENT_DISTANCE, Mechanics: typesv1.Mechanics_MECHANICS_COMPOUND,
			Patterns: []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION}, Impact: typesv1.Impact_IMPACT_LOW},
		"side-plank": {Measurement: typesv1.Measurement_MEASUREMENT_TIME, Mechanics: typesv1.Mechanics_MECHANICS_ISOLATION,
			Patterns: []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_CORE},
			Stresses: []typesv1.Joint{typesv1.Joint_JOINT_SHOULDERS, typesv1.Joint_JOINT_LOWER_BACK}, Impact: typesv1.Impact_IMPACT_LOW},
		"jump-squat": {Measurement: typesv1.Measurement_MEASUREMENT_REPS, Mechanics: typesv1.Mechanics_MECHANICS_COMPOUND,
			Patterns: []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT, typesv1.MovementPattern_MOVEMENT_PATTERN_HIP_DOMINANT},
			Stresses: []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_ANKLES}, Impact: typesv1.Impact_IMPACT_HIGH},
		"curl": {Measurement: typesv1.Measurement_MEASUREMENT_REPS},
	}
	for slug, w := range want {
		got, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: slug})
		require.NoError(t, err)
		require.True(t, sameNature(w, got.GetExercise()), "%s: want %v, got %v", slug, w, got.GetExercise())
	}

	// JSON takes the contract's field and enum names; a re-import updates the nature.
	jsonPath := filepath.Join(dir, "nature.json")
	jsonBody := `[
 {"slug": "curl", "name": {"en": "Curl"}, "muscleGroups": ["biceps"], "difficulty": "FITNESS_LEVEL_BEGINNER",
  "measurement": "MEASUREMENT_REPS", "mechanics": "MECHANICS_ISOLATION", "patterns": [], "stresses": ["JOINT_WRISTS"], "impact": "IMPACT_LOW"},
 {"slug": "rowing", "name": {"en": "Rowing"}, "muscle_groups": ["back", "legs"], "difficulty": "FITNESS_LEVEL_BEGINNER",
  "measurement": "MEASUREMENT_DISTANCE", "patterns": ["MOVEMENT_PATTERN_LOCOMOTION", "MOVEMENT_PATTERN_HORIZONTAL_PULL"]}
]`
	require.NoError(t, os.WriteFile(jsonPath, []byte(jsonBody), 0o600))
	sum, err = catalog.RunImport(t.Context(), &out, e.admin, jsonPath, false)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Created)
	require.Equal(t, 1, sum.Updated)
	curl, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "curl"})
	require.NoError(t, err)
	require.True(t, sameNature(&catalogv1.Exercise{Mechanics: typesv1.Mechanics_MECHANICS_ISOLATION,
		Stresses: []typesv1.Joint{typesv1.Joint_JOINT_WRISTS}, Impact: typesv1.Impact_IMPACT_LOW}, curl.GetExercise()), "%v", curl.GetExercise())
	rowing, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "rowing"})
	require.NoError(t, err)
	require.Equal(t, []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION, typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PULL}, rowing.GetExercise().GetPatterns())
}

// TestImportNatureBadRows reports every bad nature value with its line (CSV) or index (JSON),
// and imports nothing.
func TestImportNatureBadRows(t *testing.T) {
	e := newEnv(t, envOptions{})
	dir := t.TempDir()
	cases := []struct {
		name, file, body string
		lines            []int
		want             []string
	}{
		{
			name: "csv", file: "bad.csv",
			body: "slug,name_en,muscle_groups,difficulty,measurement,mechanics,patterns,stresses,impact\n" +
				"fine,Fine,core,beginner,time,isolation,core,,low\n" + // line 2
				"a,A,core,beginner,laps,,,,\n" + // line 3
				"b,B,core,beginner,,compoundish,,,\n" + // line 4
				"c,C,core,beginner,,,knee_dominant;squat,,\n" + // line 5
				"d,D,core,beginner,,,,knees;elbows,\n" + // line 6
				"e,E,core,beginner,,,,,medium\n" + // line 7
				"f,F,core,beginner,,,core;core,,\n" + // line 8: repeated
				"g,G,core,beginner,,,core;carry;mobility;locomotion;knee_dominant,,\n" + // line 9: 5 > 4
				"h,H,core,beginner,reps,,,unspecified,\n", // line 10
			lines: []int{3, 4, 5, 6, 7, 8, 9, 10},
			want: []string{
				`line 3: measurement "laps": want reps, time, distance`,
				`line 4: mechanics "compoundish": want compound, isolation`,
				`line 5: patterns: "squat": want knee_dominant, hip_dominant`,
				`line 6: stresses: "elbows": want knees, lower_back, shoulders, wrists, hips, ankles, neck`,
				`line 7: impact "medium": want low, high`,
				"line 8: patterns",
				"line 9: patterns",
				`line 10: stresses: "unspecified"`,
			},
		},
		{
			name: "json", file: "bad.json",
			body: `[
 {"slug": "fine", "name": {"en": "Fine"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "measurement": "MEASUREMENT_TIME"},
 {"slug": "a", "name": {"en": "A"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "measurement": "MEASUREMENT_LAPS"},
 {"slug": "b", "name": {"en": "B"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "patterns": ["MOVEMENT_PATTERN_UNSPECIFIED"]},
 {"slug": "c", "name": {"en": "C"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "stresses": ["JOINT_KNEES", "JOINT_KNEES"]},
 {"slug": "d", "name": {"en": "D"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "impact": 7}
]`,
			lines: []int{1, 2, 3, 4},
			want:  []string{"index 1:", "index 2: patterns", "index 3: stresses", "index 4: impact"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			require.NoError(t, os.WriteFile(path, []byte(tc.body), 0o600))
			var out bytes.Buffer
			_, err := catalog.RunImport(t.Context(), &out, e.admin, path, false)
			var pe *importer.ParseError
			require.True(t, errors.As(err, &pe), "error: %v", err)
			var lines []int
			for _, r := range pe.Rows {
				lines = append(lines, r.Line)
			}
			require.Equal(t, tc.lines, lines, err.Error())
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
			require.Empty(t, e.snapshot(t), "nothing is imported")
		})
	}
}
