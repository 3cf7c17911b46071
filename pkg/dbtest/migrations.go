package dbtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	entschema "entgo.io/ent/dialect/sql/schema"

	"github.com/fitcoach/fitcoach/pkg/db"
)

// CheckMigrations checks every migration of a service, whatever versions exist, on every
// backend:
//
//   - each version goes up one at a time from an empty database, and the latest schema is
//     what the ent schema (ent/migrate.Tables) expects;
//   - rows are written (by fill, through the service's own store) at the latest version;
//   - then from the latest version down to the first: down 1 leaves exactly the schema of
//     the version before, up again gives back the version's schema with the rows of the
//     tables both versions have, and down 1 again moves on.
//
// A version without a down migration, or whose down does not undo its up, fails the test.
func CheckMigrations(t *testing.T, m db.Migrations, ent []*entschema.Table, fill func(t *testing.T, d *db.DB), opts ...Option) {
	t.Helper()
	var o checkOptions
	for _, opt := range opts {
		opt(&o)
	}
	for _, b := range Backends {
		t.Run(b.Name, func(t *testing.T) {
			ctx := t.Context()
			d, err := db.Open(ctx, b.Open(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
			r, err := db.NewMigrator(d, m)
			if err != nil {
				t.Fatal(err)
			}
			versions := r.Versions()
			if len(versions) == 0 {
				t.Fatalf("%s has no %s migrations", m.Service, b.Name)
			}
			for _, v := range versions {
				if !v.HasDown {
					t.Errorf("%s %s migration %s has no down migration", m.Service, b.Name, v.Name)
				}
			}
			if t.Failed() {
				t.FailNow()
			}

			// schemas[i] is the schema at versions[i-1]; schemas[0] the empty one.
			schemas := []Schema{Snapshot(t, d)}
			for _, v := range versions {
				if _, err := r.UpTo(ctx, v.Number); err != nil {
					t.Fatalf("up to %s: %v", v.Name, err)
				}
				schemas = append(schemas, Snapshot(t, d))
			}
			requireSchema(t, schemas[0], Schema{}, "before any migration")
			o.requireEntSchema(t, schemas[len(versions)], ent)

			fill(t, d)
			var total int64
			for _, n := range rowCounts(t, d, schemas[len(versions)]) {
				total += n
			}
			if total == 0 {
				t.Fatalf("fill wrote no rows")
			}

			for i := len(versions); i >= 1; i-- {
				v := versions[i-1]
				before := rowCounts(t, d, schemas[i])
				down := func(what string) {
					t.Helper()
					p, err := r.PlanDown(ctx, 1)
					if err != nil {
						t.Fatalf("plan down %s: %v", v.Name, err)
					}
					if _, err := r.Rollback(ctx, p); err != nil {
						t.Fatalf("down %s (%s): %v", v.Name, what, err)
					}
					requireSchema(t, Snapshot(t, d), schemas[i-1], fmt.Sprintf("down %s (%s) leaves the schema of the version before", v.Name, what))
				}
				down("with rows")
				if _, err := r.UpTo(ctx, v.Number); err != nil {
					t.Fatalf("up %s again after its down: %v", v.Name, err)
				}
				requireSchema(t, Snapshot(t, d), schemas[i], fmt.Sprintf("up %s again gives its schema back", v.Name))
				after := rowCounts(t, d, schemas[i])
				for table, n := range before {
					if _, kept := schemas[i-1][table]; kept && after[table] != n {
						t.Errorf("down and up %s: %s had %d rows, now %d", v.Name, table, n, after[table])
					}
				}
				down("again")
			}

			if _, err := r.Up(ctx); err != nil {
				t.Fatalf("up from none: %v", err)
			}
			o.requireEntSchema(t, Snapshot(t, d), ent)
		})
	}
}

// Option changes what CheckMigrations expects of a service's schema.
type Option func(*checkOptions)

type checkOptions struct {
	foreign []string
}

// ForeignTables declares tables the migrations create that ent does not describe: a
// library's own, such as River's job queue, which reads and writes them itself. They must
// exist at the latest version (and still go down and up with the rest); they are left out of
// the comparison with ent's schema. Any other table ent does not know still fails the check.
func ForeignTables(names ...string) Option {
	return func(o *checkOptions) { o.foreign = append(o.foreign, names...) }
}

// requireEntSchema is RequireEntSchema on the schema without the foreign tables, after
// checking that each of them is there.
func (o checkOptions) requireEntSchema(t *testing.T, got Schema, ent []*entschema.Table) {
	t.Helper()
	own := Schema{}
	for name, tb := range got {
		own[name] = tb
	}
	var missing []string
	for _, name := range o.foreign {
		if _, ok := own[name]; !ok {
			missing = append(missing, name)
		}
		delete(own, name)
	}
	if len(missing) > 0 {
		t.Fatalf("declared foreign tables %v are missing from the schema", missing)
	}
	RequireEntSchema(t, own, ent)
}

func requireSchema(t *testing.T, got, want Schema, msg string) {
	t.Helper()
	if describe(got) != describe(want) {
		t.Fatalf("%s:\n got %s\nwant %s", msg, describe(got), describe(want))
	}
}

// describe prints a schema one fact per line, sorted, so a mismatch reads as a diff.
func describe(s Schema) string {
	var lines []string
	for name, tb := range s {
		lines = append(lines, "table "+name)
		for c, col := range tb.Columns {
			lines = append(lines, fmt.Sprintf("column %s.%s %+v", name, c, col))
		}
		for i, idx := range tb.Indexes {
			lines = append(lines, fmt.Sprintf("index %s.%s %+v", name, i, idx))
		}
		for _, fk := range tb.ForeignKeys {
			lines = append(lines, fmt.Sprintf("foreign key %s %+v", name, fk))
		}
		for _, c := range tb.Checks {
			lines = append(lines, fmt.Sprintf("check %s %s", name, c))
		}
	}
	slices.Sort(lines)
	return "\n  " + strings.Join(lines, "\n  ")
}

// RequireEntSchema fails the test unless schema has what ent reads and writes: the same
// tables and columns, the nullability of each column, the primary keys, the same unique
// indexes and ent's foreign keys. Other indexes are tuned by hand per dialect (ent only
// lists them for the generated code) and are not compared.
func RequireEntSchema(t *testing.T, got Schema, ent []*entschema.Table) {
	t.Helper()
	var problems []string
	var want []string
	for _, et := range ent {
		want = append(want, et.Name)
	}
	var have []string
	for name := range got {
		have = append(have, name)
	}
	slices.Sort(want)
	slices.Sort(have)
	if !slices.Equal(want, have) {
		problems = append(problems, fmt.Sprintf("tables %v, ent has %v", have, want))
	}
	for _, et := range ent {
		tb, ok := got[et.Name]
		if !ok {
			continue
		}
		var wantCols, haveCols, wantPK, havePK, wantUnique, haveUnique []string
		for _, c := range et.Columns {
			wantCols = append(wantCols, c.Name)
			if c.Unique {
				wantUnique = append(wantUnique, c.Name)
			}
		}
		for _, c := range et.PrimaryKey {
			wantPK = append(wantPK, c.Name)
		}
		for _, idx := range et.Indexes {
			if idx.Unique {
				var cols []string
				for _, c := range idx.Columns {
					cols = append(cols, c.Name)
				}
				wantUnique = append(wantUnique, strings.Join(cols, ","))
			}
		}
		for name, c := range tb.Columns {
			haveCols = append(haveCols, name)
			if c.PK {
				havePK = append(havePK, name)
			}
		}
		for _, idx := range tb.Indexes {
			if idx.Unique && !idx.Primary {
				haveUnique = append(haveUnique, idx.Columns)
			}
		}
		for _, l := range [][]string{wantCols, haveCols, wantPK, havePK, wantUnique, haveUnique} {
			slices.Sort(l)
		}
		if !slices.Equal(wantCols, haveCols) {
			problems = append(problems, fmt.Sprintf("%s columns %v, ent has %v", et.Name, haveCols, wantCols))
		}
		if !slices.Equal(wantPK, havePK) {
			problems = append(problems, fmt.Sprintf("%s primary key %v, ent has %v", et.Name, havePK, wantPK))
		}
		if !slices.Equal(wantUnique, haveUnique) {
			problems = append(problems, fmt.Sprintf("%s unique indexes %v, ent has %v", et.Name, haveUnique, wantUnique))
		}
		for _, c := range et.Columns {
			col, ok := tb.Columns[c.Name]
			// SQLite lets a non-integer primary key hold NULL unless told otherwise; the
			// key's own constraint is what matters there.
			if ok && !col.PK && col.NotNull == c.Nullable {
				problems = append(problems, fmt.Sprintf("%s.%s NOT NULL is %v, ent's Nullable is %v", et.Name, c.Name, col.NotNull, c.Nullable))
			}
		}
		for _, fk := range et.ForeignKeys {
			var cols, refCols []string
			for _, c := range fk.Columns {
				cols = append(cols, c.Name)
			}
			for _, c := range fk.RefColumns {
				refCols = append(refCols, c.Name)
			}
			if !slices.ContainsFunc(tb.ForeignKeys, func(x ForeignKey) bool {
				return x.Columns == strings.Join(cols, ",") && x.RefTable == fk.RefTable.Name && x.RefColumns == strings.Join(refCols, ",")
			}) {
				problems = append(problems, fmt.Sprintf("%s has no foreign key %s: %v -> %s%v", et.Name, fk.Symbol, cols, fk.RefTable.Name, refCols))
			}
		}
	}
	if len(problems) > 0 {
		t.Fatalf("the schema does not match ent's:\n  %s", strings.Join(problems, "\n  "))
	}
}

func rowCounts(t *testing.T, d *db.DB, s Schema) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for table := range s {
		var n int64
		if err := d.QueryRowContext(t.Context(), `SELECT count(*) FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`).Scan(&n); err != nil {
			t.Fatalf("count rows of %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}
