package db

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	migratesqlite "github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5/stdlib"
)

// Migrations holds one service's embedded migrations: a directory per dialect ("sqlite",
// "postgres") of NNNN_name.up.sql / NNNN_name.down.sql files.
type Migrations struct {
	// Service names the migrations table (schema_migrations_<service>).
	Service string
	FS      fs.FS
}

// Direction says which way Migrate goes.
type Direction int

// Directions.
const (
	Up Direction = iota
	// Down rolls every applied migration back. Operators never get it unguarded: `fitcoach
	// migrate SERVICE down` plans, shows and confirms through a Migrator first.
	Down
)

// Migrate applies every pending migration (Up) or rolls every applied one back (Down) and
// reports the version the database is at afterwards. Services call it with Up on start.
func Migrate(d *DB, m Migrations, dir Direction) (uint, error) {
	r, err := NewMigrator(d, m)
	if err != nil {
		return 0, err
	}
	ctx := context.Background()
	if dir == Up {
		return r.Up(ctx)
	}
	st, err := r.Status(ctx)
	if err != nil {
		return 0, err
	}
	if len(st.Applied) == 0 && !st.Dirty {
		return st.Version, nil
	}
	p, err := r.plan(st, len(st.Applied))
	if err != nil {
		return 0, err
	}
	return r.Rollback(ctx, p)
}

// Version is one numbered migration of a service.
type Version struct {
	Number uint
	// Name is the file name without direction and extension: "0002_color".
	Name string
	Up   string
	// Down is the SQL that undoes Up; HasDown is false when the down file is missing, and
	// such a version cannot be rolled back.
	Down    string
	HasDown bool
}

// Status is where a service's database stands against this build's migrations.
type Status struct {
	// Version is the last version recorded in the database; 0 when none is.
	Version uint
	// Dirty means the migration to Version (or the rollback to it) failed part way: the
	// schema may be between two versions and nothing runs until `force` records which one
	// it matches.
	Dirty bool
	// Known is false when Version is not one of this build's migrations: the database was
	// migrated by a newer release.
	Known   bool
	Applied []Version
	Pending []Version
}

// DirtyError is returned by Up, PlanDown and Rollback when the database is dirty.
type DirtyError struct {
	Service string
	Version uint
}

func (e *DirtyError) Error() string {
	return fmt.Sprintf("%s is dirty at version %d (a migration failed part way): repair the schema, then record the version it matches with `fitcoach migrate %s force VERSION`",
		e.Service, e.Version, e.Service)
}

// Migrator reads and changes one service's schema version on one database. It is the one
// implementation behind service start, `fitcoach migrate` and the migration tests.
type Migrator struct {
	d        *DB
	m        Migrations
	dir      string
	table    string
	versions []Version // ascending
}

// NewMigrator reads the service's migrations for the database's dialect.
func NewMigrator(d *DB, m Migrations) (*Migrator, error) {
	r := &Migrator{d: d, m: m, dir: "sqlite", table: "schema_migrations_" + m.Service}
	if d.Dialect == Postgres {
		r.dir = "postgres"
	}
	entries, err := fs.ReadDir(m.FS, r.dir)
	if err != nil {
		return nil, fmt.Errorf("db: migrations of %s: %w", m.Service, err)
	}
	byNumber := map[uint]*Version{}
	for _, e := range entries {
		p, err := source.Parse(e.Name())
		if err != nil {
			continue
		}
		body, err := fs.ReadFile(m.FS, r.dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("db: migrations of %s: %w", m.Service, err)
		}
		v := byNumber[p.Version]
		if v == nil {
			v = &Version{Number: p.Version, Name: strings.SplitN(e.Name(), ".", 2)[0]}
			byNumber[p.Version] = v
		}
		switch p.Direction {
		case source.Up:
			v.Up = string(body)
		case source.Down:
			v.Down, v.HasDown = string(body), true
		}
	}
	for _, v := range byNumber {
		r.versions = append(r.versions, *v)
	}
	slices.SortFunc(r.versions, func(a, b Version) int { return cmp.Compare(a.Number, b.Number) })
	return r, nil
}

