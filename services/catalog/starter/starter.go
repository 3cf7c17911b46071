// Package starter embeds the built-in starter catalog that `fitcoach dev` loads on first
// start, so the whitelist is useful out of the box.
package starter

import (
	"bytes"
	_ "embed"
	"fmt"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	"github.com/fitcoach/fitcoach/services/catalog/importer"
)

//go:embed exercises.json
var data []byte

// Exercises decodes the starter catalog: a protojson array of Exercise, each checked against
// the contract's rules.
func Exercises() ([]*catalogv1.Exercise, error) {
	rows, err := importer.ParseJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("starter catalog: %w", err)
	}
	out := make([]*catalogv1.Exercise, len(rows))
	for i, r := range rows {
		out[i] = r.Exercise
	}
	return out, nil
}
