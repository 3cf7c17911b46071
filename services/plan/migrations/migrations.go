// Package migrations embeds the plan-generator's SQL migrations, one directory per dialect,
// written by hand to match the ent schema in services/plan/ent/schema.
package migrations

import "embed"

// FS holds sqlite/NNNN_*.sql and postgres/NNNN_*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