// Versions returns the build's migrations, oldest first.
func (r *Migrator) Versions() []Version { return slices.Clone(r.versions) }

// Status reads the recorded version without changing anything (no migrations table is
// created on a database that has none).
func (r *Migrator) Status(ctx context.Context) (Status, error) {
	var st Status
	exists, err := r.tableExists(ctx, r.table)
	if err != nil {
		return st, err
	}
	if exists {
		var v int64
		err := r.d.QueryRowContext(ctx, "SELECT version, dirty FROM "+quoteIdent(r.table)+" LIMIT 1").Scan(&v, &st.Dirty)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return st, fmt.Errorf("db: read %s: %w", r.table, err)
		case v > 0:
			// golang-migrate records -1 (dirty) when the first migration's rollback failed.
			st.Version = uint(v)
		}
	}
	st.Known = st.Version == 0
	for _, v := range r.versions {
		if v.Number <= st.Version {
			st.Applied = append(st.Applied, v)
			st.Known = st.Known || v.Number == st.Version
		} else {
			st.Pending = append(st.Pending, v)
		}
	}
	return st, nil
}

// Up applies every pending migration and reports the version afterwards. A database ahead
// of this build (migrated by a newer release) is left as it is: that is how a release is
// rolled back before its schema is.
func (r *Migrator) Up(ctx context.Context) (uint, error) {
	st, err := r.Status(ctx)
	if err != nil {
		return 0, err
	}
	if st.Dirty {
		return st.Version, &DirtyError{Service: r.m.Service, Version: st.Version}
	}
	if !st.Known {
		if len(r.versions) == 0 || st.Version > r.versions[len(r.versions)-1].Number {
			return st.Version, nil
		}
		return st.Version, fmt.Errorf("db: %s is at version %d, which this build does not have", r.m.Service, st.Version)
	}
	if len(st.Pending) == 0 {
		return st.Version, nil
	}
	mig, release, err := r.instance()
	if err != nil {
		return 0, err
	}
	defer release()
	if err := mig.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return r.after(ctx, fmt.Errorf("db: migrate %s up: %w", r.m.Service, err))
	}
	return r.after(ctx, nil)
}

// UpTo applies the pending migrations up to and including version v, for tests that walk
// the versions one at a time. It never goes down: that is PlanDown and Rollback.
func (r *Migrator) UpTo(ctx context.Context, v uint) (uint, error) {
	st, err := r.Status(ctx)
	if err != nil {
		return 0, err
	}
	if st.Dirty {
		return st.Version, &DirtyError{Service: r.m.Service, Version: st.Version}
	}
	if !slices.ContainsFunc(r.versions, func(x Version) bool { return x.Number == v }) {
		return st.Version, fmt.Errorf("db: %s has no version %d", r.m.Service, v)
	}
	if v < st.Version {
		return st.Version, fmt.Errorf("db: %s is at version %d, past %d", r.m.Service, st.Version, v)
	}
	if v == st.Version {
		return v, nil
	}
	mig, release, err := r.instance()
	if err != nil {
		return 0, err
	}
	defer release()
	if err := mig.Migrate(v); err != nil {
		return r.after(ctx, fmt.Errorf("db: migrate %s to %d: %w", r.m.Service, v, err))
	}
	return r.after(ctx, nil)
}

// Step is one version a rollback crosses.
type Step struct {
	// Version is the migration undone; To is the version recorded afterwards (0: none).
	Version Version
	To      uint
	// Drops are the tables its down SQL drops; Touches the others it changes. Rows are
	// counted when the plan is made.
	Drops   []TableRows
	Touches []TableRows
}

// TableRows is a table and how many rows it holds now.
type TableRows struct {
	Table string
	// Exists is false when the table is not there now (an earlier step of the same
	// rollback creates it); Rows is then 0.
	Exists bool
	Rows   int64
}

