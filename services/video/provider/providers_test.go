package provider_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/video/provider"
)

// fakeResolver answers from a table so tests never touch real DNS.
type fakeResolver map[string][]string

func (f fakeResolver) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	ips, ok := f[host]
	if !ok {
		return nil, errors.New("no such host")
	}
	out := make([]net.IPAddr, len(ips))
	for i, s := range ips {
		out[i] = net.IPAddr{IP: net.ParseIP(s)}
	}
	return out, nil
}

func extClip(u string) *videov1.Clip {
	return &videov1.Clip{Provider: videov1.Provider_PROVIDER_EXTERNAL, Source: &videov1.Clip_ExternalUrl{ExternalUrl: u}}
}

func TestExternalValidateSource(t *testing.T) {
	res := fakeResolver{
		"videos.example.com": {"93.184.216.34"},
		"cdn.example.com":    {"93.184.216.35"},
		"internal.example":   {"10.0.0.7"},
		"loop.example":       {"127.0.0.1"},
		"meta.example":       {"169.254.169.254"},
		"mixed.example":      {"93.184.216.34", "192.168.1.1"},
		"v6local.example":    {"fe80::1"},
		"mapped.example":     {"::ffff:127.0.0.1"},
	}
	open, err := provider.NewRegistry(provider.Config{}, provider.Deps{Resolver: res})
	require.NoError(t, err)
	restricted, err := provider.NewRegistry(provider.Config{External: provider.ExternalConfig{AllowedHosts: []string{"videos.example.com", ".example.org"}}},
		provider.Deps{Resolver: fakeResolver{"videos.example.com": {"93.184.216.34"}, "a.example.org": {"93.184.216.36"}, "cdn.example.com": {"93.184.216.35"}}})
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		reg  *provider.Registry
		url  string
		ok   bool
	}{
		{"public https", open, "https://videos.example.com/a.mp4", true},
		{"http refused", open, "http://videos.example.com/a.mp4", false},
		{"credentials refused", open, "https://user:pw@videos.example.com/a.mp4", false},
		{"ip literal refused", open, "https://93.184.216.34/a.mp4", false},
		{"ipv6 literal refused", open, "https://[2606:2800::1]/a.mp4", false},
		{"private address refused", open, "https://internal.example/a.mp4", false},
		{"loopback refused", open, "https://loop.example/a.mp4", false},
		{"link-local metadata refused", open, "https://meta.example/a.mp4", false},
		{"any private address refused", open, "https://mixed.example/a.mp4", false},
		{"ipv6 link-local refused", open, "https://v6local.example/a.mp4", false},
		{"mapped loopback refused", open, "https://mapped.example/a.mp4", false},
		{"unresolvable refused", open, "https://nowhere.example/a.mp4", false},
		{"allow-listed host", restricted, "https://videos.example.com/a.mp4", true},
		{"allow-listed subdomain", restricted, "https://a.example.org/a.mp4", true},
		{"host not allow-listed", restricted, "https://cdn.example.com/a.mp4", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.reg.ValidateSource(t.Context(), extClip(tc.url))
			if tc.ok {
				require.NoError(t, err)
				return
			}
			var inv *grpcerr.InvalidError
			require.ErrorAs(t, err, &inv)
		})
	}
}

func TestExternalExists(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing.mp4" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	res := fakeResolver{"example.com": {"127.0.0.1"}}

	guarded, err := provider.NewRegistry(provider.Config{}, provider.Deps{Resolver: res, ExternalTLS: &tls.Config{RootCAs: pool}})
	require.NoError(t, err)
	// Only this test lets loopback stand in for a public host; the guard's own rule refuses it.
	permissive, err := provider.NewRegistry(provider.Config{}, provider.Deps{
		Resolver: res, ExternalTLS: &tls.Config{RootCAs: pool},
		PermitAddr: func(a netip.Addr) bool { return a.IsLoopback() },
	})
	require.NoError(t, err)

	base := "https://example.com:" + port
	t.Run("present", func(t *testing.T) {
		ok, err := permissive.Exists(t.Context(), extClip(base+"/a.mp4"))
		require.NoError(t, err)
		require.True(t, ok)
	})
	t.Run("missing", func(t *testing.T) {
		ok, err := permissive.Exists(t.Context(), extClip(base+"/missing.mp4"))
		require.NoError(t, err)
		require.False(t, ok)
	})
	t.Run("guard refuses to dial loopback", func(t *testing.T) {
		_, err := guarded.Exists(t.Context(), extClip(base+"/a.mp4"))
		require.ErrorContains(t, err, "non-public address")
	})
	t.Run("playback is the URL", func(t *testing.T) {
		u, exp, err := guarded.PlaybackURL(t.Context(), extClip(base+"/a.mp4"))
		require.NoError(t, err)
		require.Equal(t, base+"/a.mp4", u)
		require.True(t, exp.IsZero())
	})
}

