package dbtest

import (
	"slices"
	"strings"
	"testing"

	"github.com/fitcoach/fitcoach/pkg/db"
)

// Schema is what a database's catalog says about its tables, keyed by table name; the
// migrations tables are left out. Two schemas are equal when a migration and its down
// leave the database as they found it.
type Schema map[string]Table

// Table is one table's shape.
type Table struct {
	Columns     map[string]Column
	Indexes     map[string]Index
	ForeignKeys []ForeignKey
	// Checks are PostgreSQL's CHECK constraints. SQLite keeps them only in the table's
	// CREATE text, whose formatting a rebuilding down migration may change, so they are
	// not compared there.
	Checks []string
}

// Column is one column.
type Column struct {
	Type    string
	NotNull bool
	Default string
	PK      bool
	// Identity is PostgreSQL's GENERATED … AS IDENTITY.
	Identity bool
}

// Index is one index: its columns in order, comma-separated.
type Index struct {
	Columns string
	Unique  bool
	Primary bool
	Partial bool
	// Def is PostgreSQL's full definition (method, INCLUDE, WHERE); empty on SQLite.
	Def string
}

// ForeignKey is a reference from Columns to RefTable's RefColumns.
type ForeignKey struct {
	Columns, RefTable, RefColumns, OnDelete string
}

// Snapshot reads the schema of d.
func Snapshot(t testing.TB, d *db.DB) Schema {
	t.Helper()
	if d.Dialect == db.Postgres {
		return snapshotPostgres(t, d)
	}
	return snapshotSQLite(t, d)
}

func isMigrationsTable(name string) bool { return strings.HasPrefix(name, "schema_migrations") }

// query runs q and hands each row's scanned values to fn.
func query(t testing.TB, d *db.DB, q string, args []any, dest []any, fn func()) {
	t.Helper()
	rows, err := d.QueryContext(t.Context(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fn()
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func snapshotSQLite(t testing.TB, d *db.DB) Schema {
	t.Helper()
	s := Schema{}
	var name string
	var names []string
	query(t, d, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`, nil, []any{&name}, func() {
		if !isMigrationsTable(name) {
			names = append(names, name)
		}
	})
	for _, table := range names {
		tb := Table{Columns: map[string]Column{}, Indexes: map[string]Index{}}
		var col, typ, def string
		var notNull, pk int
		query(t, d, `SELECT name, type, "notnull", coalesce(dflt_value, ''), pk FROM pragma_table_info(?)`, []any{table},
			[]any{&col, &typ, &notNull, &def, &pk}, func() {
				tb.Columns[col] = Column{Type: strings.ToUpper(typ), NotNull: notNull == 1, Default: def, PK: pk > 0}
			})
		var idx, origin string
		var unique, partial int
		var idxs []Index
		var idxNames []string
		query(t, d, `SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, []any{table},
			[]any{&idx, &unique, &origin, &partial}, func() {
				idxNames = append(idxNames, idx)
				idxs = append(idxs, Index{Unique: unique == 1, Primary: origin == "pk", Partial: partial == 1})
			})
		for i, n := range idxNames {
			var cols []string
			query(t, d, `SELECT coalesce(name, '') FROM pragma_index_info(?) ORDER BY seqno`, []any{n}, []any{&col}, func() {
				cols = append(cols, col)
			})
			idxs[i].Columns = strings.Join(cols, ",")
			// An automatic index's name carries a counter, not a meaning.
			if strings.HasPrefix(n, "sqlite_autoindex_") {
				n = "(auto " + idxs[i].Columns + ")"
			}
			tb.Indexes[n] = idxs[i]
		}
		var ref, from, to, onDelete string
		fks := map[int]*ForeignKey{}
		var id int
		query(t, d, `SELECT id, "table", "from", coalesce("to", ''), on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, []any{table},
			[]any{&id, &ref, &from, &to, &onDelete}, func() {
				fk := fks[id]
				if fk == nil {
					fk = &ForeignKey{RefTable: ref, OnDelete: strings.ToUpper(onDelete)}
					fks[id] = fk
				} else {
					fk.Columns += ","
					fk.RefColumns += ","
				}
				fk.Columns += from
				fk.RefColumns += to
			})
		for _, fk := range fks {
			tb.ForeignKeys = append(tb.ForeignKeys, *fk)
		}
		sortKeys(tb.ForeignKeys)
		s[table] = tb
	}
	return s
}

func snapshotPostgres(t testing.TB, d *db.DB) Schema {
	t.Helper()
	s := Schema{}
	var table string
	query(t, d, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
		nil, []any{&table}, func() {
			if !isMigrationsTable(table) {
				s[table] = Table{Columns: map[string]Column{}, Indexes: map[string]Index{}}
			}
		})
	var col, typ, def string
	var notNull, identity bool
	query(t, d, `SELECT table_name, column_name, data_type, is_nullable = 'NO', coalesce(column_default, ''), is_identity = 'YES'
		FROM information_schema.columns WHERE table_schema = current_schema()`, nil,
		[]any{&table, &col, &typ, &notNull, &def, &identity}, func() {
			if tb, ok := s[table]; ok {
				tb.Columns[col] = Column{Type: strings.ToUpper(typ), NotNull: notNull, Default: def, Identity: identity}
			}
		})
	var idx, cols, idxDef string
	var unique, primary, partial bool
	query(t, d, `SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL,
			coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
				JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), ''),
			pg_get_indexdef(ix.indexrelid)
		FROM pg_index ix
		JOIN pg_class i ON i.oid = ix.indexrelid
		JOIN pg_class t ON t.oid = ix.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = current_schema()`, nil,
		[]any{&table, &idx, &unique, &primary, &partial, &cols, &idxDef}, func() {
			tb, ok := s[table]
			if !ok {
				return
			}
			tb.Indexes[idx] = Index{Columns: cols, Unique: unique, Primary: primary, Partial: partial, Def: idxDef}
			if primary {
				for _, c := range strings.Split(cols, ",") {
					cc := tb.Columns[c]
					cc.PK = true
					tb.Columns[c] = cc
				}
			}
		})
	var kind, conDef, ref, refCols, onDelete string
	query(t, d, `SELECT c.conrelid::regclass::text, c.contype::text, pg_get_constraintdef(c.oid),
			coalesce(c.confrelid::regclass::text, ''),
			coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), ''),
			coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
				JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), ''),
			c.confdeltype::text
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = current_schema() AND c.contype IN ('c', 'f')`, nil,
		[]any{&table, &kind, &conDef, &ref, &cols, &refCols, &onDelete}, func() {
			tb, ok := s[table]
			if !ok {
				return
			}
			if kind == "c" {
				tb.Checks = append(tb.Checks, conDef)
			} else {
				tb.ForeignKeys = append(tb.ForeignKeys, ForeignKey{Columns: cols, RefTable: ref, RefColumns: refCols, OnDelete: pgAction[onDelete]})
			}
			s[table] = tb
		})
	for name, tb := range s {
		slices.Sort(tb.Checks)
		sortKeys(tb.ForeignKeys)
		s[name] = tb
	}
	return s
}

// pgAction spells pg_constraint.confdeltype as SQLite's pragma does.
var pgAction = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func sortKeys(fks []ForeignKey) {
	slices.SortFunc(fks, func(a, b ForeignKey) int {
		return strings.Compare(a.Columns+">"+a.RefTable, b.Columns+">"+b.RefTable)
	})
}
