package gateway

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/pkg/obs"
	"github.com/fitcoach/fitcoach/pkg/server"
)

// countingCatalog counts the reads that reach the service and names each answer by version.
type countingCatalog struct {
	catalogv1.UnimplementedCatalogServiceServer
	reads   atomic.Int32
	version atomic.Int32
}

func (c *countingCatalog) GetExercise(_ context.Context, req *catalogv1.GetExerciseRequest) (*catalogv1.GetExerciseResponse, error) {
	c.reads.Add(1)
	return &catalogv1.GetExerciseResponse{Exercise: &catalogv1.Exercise{Slug: req.GetSlug(), Code: "V" + string(rune('0'+c.version.Load()))}}, nil
}

func (c *countingCatalog) DeleteExercise(_ context.Context, req *catalogv1.DeleteExerciseRequest) (*catalogv1.DeleteExerciseResponse, error) {
	c.version.Add(1)
	return &catalogv1.DeleteExerciseResponse{Exercise: &catalogv1.Exercise{Slug: req.GetSlug()}}, nil
}

func TestCatalogMicrocache(t *testing.T) {
	signer, err := auth.NewHS256([]byte(strings.Repeat("m", 32)))
	require.NoError(t, err)
	log := obs.NewLogger(io.Discard, "error")
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	cat := &countingCatalog{}
	srv.Register(&catalogv1.CatalogService_ServiceDesc, cat)
	conn, err := srv.InProcess()
	require.NoError(t, err)
	defer conn.Close()
	g, err := New(t.Context(), Config{CatalogCacheTTL: time.Minute}, Backends{Catalog: conn, Video: conn, Plan: conn},
		Deps{Logger: log, Verifier: signer})
	require.NoError(t, err)
	hs := httptest.NewServer(g)
	defer hs.Close()
	tok, err := signer.Mint("alice", nil, time.Hour)
	require.NoError(t, err)
	other, err := auth.NewHS256([]byte(strings.Repeat("x", 32)))
	require.NoError(t, err)
	forged, err := other.Mint("mallory", nil, time.Hour)
	require.NoError(t, err)

	get := func(token string) (int, string, string) {
		req, err := http.NewRequestWithContext(t.Context(), "GET", hs.URL+"/v1/exercises/squat", nil)
		require.NoError(t, err)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header.Get("X-Cache")
	}

	code, body, hit := get(tok)
	require.Equal(t, 200, code)
	require.Contains(t, body, `"code":"V0"`)
	require.Empty(t, hit)
	code, body2, hit := get(tok)
	require.Equal(t, 200, code)
	require.Equal(t, "hit", hit)
	require.Equal(t, body, body2)
	require.EqualValues(t, 1, cat.reads.Load(), "the second read came from the cache")

	code, _, _ = get("")
	require.Equal(t, http.StatusUnauthorized, code, "no token, no cached answer")
	code, _, _ = get(forged)
	require.Equal(t, http.StatusUnauthorized, code, "a forged token gets no cached answer")

	// A write through the gateway drops the cache at once.
	req, err := http.NewRequestWithContext(t.Context(), "DELETE", hs.URL+"/v1/exercises/squat", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	_, body, hit = get(tok)
	require.Empty(t, hit)
	require.Contains(t, body, `"code":"V1"`)
}
