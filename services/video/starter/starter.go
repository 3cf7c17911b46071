// Package starter embeds the clip set `fitcoach dev` starts with: placeholder videos for the
// local provider (media/), their English and Russian WebVTT captions (media/captions/, made by
// ./gencaptions from the starter catalog's names and descriptions) and the clip list
// (clips.json, protojson Clip objects).
package starter

//go:generate go run ./gencaptions

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

//go:embed clips.json media
var files embed.FS

// CaptionLocales are the locales every starter clip has a caption track in, with the label a
// player shows for each.
var CaptionLocales = []struct{ Locale, Label string }{{"en", "English"}, {"ru", "Русский"}}

// CaptionPath is the local_path of the starter caption file of clip in locale:
// captions/<exercise>.<kind>.<locale>.vtt for an exercise's clips (archetype-specific ones share
// the exercise's text), captions/<kind>[.<archetype>].<locale>.vtt for global clips, whose
// words follow the coach's voice.
func CaptionPath(clip *videov1.Clip, locale string) string {
	kind := strings.ToLower(strings.TrimPrefix(clip.GetKind().String(), "CLIP_KIND_"))
	if clip.GetExerciseSlug() != "" {
		return "captions/" + clip.GetExerciseSlug() + "." + kind + "." + locale + ".vtt"
	}
	name := kind
	if a := clip.GetArchetype(); a != typesv1.Archetype_ARCHETYPE_UNSPECIFIED {
		name += "." + strings.ToLower(strings.TrimPrefix(a.String(), "ARCHETYPE_"))
	}
	return "captions/" + name + "." + locale + ".vtt"
}

// Clips decodes the starter clip list, each clip with its caption tracks.
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
		for _, l := range CaptionLocales {
			c.Captions = append(c.Captions, &videov1.CaptionTrack{
				Locale: l.Locale, Label: l.Label,
				Source: &videov1.CaptionTrack_LocalPath{LocalPath: CaptionPath(c, l.Locale)},
			})
		}
		out = append(out, c)
	}
	return out, nil
}

// MediaFS is the embedded media directory: the files CopyMedia writes.
func MediaFS() fs.FS {
	sub, err := fs.Sub(files, "media")
	if err != nil {
		// fs.Sub fails only for an invalid path; "media" is a constant valid one.
		panic(err)
	}
	return sub
}

// Media lists the embedded media files by their path below the media directory
// ("intro.mp4", "captions/intro.en.vtt").
func Media() ([]string, error) {
	var names []string
	err := fs.WalkDir(files, "media", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		names = append(names, strings.TrimPrefix(p, "media/"))
		return nil
	})
	return names, err
}

// CopyMedia writes the embedded media files into dir, skipping files already there (an
// operator may have replaced a placeholder), and reports how many it wrote.
func CopyMedia(dir string) (int, error) {
	names, err := Media()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, name := range names {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return n, fmt.Errorf("create media dir: %w", err)
		}
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
