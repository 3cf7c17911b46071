package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	return string(b)
}

// readmeBlock is the first ```sh block after heading.
func readmeBlock(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README has %q", heading)
	m := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(doc[i:])
	require.NotNil(t, m, "a sh block under %q", heading)
	return m[1]
}

// TestReadmeTryItIsWhatDevPrints: the README's "Try it" is the banner's sequence for the
// default address, with the token minted by the CLI for the same person.
func TestReadmeTryItIsWhatDevPrints(t *testing.T) {
	require.Equal(t, tryItScript("http://127.0.0.1:8080", readmeTokenLine), readmeBlock(t, readme(t), "## Try it"))
}

// TestBannerPrintsTryIt: `fitcoach dev` prints the same sequence, with API set to where it
// listens and TOKEN a token for the README's person (e2e_test.go runs the printed lines).
func TestBannerPrintsTryIt(t *testing.T) {
	s := Settings{DataDir: t.TempDir(), HTTPAddr: "127.0.0.1:18080", GRPCAddr: "127.0.0.1:19090", LogLevel: "error"}
	a, err := newApp(s, &bytes.Buffer{})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, printBanner(&out, a, s))

	tok := regexp.MustCompile(`(?m)^  TOKEN=(\S+)$`).FindStringSubmatch(out.String())
	require.NotNil(t, tok, out.String())
	p, err := a.verifier.Verify(t.Context(), tok[1])
	require.NoError(t, err)
	require.Equal(t, tryItSubject, p.Subject)
	require.Contains(t, out.String(), indent(tryItScript("http://127.0.0.1:18080", "TOKEN="+tok[1]), "  "))
	require.Contains(t, out.String(), "stop it with Ctrl-C")
	require.NotContains(t, out.String(), "PLAN_ID", "every printed line runs as pasted")
}

// TestReadmeListsProfileValues: the README names every accepted value of the profile's enums
// and the starter catalog's equipment.
func TestReadmeListsProfileValues(t *testing.T) {
	doc := readme(t)
	for _, ed := range []protoreflect.EnumDescriptor{typesv1.FitnessLevel(0).Descriptor(), typesv1.Archetype(0).Descriptor()} {
		for i := 0; i < ed.Values().Len(); i++ {
			if v := ed.Values().Get(i); v.Number() != 0 {
				require.Contains(t, doc, "`"+string(v.Name())+"`")
			}
		}
	}
	b, err := os.ReadFile("../../services/catalog/starter/exercises.json")
	require.NoError(t, err)
	var exercises []struct {
		Equipment []string `json:"equipment"`
	}
	require.NoError(t, json.Unmarshal(b, &exercises))
	seen := 0
	for _, e := range exercises {
		for _, name := range e.Equipment {
			require.Contains(t, doc, "`"+name+"`", "equipment of the starter catalog")
			seen++
		}
	}
	require.Positive(t, seen)
}
