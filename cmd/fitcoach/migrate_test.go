package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// migrateCLI runs `fitcoach migrate ARGS` with stdin taken for a terminal or not, as the
// operator's shell would decide.
func migrateCLI(t *testing.T, terminal bool, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := migrateCmd{interactive: func(io.Reader) bool { return terminal }}
	err := c.run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return exitCode("migrate", err, &errOut), out.String(), errOut.String()
}

// migratedPlan brings the plan database at dsn to its latest version holding two profiles
// and one plan, and returns the plan service's migrations, oldest first.
func migratedPlan(t *testing.T, dsn string) []db.Version {
	t.Helper()
	d := dbtest.Open(t, dsn, plan.Migrations())
	fillPlan(t, d)
	r, err := db.NewMigrator(d, plan.Migrations())
	require.NoError(t, err)
	return r.Versions()
}

// fillPlan makes sure the plan database holds two profiles and one plan (and no more).
func fillPlan(t *testing.T, d *db.DB) {
	t.Helper()
	s := store.New(d)
	for _, subject := range []string{"maria", "ivan"} {
		_, err := s.UpsertProfile(t.Context(), subject, &planv1.Profile{Goal: "run", DaysPerWeek: 3, DurationWeeks: 4, SessionMinutes: 30, Locale: "en"})
		require.NoError(t, err)
	}
	// A second call finds the plan by its request id and stores nothing.
	_, _, err := s.CreatePlan(t.Context(), "maria", &planv1.Plan{Id: store.NewPlanID(time.Now()), RequestId: "r1", PlanName: "Four weeks", DurationWeeks: 4, Goal: "run", Locale: "en"})
	require.NoError(t, err)
}

func statusOf(t *testing.T, dsn string) string {
	t.Helper()
	code, out, errOut := migrateCLI(t, false, "", "plan", "status", "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	return out
}

func TestMigrateDownRefuses(t *testing.T) {
	dsn := dbtest.SQLite(t)
	versions := migratedPlan(t, dsn)
	latest := versions[len(versions)-1]
	before := statusOf(t, dsn)
	require.Contains(t, before, fmt.Sprintf("version  %d (%s)", latest.Number, latest.Name))

	tests := []struct {
		name     string
		terminal bool
		stdin    string
		args     []string
		code     int
		stderr   string
		stdout   []string
	}{
		{name: "no N", args: []string{"down"}, code: 2,
			stderr: "down needs how many versions to roll back (down 1), or --all to roll back every version; nothing was changed"},
		{name: "no N even with --yes", args: []string{"down", "--yes"}, code: 2, stderr: "down needs how many versions"},
		{name: "zero", args: []string{"down", "0"}, code: 2, stderr: `N is how many versions to roll back (1 or more), not "0"`},
		{name: "not a number", args: []string{"down", "all"}, code: 2, stderr: `not "all"`},
		{name: "N and --all", args: []string{"down", "1", "--all"}, code: 2, stderr: "not both"},
		{name: "more than applied", args: []string{"down", fmt.Sprint(len(versions) + 1), "--yes"}, code: 1,
			stderr: fmt.Sprintf("%d version(s) applied; cannot roll back %d", len(versions), len(versions)+1)},
		{name: "down 1 without a terminal or --yes", args: []string{"down", "1"}, code: 1,
			stderr: "stdin is not a terminal; once a backup is taken, rerun with --yes",
			stdout: []string{"undo " + latest.Name}},
		{name: "down --all without a terminal or --yes", args: []string{"down", "--all"}, code: 1,
			stderr: "refusing to roll back without confirmation",
			stdout: []string{"undo " + versions[0].Name + " (to version 0)", "3 row(s) in dropped tables are deleted"}},
		{name: "down 1 answered no", terminal: true, stdin: "no\n", args: []string{"down", "1"}, code: 1,
			stdout: []string{"Type yes to continue: ", "Not confirmed; nothing was changed."}},
		{name: "down 1 with no answer", terminal: true, stdin: "", args: []string{"down", "1"}, code: 1,
			stdout: []string{"Not confirmed; nothing was changed."}},
		{name: "down --all answered yes is not the service and database", terminal: true, stdin: "yes\n", args: []string{"down", "--all"}, code: 1,
			stdout: []string{"Type plan@" + filepath.Base(strings.TrimPrefix(dsn, "sqlite://")) + " to continue: ", "Not confirmed"}},
		{name: "--yes is for down only", args: []string{"up", "--yes"}, code: 2, stderr: "for down only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"plan"}, tt.args...)
			code, out, errOut := migrateCLI(t, tt.terminal, tt.stdin, append(args, "--database-url", dsn)...)
			require.Equal(t, tt.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			require.Contains(t, errOut, tt.stderr)
			for _, s := range tt.stdout {
				require.Contains(t, out, s)
			}
			require.Equal(t, before, statusOf(t, dsn), "nothing was rolled back")
		})
	}

	// Through the real entry point too: a test binary's stdin is no terminal.
	code, _, errOut := runCLI(t, "", "migrate", "plan", "down", "--database-url", dsn)
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "fitcoach migrate: down needs how many versions")
	code, _, errOut = runCLI(t, "yes\n", "migrate", "plan", "down", "1", "--database-url", dsn)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "stdin is not a terminal")
	require.Equal(t, before, statusOf(t, dsn))
}

