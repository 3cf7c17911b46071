package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// R2Config configures Cloudflare R2 (any S3-compatible server works: the client uses path-style
// addressing against R2_ENDPOINT).
type R2Config struct {
	Endpoint        string        `env:"R2_ENDPOINT" usage:"S3 API endpoint of R2, e.g. https://<account>.r2.cloudflarestorage.com; empty disables the r2 provider"`
	Bucket          string        `env:"R2_BUCKET" usage:"R2 bucket holding clip objects"`
	AccessKeyID     string        `env:"AWS_ACCESS_KEY_ID" usage:"R2 access key id"`
	SecretAccessKey string        `env:"AWS_SECRET_ACCESS_KEY" usage:"R2 secret access key"`
	Region          string        `env:"R2_REGION" default:"auto" usage:"signing region (R2 uses auto)"`
	SignedURLs      bool          `env:"R2_SIGNED_URLS" default:"true" usage:"answer presigned GET URLs; false answers R2_CDN_BASE_URL (or R2_PUBLIC_BASE) + key"`
	SignedURLTTL    time.Duration `env:"R2_SIGNED_URL_TTL" default:"3600s" usage:"lifetime of presigned GET URLs"`
	CDNBaseURL      string        `env:"R2_CDN_BASE_URL" usage:"public base URL of the bucket (custom domain or CDN) used when signing is off"`
	PublicBase      string        `env:"R2_PUBLIC_BASE" usage:"alternative name of R2_CDN_BASE_URL (r2.dev URL); R2_CDN_BASE_URL wins"`
	UploadURLTTL    time.Duration `env:"R2_UPLOAD_URL_TTL" default:"900s" usage:"lifetime of presigned PUT URLs for uploads"`
	Timeout         time.Duration `env:"R2_TIMEOUT" default:"5s" usage:"timeout of one R2 API call (existence checks)"`
}

type r2 struct {
	cfg     R2Config
	client  *s3.Client
	presign *s3.PresignClient
	now     func() time.Time

	// signed caches presigned GET URLs per key: signing runs the SDK's middleware stack, far
	// too slow to repeat for every item of every playlist. A URL is reused while at least half
	// of its lifetime is left, so a player always gets at least TTL/2 to start playing.
	mu     sync.RWMutex
	signed map[string]signedURL
}

type signedURL struct {
	url     string
	expires time.Time
}

func newR2(cfg Config, d Deps) (Provider, error) {
	c := cfg.R2
	if c.Endpoint == "" || c.Bucket == "" {
		return unconfigured{reason: "the r2 provider is not configured (set R2_ENDPOINT and R2_BUCKET)"}, nil
	}
	var rt http.RoundTripper
	if d.StorageTransport != nil {
		rt = d.StorageTransport(http.DefaultTransport)
	}
	return newR2Client(c, rt)
}

// NewR2 returns the R2 provider for c (exported for tests and tools that talk to R2 directly).
func NewR2(c R2Config) (Provider, error) { return newR2Client(c, nil) }

// newR2Client is NewR2 with the HTTP transport of the S3 client (nil: the default).
func newR2Client(c R2Config, rt http.RoundTripper) (Provider, error) {
	if c.Endpoint == "" || c.Bucket == "" {
		return nil, errors.New("r2: R2_ENDPOINT and R2_BUCKET are required")
	}
	if c.Region == "" {
		c.Region = "auto"
	}
	if c.SignedURLTTL <= 0 {
		c.SignedURLTTL = time.Hour
	}
	if c.UploadURLTTL <= 0 {
		c.UploadURLTTL = 15 * time.Minute
	}
	if c.Timeout <= 0 {
		c.Timeout = 5 * time.Second
	}
	if !c.SignedURLs && c.CDNBaseURL == "" && c.PublicBase == "" {
		return nil, errors.New("r2: with R2_SIGNED_URLS=false set R2_CDN_BASE_URL or R2_PUBLIC_BASE")
	}
	client := s3.New(s3.Options{
		Region:       c.Region,
		BaseEndpoint: aws.String(c.Endpoint),
		// Path-style (endpoint/bucket/key) works on R2 and on local S3 servers alike, with no
		// wildcard DNS for bucket subdomains.
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   &http.Client{Timeout: c.Timeout, Transport: rt},
		// One retry: existence checks run in the background and a dead endpoint should be
		// reported quickly, not after the SDK's default backoff.
		RetryMaxAttempts: 2,
		// Checksums only when an API requires them, so presigned PUTs carry no checksum
		// headers a browser upload could not reproduce.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
	return &r2{
		cfg:     c,
		client:  client,
		presign: s3.NewPresignClient(client),
		now:     time.Now,
		signed:  make(map[string]signedURL),
	}, nil
}

func (p *r2) Exists(ctx context.Context, clip *videov1.Clip) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	_, err := p.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(p.cfg.Bucket), Key: aws.String(clip.GetR2Key())})
	if err == nil {
		return true, nil
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound {
		return false, nil
	}
	return false, fmt.Errorf("r2 head %q: %w", clip.GetR2Key(), err)
}

func (p *r2) PlaybackURL(ctx context.Context, clip *videov1.Clip) (string, time.Time, error) {
	key := clip.GetR2Key()
	if !p.cfg.SignedURLs {
		base := p.cfg.CDNBaseURL
		if base == "" {
			base = p.cfg.PublicBase
		}
		return strings.TrimRight(base, "/") + "/" + escapeKey(key), time.Time{}, nil
	}
	now := p.now()
	p.mu.RLock()
	s, ok := p.signed[key]
	p.mu.RUnlock()
	if ok && s.expires.Sub(now) >= p.cfg.SignedURLTTL/2 {
		return s.url, s.expires, nil
	}
	req, err := p.presign.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(p.cfg.Bucket), Key: aws.String(key)},
		s3.WithPresignExpires(p.cfg.SignedURLTTL))
	if err != nil {
		return "", time.Time{}, fmt.Errorf("r2 presign get %q: %w", key, err)
	}
	s = signedURL{url: req.URL, expires: now.Add(p.cfg.SignedURLTTL)}
	p.mu.Lock()
	if len(p.signed) > 100_000 {
		clear(p.signed)
	}
	p.signed[key] = s
	p.mu.Unlock()
	return s.url, s.expires, nil
}

func (p *r2) UploadURL(ctx context.Context, clip *videov1.Clip, contentType string) (Upload, error) {
	in := &s3.PutObjectInput{Bucket: aws.String(p.cfg.Bucket), Key: aws.String(clip.GetR2Key())}
	headers := map[string]string{}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
		headers["Content-Type"] = contentType
	}
	now := p.now()
	req, err := p.presign.PresignPutObject(ctx, in, s3.WithPresignExpires(p.cfg.UploadURLTTL))
	if err != nil {
		return Upload{}, fmt.Errorf("r2 presign put %q: %w", clip.GetR2Key(), err)
	}
	for k, v := range req.SignedHeader {
		if len(v) > 0 && !strings.EqualFold(k, "host") {
			headers[http.CanonicalHeaderKey(k)] = v[0]
		}
	}
	return Upload{URL: req.URL, Method: req.Method, Headers: headers, Expires: now.Add(p.cfg.UploadURLTTL)}, nil
}

// escapeKey escapes each segment of an object key for a URL path, keeping the slashes.
func escapeKey(key string) string {
	parts := strings.Split(key, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
