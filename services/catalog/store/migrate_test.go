package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/ent/migrate"
	"github.com/fitcoach/fitcoach/services/catalog/store"
)

// TestMigrations takes every catalog migration up, down with rows and up again on SQLite and
// PostgreSQL, and checks the latest schema against the ent schema it must match.
func TestMigrations(t *testing.T) {
	dbtest.CheckMigrations(t, testMigrations, migrate.Tables, func(t *testing.T, d *db.DB) {
		s := store.New(d.Ent())
		_, err := s.Create(t.Context(), exercise("squat", "EX001", []string{"quads"}, []string{"barbell"}, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		_, err = s.Create(t.Context(), exercise("plank", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED))
		require.NoError(t, err)
	})
}
