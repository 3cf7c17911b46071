// Command fitcoach is the operator CLI and composition root of fitcoach: it runs the whole
// product in one process (dev), one service per process (serve), and the ops tools.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// usageError marks a bad command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitError carries an exit status without an extra message (the command printed its own).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

const usage = `fitcoach: an AI fitness coach backend

Usage:
  fitcoach dev [--data-dir DIR] [--http-addr ADDR] [--grpc-addr ADDR]
  fitcoach serve catalog|video|plan|gateway [--grpc-addr ADDR | --http-addr ADDR]
  fitcoach migrate catalog|video|plan status|up|force VERSION
  fitcoach migrate catalog|video|plan down N|--all [--yes]
  fitcoach token --sub ID [--admin] [--ttl 24h] [--data-dir DIR]
  fitcoach validate-plan [FILE|-]
  fitcoach import exercises FILE.csv|FILE.json [--addr ADDR]
  fitcoach coverage [--json] [--addr ADDR]
  fitcoach evaluate-plan [--verbose]
  fitcoach evaluate-loop [--verbose]
  fitcoach cache invalidate [--addr ADDR]
  fitcoach healthcheck grpc ADDR [SERVICE] | healthcheck http URL

Run 'fitcoach COMMAND -h' for a command's flags.
`

type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error

func commands() map[string]command {
	return map[string]command{
		"dev":           runDev,
		"serve":         runServe,
		"migrate":       migrateCmd{interactive: stdinIsTerminal}.run,
		"token":         runToken,
		"validate-plan": runValidatePlan,
		"evaluate-plan": runEvaluatePlan,
		"evaluate-loop": runEvaluateLoop,
		"import":        runImport,
		"coverage":      runCoverage,
		"cache":         runCache,
		"healthcheck":   runHealthcheck,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "fitcoach: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return exitCode(args[0], cmd(ctx, args[1:], stdin, stdout, stderr), stderr)
}

// exitCode reports a command's error on stderr and returns the process's exit status.
func exitCode(name string, err error, stderr io.Writer) int {
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "fitcoach %s: %s\n", name, ue.msg)
		return 2
	default:
		fmt.Fprintf(stderr, "fitcoach %s: %v\n", name, err)
		return 1
	}
}
