package provider

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// ExternalConfig configures clips hosted elsewhere and referenced by an https URL.
type ExternalConfig struct {
	AllowedHosts []string      `env:"EXTERNAL_ALLOWED_HOSTS" usage:"comma-separated hosts external clip URLs may use; an entry starting with '.' allows subdomains; empty allows any public host"`
	CheckTimeout time.Duration `env:"EXTERNAL_CHECK_TIMEOUT" default:"5s" usage:"timeout of one HEAD request checking an external clip"`
}

// Resolver resolves host names; *net.Resolver satisfies it.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

type external struct {
	allowed []string
	guard   *guard
	client  *http.Client
}

func newExternal(cfg Config, deps Deps) (Provider, error) {
	g := &guard{resolver: deps.Resolver, permit: deps.PermitAddr}
	if g.resolver == nil {
		g.resolver = net.DefaultResolver
	}
	if g.permit == nil {
		g.permit = publicAddr
	}
	timeout := cfg.External.CheckTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	var allowed []string
	for _, h := range cfg.External.AllowedHosts {
		allowed = append(allowed, strings.ToLower(strings.TrimSpace(h)))
	}
	tlsCfg := deps.ExternalTLS
	if tlsCfg == nil {
		tlsCfg = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	e := &external{allowed: allowed, guard: g}
	e.client = &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			// Every connection goes through the guard, so a host that re-resolves to an
			// internal address after it was accepted (DNS rebinding) is still refused.
			DialContext:         g.dial,
			TLSClientConfig:     tlsCfg,
			ForceAttemptHTTP2:   true,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			return e.checkURL(req.URL)
		},
	}
	return e, nil
}

// ValidateSource vets an external URL before it is stored: https, no credentials, an allowed
// host name (not an IP literal) that resolves only to public addresses.
func (e *external) ValidateSource(ctx context.Context, clip *videov1.Clip) error {
	u, err := url.Parse(clip.GetExternalUrl())
	if err != nil {
		return grpcerr.Invalid("clip.external_url", "external_url.parse", "not a URL")
	}
	if err := e.checkURL(u); err != nil {
		return grpcerr.Invalid("clip.external_url", "external_url.safe", err.Error())
	}
	if _, err := e.guard.resolve(ctx, u.Hostname()); err != nil {
		return grpcerr.Invalid("clip.external_url", "external_url.safe", err.Error())
	}
	return nil
}

func (e *external) checkURL(u *url.URL) error {
	if u.Scheme != "https" {
		return errors.New("only https URLs are accepted")
	}
	if u.User != nil {
		return errors.New("URLs must not carry credentials")
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return errors.New("the URL has no host")
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return errors.New("the host must be a name, not an IP address")
	}
	if len(e.allowed) > 0 && !slices.ContainsFunc(e.allowed, func(a string) bool {
		return host == a || (strings.HasPrefix(a, ".") && strings.HasSuffix(host, a))
	}) {
		return fmt.Errorf("host %q is not in EXTERNAL_ALLOWED_HOSTS", host)
	}
	return nil
}

func (e *external) Exists(ctx context.Context, clip *videov1.Clip) (bool, error) {
	u, err := url.Parse(clip.GetExternalUrl())
	if err != nil {
		return false, fmt.Errorf("external url: %w", err)
	}
	if err := e.checkURL(u); err != nil {
		return false, fmt.Errorf("external url: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u.String(), nil)
	if err != nil {
		return false, err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return false, fmt.Errorf("external head: %w", err)
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return true, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return false, nil
	case resp.StatusCode == http.StatusMethodNotAllowed:
		// The host is up and refuses HEAD only; the clip itself cannot be told apart.
		return true, nil
	}
	return false, fmt.Errorf("external head: status %d", resp.StatusCode)
}

func (e *external) PlaybackURL(_ context.Context, clip *videov1.Clip) (string, time.Time, error) {
	return clip.GetExternalUrl(), time.Time{}, nil
}

// guard refuses connections to internal addresses (SSRF): the video service must not become a
// way to probe its own network through admin-supplied URLs.
type guard struct {
	resolver Resolver
	permit   func(netip.Addr) bool
}

func (g *guard) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if _, err := netip.ParseAddr(host); err == nil {
		return nil, errors.New("the host must be a name, not an IP address")
	}
	ips, err := g.resolver.LookupIPAddr(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("host %q does not resolve", host)
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("host %q has no addresses", host)
	}
	out := make([]netip.Addr, 0, len(ips))
	for _, ip := range ips {
		a, ok := netip.AddrFromSlice(ip.IP)
		if !ok {
			return nil, fmt.Errorf("host %q resolves to a malformed address", host)
		}
		a = a.Unmap()
		if !g.permit(a) {
			return nil, fmt.Errorf("host %q resolves to a non-public address", host)
		}
		out = append(out, a)
	}
	return out, nil
}

func (g *guard) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	addrs, err := g.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	var lastErr error
	for _, a := range addrs {
		c, err := d.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return c, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// publicAddr reports whether a is a globally routable unicast address.
func publicAddr(a netip.Addr) bool {
	return a.IsValid() && a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() &&
		!a.IsLinkLocalUnicast() && !a.IsUnspecified() && !a.IsMulticast() && !cgnat.Contains(a)
}
