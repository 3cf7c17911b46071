package video

import (
	"context"
	"fmt"

	"github.com/fitcoach/fitcoach/services/video/starter"
)

// LoadStarter makes `fitcoach dev` useful at once: it copies the embedded placeholder videos
// into MediaDir (never overwriting a file already there) and, when the clip table is empty,
// inserts the starter clips in one transaction. It returns the number of clips inserted, 0
// when clips already existed; calling it again is harmless.
func (s *Service) LoadStarter(ctx context.Context) (int, error) {
	if _, err := starter.CopyMedia(s.mediaDir); err != nil {
		return 0, fmt.Errorf("starter media: %w", err)
	}
	n, err := s.store.Count(ctx)
	if err != nil {
		return 0, err
	}
	if n > 0 {
		return 0, nil
	}
	clips, err := starter.Clips()
	if err != nil {
		return 0, err
	}
	for _, c := range clips {
		s.normalize(c)
	}
	if err := s.store.CreateBatch(ctx, clips); err != nil {
		return 0, fmt.Errorf("starter clips: %w", err)
	}
	s.afterWrite(ctx)
	s.log.InfoContext(ctx, "loaded the starter clips", "clips", len(clips), "media_dir", s.mediaDir)
	return len(clips), nil
}
