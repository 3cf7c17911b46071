package deploy_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
)

// TestMain with -update first adds what the code reads and the files lack, so one command
// (`go test ./deploy -update`) brings docker-compose.yml, .env.example, the Kubernetes ConfigMap
// and the README up to date; the tests then check the result. Credentials are never added to
// the ConfigMap: the k8s test names the secretKeyRef to write by hand.
func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		if err := syncDeployFiles(); err != nil {
			fmt.Fprintln(os.Stderr, "deploy: -update:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

func syncDeployFiles() error {
	vars, _, err := scanCodeVars()
	if err != nil {
		return err
	}
	missing, err := composeMissing(vars)
	if err != nil {
		return err
	}
	if err := addToCompose(missing); err != nil {
		return err
	}
	if err := addToEnvExample(vars, missing); err != nil {
		return err
	}
	return addToConfigEnv(vars)
}

// composeMissing lists, per role, the variables the role reads that its compose service lacks.
func composeMissing(vars map[string]*envVar) (map[string][]string, error) {
	po, err := cli.NewProjectOptions([]string{filepath.Join(repoRoot, "docker-compose.yml")},
		cli.WithWorkingDirectory(repoRoot), cli.WithName("fitcoach"))
	if err != nil {
		return nil, err
	}
	p, err := po.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	missing := map[string][]string{}
	for _, s := range p.Services {
		if len(s.Command) != 2 || s.Command[0] != "serve" {
			continue
		}
		role := s.Command[1]
		for _, v := range sortedVars(vars) {
			if _, ok := s.Environment[v.Name]; !ok && v.readsIn(role) {
				missing[s.Name] = append(missing[s.Name], v.Name)
			}
		}
	}
	return missing, nil
}

// addToCompose appends `NAME: ${NAME:-}` to the environment block of each service that lacks it.
func addToCompose(missing map[string][]string) error {
	path := filepath.Join(repoRoot, "docker-compose.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	for svc, names := range missing {
		start := slices.Index(lines, "  "+svc+":")
		if start < 0 {
			return fmt.Errorf("docker-compose.yml: no service %s", svc)
		}
		env := -1
		for i := start + 1; i < len(lines) && (lines[i] == "" || strings.HasPrefix(lines[i], "    ")); i++ {
			if lines[i] == "    environment:" {
				env = i
				break
			}
		}
		if env < 0 {
			return fmt.Errorf("docker-compose.yml: service %s has no environment block", svc)
		}
		end := env + 1
		for end < len(lines) && strings.HasPrefix(lines[end], "      ") {
			end++
		}
		var add []string
		for _, n := range names {
			add = append(add, fmt.Sprintf("      %s: ${%s:-}", n, n))
		}
		lines = slices.Insert(lines, end, add...)
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

// addToEnvExample adds each newly interpolated variable, empty, to the section of its reader.
func addToEnvExample(vars map[string]*envVar, missing map[string][]string) error {
	path := filepath.Join(repoRoot, ".env.example")
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	seen := map[string]bool{}
	for _, names := range missing {
		for _, n := range names {
			if seen[n] || slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, n+"=") }) {
				continue
			}
			seen[n] = true
			section := "every process"
			if r := vars[n].Readers; len(r) == 1 {
				section = r[0]
			}
			// The last header of the section, then the end of its block (a blank line).
			at := -1
			for i, l := range lines {
				if strings.HasPrefix(l, "# --- "+section) {
					at = i
				}
			}
			if at < 0 {
				return fmt.Errorf(".env.example: no section %q", section)
			}
			for at < len(lines) && strings.TrimSpace(lines[at]) != "" {
				at++
			}
			lines = slices.Insert(lines, at, n+"=")
		}
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

// addToConfigEnv appends each non-secret variable a deployed role reads to base/config.env,
// empty so the code default applies.
func addToConfigEnv(vars map[string]*envVar) error {
	path := filepath.Join(k8sDir, "base", "config.env")
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := strings.TrimRight(string(data), "\n") + "\n"
	for _, v := range sortedVars(vars) {
		if len(v.Readers) == 0 || looksSecret(v.Name) || strings.Contains("\n"+text, "\n"+v.Name+"=") {
			continue
		}
		text += v.Name + "=\n"
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
