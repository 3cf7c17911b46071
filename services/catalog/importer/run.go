package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"google.golang.org/grpc/status"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
)

// BatchSize is how many exercises one ImportExercises call (one transaction) carries: well
// under the RPC's limit of 1000 and the 4 MiB message cap, large enough to keep round trips few.
const BatchSize = 500

// Summary is the outcome of an import.
type Summary struct {
	Total   int
	Created int
	Updated int
	// Failed counts the rows of batches the catalog refused; none of their rows were written.
	Failed  int
	Elapsed time.Duration
}

func (s Summary) String() string {
	return fmt.Sprintf("imported %d exercises: %d created, %d updated, %d failed in %s",
		s.Total, s.Created, s.Updated, s.Failed, s.Elapsed.Round(time.Millisecond))
}

// Parse reads the file at path, as CSV or JSON by its extension.
func Parse(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return ParseCSV(f)
	case ".json":
		return ParseJSON(f)
	default:
		return nil, fmt.Errorf("import %s: want a .csv or .json file", path)
	}
}

// RunImport parses the file at path and upserts its exercises by slug through client in
// batches of BatchSize, each all or nothing. With progress it draws a progress bar on out; it
// always ends with a summary line. A bad file sends nothing and returns a *ParseError listing
// every bad row. A refused batch does not stop the others (an upsert is safe to rerun); the
// returned error then names the rows of each refused batch.
func RunImport(ctx context.Context, out io.Writer, client catalogv1.CatalogServiceClient, path string, progress bool) (Summary, error) {
	start := time.Now()
	rows, err := Parse(path)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Total: len(rows)}
	var bar *progressbar.ProgressBar
	if progress {
		bar = progressbar.NewOptions(len(rows),
			progressbar.OptionSetWriter(out),
			progressbar.OptionSetDescription("importing exercises"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(out) }),
		)
	}
	unit := "line"
	if strings.EqualFold(filepath.Ext(path), ".json") {
		unit = "index"
	}
	var errs []error
	for i := 0; i < len(rows); i += BatchSize {
		batch := rows[i:min(i+BatchSize, len(rows))]
		exs := make([]*catalogv1.Exercise, len(batch))
		for j, r := range batch {
			exs[j] = r.Exercise
		}
		resp, err := client.ImportExercises(ctx, &catalogv1.ImportExercisesRequest{Exercises: exs})
		if err != nil {
			if ctx.Err() != nil {
				return sum, ctx.Err()
			}
			sum.Failed += len(batch)
			msg := err.Error()
			if st, ok := status.FromError(err); ok {
				msg = st.Code().String() + ": " + st.Message()
			}
			errs = append(errs, fmt.Errorf("%ss %d-%d not imported: %s", unit, batch[0].Line, batch[len(batch)-1].Line, msg))
		} else {
			sum.Created += int(resp.GetCreated())
			sum.Updated += int(resp.GetUpdated())
		}
		if bar != nil {
			_ = bar.Add(len(batch))
		}
	}
	if bar != nil {
		_ = bar.Finish()
	}
	sum.Elapsed = time.Since(start)
	fmt.Fprintln(out, sum.String())
	return sum, errors.Join(errs...)
}
