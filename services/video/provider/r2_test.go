package provider_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/provider"
	"github.com/fitcoach/fitcoach/services/video/s3test"
)

func r2Clip(key string) *videov1.Clip {
	return &videov1.Clip{Provider: videov1.Provider_PROVIDER_R2, Source: &videov1.Clip_R2Key{R2Key: key}}
}

func r2Config(endpoint string) provider.R2Config {
	return provider.R2Config{
		Endpoint: endpoint, Bucket: "clips", AccessKeyID: s3test.Access, SecretAccessKey: s3test.Secret,
		Region: s3test.Region, SignedURLs: true, SignedURLTTL: time.Hour, UploadURLTTL: 15 * time.Minute,
		Timeout: 2 * time.Second,
	}
}

func TestR2AgainstS3Server(t *testing.T) {
	srv := s3test.Start(t, "clips")
	body := []byte("not really an mp4, but bytes that must come back intact")
	srv.Put(t, "clips", "technique/push ups.mp4", body)

	p, err := provider.NewR2(r2Config(srv.Endpoint))
	require.NoError(t, err)

	t.Run("exists", func(t *testing.T) {
		for _, tc := range []struct {
			key  string
			want bool
		}{
			{"technique/push ups.mp4", true},
			{"technique/missing.mp4", false},
		} {
			t.Run(tc.key, func(t *testing.T) {
				ok, err := p.Exists(t.Context(), r2Clip(tc.key))
				require.NoError(t, err)
				require.Equal(t, tc.want, ok)
			})
		}
	})

	t.Run("presigned GET downloads", func(t *testing.T) {
		u, exp, err := p.PlaybackURL(t.Context(), r2Clip("technique/push ups.mp4"))
		require.NoError(t, err)
		require.WithinDuration(t, time.Now().Add(time.Hour), exp, 5*time.Second)
		require.Contains(t, u, "X-Amz-Signature=")
		resp, err := http.Get(u)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		got, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, body, got)

		again, exp2, err := p.PlaybackURL(t.Context(), r2Clip("technique/push ups.mp4"))
		require.NoError(t, err)
		require.Equal(t, u, again, "a fresh signature is reused while half its life is left")
		require.Equal(t, exp, exp2)
	})

	t.Run("tampered signature refused", func(t *testing.T) {
		u, _, err := p.PlaybackURL(t.Context(), r2Clip("technique/push ups.mp4"))
		require.NoError(t, err)
		resp, err := http.Get(strings.Replace(u, "push%20ups", "push%20upz", 1))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})

	t.Run("expired presigned GET refused", func(t *testing.T) {
		cfg := r2Config(srv.Endpoint)
		cfg.SignedURLTTL = time.Second
		short, err := provider.NewR2(cfg)
		require.NoError(t, err)
		u, _, err := short.PlaybackURL(t.Context(), r2Clip("technique/push ups.mp4"))
		require.NoError(t, err)
		time.Sleep(2100 * time.Millisecond)
		resp, err := http.Get(u)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})

	t.Run("presigned PUT uploads", func(t *testing.T) {
		up, ok := p.(provider.Uploader)
		require.True(t, ok)
		clip := r2Clip("uploads/new.mp4")
		u, err := up.UploadURL(t.Context(), clip, "video/mp4")
		require.NoError(t, err)
		require.Equal(t, http.MethodPut, u.Method)
		payload := bytes.Repeat([]byte{0x42}, 4096)
		req, err := http.NewRequestWithContext(t.Context(), u.Method, u.URL, bytes.NewReader(payload))
		require.NoError(t, err)
		for k, v := range u.Headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		ok2, err := p.Exists(t.Context(), clip)
		require.NoError(t, err)
		require.True(t, ok2)
	})

	t.Run("public base URL when signing is off", func(t *testing.T) {
		cfg := r2Config(srv.Endpoint)
		cfg.SignedURLs = false
		cfg.CDNBaseURL = "https://cdn.example.com/"
		pub, err := provider.NewR2(cfg)
		require.NoError(t, err)
		u, exp, err := pub.PlaybackURL(t.Context(), r2Clip("technique/push ups.mp4"))
		require.NoError(t, err)
		require.Equal(t, "https://cdn.example.com/technique/push%20ups.mp4", u)
		require.True(t, exp.IsZero())
	})
}

func TestR2ServerDown(t *testing.T) {
	// A loopback port nobody listens on: the S3 server is down.
	p, err := provider.NewR2(r2Config("http://" + s3test.FreePort(t)))
	require.NoError(t, err)
	start := time.Now()
	ok, err := p.Exists(t.Context(), r2Clip("technique/push-ups.mp4"))
	require.Error(t, err)
	require.False(t, ok)
	require.Less(t, time.Since(start), 3*time.Second)
	// Signing needs no server: URLs can still be answered, the existence cache decides.
	_, _, err = p.PlaybackURL(t.Context(), r2Clip("technique/push-ups.mp4"))
	require.NoError(t, err)
}