func TestMigrateDown(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			dsn := b.Open(t)
			versions := migratedPlan(t, dsn)
			latest := versions[len(versions)-1]
			prev := "0 (none)"
			if len(versions) > 1 {
				p := versions[len(versions)-2]
				prev = fmt.Sprintf("%d (%s)", p.Number, p.Name)
			}
			d, err := db.Open(t.Context(), dsn)
			require.NoError(t, err)
			defer d.Close()

			// down 1 at a terminal: the plan with its counts, the question, then the rollback.
			code, out, errOut := migrateCLI(t, true, "yes\n", "plan", "down", "1", "--database-url", dsn)
			require.Equal(t, 0, code, errOut)
			head := fmt.Sprintf("plan on %s: roll back 1 version(s), %d (%s) -> %s\n  undo %s (to version", where(d), latest.Number, latest.Name, prev, latest.Name)
			require.True(t, strings.HasPrefix(out, head), out)
			require.Regexp(t, `(?m)^    (drops|changes) (table|no table)`, out, "what the version's down does is shown")
			ask := strings.Index(out, "Type yes to continue: ")
			require.Positive(t, ask, "asked after the plan")
			require.Contains(t, out[ask:], "plan: rolled back to version "+prev+"\n")
			st := statusOf(t, dsn)
			require.Contains(t, st, "version  "+prev)
			require.Contains(t, st, "pending  "+latest.Name+"\n")

			code, out, errOut = migrateCLI(t, false, "", "plan", "up", "--database-url", dsn)
			require.Equal(t, 0, code, errOut)
			require.Equal(t, fmt.Sprintf("plan: up at version %d\n", latest.Number), out)

			// down --all: every table of the first version is dropped, with its rows counted
			// first, and only the service and database typed back goes ahead. (down 1 may
			// have dropped the tables the rows were in.)
			fillPlan(t, d)
			confirm := "plan@" + dbLabel(d)
			code, out, errOut = migrateCLI(t, true, confirm+"\n", "plan", "down", "--all", "--database-url", dsn)
			require.Equal(t, 0, code, errOut)
			require.Contains(t, out, fmt.Sprintf("roll back %d version(s)", len(versions)))
			require.Regexp(t, `drops table    profiles\s+2 rows`, out)
			require.Regexp(t, `drops table    plans\s+1 rows`, out)
			require.Regexp(t, `drops table    workout_logs\s+0 rows`, out)
			require.Contains(t, out, "3 row(s) in dropped tables are deleted; only a backup brings them back.")
			require.Less(t, strings.Index(out, "deleted"), strings.Index(out, "Type "+confirm+" to continue: "))
			require.Contains(t, out, "plan: rolled back to version 0 (none)\n")
			require.Contains(t, statusOf(t, dsn), "version  0 (none)")

			code, out, _ = migrateCLI(t, false, "", "plan", "down", "--all", "--database-url", dsn)
			require.Equal(t, 0, code)
			require.Contains(t, out, "no version applied; nothing to roll back")

			// --yes for scripts: no question.
			code, _, errOut = migrateCLI(t, false, "", "plan", "up", "--database-url", dsn)
			require.Equal(t, 0, code, errOut)
			code, out, errOut = migrateCLI(t, false, "", "plan", "down", "1", "--yes", "--database-url", dsn)
			require.Equal(t, 0, code, errOut)
			require.NotContains(t, out, "continue")
			require.Contains(t, out, "plan: rolled back to version "+prev)
		})
	}
}

