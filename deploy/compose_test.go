package deploy_test

import (
	"bufio"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"
)

// loadCompose parses and validates docker-compose.yml as `docker compose` does, with the given
// environment files (none: what `docker compose up` sees on a fresh clone) and without the
// process environment, so the result does not depend on the machine.
func loadCompose(t *testing.T, envFiles ...string) *types.Project {
	t.Helper()
	opts := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(repoRoot), cli.WithName("fitcoach")}
	if len(envFiles) > 0 {
		opts = append(opts, cli.WithEnvFiles(envFiles...), cli.WithDotEnv)
	}
	po, err := cli.NewProjectOptions([]string{filepath.Join(repoRoot, "docker-compose.yml")}, opts...)
	require.NoError(t, err)
	p, err := po.LoadProject(t.Context())
	require.NoError(t, err)
	return p
}

// composeRoles finds the service running each role by its command (`serve <role>`).
func composeRoles(t *testing.T, p *types.Project) map[string]types.ServiceConfig {
	t.Helper()
	out := map[string]types.ServiceConfig{}
	for _, s := range p.Services {
		if len(s.Command) == 2 && s.Command[0] == "serve" {
			_, dup := out[s.Command[1]]
			require.False(t, dup, "two compose services serve %s", s.Command[1])
			out[s.Command[1]] = s
		}
	}
	for _, r := range roles {
		require.Contains(t, out, r, "no compose service runs `serve %s`", r)
	}
	return out
}

func envValue(s types.ServiceConfig, name string) (string, bool) {
	v, ok := s.Environment[name]
	if !ok || v == nil {
		return "", ok
	}
	return *v, true
}

func TestComposeValidates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		envFiles []string
	}{
		{name: "fresh clone"},
		{name: "with .env.example", envFiles: []string{filepath.Join(repoRoot, ".env.example")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := loadCompose(t, tc.envFiles...)
			composeRoles(t, p)
		})
	}
}

// TestComposeServicesAreHealthChecked: every long-running container has a healthcheck, and the
// fitcoach ones probe their own listener with `fitcoach healthcheck` (the image has no shell).
func TestComposeServicesAreHealthChecked(t *testing.T) {
	p := loadCompose(t)
	for _, s := range p.Services {
		t.Run(s.Name, func(t *testing.T) {
			if s.Restart == "no" {
				return // one-shot: migrations and bucket creation run to completion instead
			}
			require.NotNil(t, s.HealthCheck, "%s has no healthcheck", s.Name)
			require.False(t, s.HealthCheck.Disable)
			require.NotEmpty(t, s.HealthCheck.Test)
		})
	}
	for role, s := range composeRoles(t, p) {
		t.Run("probe "+role, func(t *testing.T) {
			test := []string(s.HealthCheck.Test)
			require.GreaterOrEqual(t, len(test), 5)
			require.Equal(t, []string{"CMD", "/usr/local/bin/fitcoach", "healthcheck"}, test[:3])
			if role == "gateway" {
				addr, _ := envValue(s, "FITCOACH_HTTP_ADDR")
				_, port, err := net.SplitHostPort(addr)
				require.NoError(t, err)
				require.Equal(t, "http", test[3])
				require.Equal(t, "http://127.0.0.1:"+port+"/readyz", test[4])
				return
			}
			addr, _ := envValue(s, "FITCOACH_GRPC_ADDR")
			_, port, err := net.SplitHostPort(addr)
			require.NoError(t, err)
			require.Equal(t, []string{"grpc", "127.0.0.1:" + port}, test[3:5])
		})
	}
}

// TestComposeEnvCoversConfig: each role's container sets every variable its code reads, so
// .env can override any of them and nothing is silently left to a laptop default.
func TestComposeEnvCoversConfig(t *testing.T) {
	p := loadCompose(t)
	for role, s := range composeRoles(t, p) {
		t.Run(role, func(t *testing.T) {
			for _, v := range roleVars(t, role) {
				_, ok := s.Environment[v.Name]
				require.True(t, ok, "compose service %q does not set %s, which %s reads (declared at %v): go test ./deploy -update adds it to docker-compose.yml and .env.example",
					s.Name, v.Name, role, v.Sources)
			}
			for name := range s.Environment {
				_, ok := codeVars(t)[name]
				require.True(t, ok, "compose service %q sets %s, which no code reads", s.Name, name)
			}
		})
	}
}

