package deploy_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "bring the README reference, docker-compose.yml, .env.example and the ConfigMap up to date with the code")

const (
	configStart = "<!-- config:start -->"
	configEnd   = "<!-- config:end -->"
)

// configIntro is the fixed text of the README section; the table after it is generated.
const configIntro = `Every setting is an environment variable, read into a tagged Config struct (` + "`pkg/config`" + `).
An empty value is the same as unset: the default applies. ` + "`fitcoach dev`" + ` needs none of them.

Where they are set:

- **docker compose**: ` + "`docker-compose.yml`" + ` sets what each container needs; override anything
  in ` + "`.env`" + ` (start from ` + "`.env.example`" + `). ` + "`docker compose up`" + ` builds the image,
  creates the three databases, runs the migrations, loads the starter data and serves the API on
  http://127.0.0.1:8080. Mint a token with ` + "`docker compose run --rm --no-deps gateway token --sub demo`" + `.
- **Kubernetes** (` + "`deploy/k8s`" + `): non-secret settings in the ` + "`fitcoach-config`" + ` ConfigMap
  (` + "`base/config.env`" + `, merged with the overlay's); secrets from the Secrets ` + "`fitcoach-secrets`" + `
  and ` + "`fitcoach-<service>-db`" + ` (key ` + "`DATABASE_URL`" + `), created before applying
  (` + "`kubectl apply -k deploy/k8s/overlays/production`" + `). Pods carry ` + "`prometheus.io/*`" + ` scrape
  annotations: the gateway on its HTTP port, the services on ` + "`FITCOACH_METRICS_ADDR`" + ` (` + "`:9100`" + `),
  which the NetworkPolicies open to the namespace named ` + "`monitoring`" + ` only.
- **Render** (` + "`deploy/render.yaml`" + `): wired from the managed databases, Key Value and the private
  services; secrets are prompted on the first sync.

"Read by" names the processes (` + "`fitcoach serve <role>`" + `) that read a setting; ` + "`dev`" + ` means
` + "`fitcoach dev`" + ` does too, and ` + "`cli`" + ` the operator commands (` + "`import`" + `, ` + "`coverage`" + `, …).
` + "`deploy/readme_test.go`" + ` generates this table from the code and fails when a variable, default
or reader drifts; ` + "`go test ./deploy -update`" + ` rewrites it and adds new variables to
docker-compose.yml, .env.example and the ConfigMap.
`

// configTable renders the reference table of every variable the code reads.
func configTable(t *testing.T) string {
	var b strings.Builder
	b.WriteString("| Variable | Default | Read by | Meaning |\n|---|---|---|---|\n")
	for _, v := range sortedVars(codeVars(t)) {
		readers := append(slices.Clip(v.Readers), v.Local...)
		def := ""
		if d := v.defaultValue(); d != "" {
			def = "`" + d + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", v.Name, def, strings.Join(readers, ", "), mdEscape(v.Usage))
	}
	return b.String()
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "\n", " ").Replace(strings.TrimSpace(s))
}

// TestREADMEConfiguration checks that the README's configuration reference lists every
// variable the code reads, with its default and readers, and nothing else.
func TestREADMEConfiguration(t *testing.T) {
	path := filepath.Join(repoRoot, "README.md")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	readme := string(data)
	want := "\n" + configIntro + "\n" + configTable(t)

	start := strings.Index(readme, configStart)
	end := strings.Index(readme, configEnd)
	if *update {
		if start < 0 || end < start {
			readme = strings.TrimRight(readme, "\n") + "\n\n## Configuration\n\n" + configStart + want + configEnd + "\n"
		} else {
			readme = readme[:start+len(configStart)] + want + readme[end:]
		}
		require.NoError(t, os.WriteFile(path, []byte(readme), 0o644))
		return
	}
	require.True(t, start >= 0 && end > start, "README.md has no %s … %s section; run go test ./deploy -update", configStart, configEnd)
	// Names, defaults and readers must match the code exactly; the wording of the meaning may
	// lag (a reworded usage string should not fail the build), -update refreshes it.
	got := tableRows(readme[start+len(configStart) : end])
	wantRows := tableRows(want)
	for name, row := range wantRows {
		gotRow, ok := got[name]
		require.True(t, ok, "README misses %s; run go test ./deploy -update", name)
		require.Equal(t, row[:2], gotRow[:2], "README row of %s (default, read by) is stale; run go test ./deploy -update", name)
	}
	for name := range got {
		require.Contains(t, wantRows, name, "README documents %s, which no code reads; run go test ./deploy -update", name)
	}
}

// tableRows maps each variable of a reference table to its other cells.
func tableRows(section string) map[string][]string {
	rows := map[string][]string{}
	for line := range strings.Lines(section) {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), " | ")
		if len(cells) < 4 {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[strings.Trim(cells[0], "`")] = cells[1:]
	}
	return rows
}
