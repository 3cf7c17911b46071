package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/ent"
	entclip "github.com/fitcoach/fitcoach/services/video/ent/clip"
)

// captionRow is one caption track as the captions column stores it. Source is the track's
// locator of the clip's provider (empty for Stream, whose tracks live in Stream), so a row
// reads like the clip's own provider + source columns.
type captionRow struct {
	Locale string `json:"locale"`
	Label  string `json:"label"`
	Source string `json:"source,omitempty"`
}

// encodeCaptions is the captions column of c: "" when it has no tracks.
func encodeCaptions(c *videov1.Clip) string {
	if len(c.GetCaptions()) == 0 {
		return ""
	}
	rows := make([]captionRow, len(c.GetCaptions()))
	for i, tr := range c.GetCaptions() {
		rows[i] = captionRow{Locale: tr.GetLocale(), Label: tr.GetLabel(), Source: captionSource(tr)}
	}
	b, err := json.Marshal(rows)
	if err != nil {
		// Marshalling a slice of plain strings cannot fail.
		panic(err)
	}
	return string(b)
}

func captionSource(tr *videov1.CaptionTrack) string {
	switch s := tr.GetSource().(type) {
	case *videov1.CaptionTrack_R2Key:
		return s.R2Key
	case *videov1.CaptionTrack_ExternalUrl:
		return s.ExternalUrl
	case *videov1.CaptionTrack_LocalPath:
		return s.LocalPath
	}
	return ""
}

// decodeCaptions turns a captions column back into tracks of provider p. Only this package
// writes the column, so a value it cannot read means a damaged row: the clip then plays
// without captions rather than failing its playlist.
func decodeCaptions(p videov1.Provider, col string) []*videov1.CaptionTrack {
	if col == "" {
		return nil
	}
	var rows []captionRow
	if err := json.Unmarshal([]byte(col), &rows); err != nil {
		return nil
	}
	out := make([]*videov1.CaptionTrack, 0, len(rows))
	for _, r := range rows {
		tr := &videov1.CaptionTrack{Locale: r.Locale, Label: r.Label}
		switch p {
		case videov1.Provider_PROVIDER_R2:
			tr.Source = &videov1.CaptionTrack_R2Key{R2Key: r.Source}
		case videov1.Provider_PROVIDER_STREAM:
			tr.Source = &videov1.CaptionTrack_Stream{Stream: true}
		case videov1.Provider_PROVIDER_EXTERNAL:
			tr.Source = &videov1.CaptionTrack_ExternalUrl{ExternalUrl: r.Source}
		case videov1.Provider_PROVIDER_LOCAL:
			tr.Source = &videov1.CaptionTrack_LocalPath{LocalPath: r.Source}
		}
		out = append(out, tr)
	}
	return out
}

// Uncaptioned returns every clip, active or not, that has no caption track, ordered by id.
func (s *Store) Uncaptioned(ctx context.Context) ([]*videov1.Clip, error) {
	rows, err := s.client.Clip.Query().Where(entclip.Captions("")).Order(ent.Asc(entclip.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("clips without captions: %w", err)
	}
	out := make([]*videov1.Clip, len(rows))
	for i, r := range rows {
		out[i] = toProto(r)
	}
	return out, nil
}

// AddCaptions gives the clips named in tracks (by id) those caption tracks, in one
// transaction, but only clips that still have none (an operator's tracks written meanwhile
// win; a deleted clip is skipped). It returns how many clips it changed.
func (s *Store) AddCaptions(ctx context.Context, tracks map[string][]*videov1.CaptionTrack) (int, error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	ids := slices.Sorted(maps.Keys(tracks))
	n := 0
	for _, id := range ids {
		col := encodeCaptions(&videov1.Clip{Captions: tracks[id]})
		changed, err := tx.Clip.Update().
			Where(entclip.ID(id), entclip.Captions("")).
			SetCaptions(col).
			SetUpdateTime(s.now()).
			Save(ctx)
		if err != nil {
			_ = tx.Rollback()
			return 0, fmt.Errorf("add captions to clip %q: %w", id, err)
		}
		n += changed
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return n, nil
}