// TestComposeWiring: services listen on all interfaces, dial each other by service name, own
// distinct databases that the init script creates, and start after their migrations.
func TestComposeWiring(t *testing.T) {
	p := loadCompose(t)
	byRole := composeRoles(t, p)
	initSQL, err := os.ReadFile(filepath.Join(repoRoot, "deploy/compose/postgres-init.sql"))
	require.NoError(t, err)

	for role, s := range byRole {
		t.Run(role, func(t *testing.T) {
			require.NotNil(t, s.Build, "%s must build the fitcoach image", role)
			require.Equal(t, "deploy/Dockerfile", s.Build.Dockerfile)
			listen := "FITCOACH_GRPC_ADDR"
			if role == "gateway" {
				listen = "FITCOACH_HTTP_ADDR"
			}
			addr, _ := envValue(s, listen)
			host, _, err := net.SplitHostPort(addr)
			require.NoError(t, err)
			require.Equal(t, "0.0.0.0", host, "%s must listen on every interface in a container", listen)

			for _, target := range services {
				name := strings.ToUpper(target) + "_ADDR"
				val, ok := envValue(s, name)
				if !ok {
					continue
				}
				want, _ := envValue(byRole[target], "FITCOACH_GRPC_ADDR")
				_, port, _ := net.SplitHostPort(want)
				require.Equal(t, byRole[target].Name+":"+port, val, "%s of %s", name, role)
			}

			if !slices.Contains(services, role) {
				return
			}
			dsn, _ := envValue(s, "DATABASE_URL")
			u, err := url.Parse(dsn)
			require.NoError(t, err)
			require.Equal(t, "postgres", u.Scheme)
			require.Equal(t, "/"+role, u.Path, "each service owns the database named after it")
			require.Contains(t, string(initSQL), "CREATE DATABASE "+role+" OWNER "+role+";")

			mig, ok := p.Services["migrate-"+role]
			require.True(t, ok, "no migrate-%s one-shot", role)
			require.Equal(t, types.ShellCommand{"migrate", role, "up"}, mig.Command)
			require.Equal(t, "no", mig.Restart)
			migDSN, _ := envValue(mig, "DATABASE_URL")
			require.Equal(t, dsn, migDSN, "migrations must run against the service's own database")
			require.Equal(t, types.ServiceConditionCompletedSuccessfully, s.DependsOn["migrate-"+role].Condition,
				"%s must start after its migrations", role)
		})
	}
	// The S3 stand-in, its bucket one-shot and the video service agree on bucket and credentials.
	vid, bucket, s3 := byRole["video"], p.Services["s3-bucket"], p.Services["s3"]
	for _, pair := range [][3]string{
		{"R2_BUCKET", "s3-bucket", "R2_BUCKET"},
		{"AWS_ACCESS_KEY_ID", "s3", "ROOT_ACCESS_KEY_ID"},
		{"AWS_SECRET_ACCESS_KEY", "s3", "ROOT_SECRET_ACCESS_KEY"},
	} {
		want, _ := envValue(vid, pair[0])
		other := map[string]types.ServiceConfig{"s3": s3, "s3-bucket": bucket}[pair[1]]
		got, _ := envValue(other, pair[2])
		require.Equal(t, want, got, "video's %s must match %s's %s", pair[0], pair[1], pair[2])
	}
	require.Equal(t, types.ServiceConditionCompletedSuccessfully, vid.DependsOn["s3-bucket"].Condition,
		"video starts once its bucket exists")

	for _, target := range services {
		require.Equal(t, types.ServiceConditionHealthy, byRole["gateway"].DependsOn[byRole[target].Name].Condition,
			"the gateway starts once %s is healthy", target)
	}
}

var interpolationRE = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?\}`)

// TestEnvExampleDocumentsCompose: .env.example lists exactly the variables docker-compose.yml
// takes from the environment, and shows either nothing, the compose fallback or the code default.
func TestEnvExampleDocumentsCompose(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repoRoot, "docker-compose.yml"))
	require.NoError(t, err)
	fallback := map[string]string{}
	for line := range strings.Lines(strings.ReplaceAll(string(raw), "$$", "")) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, m := range interpolationRE.FindAllStringSubmatch(line, -1) {
			fallback[m[1]] = strings.TrimLeft(m[2], ":-")
		}
	}

	f, err := os.Open(filepath.Join(repoRoot, ".env.example"))
	require.NoError(t, err)
	defer f.Close()
	example := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		require.True(t, ok, ".env.example: %q is not KEY=VALUE", line)
		example[k] = v
	}
	require.NoError(t, sc.Err())

	for name := range fallback {
		require.Contains(t, example, name, ".env.example does not document %s, which docker-compose.yml reads", name)
	}
	vars := codeVars(t)
	for name, val := range example {
		fb, ok := fallback[name]
		require.True(t, ok, ".env.example sets %s, which docker-compose.yml never reads", name)
		if val == "" || val == fb {
			continue
		}
		v, known := vars[name]
		require.True(t, known && slices.Contains(v.Defaults, val),
			".env.example shows %s=%s, which is neither the compose fallback %q nor the code default", name, val, fb)
	}
}
