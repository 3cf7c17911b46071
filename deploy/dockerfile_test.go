package deploy_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/modfile"
)

func parseDockerfile(t *testing.T) []instructions.Stage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "Dockerfile"))
	require.NoError(t, err)
	res, err := parser.Parse(bytes.NewReader(data))
	require.NoError(t, err)
	stages, _, err := instructions.Parse(res.AST, nil)
	require.NoError(t, err)
	require.Len(t, stages, 2, "a build stage and a runtime stage")
	return stages
}

// makeBuildCommand is the recipe of the Makefile's build target, with $(GO) as go.
func makeBuildCommand(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "Makefile"))
	require.NoError(t, err)
	defer f.Close()
	var recipe []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "build:"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			recipe = append(recipe, strings.TrimSpace(line))
		case in:
			in = false
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, recipe, 1, "the build target should be one command")
	cmd := strings.NewReplacer("$(GO)", "go", "${GO}", "go").Replace(recipe[0])
	return strings.Fields(cmd)
}

// TestDockerfileBuildsLikeMake: the image holds the binary `make build` makes, with the same
// flags, from the Go release go.work's toolchain line names.
func TestDockerfileBuildsLikeMake(t *testing.T) {
	build := parseDockerfile(t)[0]
	want := makeBuildCommand(t)

	var found bool
	for _, c := range build.Commands {
		run, ok := c.(*instructions.RunCommand)
		if !ok || !strings.Contains(strings.Join(run.CmdLine, " "), "go build") {
			continue
		}
		found = true
		// Shell form is one string; line continuations are already joined by the parser.
		got := strings.Fields(strings.Join(run.CmdLine, " "))
		require.Equal(t, want, got, "the Dockerfile's build command must be the Makefile's build recipe")
	}
	require.True(t, found, "no RUN ... go build in the build stage")

	image, tag, ok := strings.Cut(build.BaseName, ":")
	require.True(t, ok)
	require.Equal(t, "golang", image)
	goVersion, _, _ := strings.Cut(tag, "-")
	data, err := os.ReadFile(filepath.Join(repoRoot, "go.work"))
	require.NoError(t, err)
	wf, err := modfile.ParseWork("go.work", data, nil)
	require.NoError(t, err)
	require.NotNil(t, wf.Toolchain, "go.work names the toolchain every build uses")
	require.Equal(t, wf.Toolchain.Name, "go"+goVersion,
		"golang:%s is not go.work's toolchain %s", tag, wf.Toolchain.Name)
}

// TestDockerfileRuntimeImage: distroless static, non-root, one entrypoint for every role.
func TestDockerfileRuntimeImage(t *testing.T) {
	stages := parseDockerfile(t)
	build, final := stages[0], stages[1]
	require.Equal(t, "gcr.io/distroless/static-debian12:nonroot", final.BaseName)

	var user string
	var entrypoint []string
	var copiedBinary bool
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.EntrypointCommand:
			require.False(t, c.PrependShell, "exec form: distroless has no shell")
			entrypoint = c.CmdLine
		case *instructions.CopyCommand:
			if c.From == build.Name && c.DestPath == "/usr/local/bin/fitcoach" {
				require.Equal(t, []string{"/src/bin/fitcoach"}, c.SourcePaths)
				copiedBinary = true
			}
		case *instructions.RunCommand:
			t.Fatalf("RUN in the runtime stage: distroless has no shell")
		}
	}
	require.True(t, copiedBinary, "the runtime stage must copy the built binary to /usr/local/bin/fitcoach")
	require.Equal(t, []string{"/usr/local/bin/fitcoach"}, entrypoint)
	uid, _, _ := strings.Cut(user, ":")
	require.NotEmpty(t, uid)
	require.NotEqual(t, "0", uid)
	require.NotEqual(t, "root", uid)
}

// TestDockerignoreKeepsWorkspace: the build context keeps go.work and every module it names
// (the workspace build fails without any of them) and drops secrets and VCS data.
func TestDockerignoreKeepsWorkspace(t *testing.T) {
	f, err := os.Open(filepath.Join(repoRoot, "deploy", "Dockerfile.dockerignore"))
	require.NoError(t, err)
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	require.NoError(t, err)
	pm, err := patternmatcher.New(patterns)
	require.NoError(t, err)

	data, err := os.ReadFile(filepath.Join(repoRoot, "go.work"))
	require.NoError(t, err)
	wf, err := modfile.ParseWork("go.work", data, nil)
	require.NoError(t, err)
	keep := []string{"go.work", "go.work.sum", "Makefile", "cmd/fitcoach/main.go"}
	for _, u := range wf.Use {
		dir := filepath.ToSlash(filepath.Clean(u.Path))
		keep = append(keep, dir+"/go.mod", dir+"/go.sum")
	}
	for _, path := range keep {
		ignored, err := pm.MatchesOrParentMatches(path)
		require.NoError(t, err)
		require.False(t, ignored, "Dockerfile.dockerignore drops %s, which the build needs", path)
	}
	for _, path := range []string{".git/config", ".env", "bin/fitcoach", "data/jwt.secret"} {
		ignored, err := pm.MatchesOrParentMatches(path)
		require.NoError(t, err)
		require.True(t, ignored, "Dockerfile.dockerignore must keep %s out of the build context", path)
	}
}