func TestLocalAndStream(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "starter"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "starter", "intro clip.mp4"), []byte("x"), 0o644))
	reg, err := provider.NewRegistry(provider.Config{
		Local:  provider.LocalConfig{MediaDir: dir, MediaBaseURL: "http://127.0.0.1:8080/media/"},
		Stream: provider.StreamConfig{HLSTemplate: "https://videodelivery.net/{playback_id}/manifest/video.m3u8"},
	}, provider.Deps{})
	require.NoError(t, err)
	local := func(p string) *videov1.Clip {
		return &videov1.Clip{Provider: videov1.Provider_PROVIDER_LOCAL, Source: &videov1.Clip_LocalPath{LocalPath: p}}
	}

	for _, tc := range []struct {
		name string
		clip *videov1.Clip
		want bool
	}{
		{"local present", local("starter/intro clip.mp4"), true},
		{"local missing", local("starter/none.mp4"), false},
		{"local directory is not a clip", local("starter"), false},
		{"stream assumed present", &videov1.Clip{Provider: videov1.Provider_PROVIDER_STREAM, Source: &videov1.Clip_StreamUid{StreamUid: "abc"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := reg.Exists(t.Context(), tc.clip)
			require.NoError(t, err)
			require.Equal(t, tc.want, ok)
		})
	}

	u, _, err := reg.PlaybackURL(t.Context(), local("starter/intro clip.mp4"))
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:8080/media/starter/intro%20clip.mp4", u)
	u, exp, err := reg.PlaybackURL(t.Context(), &videov1.Clip{Provider: videov1.Provider_PROVIDER_STREAM, Source: &videov1.Clip_StreamUid{StreamUid: "abc"}})
	require.NoError(t, err)
	require.Equal(t, "https://videodelivery.net/abc/manifest/video.m3u8", u)
	require.True(t, exp.IsZero())

	var inv *grpcerr.InvalidError
	require.ErrorAs(t, reg.ValidateSource(t.Context(), local("../etc/passwd")), &inv)

	_, err = reg.UploadURL(t.Context(), local("starter/intro clip.mp4"), "")
	require.ErrorIs(t, err, grpcerr.ErrFailedPrecondition)
	_, err = reg.Exists(t.Context(), &videov1.Clip{Provider: videov1.Provider_PROVIDER_R2, Source: &videov1.Clip_R2Key{R2Key: "k"}})
	require.ErrorIs(t, err, grpcerr.ErrFailedPrecondition, "r2 without settings is reported, not a crash")
}

func TestConfigOrigins(t *testing.T) {
	cfg := provider.Config{}
	cfg.R2.Endpoint = "https://acct.r2.cloudflarestorage.com"
	cfg.R2.SignedURLs = true
	cfg.R2.CDNBaseURL = "https://cdn.example.com/clips/"
	cfg.Stream.HLSTemplate = "https://customer-abc.cloudflarestream.com/{playback_id}/manifest/video.m3u8"
	cfg.External.AllowedHosts = []string{"videos.example.org", ".media.example.net", "bad host;"}
	require.Equal(t, []string{
		"https://acct.r2.cloudflarestorage.com",
		"https://cdn.example.com",
		"https://customer-abc.cloudflarestream.com",
		"https://videos.example.org",
		"https://*.media.example.net",
	}, cfg.Origins())

	require.Equal(t, []string{"https://videodelivery.net"}, provider.Config{}.Origins(), "Stream's default host; nothing else configured")
}
