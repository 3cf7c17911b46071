package importer_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"buf.build/go/protovalidate"
	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/services/catalog/importer"
)

// checkParsed holds for both formats: a parse either fails with a *ParseError whose every bad
// row carries a position inside the file, or returns rows that pass the contract's rules, in
// file order, with distinct slugs.
func checkParsed(t *testing.T, v protovalidate.Validator, rows []importer.Row, err error, unit string, minPos, maxPos int) {
	t.Helper()
	if err != nil {
		require.Nil(t, rows)
		var pe *importer.ParseError
		require.True(t, errors.As(err, &pe), "error is a *ParseError: %v", err)
		require.Equal(t, unit, pe.Unit)
		require.NotEmpty(t, pe.Rows)
		for _, r := range pe.Rows {
			require.GreaterOrEqual(t, r.Line, minPos, "bad row position %d: %s", r.Line, r.Msg)
			require.LessOrEqual(t, r.Line, maxPos, "bad row position %d: %s", r.Line, r.Msg)
			require.NotEmpty(t, r.Msg)
		}
		require.Contains(t, err.Error(), unit+" ")
		return
	}
	slugs := map[string]bool{}
	last := minPos - 1
	for _, r := range rows {
		require.NoError(t, v.Validate(r.Exercise), "accepted row %d fails the contract", r.Line)
		require.Greater(t, r.Line, last, "rows in file order")
		last = r.Line
		require.False(t, slugs[r.Exercise.GetSlug()], "slug %q accepted twice", r.Exercise.GetSlug())
		slugs[r.Exercise.GetSlug()] = true
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"slug,name_en,muscle_groups,difficulty\nplank,Plank,core,beginner\n",
		"\ufeffDifficulty, Slug ,name_en,muscle_groups,equipment,code,active\nAdvanced,Pistol-Squat,Pistol squat, Quads ; Glutes ;,,ex077,FALSE\n",
		"slug,code,name_en,muscle_groups,difficulty,active\na,EX001,A,core,beginner,maybe\nb,EX001,B,core,beginner,\n",
		"slug,name_en,muscle_groups,difficulty\nplank,Plank,core,beginner\nrow,\"Row\"x,back,beginner\n",
		"slug,name_en,muscle_groups,difficulty\n\"multi\nline\",A,core,beginner\nx,y\n",
		"slug,slug,bogus\n",
		"",
	} {
		f.Add([]byte(s))
	}
	v, err := protovalidate.New()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := importer.ParseCSV(bytes.NewReader(body))
		// Line numbers count from the header (1) to one past the last newline.
		checkParsed(t, v, rows, err, "line", 1, bytes.Count(body, []byte("\n"))+1)
		if err == nil {
			for _, r := range rows {
				require.GreaterOrEqual(t, r.Line, 2, "the header is line 1")
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`[{"slug":"plank","name":{"en":"Plank"},"muscleGroups":["core"],"difficulty":"FITNESS_LEVEL_BEGINNER"}]`,
		`[{"slug":"a","code":"EX001","name":{"en":"A"},"muscleGroups":["core"],"difficulty":"FITNESS_LEVEL_BEGINNER","active":false},{"slug":"a"}]`,
		`[{"slug":"x","unknown":1}, 5, null, "s", []]`,
		`{"slug":"not-an-array"}`,
		`[`,
		`[{"slug":"p","name":{"en":"P"},"muscleGroups":["core"],"difficulty":7,"createTime":"2020-01-01T00:00:00Z"}]`,
		``,
	} {
		f.Add([]byte(s))
	}
	v, err := protovalidate.New()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := importer.ParseJSON(bytes.NewReader(body))
		// Positions are array indexes; the decoder may stop early, so bound them by the
		// number of top-level items when the body is an array at all.
		maxPos := 0
		var items []json.RawMessage
		if json.NewDecoder(bytes.NewReader(body)).Decode(&items) == nil && len(items) > 0 {
			maxPos = len(items) - 1
		}
		checkParsed(t, v, rows, err, "index", 0, maxPos)
		if err != nil && len(items) == 0 {
			require.True(t, strings.Contains(err.Error(), "index 0"), err.Error())
		}
	})
}
