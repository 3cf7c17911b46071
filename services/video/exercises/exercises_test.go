package exercises_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/video/exercises"
)

// pagedCatalog answers ListExercises from a list, two exercises a page. It stands in for the
// catalog client only: the gRPC path is covered by the service tests.
type pagedCatalog struct {
	catalogv1.CatalogServiceClient
	all   []*catalogv1.Exercise
	calls int
}

func (p *pagedCatalog) ListExercises(_ context.Context, req *catalogv1.ListExercisesRequest, _ ...grpc.CallOption) (*catalogv1.ListExercisesResponse, error) {
	p.calls++
	start := 0
	if req.GetPageToken() != "" {
		start = int(req.GetPageToken()[0] - '0')
	}
	end := min(start+2, len(p.all))
	resp := &catalogv1.ListExercisesResponse{Exercises: p.all[start:end]}
	if end < len(p.all) {
		resp.NextPageToken = string(rune('0' + end))
	}
	return resp, nil
}

func TestDirectory(t *testing.T) {
	cat := &pagedCatalog{all: []*catalogv1.Exercise{
		{Slug: "push-ups", Code: "EX001", Name: &typesv1.LocalizedText{En: "Push-ups"}},
		{Slug: "bodyweight-squats", Code: "EX005", Name: &typesv1.LocalizedText{En: "Squats"}},
		{Slug: "plank", Name: &typesv1.LocalizedText{En: "Plank"}},
	}}
	d := exercises.New(cat, time.Hour, nil)
	require.Equal(t, exercises.Entry{Slug: "ex005"}, d.Resolve("EX005"), "before the first refresh inputs resolve to themselves")
	require.NoError(t, d.Refresh(t.Context()))
	require.Equal(t, 2, cat.calls, "every page is read")

	for _, tc := range []struct{ in, slug, name string }{
		{"EX005", "bodyweight-squats", "Squats"},
		{"ex001", "push-ups", "Push-ups"},
		{"Plank", "plank", "Plank"},
		{"unknown-move", "unknown-move", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			e := d.Resolve(tc.in)
			require.Equal(t, tc.slug, e.Slug)
			require.Equal(t, tc.name, e.Name.GetEn())
		})
	}

	nilDir := exercises.New(nil, 0, nil)
	require.Equal(t, "ex005", nilDir.Resolve("EX005").Slug, "without a catalog codes stay as given, lower-cased")
}
