package catalog

import (
	"context"
	"io"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/services/catalog/coverage"
	"github.com/fitcoach/fitcoach/services/catalog/importer"
)

// ImportSummary is the outcome of RunImport.
type ImportSummary = importer.Summary

// RunImport imports the exercises of a .csv or .json file through client, for
// `fitcoach import exercises FILE`; see importer.RunImport.
func RunImport(ctx context.Context, out io.Writer, client catalogv1.CatalogServiceClient, path string, progress bool) (ImportSummary, error) {
	return importer.RunImport(ctx, out, client, path, progress)
}

// PrintCoverage writes a coverage report as a table, or as JSON when asJSON, for
// `fitcoach coverage [--json]`.
func PrintCoverage(w io.Writer, r *catalogv1.GetCoverageResponse, asJSON bool) error {
	return coverage.Print(w, r, asJSON)
}
