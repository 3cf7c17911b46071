package catalog_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/catalog/importer"
)

var levels = []string{"beginner", "intermediate", "advanced"}

// writeCSV writes n generated exercises, the first `renamed` of them with a " v2" English name.
func writeCSV(t *testing.T, path string, n int, suffix string) {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write([]string{"slug", "code", "name_en", "name_ru", "description_en", "description_ru", "muscle_groups", "equipment", "difficulty", "active"}))
	for i := range n {
		eq := ""
		if i%3 == 0 {
			eq = "dumbbell;bench"
		}
		require.NoError(t, w.Write([]string{
			fmt.Sprintf("generated-%05d", i), fmt.Sprintf("GN%05d", i),
			fmt.Sprintf("Generated %d%s", i, suffix), fmt.Sprintf("Упражнение %d", i),
			"A generated exercise, with a comma.", "Сгенерированное упражнение.",
			"chest;triceps", eq, levels[i%3], "true",
		}))
	}
	w.Flush()
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
}

func TestImportLargeCSV(t *testing.T) {
	e := newEnv(t, envOptions{})
	path := filepath.Join(t.TempDir(), "exercises.csv")
	writeCSV(t, path, 5000, "")

	var out bytes.Buffer
	sum, err := catalog.RunImport(t.Context(), &out, e.admin, path, true)
	require.NoError(t, err)
	require.Equal(t, 5000, sum.Total)
	require.Equal(t, 5000, sum.Created)
	require.Zero(t, sum.Updated)
	require.Zero(t, sum.Failed)
	require.Contains(t, out.String(), "importing exercises")
	require.Contains(t, out.String(), "5000/5000")
	require.Contains(t, out.String(), "imported 5000 exercises: 5000 created, 0 updated, 0 failed in ")
	require.Len(t, e.snapshot(t), 5000)

	// Importing again upserts by slug: every row is an update, and the change is visible.
	writeCSV(t, path, 5000, " v2")
	out.Reset()
	sum, err = catalog.RunImport(t.Context(), &out, e.admin, path, false)
	require.NoError(t, err)
	require.Equal(t, 5000, sum.Updated)
	require.Zero(t, sum.Created)
	require.NotContains(t, out.String(), "importing exercises", "no progress bar when not asked for")
	got, err := e.user.GetExercise(t.Context(), &catalogv1.GetExerciseRequest{Slug: "GN04998"})
	require.NoError(t, err)
	require.Equal(t, "Generated 4998 v2", got.GetExercise().GetName().GetEn())
	require.Equal(t, []string{"dumbbell", "bench"}, got.GetExercise().GetEquipment())
	require.Len(t, e.snapshot(t), 5000)
}

