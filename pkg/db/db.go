// Package db opens a service's database (SQLite for `fitcoach dev`, PostgreSQL in production)
// and applies its embedded, numbered golang-migrate migrations. One Migrator serves service
// start (Migrate), `fitcoach migrate` (status, up, guarded down, force) and the tests.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" database/sql driver
)

// PingAfterIdle is how long a PostgreSQL connection may sit idle in the pool before it is
// checked with a ping on its next use.
const PingAfterIdle = 100 * time.Millisecond

// Dialect names a supported database; the values match ent's dialect names.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite3"
	Postgres Dialect = "postgres"
)

// DB is an open database and its dialect.
type DB struct {
	*sql.DB
	Dialect Dialect
	// Name is the PostgreSQL database's name or the SQLite file's path, for operators to
	// confirm which database a destructive command will change.
	Name string
	// pg opens another pool on the same PostgreSQL database: golang-migrate's driver keeps
	// a connection until it is closed, and closing it closes its pool.
	pg *pgx.ConnConfig
}

// Ent returns an ent driver over the database.
func (d *DB) Ent() *entsql.Driver { return entsql.OpenDB(string(d.Dialect), d.DB) }

// Open opens dsn: "postgres://…" or "postgresql://…" for PostgreSQL; "sqlite://PATH",
// "file:PATH" or a plain file path for SQLite (created with its directory when missing).
func Open(ctx context.Context, dsn string) (*DB, error) {
	var d *DB
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("db: %w", err)
		}
		// A pooled connection idle for longer than PingAfterIdle is pinged before reuse, so
		// after a server restart or failover the dead ones are dropped (and the query retried
		// on a fresh one by database/sql) instead of failing requests. pgx's default waits a
		// second; a restart can be faster than that. Busy connections are never pinged.
		sdb := stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(func(_ context.Context, p stdlib.ShouldPingParams) bool {
			return p.IdleDuration > PingAfterIdle
		}))
		sdb.SetMaxOpenConns(20)
		sdb.SetMaxIdleConns(10)
		sdb.SetConnMaxIdleTime(5 * time.Minute)
		name := cfg.Database
		if name == "" {
			name = cfg.User // PostgreSQL's default database is the user's
		}
		d = &DB{DB: sdb, Dialect: Postgres, Name: name, pg: cfg}
	default:
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if path == "" {
			return nil, errors.New("db: empty SQLite path")
		}
		if path != ":memory:" {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, fmt.Errorf("db: create directory for %s: %w", path, err)
			}
		}
		q := url.Values{}
		// WAL lets readers run beside the writer; busy_timeout waits out a held write lock
		// instead of failing; foreign keys are off by default in SQLite.
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
		sdb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
		if err != nil {
			return nil, err
		}
		sdb.SetMaxOpenConns(8)
		d = &DB{DB: sdb, Dialect: SQLite, Name: path}
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.PingContext(pingCtx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db: connect: %w", err)
	}
	return d, nil
}
