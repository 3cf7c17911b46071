// Package starter embeds the clip set `fitcoach dev` starts with: placeholder videos for the
// local provider (media/) and the clip list (clips.json, protojson Clip objects).
package starter

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"google.golang.org/protobuf/encoding/protojson"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

//go:embed clips.json media/*.mp4
var files embed.FS

// Clips decodes the starter clip list.
func Clips() ([]*videov1.Clip, error) {
	raw, err := files.ReadFile("clips.json")
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("starter clips: %w", err)
	}
	out := make([]*videov1.Clip, 0, len(items))
	for i, it := range items {
		c := &videov1.Clip{}
		if err := protojson.Unmarshal(it, c); err != nil {
			return nil, fmt.Errorf("starter clip %d: %w", i, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// Media lists the embedded media files by name.
func Media() ([]string, error) {
	entries, err := fs.ReadDir(files, "media")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}

// CopyMedia writes the embedded media files into dir, skipping files already there (an
// operator may have replaced a placeholder), and reports how many it wrote.
func CopyMedia(dir string) (int, error) {
	names, err := Media()
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create media dir: %w", err)
	}
	n := 0
	for _, name := range names {
		dst := filepath.Join(dir, name)
		if _, err := os.Stat(dst); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		b, err := files.ReadFile(path.Join("media", name))
		if err != nil {
			return n, err
		}
		// Write then rename, so a crash never leaves a truncated clip that would pass the
		// existence check.
		tmp := dst + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return n, fmt.Errorf("write %s: %w", name, err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
