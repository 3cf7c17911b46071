// Package store keeps the video service's clips in its own database (SQLite or PostgreSQL).
// CRUD goes through the generated ent client; the two read paths that must be one SQL
// statement each (playlist candidates and coverage) are hand-written queries valid in both
// dialects. Errors are the pkg/grpcerr sentinels, mapped to gRPC codes by the server.
package store
