// Package ent is the generated ent client of the video service.
package ent

//go:generate go tool ent generate --feature sql/upsert,sql/execquery ./schema
