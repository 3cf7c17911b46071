package deploy_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// The alert rules and the dashboard are checked by promtool (scripts/promtool.sh); these tests
// check what promtool cannot: that they watch metrics the code really exports, and that every
// alert has a unit test that makes it fire.

var (
	// metricDef matches a Prometheus metric definition in Go: Name: "fitcoach_plan_llm_seconds".
	metricDef = regexp.MustCompile(`Name:\s*"([a-z_][a-z0-9_]*)"`)
	// metricRef matches a metric selector in PromQL: a name followed by {labels} or [range].
	metricRef = regexp.MustCompile(`([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]`)
)

// exportedMetrics are the metric names the fitcoach binary's code defines, with the series a
// histogram adds.
func exportedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	dirs, err := binaryModules()
	require.NoError(t, err)
	out := map[string]bool{}
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if skipDir(path) || d.Name() == "ent" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range metricDef.FindAllStringSubmatch(string(src), -1) {
				for _, suffix := range []string{"", "_bucket", "_sum", "_count"} {
					out[m[1]+suffix] = true
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
	require.Contains(t, out, "grpc_server_handled_total", "the scan of metric definitions is broken")
	return out
}

type ruleFile struct {
	Groups []struct {
		Name  string `json:"name"`
		Rules []struct {
			Alert  string `json:"alert"`
			Record string `json:"record"`
			Expr   string `json:"expr"`
		} `json:"rules"`
	} `json:"groups"`
}

func loadRules(t *testing.T) ruleFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "monitoring", "alerts.yml"))
	require.NoError(t, err)
	var rf ruleFile
	require.NoError(t, yaml.Unmarshal(data, &rf))
	require.NotEmpty(t, rf.Groups)
	return rf
}

// requireKnownMetrics fails when expr selects a metric the code does not export (or a
// recording rule does not define).
func requireKnownMetrics(t *testing.T, where, expr string, known map[string]bool) {
	t.Helper()
	refs := metricRef.FindAllStringSubmatch(expr, -1)
	// A recording rule's series is selected by its bare name.
	recorded := slices.ContainsFunc(strings.Fields(expr), func(f string) bool { return strings.Contains(f, ":") && known[f] })
	require.True(t, len(refs) > 0 || recorded, "%s: no metric in %q", where, expr)
	for _, m := range refs {
		require.True(t, known[m[1]], "%s uses %s, which no code exports: %q", where, m[1], expr)
	}
}

func TestAlertRulesUseExportedMetrics(t *testing.T) {
	known := exportedMetrics(t)
	rf := loadRules(t)
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			if r.Record != "" {
				known[r.Record] = true
			}
		}
	}
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			requireKnownMetrics(t, g.Name+"/"+r.Alert+r.Record, r.Expr, known)
		}
	}
}

// TestEveryAlertIsUnitTested checks alerts_test.yml makes each alert fire at least once, so
// promtool test rules proves every alert, not just the ones someone remembered.
func TestEveryAlertIsUnitTested(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "monitoring", "alerts_test.yml"))
	require.NoError(t, err)
	var tf struct {
		Tests []struct {
			AlertRuleTest []struct {
				Alertname string            `json:"alertname"`
				ExpAlerts []json.RawMessage `json:"exp_alerts"`
			} `json:"alert_rule_test"`
		} `json:"tests"`
	}
	require.NoError(t, yaml.Unmarshal(data, &tf))
	fired := map[string]bool{}
	for _, tc := range tf.Tests {
		for _, a := range tc.AlertRuleTest {
			if len(a.ExpAlerts) > 0 {
				fired[a.Alertname] = true
			}
		}
	}
	var alerts []string
	for _, g := range loadRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert != "" {
				alerts = append(alerts, r.Alert)
				require.True(t, fired[r.Alert], "alerts_test.yml never makes %s fire", r.Alert)
			}
		}
	}
	require.NotEmpty(t, alerts)
}

// TestDashboardUsesExportedMetrics checks every panel query of the Grafana dashboard selects
// metrics the code exports, and that the dashboard covers each item of the checklist.
func TestDashboardUsesExportedMetrics(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "monitoring", "grafana-dashboard.json"))
	require.NoError(t, err)
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Type    string `json:"type"`
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	require.NoError(t, json.Unmarshal(data, &dash))
	require.NotEmpty(t, dash.UID)
	known := exportedMetrics(t)
	var titles []string
	for _, p := range dash.Panels {
		if p.Type == "row" {
			continue
		}
		titles = append(titles, p.Title)
		require.NotEmpty(t, p.Targets, "panel %q has no query", p.Title)
		for _, q := range p.Targets {
			requireKnownMetrics(t, "panel "+p.Title, q.Expr, known)
		}
	}
	for _, item := range []string{"AI response time", "Validation errors", "Playlist load time",
		"Start workout: 5xx", "AI client timeouts", "Storage errors"} {
		require.True(t, slices.Contains(titles, item), "the dashboard has no %q panel", item)
	}
}
