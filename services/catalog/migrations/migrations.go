// Package migrations embeds the catalog's numbered SQL migrations, one directory per dialect.
// They are written by hand to match the ent schema in ../ent/schema, so a reviewer sees the
// exact DDL that production runs.
package migrations

import "embed"

// FS holds sqlite/NNNN_*.sql and postgres/NNNN_*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