func TestImportBadRows(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.create(t, ex("push-ups", "EX001", beginner, []string{"chest"}, nil))
	dir := t.TempDir()

	cases := []struct {
		name  string
		file  string
		body  string
		unit  string
		lines []int
		want  []string
	}{
		{
			name: "csv", file: "bad.csv", unit: "line",
			body: "slug,code,name_en,name_ru,muscle_groups,equipment,difficulty\n" +
				"squat,EX010,Squat,Присед,quads;glutes,,beginner\n" + // line 2: fine
				"Bad Slug,,Bad,,core,,beginner\n" + // line 3: slug pattern
				"lunge,,Lunge,,quads,,expert\n" + // line 4: difficulty
				"\"plank\",,\"Plank,\nlong\",,core,,beginner\n" + // lines 5-6: fine, quoted newline
				"squat,,Squat again,,quads,,beginner\n" + // line 7: repeats line 2
				"row,,,Тяга,back,,intermediate\n" + // line 8: no English name
				"dips,,Dips,,,parallel_bars,advanced\n" + // line 9: no muscle groups
				"curl,,Curl,,biceps,dumbbell\n", // line 10: too few fields
			lines: []int{3, 4, 7, 8, 9, 10},
			want:  []string{"line 3: slug", "line 4: difficulty \"expert\"", "line 7: slug \"squat\" repeats line 2", "line 8:", "line 9: muscle_groups", "line 10: 6 fields"},
		},
		{
			name: "csv header", file: "header.csv", unit: "line",
			body:  "slug,colour,name_en\nsquat,red,Squat\n",
			lines: []int{1, 1, 1},
			want:  []string{`unknown column "colour"`, `missing column "muscle_groups"`, `missing column "difficulty"`},
		},
		{
			name: "json", file: "bad.json", unit: "index",
			body: `[
 {"slug": "squat", "name": {"en": "Squat"}, "muscleGroups": ["quads"], "difficulty": "FITNESS_LEVEL_BEGINNER"},
 {"slug": "lunge", "name": {"en": "Lunge"}, "muscleGroups": ["quads"], "difficulty": "HARD"},
 {"slug": "plank", "name": {"ru": "Планка"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER"},
 {"slug": "squat", "name": {"en": "Squat"}, "muscleGroups": ["quads"], "difficulty": "FITNESS_LEVEL_BEGINNER"},
 {"slug": "dips", "name": {"en": "Dips"}, "muscleGroups": ["chest"], "difficulty": "FITNESS_LEVEL_ADVANCED", "colour": "red"}
]`,
			lines: []int{1, 2, 3, 4},
			want:  []string{"index 1:", "index 2: name.en is required", `index 3: slug "squat" repeats index 0`, "index 4:"},
		},
		{
			name: "json not an array", file: "obj.json", unit: "index",
			body: `{"slug": "squat"}`, lines: []int{0}, want: []string{"JSON array"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			require.NoError(t, os.WriteFile(path, []byte(tc.body), 0o600))
			before := e.snapshot(t)
			var out bytes.Buffer
			_, err := catalog.RunImport(t.Context(), &out, e.admin, path, true)
			var pe *importer.ParseError
			require.True(t, errors.As(err, &pe), "error: %v", err)
			require.Equal(t, tc.unit, pe.Unit)
			var lines []int
			for _, r := range pe.Rows {
				lines = append(lines, r.Line)
			}
			require.Equal(t, tc.lines, lines, err.Error())
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
			require.Len(t, e.snapshot(t), len(before), "nothing is sent when a row is bad")
			require.Empty(t, out.String(), "no progress bar or summary for a file that was not imported")
		})
	}
}

func TestImportRefusedBatch(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.create(t, ex("holder", "GN00700", beginner, []string{"chest"}, nil))
	path := filepath.Join(t.TempDir(), "exercises.csv")
	// Row 700 (line 702) takes the code of an existing exercise: its batch of 500 (lines
	// 502-1001) is refused whole; the other batch lands.
	writeCSV(t, path, 1000, "")

	var out bytes.Buffer
	sum, err := catalog.RunImport(t.Context(), &out, e.admin, path, false)
	require.Error(t, err)
	require.Contains(t, err.Error(), "lines 502-1001 not imported: AlreadyExists")
	require.Equal(t, 500, sum.Created)
	require.Equal(t, 500, sum.Failed)
	require.Contains(t, out.String(), "500 created, 0 updated, 500 failed")
	all := e.snapshot(t)
	require.Len(t, all, 501)
	for _, x := range all {
		require.False(t, strings.HasPrefix(x.GetSlug(), "generated-007"), "nothing of the refused batch is written")
	}
}

func TestImportJSON(t *testing.T) {
	e := newEnv(t, envOptions{})
	path := filepath.Join(t.TempDir(), "exercises.json")
	body := `[
 {"slug": "squat", "code": "EX010", "name": {"en": "Squat", "ru": "Присед"}, "muscle_groups": ["quads"], "difficulty": "FITNESS_LEVEL_BEGINNER"},
 {"slug": "old-move", "name": {"en": "Old move"}, "muscleGroups": ["core"], "difficulty": "FITNESS_LEVEL_BEGINNER", "active": false}
]`
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	var out bytes.Buffer
	sum, err := catalog.RunImport(t.Context(), &out, e.admin, path, false)
	require.NoError(t, err)
	require.Equal(t, 2, sum.Created)
	active, err := e.user.ListExercises(t.Context(), &catalogv1.ListExercisesRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{"squat"}, slugs(active.GetExercises()), "an item without active is active; active=false is kept")
}
