package store_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan/ent/migrate"
	"github.com/fitcoach/fitcoach/services/plan/jobs"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// TestMigrations takes every plan migration up, down with rows and up again on SQLite and
// PostgreSQL, and checks the latest schema against the ent schema it must match, River's
// queue tables aside (generated from the pinned River module by internal/rivergen).
func TestMigrations(t *testing.T) {
	dbtest.CheckMigrations(t, store.Migrations(), migrate.Tables, func(t *testing.T, d *db.DB) {
		ctx := t.Context()
		s := store.New(d)
		_, err := s.UpsertProfile(ctx, "p1", profile())
		require.NoError(t, err)
		id := store.NewPlanID(time.Now())
		_, _, err = s.CreatePlan(ctx, "p1", samplePlan(id, "r1"))
		require.NoError(t, err)
		_, err = s.PutWorkoutLog(ctx, "p1", id, 1, 1, &planv1.WorkoutLog{PerceivedEffort: 6, Notes: "good"})
		require.NoError(t, err)
	}, dbtest.ForeignTables(jobs.RiverTables...))
}