// DownPlan is what rolling back would do: from which version, across which steps.
type DownPlan struct {
	Service string
	From    uint
	Steps   []Step
}

// To is the version the database is at after the rollback.
func (p DownPlan) To() uint {
	if len(p.Steps) == 0 {
		return p.From
	}
	return p.Steps[len(p.Steps)-1].To
}

// PlanDown works out a rollback of the last n applied versions (n ≥ 1) and counts the rows
// of the tables it would drop or change. It changes nothing. It fails when the database is
// dirty, is ahead of this build, has fewer than n versions applied, or a version crossed has
// no down migration.
func (r *Migrator) PlanDown(ctx context.Context, n int) (DownPlan, error) {
	st, err := r.Status(ctx)
	if err != nil {
		return DownPlan{}, err
	}
	p, err := r.plan(st, n)
	if err != nil {
		return DownPlan{}, err
	}
	for i := range p.Steps {
		s := &p.Steps[i]
		drops, touches, indexes := tablesOf(s.Version.Down)
		for _, idx := range indexes {
			t, err := r.indexTable(ctx, idx)
			if err != nil {
				return DownPlan{}, err
			}
			if t != "" && !slices.Contains(touches, t) && !slices.Contains(drops, t) {
				touches = append(touches, t)
			}
		}
		if s.Drops, err = r.count(ctx, drops); err != nil {
			return DownPlan{}, err
		}
		if s.Touches, err = r.count(ctx, touches); err != nil {
			return DownPlan{}, err
		}
	}
	return p, nil
}

func (r *Migrator) plan(st Status, n int) (DownPlan, error) {
	p := DownPlan{Service: r.m.Service, From: st.Version}
	switch {
	case st.Dirty:
		return p, &DirtyError{Service: r.m.Service, Version: st.Version}
	case !st.Known:
		return p, fmt.Errorf("db: %s is at version %d, which this build does not have: roll it back with the release that migrated it", r.m.Service, st.Version)
	case n < 1:
		return p, fmt.Errorf("db: roll back at least one version, not %d", n)
	case n > len(st.Applied):
		return p, fmt.Errorf("db: %s has %d version(s) applied; cannot roll back %d", r.m.Service, len(st.Applied), n)
	}
	for i := len(st.Applied) - 1; i >= len(st.Applied)-n; i-- {
		v := st.Applied[i]
		if !v.HasDown {
			return p, fmt.Errorf("db: %s version %s has no down migration and cannot be rolled back", r.m.Service, v.Name)
		}
		s := Step{Version: v}
		if i > 0 {
			s.To = st.Applied[i-1].Number
		}
		p.Steps = append(p.Steps, s)
	}
	return p, nil
}

// Rollback carries out a plan from PlanDown, after checking the database is still at the
// version the plan was made for. It reports the version afterwards.
func (r *Migrator) Rollback(ctx context.Context, p DownPlan) (uint, error) {
	if p.Service != r.m.Service {
		return 0, fmt.Errorf("db: a plan for %s cannot roll back %s", p.Service, r.m.Service)
	}
	st, err := r.Status(ctx)
	if err != nil {
		return 0, err
	}
	if st.Dirty {
		return st.Version, &DirtyError{Service: r.m.Service, Version: st.Version}
	}
	if st.Version != p.From {
		return st.Version, fmt.Errorf("db: %s moved from version %d to %d since the rollback was planned; nothing was rolled back", r.m.Service, p.From, st.Version)
	}
	if len(p.Steps) == 0 {
		return st.Version, nil
	}
	mig, release, err := r.instance()
	if err != nil {
		return 0, err
	}
	defer release()
	if err := mig.Steps(-len(p.Steps)); err != nil {
		return r.after(ctx, fmt.Errorf("db: roll back %s: %w", r.m.Service, err))
	}
	return r.after(ctx, nil)
}

