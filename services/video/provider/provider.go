// Package provider turns a clip's stored locator into bytes that play: one file per storage
// backend (r2.go, stream.go, external.go, local.go) behind one small interface, and a registry
// (registry.go) where adding a backend is one new file plus one registration line.
package provider

import (
	"context"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// Provider is one storage backend.
type Provider interface {
	// Exists reports whether the clip's bytes are in storage: (false, nil) when the storage
	// says they are missing, an error when it could not tell (outage, timeout, misconfiguration).
	Exists(ctx context.Context, clip *videov1.Clip) (bool, error)
	// PlaybackURL returns a URL that plays the clip now and when it stops working; the time is
	// zero when the URL does not expire. It must not call the storage: it runs on the
	// "Start workout" path for every playlist item.
	PlaybackURL(ctx context.Context, clip *videov1.Clip) (url string, expires time.Time, err error)
}

// SourceValidator is implemented by providers that vet a clip's locator before it is stored
// (beyond the proto rules). ValidateSource returns a *grpcerr.InvalidError for a bad source.
type SourceValidator interface {
	ValidateSource(ctx context.Context, clip *videov1.Clip) error
}

// Upload is a presigned request that uploads a clip's bytes directly to storage.
type Upload struct {
	URL     string
	Method  string
	Headers map[string]string
	Expires time.Time
}

// Uploader is implemented by providers that accept direct uploads.
type Uploader interface {
	UploadURL(ctx context.Context, clip *videov1.Clip, contentType string) (Upload, error)
}
