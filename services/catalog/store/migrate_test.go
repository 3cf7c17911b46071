package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	"github.com/fitcoach/fitcoach/services/catalog/ent/migrate"
)

// TestMigrations checks the hand-written SQL against the ent schema it must match (every
// column ent reads or writes exists) and that the migrations go down and up again cleanly.
func TestMigrations(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), testMigrations)
			requireColumns(t, d)

			v, err := db.Migrate(d, testMigrations, db.Down)
			require.NoError(t, err)
			require.Zero(t, v)
			require.Empty(t, columns(t, d), "down drops the table")

			v, err = db.Migrate(d, testMigrations, db.Up)
			require.NoError(t, err)
			require.EqualValues(t, 1, v)
			requireColumns(t, d)
		})
	}
}

func requireColumns(t *testing.T, d *db.DB) {
	t.Helper()
	have := columns(t, d)
	var want []string
	for _, c := range migrate.ExercisesColumns {
		want = append(want, c.Name)
	}
	require.ElementsMatch(t, want, have)
}

func columns(t *testing.T, d *db.DB) []string {
	t.Helper()
	q := `SELECT name FROM pragma_table_info('exercises')`
	if d.Dialect == db.Postgres {
		q = `SELECT column_name FROM information_schema.columns WHERE table_name = 'exercises'`
	}
	rows, err := d.QueryContext(t.Context(), q)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		out = append(out, name)
	}
	require.NoError(t, rows.Err())
	return out
}