// Force records version v (0: none) as applied and clean without running any SQL: the way
// out of a dirty state once the schema has been repaired to match v.
func (r *Migrator) Force(v uint) error {
	target := database.NilVersion
	if v > 0 {
		if !slices.ContainsFunc(r.versions, func(x Version) bool { return x.Number == v }) {
			return fmt.Errorf("db: %s has no version %d", r.m.Service, v)
		}
		target = int(v)
	}
	mig, release, err := r.instance()
	if err != nil {
		return err
	}
	defer release()
	if err := mig.Force(target); err != nil {
		return fmt.Errorf("db: force %s to %d: %w", r.m.Service, v, err)
	}
	return nil
}

// after reads the version a run left behind; a dirty one is the error to report.
func (r *Migrator) after(ctx context.Context, runErr error) (uint, error) {
	st, err := r.Status(ctx)
	if err != nil {
		return 0, errors.Join(runErr, err)
	}
	if st.Dirty {
		return st.Version, errors.Join(runErr, &DirtyError{Service: r.m.Service, Version: st.Version})
	}
	return st.Version, runErr
}

// instance returns golang-migrate over the database and the function that releases it.
func (r *Migrator) instance() (*migrate.Migrate, func(), error) {
	src, err := iofs.New(r.m.FS, r.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("db: migrations of %s: %w", r.m.Service, err)
	}
	var drv database.Driver
	release := func() {}
	switch {
	case r.d.Dialect == Postgres && r.d.pg != nil:
		// The driver holds one connection of the pool it is given until it is closed, and
		// closing it closes that pool: it gets a pool of its own, closed after the run.
		own := stdlib.OpenDB(*r.d.pg)
		own.SetMaxOpenConns(2)
		if drv, err = migratepgx.WithInstance(own, &migratepgx.Config{MigrationsTable: r.table}); err != nil {
			own.Close()
		}
		release = func() { drv.Close() }
	case r.d.Dialect == Postgres:
		// A DB not made by Open: the driver's connection stays out of the pool for good.
		drv, err = migratepgx.WithInstance(r.d.DB, &migratepgx.Config{MigrationsTable: r.table})
	default:
		// Never closed: it would close the shared *sql.DB; it holds no connection.
		drv, err = migratesqlite.WithInstance(r.d.DB, &migratesqlite.Config{MigrationsTable: r.table})
	}
	if err != nil {
		return nil, nil, fmt.Errorf("db: migration driver: %w", err)
	}
	mig, err := migrate.NewWithInstance("iofs", src, string(r.d.Dialect), drv)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("db: migrate: %w", err)
	}
	return mig, release, nil
}

func (r *Migrator) tableExists(ctx context.Context, table string) (bool, error) {
	var ok bool
	var err error
	if r.d.Dialect == Postgres {
		err = r.d.QueryRowContext(ctx, "SELECT to_regclass($1) IS NOT NULL", quoteIdent(table)).Scan(&ok)
	} else {
		var n int
		err = r.d.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		ok = n > 0
	}
	if err != nil {
		return false, fmt.Errorf("db: look up table %s: %w", table, err)
	}
	return ok, nil
}

// indexTable names the table an index belongs to, or "" when there is no such index.
func (r *Migrator) indexTable(ctx context.Context, index string) (string, error) {
	q := "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?"
	if r.d.Dialect == Postgres {
		q = "SELECT tablename FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1"
	}
	var t string
	err := r.d.QueryRowContext(ctx, q, index).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("db: look up index %s: %w", index, err)
	}
	return t, nil
}

func (r *Migrator) count(ctx context.Context, tables []string) ([]TableRows, error) {
	var out []TableRows
	for _, t := range tables {
		tr := TableRows{Table: t}
		ok, err := r.tableExists(ctx, t)
		if err != nil {
			return nil, err
		}
		if ok {
			tr.Exists = true
			if err := r.d.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(t)).Scan(&tr.Rows); err != nil {
				return nil, fmt.Errorf("db: count rows of %s: %w", t, err)
			}
		}
		out = append(out, tr)
	}
	return out, nil
}
