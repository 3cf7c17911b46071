package provider

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// Config holds every provider's settings; each provider file defines its own part.
type Config struct {
	R2       R2Config
	Stream   StreamConfig
	External ExternalConfig
	Local    LocalConfig
}

// Deps are the providers' collaborators; zero values mean the real ones.
type Deps struct {
	Logger *slog.Logger
	// Resolver resolves external hosts for the SSRF guard; nil is net.DefaultResolver.
	Resolver Resolver
	// PermitAddr overrides the external SSRF guard's address check. Tests only: it lets an
	// httptest server on loopback stand in for a public host.
	PermitAddr func(netip.Addr) bool
	// ExternalTLS is the TLS config of external existence checks; nil is the system roots.
	ExternalTLS *tls.Config
	// StorageTransport wraps the transport of R2 API calls (tracing); nil leaves it alone.
	StorageTransport func(http.RoundTripper) http.RoundTripper
}

// factory builds one provider from the shared config.
type factory func(cfg Config, deps Deps) (Provider, error)

// factories is the registration list: adding a provider is a new file with its config and
// constructor, a Provider enum value in video.proto, and one line here.
var factories = map[videov1.Provider]factory{
	videov1.Provider_PROVIDER_R2:       newR2,
	videov1.Provider_PROVIDER_STREAM:   newStream,
	videov1.Provider_PROVIDER_EXTERNAL: newExternal,
	videov1.Provider_PROVIDER_LOCAL:    newLocal,
}

// Registry dispatches to the provider a clip names. It is itself a Provider.
type Registry struct {
	byID map[videov1.Provider]Provider
}

// NewRegistry builds every registered provider.
func NewRegistry(cfg Config, deps Deps) (*Registry, error) {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	r := &Registry{byID: make(map[videov1.Provider]Provider, len(factories))}
	for id, build := range factories {
		p, err := build(cfg, deps)
		if err != nil {
			return nil, fmt.Errorf("provider %s: %w", id, err)
		}
		r.byID[id] = p
	}
	return r, nil
}

// Get returns the provider with id, or FAILED_PRECONDITION when none is registered.
func (r *Registry) Get(id videov1.Provider) (Provider, error) {
	p, ok := r.byID[id]
	if !ok {
		return nil, fmt.Errorf("provider %s is not available: %w", id, grpcerr.ErrFailedPrecondition)
	}
	return p, nil
}

// Exists implements Provider.
func (r *Registry) Exists(ctx context.Context, clip *videov1.Clip) (bool, error) {
	p, err := r.Get(clip.GetProvider())
	if err != nil {
		return false, err
	}
	return p.Exists(ctx, clip)
}

// PlaybackURL implements Provider.
func (r *Registry) PlaybackURL(ctx context.Context, clip *videov1.Clip) (string, time.Time, error) {
	p, err := r.Get(clip.GetProvider())
	if err != nil {
		return "", time.Time{}, err
	}
	return p.PlaybackURL(ctx, clip)
}

// ValidateSource runs the clip provider's SourceValidator, when it has one.
func (r *Registry) ValidateSource(ctx context.Context, clip *videov1.Clip) error {
	p, err := r.Get(clip.GetProvider())
	if err != nil {
		return err
	}
	if v, ok := p.(SourceValidator); ok {
		return v.ValidateSource(ctx, clip)
	}
	return nil
}

// UploadURL returns a presigned upload for the clip, or FAILED_PRECONDITION when its provider
// takes no direct uploads.
func (r *Registry) UploadURL(ctx context.Context, clip *videov1.Clip, contentType string) (Upload, error) {
	p, err := r.Get(clip.GetProvider())
	if err != nil {
		return Upload{}, err
	}
	u, ok := p.(Uploader)
	if !ok {
		return Upload{}, fmt.Errorf("clips on %s take no direct uploads: %w", clip.GetProvider(), grpcerr.ErrFailedPrecondition)
	}
	return u.UploadURL(ctx, clip, contentType)
}

// unconfigured stands in for a provider whose settings are missing, so clips on it fail
// with a clear message (and playlists skip them) instead of the service refusing to start.
type unconfigured struct{ reason string }

func (u unconfigured) err() error {
	return fmt.Errorf("%s: %w", u.reason, grpcerr.ErrFailedPrecondition)
}

func (u unconfigured) Exists(context.Context, *videov1.Clip) (bool, error) { return false, u.err() }

func (u unconfigured) PlaybackURL(context.Context, *videov1.Clip) (string, time.Time, error) {
	return "", time.Time{}, u.err()
}
