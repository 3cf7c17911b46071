package db_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

func TestMigrateUpDown(t *testing.T) {
	m := db.Migrations{Service: "widgets", FS: os.DirFS("testdata/migrations")}
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d, err := db.Open(t.Context(), b.Open(t))
			require.NoError(t, err)
			defer d.Close()

			v, err := db.Migrate(d, m, db.Up)
			require.NoError(t, err)
			require.Equal(t, uint(2), v)
			_, err = d.ExecContext(t.Context(), "INSERT INTO widgets (id, name) VALUES (1, 'a')")
			require.NoError(t, err)
			var color string
			require.NoError(t, d.QueryRowContext(t.Context(), "SELECT color FROM widgets WHERE id = 1").Scan(&color))
			require.Equal(t, "red", color)

			// Applying again is a no-op, as on every `fitcoach dev` start.
			v, err = db.Migrate(d, m, db.Up)
			require.NoError(t, err)
			require.Equal(t, uint(2), v)

			v, err = db.Migrate(d, m, db.Down)
			require.NoError(t, err)
			require.Equal(t, uint(0), v)
			_, err = d.ExecContext(t.Context(), "SELECT 1 FROM widgets")
			require.Error(t, err, "the table is gone after down")
		})
	}
}

func TestOpenRejectsEmptyPath(t *testing.T) {
	_, err := db.Open(t.Context(), "sqlite://")
	require.Error(t, err)
}
