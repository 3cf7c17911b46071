package deploy_test

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// The Render Blueprint fields fitcoach uses (https://render.com/docs/blueprint-spec). Decoding is
// strict, so a misspelt field fails here instead of being ignored by Render.
type renderBlueprint struct {
	Services     []renderService  `json:"services"`
	Databases    []renderDatabase `json:"databases"`
	EnvVarGroups []renderEnvGroup `json:"envVarGroups"`
}

type renderService struct {
	Type             string          `json:"type"`
	Name             string          `json:"name"`
	Runtime          string          `json:"runtime,omitempty"`
	Plan             string          `json:"plan,omitempty"`
	Region           string          `json:"region,omitempty"`
	DockerfilePath   string          `json:"dockerfilePath,omitempty"`
	DockerContext    string          `json:"dockerContext,omitempty"`
	DockerCommand    string          `json:"dockerCommand,omitempty"`
	PreDeployCommand string          `json:"preDeployCommand,omitempty"`
	HealthCheckPath  string          `json:"healthCheckPath,omitempty"`
	NumInstances     int             `json:"numInstances,omitempty"`
	MaxmemoryPolicy  string          `json:"maxmemoryPolicy,omitempty"`
	IPAllowList      []renderAllowIP `json:"ipAllowList,omitempty"`
	EnvVars          []renderEnvVar  `json:"envVars,omitempty"`
}

type renderDatabase struct {
	Name         string          `json:"name"`
	DatabaseName string          `json:"databaseName"`
	User         string          `json:"user"`
	Plan         string          `json:"plan,omitempty"`
	Region       string          `json:"region,omitempty"`
	IPAllowList  []renderAllowIP `json:"ipAllowList,omitempty"`
}

type renderAllowIP struct {
	Source      string `json:"source"`
	Description string `json:"description,omitempty"`
}

type renderEnvGroup struct {
	Name    string         `json:"name"`
	EnvVars []renderEnvVar `json:"envVars"`
}

type renderEnvVar struct {
	Key           string      `json:"key,omitempty"`
	Value         *string     `json:"value,omitempty"`
	Sync          *bool       `json:"sync,omitempty"`
	GenerateValue bool        `json:"generateValue,omitempty"`
	FromGroup     string      `json:"fromGroup,omitempty"`
	FromDatabase  *renderFrom `json:"fromDatabase,omitempty"`
	FromService   *renderFrom `json:"fromService,omitempty"`
}

type renderFrom struct {
	Type      string `json:"type,omitempty"`
	Name      string `json:"name"`
	Property  string `json:"property,omitempty"`
	EnvVarKey string `json:"envVarKey,omitempty"`
}

// sources counts how the variable gets its value; Render wants exactly one.
func (e renderEnvVar) sources() int {
	n := 0
	for _, set := range []bool{e.Value != nil, e.Sync != nil && !*e.Sync, e.GenerateValue, e.FromDatabase != nil, e.FromService != nil} {
		if set {
			n++
		}
	}
	return n
}

func loadRender(t *testing.T) renderBlueprint {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "render.yaml"))
	require.NoError(t, err)
	var b renderBlueprint
	require.NoError(t, yaml.UnmarshalStrict(data, &b))
	return b
}

// renderEnv resolves a service's variables, its groups' included.
func renderEnv(t *testing.T, b renderBlueprint, s renderService) map[string]renderEnvVar {
	t.Helper()
	env := map[string]renderEnvVar{}
	for _, e := range s.EnvVars {
		if e.FromGroup != "" {
			i := slices.IndexFunc(b.EnvVarGroups, func(g renderEnvGroup) bool { return g.Name == e.FromGroup })
			require.GreaterOrEqual(t, i, 0, "%s: no envVarGroup %s", s.Name, e.FromGroup)
			for _, ge := range b.EnvVarGroups[i].EnvVars {
				env[ge.Key] = ge
			}
			continue
		}
		require.Equal(t, 1, e.sources(), "%s: %s needs exactly one of value, sync: false, generateValue, fromDatabase, fromService", s.Name, e.Key)
		_, dup := env[e.Key]
		require.False(t, dup, "%s sets %s twice", s.Name, e.Key)
		env[e.Key] = e
	}
	return env
}

