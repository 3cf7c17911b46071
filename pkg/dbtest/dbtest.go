// Package dbtest gives tests real databases: a fresh SQLite file, and a fresh PostgreSQL
// database on the local server, dropped when the test ends.
//
// PostgreSQL is found at FITCOACH_TEST_POSTGRES (default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). When it cannot be reached the
// test is skipped, except under CI=true, where it fails: integration tests never skip silently
// in CI.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/fitcoach/fitcoach/pkg/db"
)

// DefaultPostgres is the admin DSN used when FITCOACH_TEST_POSTGRES is unset.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Backend names a database a conformance suite runs against.
type Backend struct {
	Name string
	// Open returns a DSN for a fresh, empty database owned by the test.
	Open func(t testing.TB) string
}

// Backends are SQLite and PostgreSQL, for suites that must pass on both.
var Backends = []Backend{
	{Name: "sqlite", Open: SQLite},
	{Name: "postgres", Open: Postgres},
}

// SQLite returns the DSN of a new SQLite file in the test's temp dir.
func SQLite(t testing.TB) string {
	t.Helper()
	return "sqlite://" + filepath.Join(t.TempDir(), "test.db")
}

// RequireIntegration skips the test when dependencies are missing outside CI, and fails it in CI.
func RequireIntegration(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI: %v", what, err)
	}
	t.Skipf("%s not reachable (set CI=true to fail instead): %v", what, err)
}

// Postgres creates a uniquely named database on the local server and returns its DSN; the
// database is dropped when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("FITCOACH_TEST_POSTGRES")
	if admin == "" {
		admin = DefaultPostgres
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	adb, err := sql.Open("pgx", admin)
	if err == nil {
		err = adb.PingContext(ctx)
	}
	RequireIntegration(t, "PostgreSQL", err)

	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "fitcoach_test_" + hex.EncodeToString(b)
	if _, err := adb.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		adb.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := adb.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
		adb.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", admin, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open opens the database at dsn and applies migrations, closing it when the test ends.
func Open(t testing.TB, dsn string, m db.Migrations) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := db.Migrate(d, m, db.Up); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return d
}
