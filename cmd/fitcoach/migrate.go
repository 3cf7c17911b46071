package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/video"
)

const migrateUsage = "want: migrate catalog|video|plan status | up | down N | down --all | force VERSION"

// migrateCmd is `fitcoach migrate`. A rollback is confirmed by a person at a terminal or by
// --yes; interactive says whether stdin is such a terminal (tests answer for it).
type migrateCmd struct {
	interactive func(stdin io.Reader) bool
}

// stdinIsTerminal reports whether stdin is an interactive terminal.
func stdinIsTerminal(stdin io.Reader) bool {
	f, ok := stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func serviceMigrations(name string) (db.Migrations, error) {
	switch name {
	case "catalog":
		return catalog.Migrations(), nil
	case "video":
		return video.Migrations(), nil
	case "plan":
		return plan.Migrations(), nil
	}
	return db.Migrations{}, usagef("unknown service %q", name)
}

// run shows (status), applies (up), rolls back (down) or records (force) one service's
// migrations on DATABASE_URL.
func (c migrateCmd) run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", stderr)
	dsn := fs.String("database-url", os.Getenv("DATABASE_URL"), "the service's database (env DATABASE_URL)")
	all := fs.Bool("all", false, "down: roll back every applied version (drops every table of the service)")
	yes := fs.Bool("yes", false, "down: do not ask (for scripts; take a backup first)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return usagef(migrateUsage)
	}
	service, action, rest := fs.Arg(0), fs.Arg(1), fs.Args()[2:]
	m, err := serviceMigrations(service)
	if err != nil {
		return err
	}
	steps, version := 0, uint(0)
	switch action {
	case "status", "up":
		if len(rest) > 0 {
			return usagef("%s takes no argument, not %q", action, rest[0])
		}
	case "down":
		switch {
		case len(rest) == 0 && !*all:
			return usagef("down needs how many versions to roll back (down 1), or --all to roll back every version; nothing was changed")
		case len(rest) > 0 && *all:
			return usagef("down takes a number of versions or --all, not both")
		case len(rest) > 1:
			return usagef("down takes one number of versions, not %q", strings.Join(rest, " "))
		case len(rest) == 1:
			if steps, err = strconv.Atoi(rest[0]); err != nil || steps < 1 {
				return usagef("down N: N is how many versions to roll back (1 or more), not %q", rest[0])
			}
		}
	case "force":
		if len(rest) != 1 {
			return usagef("want: migrate %s force VERSION", service)
		}
		v, err := strconv.ParseUint(rest[0], 10, 0)
		if err != nil {
			return usagef("force VERSION: a version number (0 for none), not %q", rest[0])
		}
		version = uint(v)
	default:
		return usagef("unknown action %q: %s", action, migrateUsage)
	}
	if (*all || *yes) && action != "down" {
		return usagef("--all and --yes are for down only")
	}
	if *dsn == "" {
		return usagef("DATABASE_URL (or --database-url) is required")
	}

	d, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	r, err := db.NewMigrator(d, m)
	if err != nil {
		return err
	}
	switch action {
	case "status":
		st, err := r.Status(ctx)
		if err != nil {
			return err
		}
		printStatus(stdout, service, d, r, st)
		if st.Dirty {
			return exitError{1}
		}
		return nil
	case "up":
		v, err := r.Up(ctx)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s: up at version %d\n", service, v)
		return err
	case "force":
		if err := r.Force(version); err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s: version %s recorded as applied and clean on %s; no SQL was run\n", service, versionName(r, version), where(d))
		return err
	}
	return c.down(ctx, r, d, service, steps, *all, *yes, stdin, stdout)
}

// down shows what rolling back would do, asks for it, and does it.
func (c migrateCmd) down(ctx context.Context, r *db.Migrator, d *db.DB, service string, steps int, all, yes bool, stdin io.Reader, stdout io.Writer) error {
	if all {
		st, err := r.Status(ctx)
		if err != nil {
			return err
		}
		if len(st.Applied) == 0 && !st.Dirty && st.Known {
			_, err := fmt.Fprintf(stdout, "%s on %s: no version applied; nothing to roll back\n", service, where(d))
			return err
		}
		steps = len(st.Applied)
	}
	p, err := r.PlanDown(ctx, steps)
	if err != nil {
		return err
	}
	printPlan(stdout, d, r, p)

	if !yes {
		if !c.interactive(stdin) {
			return errors.New("refusing to roll back without confirmation: stdin is not a terminal; once a backup is taken, rerun with --yes")
		}
		want := "yes"
		prompt := fmt.Sprintf("Roll back %s on %s by %d version(s)? Type yes to continue: ", service, where(d), len(p.Steps))
		if all {
			want = service + "@" + dbLabel(d)
			prompt = fmt.Sprintf("This rolls back every version of %s and drops all its tables.\nType %s to continue: ", service, want)
		}
		fmt.Fprint(stdout, prompt)
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if strings.TrimSpace(answer) != want {
			fmt.Fprintln(stdout, "Not confirmed; nothing was changed.")
			return exitError{1}
		}
	}
	v, err := r.Rollback(ctx, p)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s: rolled back to version %s\n", service, versionName(r, v))
	return err
}

