// Package migrations embeds the video service's hand-written SQL migrations, one directory
// per dialect, applied by pkg/db.Migrate on start, by `fitcoach migrate video` and by tests.
package migrations

import "embed"

// FS holds sqlite/NNNN_*.sql and postgres/NNNN_*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
