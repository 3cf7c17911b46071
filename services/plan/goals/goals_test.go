package goals_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/plan/goals"
)

func TestRead(t *testing.T) {
	const (
		end  = planv1.Objective_OBJECTIVE_ENDURANCE
		str  = planv1.Objective_OBJECTIVE_STRENGTH
		hyp  = planv1.Objective_OBJECTIVE_HYPERTROPHY
		fat  = planv1.Objective_OBJECTIVE_FAT_LOSS
		mob  = planv1.Objective_OBJECTIVE_MOBILITY
		gen  = planv1.Objective_OBJECTIVE_GENERAL_HEALTH
		knee = typesv1.Joint_JOINT_KNEES
		back = typesv1.Joint_JOINT_LOWER_BACK
		shld = typesv1.Joint_JOINT_SHOULDERS
		wrst = typesv1.Joint_JOINT_WRISTS
		neck = typesv1.Joint_JOINT_NECK
	)
	tests := []struct {
		name       string
		profile    *planv1.Profile
		objectives []planv1.Objective
		injuries   []typesv1.Joint
		event      bool
	}{
		{"5 km and weight, bad knees", &planv1.Profile{Goal: "Run my first 5 km without stopping and lose some weight", Limitations: "bad knees"}, []planv1.Objective{end, fat}, []typesv1.Joint{knee}, true},
		{"ru: похудеть, болит поясница", &planv1.Profile{Goal: "Похудеть и подтянуть мышцы", Limitations: "болит поясница"}, []planv1.Objective{fat, hyp}, []typesv1.Joint{back}, false},
		{"ru: режим is not a press, избегать is not running", &planv1.Profile{Goal: "Наладить режим и избегать травм"}, []planv1.Objective{gen}, nil, false},
		{"explicit first, text after", &planv1.Profile{Goal: "build muscle", Objectives: []planv1.Objective{str}, Injuries: []typesv1.Joint{wrst}, Limitations: "neck stiffness"}, []planv1.Objective{str, hyp}, []typesv1.Joint{wrst, neck}, false},
		{"nothing named: general health", &planv1.Profile{Goal: "feel better"}, []planv1.Objective{gen}, nil, false},
		{"negated limitation", &planv1.Profile{Goal: "mobility and posture", Limitations: "no knee problems, sore shoulder"}, []planv1.Objective{mob}, []typesv1.Joint{shld}, false},
		{"marathon ru event", &planv1.Profile{Goal: "Пробежать марафон"}, []planv1.Objective{end}, nil, true},
		{"at most three", &planv1.Profile{Goal: "run, get strong, build muscle, lose fat, stretch"}, []planv1.Objective{end, str, hyp}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := goals.Read(tc.profile)
			require.Equal(t, tc.objectives, g.Objectives)
			require.Equal(t, tc.injuries, g.Injuries)
			require.Equal(t, tc.event, g.Event)
		})
	}
}