func TestRenderBlueprint(t *testing.T) {
	b := loadRender(t)
	stages := parseDockerfile(t)
	var entrypoint []string
	for _, c := range stages[len(stages)-1].Commands {
		if e, ok := c.(*instructions.EntrypointCommand); ok {
			entrypoint = e.CmdLine
		}
	}
	require.Len(t, entrypoint, 1)

	byName := map[string]renderService{}
	for _, s := range b.Services {
		byName[s.Name] = s
	}
	dbs := map[string]renderDatabase{}
	for _, d := range b.Databases {
		dbs[d.Name] = d
	}
	roleService := func(role string) string { return "fitcoach-" + role }

	for _, role := range roles {
		t.Run(role, func(t *testing.T) {
			s, ok := byName[roleService(role)]
			require.True(t, ok, "no Render service %s", roleService(role))
			require.Equal(t, "docker", s.Runtime)
			require.Equal(t, "./deploy/Dockerfile", s.DockerfilePath)
			require.Equal(t, entrypoint[0]+" serve "+role, s.DockerCommand, "Render replaces the image command: name the binary")
			env := renderEnv(t, b, s)
			for key := range env {
				v, known := codeVars(t)[key]
				require.True(t, known && v.readsIn(role), "%s sets %s, which %s does not read", s.Name, key, role)
			}
			require.Contains(t, env, "FITCOACH_JWT_SECRET", "every role verifies tokens with the shared secret")
			for key, e := range env {
				require.False(t, looksSecret(key) && e.Value != nil, "%s: %s is a credential; never commit its value", s.Name, key)
			}

			for _, target := range services {
				name := strings.ToUpper(target) + "_ADDR"
				if v := codeVars(t)[name]; v == nil || !v.readsIn(role) {
					continue
				}
				e, ok := env[name]
				require.True(t, ok, "%s reads %s: wire it from the private service", role, name)
				require.NotNil(t, e.FromService)
				require.Equal(t, renderFrom{Type: "pserv", Name: roleService(target), Property: "hostport"}, *e.FromService)
			}

			if role == "gateway" {
				require.Equal(t, "web", s.Type, "the gateway is the only public service")
				require.Equal(t, "/healthz", s.HealthCheckPath)
				requireListen(t, env["FITCOACH_HTTP_ADDR"], "10000")
				return
			}
			require.Equal(t, "pserv", s.Type, "%s must be private", role)
			require.Equal(t, entrypoint[0]+" migrate "+role+" up", s.PreDeployCommand)
			requireListen(t, env["FITCOACH_GRPC_ADDR"], "")

			db := env["DATABASE_URL"].FromDatabase
			require.NotNil(t, db, "%s takes DATABASE_URL from its managed database", role)
			require.Equal(t, "connectionString", db.Property)
			require.Equal(t, role, dbs[db.Name].DatabaseName, "each service owns its database")

			redis := env["REDIS_URL"].FromService
			require.NotNil(t, redis)
			require.Equal(t, "keyvalue", redis.Type)
			require.Equal(t, "connectionString", redis.Property)
			require.Equal(t, "keyvalue", byName[redis.Name].Type)
		})
	}
	require.Len(t, b.Databases, len(services), "one database per service")
}

func requireListen(t *testing.T, e renderEnvVar, port string) {
	t.Helper()
	require.NotNil(t, e.Value)
	host, p, err := net.SplitHostPort(*e.Value)
	require.NoError(t, err)
	require.Equal(t, "0.0.0.0", host, "listen on every interface")
	if port != "" {
		require.Equal(t, port, p)
	}
}
