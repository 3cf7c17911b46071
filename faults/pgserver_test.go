package faults

import (
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
)

// pgServer is a PostgreSQL server of the test's own: initdb into a temp dir, listening on a
// free loopback port, so a test can crash and restart it without touching the machine's server
// that every other test uses.
type pgServer struct {
	t    *testing.T
	bin  string   // directory holding initdb and pg_ctl
	dir  string   // data directory, also the unix socket directory
	port int      // TCP port on 127.0.0.1
	as   []string // prefix running a command as the server's owner (root may not run it)
}

// pgBinDir finds initdb and pg_ctl: on PATH, else in Debian's /usr/lib/postgresql/*/bin.
func pgBinDir() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(matches) == 0 {
		return "", errors.New("pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin")
	}
	return filepath.Dir(matches[len(matches)-1]), nil
}

func startPostgresServer(t *testing.T) *pgServer {
	t.Helper()
	bin, err := pgBinDir()
	dbtest.RequireIntegration(t, "PostgreSQL server binaries", err)
	dir, err := os.MkdirTemp("", "fitcoach-pg-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	s := &pgServer{t: t, bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: the data directory belongs to the postgres user.
		u, err := user.Lookup("postgres")
		require.NoError(t, err, "running as root needs the postgres user to own the server")
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		require.NoError(t, os.Chown(dir, uid, gid))
		s.as = []string{"runuser", "-u", "postgres", "--"}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s.port = l.Addr().(*net.TCPAddr).Port
	l.Close()

	s.run("initdb", "-D", dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
	s.Start()
	t.Cleanup(func() { s.Stop("immediate") })
	return s
}

func (s *pgServer) run(tool string, args ...string) {
	s.t.Helper()
	argv := append(append(append([]string{}, s.as...), filepath.Join(s.bin, tool)), args...)
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	require.NoError(s.t, err, "%s: %s", tool, out)
}

// Start starts the server and waits until it accepts connections.
func (s *pgServer) Start() {
	s.t.Helper()
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c fsync=off", s.port, s.dir)
	s.run("pg_ctl", "start", "-D", s.dir, "-l", filepath.Join(s.dir, "server.log"), "-w", "-t", "60", "-o", opts)
}

// Stop stops the server: mode "fast" is a clean shutdown, "immediate" a crash (recovery from
// the WAL on the next start).
func (s *pgServer) Stop(mode string) {
	s.t.Helper()
	argv := append(append(append([]string{}, s.as...), filepath.Join(s.bin, "pg_ctl")), "stop", "-D", s.dir, "-m", mode, "-w")
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil && s.running() {
		s.t.Fatalf("pg_ctl stop: %v: %s", err, out)
	}
}

func (s *pgServer) running() bool {
	_, err := os.Stat(filepath.Join(s.dir, "postmaster.pid"))
	return err == nil
}

// DSN answers the URL of database name on this server.
func (s *pgServer) DSN(name string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Host: fmt.Sprintf("127.0.0.1:%d", s.port),
		Path: "/" + name, RawQuery: "sslmode=disable"}
	return u.String()
}

// CreateDatabase creates an empty database and answers its DSN.
func (s *pgServer) CreateDatabase(name string) string {
	s.t.Helper()
	d, err := sql.Open("pgx", s.DSN("postgres"))
	require.NoError(s.t, err)
	defer d.Close()
	_, err = d.ExecContext(s.t.Context(), "CREATE DATABASE "+name)
	require.NoError(s.t, err)
	return s.DSN(name)
}
