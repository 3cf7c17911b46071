package deploy_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/modfile"

	"github.com/fitcoach/fitcoach/pkg/config"
)

// repoRoot is the repository root relative to this package (go test runs in deploy/).
const repoRoot = ".."

// roles are the processes fitcoach runs in production, one per container.
var roles = []string{"catalog", "video", "plan", "gateway"}

// services are the roles that serve gRPC and own a database.
var services = []string{"catalog", "video", "plan"}

// envVar is one environment variable the code reads, merged over every struct that declares it.
type envVar struct {
	Name      string
	Defaults  []string // distinct non-empty defaults of the declaring fields, in scan order
	Usage     string   // the usage text without its trailing "(readers)" list
	Readers   []string // production roles that read it, sorted; empty for dev-only settings
	Local     []string // processes outside the deployment that read it: "dev" (`fitcoach dev`), "cli" (ops tools)
	LocalOnly bool     // read only by dev or the CLI: nothing to deploy
	Sources   []string // file:line of each declaring field
}

// defaultValue is the default shown in the docs: the declared defaults, comma-separated when
// two packages declare different ones.
func (v envVar) defaultValue() string { return strings.Join(v.Defaults, ", ") }

// readsIn reports whether role reads v.
func (v envVar) readsIn(role string) bool { return slices.Contains(v.Readers, role) }

var (
	codeVarsOnce sync.Once
	codeVarsVal  map[string]*envVar
	directReads  map[string][]string // os.Getenv/LookupEnv("NAME") calls: name -> file:line
	codeVarsErr  error
)

// codeVars lists every environment variable the code reads: every struct field tagged `env:"…"`
// (the only way fitcoach reads its environment, see pkg/config) in the non-test, non-generated Go
// files of the modules the binary is built from. Reading the source rather than importing the packages covers
// package main (cmd/fitcoach) and every service as soon as its Config lands, with nothing to
// register. Who reads a variable comes from the module that declares it (services/<svc>,
// gateway) and from the "(role, role)" list that ends its usage text; "all" means every role.
func codeVars(t *testing.T) map[string]*envVar {
	t.Helper()
	codeVarsOnce.Do(func() { codeVarsVal, directReads, codeVarsErr = scanCodeVars() })
	require.NoError(t, codeVarsErr)
	require.NotEmpty(t, codeVarsVal, "no env-tagged config fields found: the scan is broken")
	return codeVarsVal
}

func scanCodeVars() (map[string]*envVar, map[string][]string, error) {
	dirs, err := binaryModules()
	if err != nil {
		return nil, nil, err
	}
	vars := map[string]*envVar{}
	reads := map[string][]string{}
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != filepath.Join(repoRoot, dir) && skipDir(path) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			if ast.IsGenerated(f) {
				return nil
			}
			rel, _ := filepath.Rel(repoRoot, path)
			rel = filepath.ToSlash(rel)
			ast.Inspect(f, func(n ast.Node) bool {
				if name, ok := getenvCall(n); ok {
					reads[name] = append(reads[name], rel+":"+strconv.Itoa(fset.Position(n.Pos()).Line))
					return true
				}
				st, ok := n.(*ast.StructType)
				if !ok {
					return true
				}
				for _, field := range st.Fields.List {
					if field.Tag == nil {
						continue
					}
					raw, err := strconv.Unquote(field.Tag.Value)
					if err != nil {
						continue
					}
					tag := reflect.StructTag(raw)
					name, ok := tag.Lookup("env")
					if !ok {
						continue
					}
					addVar(vars, name, tag.Get("default"), tag.Get("usage"), ownerRole(rel),
						rel+":"+strconv.Itoa(fset.Position(field.Pos()).Line))
				}
				return true
			})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return vars, reads, nil
}