func TestMigrateStatusDirtyAndForce(t *testing.T) {
	dsn := dbtest.SQLite(t)
	d, err := db.Open(t.Context(), dsn)
	require.NoError(t, err)
	defer d.Close()
	r, err := db.NewMigrator(d, plan.Migrations())
	require.NoError(t, err)
	versions := r.Versions()
	latest := versions[len(versions)-1]
	var names []string
	for _, v := range versions {
		names = append(names, v.Name)
	}

	st := statusOf(t, dsn)
	require.Contains(t, st, "plan on sqlite file "+strings.TrimPrefix(dsn, "sqlite://")+"\n")
	require.Contains(t, st, "  version  0 (none)\n  dirty    no\n  applied  none\n  pending  "+strings.Join(names, ", ")+"\n")

	code, _, errOut := migrateCLI(t, false, "", "plan", "up", "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	st = statusOf(t, dsn)
	require.Contains(t, st, fmt.Sprintf("  version  %d (%s)\n  dirty    no\n  applied  %s\n  pending  none\n", latest.Number, latest.Name, strings.Join(names, ", ")))

	// What golang-migrate leaves behind when a migration fails part way.
	_, err = d.ExecContext(t.Context(), "UPDATE schema_migrations_plan SET dirty = true")
	require.NoError(t, err)

	code, out, _ := migrateCLI(t, false, "", "plan", "status", "--database-url", dsn)
	require.Equal(t, 1, code, "a dirty database fails status, for scripts")
	require.Contains(t, out, fmt.Sprintf("dirty    YES: a migration to version %d failed part way", latest.Number))
	require.Contains(t, out, fmt.Sprintf("fitcoach migrate plan force %d   # the schema is as version %d (%s) leaves it", latest.Number, latest.Number, latest.Name))

	for _, args := range [][]string{{"up"}, {"down", "1", "--yes"}} {
		code, _, errOut = migrateCLI(t, false, "", append(append([]string{"plan"}, args...), "--database-url", dsn)...)
		require.Equal(t, 1, code, args)
		require.Contains(t, errOut, fmt.Sprintf("plan is dirty at version %d", latest.Number))
		require.Contains(t, errOut, "fitcoach migrate plan force VERSION")
	}

	code, _, errOut = migrateCLI(t, false, "", "plan", "force", "999", "--database-url", dsn)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "plan has no version 999")
	code, _, errOut = migrateCLI(t, false, "", "plan", "force", "latest", "--database-url", dsn)
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `a version number (0 for none), not "latest"`)

	code, out, errOut = migrateCLI(t, false, "", "plan", "force", fmt.Sprint(latest.Number), "--database-url", dsn)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, fmt.Sprintf("plan: version %d (%s) recorded as applied and clean", latest.Number, latest.Name))
	require.Contains(t, statusOf(t, dsn), "dirty    no")
}