func printPlan(w io.Writer, d *db.DB, r *db.Migrator, p db.DownPlan) {
	fmt.Fprintf(w, "%s on %s: roll back %d version(s), %s -> %s\n", p.Service, where(d), len(p.Steps), versionName(r, p.From), versionName(r, p.To()))
	var lost int64
	for _, s := range p.Steps {
		fmt.Fprintf(w, "  undo %s (to version %d)\n", s.Version.Name, s.To)
		if len(s.Drops) == 0 && len(s.Touches) == 0 {
			fmt.Fprintln(w, "    changes no table")
		}
		for _, t := range s.Drops {
			fmt.Fprintf(w, "    drops table    %-24s %s\n", t.Table, rows(t))
			lost += t.Rows
		}
		for _, t := range s.Touches {
			fmt.Fprintf(w, "    changes table  %-24s %s\n", t.Table, rows(t))
		}
	}
	if lost > 0 {
		fmt.Fprintf(w, "%d row(s) in dropped tables are deleted; only a backup brings them back.\n", lost)
	}
}

func rows(t db.TableRows) string {
	if !t.Exists {
		return "(not there yet: an earlier step creates it)"
	}
	return fmt.Sprintf("%d rows", t.Rows)
}

func printStatus(w io.Writer, service string, d *db.DB, r *db.Migrator, st db.Status) {
	fmt.Fprintf(w, "%s on %s\n", service, where(d))
	version := versionName(r, st.Version)
	if !st.Known {
		version += " — not in this build: a newer release migrated it"
	}
	fmt.Fprintf(w, "  version  %s\n", version)
	if !st.Dirty {
		fmt.Fprintln(w, "  dirty    no")
	} else {
		prev := uint(0)
		for _, v := range st.Applied {
			if v.Number < st.Version {
				prev = v.Number
			}
		}
		fmt.Fprintf(w, "  dirty    YES: a migration to version %d failed part way, and the schema may be half changed.\n", st.Version)
		fmt.Fprintln(w, "           Nothing migrates until the schema is repaired by hand and the version it matches is recorded:")
		fmt.Fprintf(w, "             fitcoach migrate %s force %d   # the schema is as version %s leaves it\n", service, st.Version, versionName(r, st.Version))
		switch {
		case prev == st.Version:
		case prev == 0:
			fmt.Fprintf(w, "             fitcoach migrate %s force 0   # the schema is as before any migration\n", service)
		default:
			fmt.Fprintf(w, "             fitcoach migrate %s force %d   # the schema is as version %s leaves it\n", service, prev, versionName(r, prev))
		}
	}
	names := func(vs []db.Version) string {
		if len(vs) == 0 {
			return "none"
		}
		var out []string
		for _, v := range vs {
			out = append(out, v.Name)
		}
		return strings.Join(out, ", ")
	}
	fmt.Fprintf(w, "  applied  %s\n", names(st.Applied))
	fmt.Fprintf(w, "  pending  %s\n", names(st.Pending))
}

// versionName is "2 (0002_color)", or "0 (none)".
func versionName(r *db.Migrator, v uint) string {
	if v == 0 {
		return "0 (none)"
	}
	for _, x := range r.Versions() {
		if x.Number == v {
			return fmt.Sprintf("%d (%s)", v, x.Name)
		}
	}
	return strconv.FormatUint(uint64(v), 10)
}

// where names the database for people: "postgres database fitcoach_plan".
func where(d *db.DB) string {
	if d.Dialect == db.Postgres {
		return "postgres database " + d.Name
	}
	return "sqlite file " + d.Name
}

// dbLabel is the database's short name, typed to confirm a full rollback.
func dbLabel(d *db.DB) string {
	if d.Dialect == db.Postgres {
		return d.Name
	}
	return filepath.Base(d.Name)
}
