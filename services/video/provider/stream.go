package provider

import (
	"context"
	"errors"
	"strings"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// StreamConfig configures Cloudflare Stream.
type StreamConfig struct {
	HLSTemplate string `env:"CF_STREAM_HLS_TEMPLATE" default:"https://videodelivery.net/{playback_id}/manifest/video.m3u8" usage:"HLS manifest URL of a Stream video; {playback_id} is replaced by the clip's stream uid"`
}

type stream struct{ template string }

func newStream(cfg Config, _ Deps) (Provider, error) {
	t := cfg.Stream.HLSTemplate
	if t == "" {
		t = "https://videodelivery.net/{playback_id}/manifest/video.m3u8"
	}
	if !strings.Contains(t, "{playback_id}") {
		return nil, errors.New("CF_STREAM_HLS_TEMPLATE must contain {playback_id}")
	}
	return stream{template: t}, nil
}

// Exists reports true: Stream's API needs an account token this service does not hold, and a
// uid is only registered once Stream has accepted the video. A deleted video shows up as a
// player error, not as a silent gap.
func (stream) Exists(context.Context, *videov1.Clip) (bool, error) { return true, nil }

func (s stream) PlaybackURL(_ context.Context, clip *videov1.Clip) (string, time.Time, error) {
	return strings.ReplaceAll(s.template, "{playback_id}", clip.GetStreamUid()), time.Time{}, nil
}
