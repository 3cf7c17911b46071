package nature_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/nature"
)

func TestNames(t *testing.T) {
	require.Equal(t, "knee_dominant", nature.Name(typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT))
	require.Equal(t, "lower_back", nature.Name(typesv1.Joint_JOINT_LOWER_BACK))
	require.Equal(t, "distance", nature.Name(typesv1.Measurement_MEASUREMENT_DISTANCE))
	require.Equal(t, "isolation", nature.Name(typesv1.Mechanics_MECHANICS_ISOLATION))
	require.Equal(t, "high", nature.Name(typesv1.Impact_IMPACT_HIGH))
	require.Empty(t, nature.Name(typesv1.Impact_IMPACT_UNSPECIFIED))
	require.Empty(t, nature.Name(typesv1.Joint(99)), "a number the contract does not define has no name")
	require.Equal(t, []string{"knees", "neck"}, nature.Names([]typesv1.Joint{typesv1.Joint_JOINT_KNEES, 0, typesv1.Joint_JOINT_NECK}))
	require.NotNil(t, nature.Names[typesv1.Joint](nil), "stored as [], not null")
	require.Equal(t, []string{"reps", "time", "distance"}, nature.Allowed[typesv1.Measurement]())
	require.Equal(t, []string{"knees", "lower_back", "shoulders", "wrists", "hips", "ankles", "neck"}, nature.Allowed[typesv1.Joint]())
}

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want typesv1.MovementPattern
		bad  bool
	}{
		{"knee_dominant", typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT, false},
		{" Knee-Dominant ", typesv1.MovementPattern_MOVEMENT_PATTERN_KNEE_DOMINANT, false},
		{"horizontal pull", typesv1.MovementPattern_MOVEMENT_PATTERN_HORIZONTAL_PULL, false},
		{"MOVEMENT_PATTERN_LOCOMOTION", typesv1.MovementPattern_MOVEMENT_PATTERN_LOCOMOTION, false},
		{"movement_pattern_core", typesv1.MovementPattern_MOVEMENT_PATTERN_CORE, false},
		{"", typesv1.MovementPattern_MOVEMENT_PATTERN_UNSPECIFIED, false},
		{"unspecified", 0, true},
		{"MOVEMENT_PATTERN_UNSPECIFIED", 0, true},
		{"squat", 0, true},
		{"1", 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := nature.Parse[typesv1.MovementPattern](tc.in)
			if tc.bad {
				require.Error(t, err)
				require.Contains(t, err.Error(), "knee_dominant, hip_dominant", "the error lists what is allowed")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestParseList(t *testing.T) {
	got, err := nature.ParseList[typesv1.Joint]("knees; lower_back|JOINT_WRISTS;;")
	require.NoError(t, err)
	require.Equal(t, []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_LOWER_BACK, typesv1.Joint_JOINT_WRISTS}, got)
	got, err = nature.ParseList[typesv1.Joint]("")
	require.NoError(t, err)
	require.Empty(t, got)
	_, err = nature.ParseList[typesv1.Joint]("knees;elbows")
	require.ErrorContains(t, err, `"elbows"`)

}

func TestLookup(t *testing.T) {
	joints := nature.NewLookup[typesv1.Joint]()
	back, err := joints.All([]string{"knees", "lower_back"})
	require.NoError(t, err)
	require.Equal(t, []typesv1.Joint{typesv1.Joint_JOINT_KNEES, typesv1.Joint_JOINT_LOWER_BACK}, back)
	none, err := joints.All(nil)
	require.NoError(t, err)
	require.NotNil(t, none)
	require.Empty(t, none)
	for _, bad := range [][]string{{"elbows"}, {""}, {"KNEES"}, {"JOINT_KNEES"}} {
		_, err = joints.All(bad)
		require.Error(t, err, "%q: only the names the store writes", bad)
	}

	impacts := nature.NewLookup[typesv1.Impact]()
	v, err := impacts.One("")
	require.NoError(t, err)
	require.Equal(t, typesv1.Impact_IMPACT_UNSPECIFIED, v)
	v, err = impacts.One("high")
	require.NoError(t, err)
	require.Equal(t, typesv1.Impact_IMPACT_HIGH, v)
	_, err = impacts.One("medium")
	require.ErrorContains(t, err, "want low, high")
}

func TestMeasurementDefault(t *testing.T) {
	require.Equal(t, typesv1.Measurement_MEASUREMENT_REPS, nature.Measurement(typesv1.Measurement_MEASUREMENT_UNSPECIFIED))
	require.Equal(t, typesv1.Measurement_MEASUREMENT_TIME, nature.Measurement(typesv1.Measurement_MEASUREMENT_TIME))
}
