package provider

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// LocalConfig configures clips stored as files, served by the gateway under /media/ (the
// `fitcoach dev` default).
type LocalConfig struct {
	MediaDir     string `env:"MEDIA_DIR" default:"data/media" usage:"directory holding local clip files (fitcoach dev: <data dir>/media)"`
	MediaBaseURL string `env:"MEDIA_BASE_URL" default:"http://localhost:8080/media" usage:"URL prefix under which the gateway serves MEDIA_DIR"`
}

type local struct {
	dir  string
	base string
}

func newLocal(cfg Config, _ Deps) (Provider, error) {
	dir := cfg.Local.MediaDir
	if dir == "" {
		dir = "data/media"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("MEDIA_DIR %q: %w", dir, err)
	}
	return &local{dir: abs, base: strings.TrimRight(cfg.Local.MediaBaseURL, "/")}, nil
}

// LocalDir returns the absolute media directory the local provider of cfg reads.
func LocalDir(cfg Config) (string, error) {
	p, err := newLocal(cfg, Deps{})
	if err != nil {
		return "", err
	}
	return p.(*local).dir, nil
}

func (l *local) path(clip *videov1.Clip) (string, error) {
	rel := clip.GetLocalPath()
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", grpcerr.Invalid("clip.local_path", "local_path.inside", "the path must stay inside the media directory")
	}
	return filepath.Join(l.dir, filepath.FromSlash(rel)), nil
}

func (l *local) ValidateSource(_ context.Context, clip *videov1.Clip) error {
	_, err := l.path(clip)
	return err
}

func (l *local) Exists(_ context.Context, clip *videov1.Clip) (bool, error) {
	p, err := l.path(clip)
	if err != nil {
		return false, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("local stat: %w", err)
	}
	return st.Mode().IsRegular(), nil
}

func (l *local) PlaybackURL(_ context.Context, clip *videov1.Clip) (string, time.Time, error) {
	return l.base + "/" + escapeKey(clip.GetLocalPath()), time.Time{}, nil
}
