package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

// newFlags returns a flag set that reports errors as usage errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("fitcoach "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses flags placed anywhere among the arguments (`migrate catalog up --database-url
// X` as well as `migrate --database-url X catalog up`); the positional ones are left in fs.Args().
func parseFlags(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return exitError{0}
			}
			return usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			positional = append(positional, args[1:]...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	// Parse once more with only the positional arguments so fs.Args() reports them.
	return fs.Parse(append([]string{"--"}, positional...))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// signer returns the HS256 signer of the data dir (or FITCOACH_JWT_SECRET).
func signer(dataDir string) (*auth.HS256, error) {
	secret, err := auth.LoadOrCreateSecret(os.Getenv("FITCOACH_JWT_SECRET"), dataDir)
	if err != nil {
		return nil, err
	}
	return auth.NewHS256(secret)
}

func runToken(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("token", stderr)
	sub := fs.String("sub", "", "the person (JWT subject) the token is for")
	admin := fs.Bool("admin", false, "grant the admin role")
	ttl := fs.Duration("ttl", 24*time.Hour, "how long the token is valid")
	dataDir := fs.String("data-dir", envOr("FITCOACH_DATA_DIR", "./data"), "where jwt.secret lives")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *sub == "" {
		return usagef("--sub is required")
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	s, err := signer(*dataDir)
	if err != nil {
		return err
	}
	var roles []string
	if *admin {
		roles = []string{auth.RoleAdmin}
	}
	tok, err := s.Mint(*sub, roles, *ttl)
	if err != nil {
		return usageError{err.Error()}
	}
	_, err = fmt.Fprintln(stdout, tok)
	return err
}
