package dbtest_test

import (
	"os"
	"os/exec"
	"testing"
	"testing/fstest"

	entschema "entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"
	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// widgets builds migrations from SQL that both dialects accept, leaving out the files
// named in without.
func widgets(override map[string]string, without ...string) db.Migrations {
	files := map[string]string{
		"0001_widgets.up.sql":   "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);",
		"0001_widgets.down.sql": "DROP TABLE widgets;",
		"0002_color.up.sql":     "ALTER TABLE widgets ADD COLUMN color TEXT NOT NULL DEFAULT 'red'; CREATE INDEX widgets_color ON widgets (color);",
		"0002_color.down.sql":   "DROP INDEX widgets_color; ALTER TABLE widgets DROP COLUMN color;",
	}
	for name, sql := range override {
		files[name] = sql
	}
	for _, name := range without {
		delete(files, name)
	}
	fsys := fstest.MapFS{}
	for name, sql := range files {
		fsys["sqlite/"+name] = &fstest.MapFile{Data: []byte(sql)}
		fsys["postgres/"+name] = &fstest.MapFile{Data: []byte(sql)}
	}
	return db.Migrations{Service: "widgets", FS: fsys}
}

func entWidgets(extra ...string) []*entschema.Table {
	id := &entschema.Column{Name: "id", Type: field.TypeInt}
	cols := []*entschema.Column{id, {Name: "name", Type: field.TypeString, Unique: true}, {Name: "color", Type: field.TypeString}}
	for _, name := range extra {
		cols = append(cols, &entschema.Column{Name: name, Type: field.TypeString})
	}
	return []*entschema.Table{{Name: "widgets", Columns: cols, PrimaryKey: []*entschema.Column{id}}}
}

func fillWidgets(t *testing.T, d *db.DB) {
	_, err := d.ExecContext(t.Context(), "INSERT INTO widgets (id, name) VALUES (1, 'a'), (2, 'b')")
	require.NoError(t, err)
}

func TestCheckMigrations(t *testing.T) {
	dbtest.CheckMigrations(t, widgets(nil), entWidgets(), fillWidgets)
}

// The failures run in a child test process: a helper that fails its test cannot be watched
// failing from inside that test.
func TestCheckMigrationsCatches(t *testing.T) {
	if c := os.Getenv("DBTEST_CASE"); c != "" {
		switch c {
		case "no down":
			dbtest.CheckMigrations(t, widgets(nil, "0002_color.down.sql"), entWidgets(), fillWidgets)
		case "down leaves a column":
			dbtest.CheckMigrations(t, widgets(map[string]string{"0002_color.down.sql": "DROP INDEX widgets_color;"}), entWidgets(), fillWidgets)
		case "down renames the column":
			dbtest.CheckMigrations(t, widgets(map[string]string{"0002_color.down.sql": "ALTER TABLE widgets RENAME COLUMN color TO colour;"}), entWidgets(), fillWidgets)
		case "down and up lose rows":
			dbtest.CheckMigrations(t, widgets(map[string]string{
				"0002_color.up.sql":   "DROP TABLE widgets; CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT NOT NULL DEFAULT 'red'); CREATE INDEX widgets_color ON widgets (color);",
				"0002_color.down.sql": "DROP TABLE widgets; CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);",
			}), entWidgets(), fillWidgets)
		case "not ent's schema":
			dbtest.CheckMigrations(t, widgets(nil), entWidgets("size"), fillWidgets)
		case "no rows":
			dbtest.CheckMigrations(t, widgets(nil), entWidgets(), func(*testing.T, *db.DB) {})
		}
		return
	}
	for name, want := range map[string]string{
		"no down":                 "migration 0002_color has no down migration",
		"down leaves a column":    "down 0002_color (with rows) leaves the schema of the version before",
		"down renames the column": "down 0002_color (with rows) leaves the schema of the version before",
		"down and up lose rows":   "down and up 0002_color: widgets had 2 rows, now 0",
		"not ent's schema":        "widgets columns [color id name], ent has [color id name size]",
		"no rows":                 "fill wrote no rows",
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCheckMigrationsCatches$", "-test.count=1")
			cmd.Env = append(os.Environ(), "DBTEST_CASE="+name)
			out, err := cmd.CombinedOutput()
			require.Error(t, err, "the check passed:\n%s", out)
			require.Contains(t, string(out), want)
		})
	}
}