// getenvCall recognises os.Getenv("NAME") and os.LookupEnv("NAME").
func getenvCall(n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Getenv" && sel.Sel.Name != "LookupEnv") {
		return "", false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "os" {
		return "", false
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	name, err := strconv.Unquote(lit.Value)
	return name, err == nil
}

// skipDir reports directories that declare no settings: fixtures, web tooling, hidden
// directories and the generated protobuf code (large, and never tagged).
func skipDir(path string) bool {
	name := filepath.Base(path)
	return name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") ||
		filepath.ToSlash(path) == filepath.ToSlash(filepath.Join(repoRoot, "pkg", "gen"))
}

// binaryModules are the directories of the modules the fitcoach binary is built from:
// cmd/fitcoach and the workspace modules its go.mod points at with local replace directives.
// Code that never runs in production (these tests, generators, benchmarks) is left out.
func binaryModules() ([]string, error) {
	const cmdDir = "cmd/fitcoach"
	data, err := os.ReadFile(filepath.Join(repoRoot, cmdDir, "go.mod"))
	if err != nil {
		return nil, err
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return nil, err
	}
	dirs := []string{cmdDir}
	for _, r := range mf.Replace {
		if modfile.IsDirectoryPath(r.New.Path) {
			dirs = append(dirs, filepath.ToSlash(filepath.Join(cmdDir, r.New.Path)))
		}
	}
	return dirs, nil
}

// ownerRole is the role a file's module belongs to, or "" for shared code and the CLI.
func ownerRole(rel string) string {
	if rest, ok := strings.CutPrefix(rel, "services/"); ok {
		svc, _, _ := strings.Cut(rest, "/")
		if slices.Contains(services, svc) {
			return svc
		}
	}
	if strings.HasPrefix(rel, "gateway/") {
		return "gateway"
	}
	return ""
}

var readersRE = regexp.MustCompile(`\s*\(([a-z, ]+)\)\s*$`)

// parseReaders splits "text (video, gateway, dev)" into the text, its reader roles and the
// local processes ("dev", "cli") among the readers. ok is false
// when the usage ends in no list of known roles.
func parseReaders(usage string) (text string, readers, local []string, ok bool) {
	m := readersRE.FindStringSubmatchIndex(usage)
	if m == nil {
		return usage, nil, nil, false
	}
	for _, w := range strings.Split(usage[m[2]:m[3]], ",") {
		switch w = strings.TrimSpace(w); {
		case w == "all":
			readers = append(readers, roles...)
		case w == "dev" || w == "cli":
			local = append(local, w)
		case slices.Contains(roles, w):
			readers = append(readers, w)
		default:
			return usage, nil, nil, false
		}
	}
	return usage[:m[0]], readers, local, true
}

func addVar(vars map[string]*envVar, name, def, usage, owner, source string) {
	text, readers, local, ok := parseReaders(usage)
	if owner != "" {
		readers = append(readers, owner)
	}
	if !ok && owner == "" {
		// Shared code that names no reader: assume every role reads it, the safe side for the
		// deployment files.
		readers = append(readers, roles...)
	}
	v := vars[name]
	if v == nil {
		v = &envVar{Name: name, Usage: text}
		vars[name] = v
	}
	if def != "" && !slices.Contains(v.Defaults, def) {
		v.Defaults = append(v.Defaults, def)
	}
	if v.Usage == "" {
		v.Usage = text
	}
	for _, r := range readers {
		if !slices.Contains(v.Readers, r) {
			v.Readers = append(v.Readers, r)
		}
	}
	sort.Slice(v.Readers, func(i, j int) bool { return slices.Index(roles, v.Readers[i]) < slices.Index(roles, v.Readers[j]) })
	for _, l := range local {
		if !slices.Contains(v.Local, l) {
			v.Local = append(v.Local, l)
		}
	}
	v.LocalOnly = len(v.Local) > 0 && len(v.Readers) == 0
	v.Sources = append(v.Sources, source)
}

// sortedVars returns the variables by name.
func sortedVars(vars map[string]*envVar) []*envVar {
	out := make([]*envVar, 0, len(vars))
	for _, v := range vars {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// roleVars are the variables role reads.
func roleVars(t *testing.T, role string) []*envVar {
	t.Helper()
	var out []*envVar
	for _, v := range sortedVars(codeVars(t)) {
		if v.readsIn(role) {
			out = append(out, v)
		}
	}
	return out
}

// TestCodeVarsMatchConfigVars checks the source scan against pkg/config.Vars for the Config
// structs this module can import, so the scan reads tags exactly as config.Load does. Add a
// service's Config to configStructs when it lands.
func TestCodeVarsMatchConfigVars(t *testing.T) {
	vars := codeVars(t)
	for name, cfg := range configStructs() {
		t.Run(name, func(t *testing.T) {
			listed := config.Vars(cfg)
			require.NotEmpty(t, listed)
			for _, v := range listed {
				got, ok := vars[v.Name]
				require.True(t, ok, "%s: config.Vars lists %s but the source scan missed it", name, v.Name)
				if v.Default != "" {
					require.Contains(t, got.Defaults, v.Default, "%s default", v.Name)
				}
				require.True(t, got.readsIn(name), "%s is in %s.Config but the scan does not count %s as a reader", v.Name, name, name)
			}
		})
	}
}

// TestCodeVarsNameTheirReaders keeps the "(role, ...)" convention: deployment files are checked
// per role, so a shared setting must say which roles read it.
func TestCodeVarsNameTheirReaders(t *testing.T) {
	for _, v := range sortedVars(codeVars(t)) {
		t.Run(v.Name, func(t *testing.T) {
			require.Regexp(t, `^[A-Z][A-Z0-9_]*$`, v.Name, "declared at %v", v.Sources)
			require.NotEmpty(t, strings.TrimSpace(v.Usage), "%s needs a usage text (declared at %v)", v.Name, v.Sources)
			require.True(t, len(v.Readers) > 0 || v.LocalOnly, "%s: no role reads it (declared at %v)", v.Name, v.Sources)
		})
	}
}

// TestDirectEnvReadsAreDeclared: server code (services, gateway, pkg) that reads a variable
// with os.Getenv must also declare it in a tagged Config field, or it would be missing from the
// README, compose and Kubernetes without any test noticing. Test-helper packages (…test) and
// the CLI's client-side ops tools in cmd/fitcoach are not servers and are left out.
func TestDirectEnvReadsAreDeclared(t *testing.T) {
	vars := codeVars(t)
	for name, at := range directReads {
		var server []string
		for _, pos := range at {
			dir := filepath.ToSlash(filepath.Dir(pos))
			if strings.HasPrefix(dir, "cmd/") || strings.HasSuffix(filepath.Base(dir), "test") {
				continue
			}
			server = append(server, pos)
		}
		if len(server) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			require.Contains(t, vars, name, "%v reads %s directly, but no Config struct declares it", server, name)
		})
	}
}
