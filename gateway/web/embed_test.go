package web

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFSServesTheBuiltClient guards against a missing or half-committed build: the index page
// must be there and every asset it references must be embedded too.
func TestFSServesTheBuiltClient(t *testing.T) {
	web := FS()
	index, err := fs.ReadFile(web, "index.html")
	require.NoError(t, err)

	refs := regexp.MustCompile(`(?:src|href)="/([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	require.NotEmpty(t, refs, "index.html references no assets")

	for _, m := range refs {
		t.Run(m[1], func(t *testing.T) {
			fi, err := fs.Stat(web, m[1])
			require.NoError(t, err)
			require.False(t, fi.IsDir())
			require.Positive(t, fi.Size())
		})
	}
}
