package db_test

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

var widgets = db.Migrations{Service: "widgets", FS: os.DirFS("testdata/migrations")}

// migrations builds a service's migrations from SQL given for both dialects alike.
func migrations(files map[string]string) db.Migrations {
	fsys := fstest.MapFS{}
	for name, sql := range files {
		for _, dir := range []string{"sqlite", "postgres"} {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte(sql)}
		}
	}
	return db.Migrations{Service: "widgets", FS: fsys}
}

func TestMigratorStatusAndRollback(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d, err := db.Open(ctx, b.Open(t))
			require.NoError(t, err)
			defer d.Close()
			r, err := db.NewMigrator(d, widgets)
			require.NoError(t, err)

			st, err := r.Status(ctx)
			require.NoError(t, err)
			require.Equal(t, db.Status{Known: true, Pending: r.Versions()}, st)
			var tables int
			q := "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
			if d.Dialect == db.Postgres {
				q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
			}
			require.NoError(t, d.QueryRowContext(ctx, q).Scan(&tables))
			require.Zero(t, tables, "status creates no migrations table")
			_, err = r.PlanDown(ctx, 1)
			require.ErrorContains(t, err, "0 version(s) applied")

			v, err := r.Up(ctx)
			require.NoError(t, err)
			require.Equal(t, uint(2), v)
			st, err = r.Status(ctx)
			require.NoError(t, err)
			require.Equal(t, uint(2), st.Version)
			require.False(t, st.Dirty)
			require.Len(t, st.Applied, 2)
			require.Empty(t, st.Pending)
			_, err = d.ExecContext(ctx, "INSERT INTO widgets (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')")
			require.NoError(t, err)

			_, err = r.PlanDown(ctx, 0)
			require.ErrorContains(t, err, "at least one version")
			_, err = r.PlanDown(ctx, 3)
			require.ErrorContains(t, err, "2 version(s) applied; cannot roll back 3")

			p, err := r.PlanDown(ctx, 1)
			require.NoError(t, err)
			require.Equal(t, uint(2), p.From)
			require.Equal(t, uint(1), p.To())
			require.Len(t, p.Steps, 1)
			require.Equal(t, "0002_color", p.Steps[0].Version.Name)
			require.Empty(t, p.Steps[0].Drops)
			require.Equal(t, []db.TableRows{{Table: "widgets", Exists: true, Rows: 3}}, p.Steps[0].Touches)

			all, err := r.PlanDown(ctx, 2)
			require.NoError(t, err)
			require.Equal(t, uint(0), all.To())
			require.Equal(t, "0001_widgets", all.Steps[1].Version.Name)
			require.Equal(t, []db.TableRows{{Table: "widgets", Exists: true, Rows: 3}}, all.Steps[1].Drops)

			v, err = r.Rollback(ctx, p)
			require.NoError(t, err)
			require.Equal(t, uint(1), v)
			_, err = d.ExecContext(ctx, "SELECT color FROM widgets")
			require.Error(t, err, "version 2's column is gone")
			var n int
			require.NoError(t, d.QueryRowContext(ctx, "SELECT count(*) FROM widgets").Scan(&n))
			require.Equal(t, 3, n, "rolling back a column keeps the rows")

			require.Zero(t, d.Stats().InUse, "the migration driver keeps no connection of the pool")

			_, err = r.Rollback(ctx, all)
			require.ErrorContains(t, err, "moved from version 2 to 1", "a plan made before another rollback is refused")
			st, err = r.Status(ctx)
			require.NoError(t, err)
			require.Equal(t, uint(1), st.Version)
			require.Equal(t, "0002_color", st.Pending[0].Name)
		})
	}
}

func TestMigratorDirtyAndForce(t *testing.T) {
	broken := migrations(map[string]string{
		"0001_widgets.up.sql":   "CREATE TABLE widgets (id INTEGER PRIMARY KEY);",
		"0001_widgets.down.sql": "DROP TABLE widgets;",
		"0002_bad.up.sql":       "ALTER TABLE widgets ADD COLUMN color TEXT; INSERT INTO no_such_table VALUES (1);",
		"0002_bad.down.sql":     "ALTER TABLE widgets DROP COLUMN color;",
	})
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d, err := db.Open(ctx, b.Open(t))
			require.NoError(t, err)
			defer d.Close()
			r, err := db.NewMigrator(d, broken)
			require.NoError(t, err)

			_, err = r.Up(ctx)
			var dirty *db.DirtyError
			require.ErrorAs(t, err, &dirty)
			require.Equal(t, uint(2), dirty.Version)
			require.ErrorContains(t, err, "fitcoach migrate widgets force VERSION")
			st, err := r.Status(ctx)
			require.NoError(t, err)
			require.True(t, st.Dirty)
			require.Equal(t, uint(2), st.Version)

			_, err = r.PlanDown(ctx, 1)
			require.ErrorAs(t, err, &dirty)
			_, err = db.Migrate(d, broken, db.Up)
			require.ErrorAs(t, err, &dirty, "a service does not start on a dirty database")

			require.ErrorContains(t, r.Force(7), "no version 7")
			require.NoError(t, r.Force(1))
			st, err = r.Status(ctx)
			require.NoError(t, err)
			require.False(t, st.Dirty)
			require.Equal(t, uint(1), st.Version)

			require.NoError(t, r.Force(0))
			st, err = r.Status(ctx)
			require.NoError(t, err)
			require.Equal(t, db.Status{Known: true, Pending: r.Versions()}, st)
		})
	}
}

func TestMigratorAheadAndMissingDown(t *testing.T) {
	onlyFirst := migrations(map[string]string{
		"0001_widgets.up.sql":   "CREATE TABLE widgets (id INTEGER PRIMARY KEY);",
		"0001_widgets.down.sql": "DROP TABLE widgets;",
	})
	noDown := migrations(map[string]string{
		"0001_widgets.up.sql":   "CREATE TABLE widgets (id INTEGER PRIMARY KEY);",
		"0001_widgets.down.sql": "DROP TABLE widgets;",
		"0002_more.up.sql":      "CREATE TABLE gadgets (id INTEGER PRIMARY KEY);",
	})
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d, err := db.Open(ctx, b.Open(t))
			require.NoError(t, err)
			defer d.Close()
			v, err := db.Migrate(d, noDown, db.Up)
			require.NoError(t, err)
			require.Equal(t, uint(2), v)

			r, err := db.NewMigrator(d, noDown)
			require.NoError(t, err)
			_, err = r.PlanDown(ctx, 1)
			require.ErrorContains(t, err, "0002_more has no down migration")

			// The previous release's binary knows only version 1: it starts (the code is
			// rolled back before the schema) but cannot roll back what it does not have.
			v, err = db.Migrate(d, onlyFirst, db.Up)
			require.NoError(t, err)
			require.Equal(t, uint(2), v)
			old, err := db.NewMigrator(d, onlyFirst)
			require.NoError(t, err)
			st, err := old.Status(ctx)
			require.NoError(t, err)
			require.False(t, st.Known)
			_, err = old.PlanDown(ctx, 1)
			require.ErrorContains(t, err, "roll it back with the release that migrated it")
		})
	}
}
