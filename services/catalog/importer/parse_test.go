package importer_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/importer"
)

func TestParseCSV(t *testing.T) {
	cases := []struct {
		name   string
		body   string
		check  func(t *testing.T, rows []importer.Row)
		badAt  []int
		errHas string
	}{
		{
			name: "columns in any order, BOM, spaces and case normalized",
			body: "\ufeffDifficulty, Slug ,name_en,muscle_groups,equipment,code,active\n" +
				"Advanced,Pistol-Squat,Pistol squat, Quads ; Glutes ;,,ex077,FALSE\n",
			check: func(t *testing.T, rows []importer.Row) {
				require.Len(t, rows, 1)
				ex := rows[0].Exercise
				require.Equal(t, 2, rows[0].Line)
				require.Equal(t, "pistol-squat", ex.GetSlug())
				require.Equal(t, "EX077", ex.GetCode())
				require.Equal(t, []string{"quads", "glutes"}, ex.GetMuscleGroups())
				require.Empty(t, ex.GetEquipment())
				require.Equal(t, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED, ex.GetDifficulty())
				require.False(t, ex.GetActive())
				require.Nil(t, ex.GetDescription())
			},
		},
		{
			name: "active defaults to true",
			body: "slug,name_en,muscle_groups,difficulty\nplank,Plank,core,beginner\n",
			check: func(t *testing.T, rows []importer.Row) {
				require.True(t, rows[0].Exercise.GetActive())
			},
		},
		{
			name:   "bad active and a repeated code",
			body:   "slug,code,name_en,muscle_groups,difficulty,active\na,EX001,A,core,beginner,maybe\nb,EX001,B,core,beginner,\nc,ex002,C,core,beginner,yes\n",
			badAt:  []int{2, 3},
			errHas: `code "EX001" repeats line 2`,
		},
		{
			name:   "a malformed quote stops the reader at its line",
			body:   "slug,name_en,muscle_groups,difficulty\nplank,Plank,core,beginner\nrow,\"Row\"x,back,beginner\n",
			badAt:  []int{3},
			errHas: "line 3",
		},
		{
			name:   "empty file",
			body:   "",
			badAt:  []int{1},
			errHas: "header",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := importer.ParseCSV(strings.NewReader(tc.body))
			if tc.badAt == nil {
				require.NoError(t, err)
				tc.check(t, rows)
				return
			}
			var pe *importer.ParseError
			require.ErrorAs(t, err, &pe)
			var lines []int
			for _, r := range pe.Rows {
				lines = append(lines, r.Line)
			}
			require.Equal(t, tc.badAt, lines, err.Error())
			require.Contains(t, err.Error(), tc.errHas)
			require.Nil(t, rows)
		})
	}
}

func TestParseUnknownExtension(t *testing.T) {
	_, err := importer.Parse("exercises.xlsx")
	require.Error(t, err)
}
