// Package web holds the built web client (Vite + TypeScript, sources in src/) for the gateway
// to serve at /. The build output in dist/ is committed so a fresh clone needs only Go;
// `make web-build` rebuilds it from the sources with the locked npm dependencies.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS returns the built client rooted at dist/: index.html, favicon.svg and assets/.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path; "dist" is a constant valid one.
		panic(err)
	}
	return sub
}
