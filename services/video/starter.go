package video

import (
	"context"
	"fmt"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/starter"
)

// LoadStarter makes `fitcoach dev` useful at once: it copies the embedded placeholder videos
// into MediaDir (never overwriting a file already there) and inserts starter clips in one
// transaction: all of them when the clip table is empty, else those of starter exercises that
// have no clip at all — exercises a newer starter catalog added to an older data directory.
// An exercise with any clip (an operator's, or one deactivated) is left alone, so a clip
// removed on purpose does not come back. It returns the number of clips inserted, 0 when
// nothing was missing; calling it again is harmless.
func (s *Service) LoadStarter(ctx context.Context) (int, error) {
	if _, err := starter.CopyMedia(s.mediaDir); err != nil {
		return 0, fmt.Errorf("starter media: %w", err)
	}
	n, err := s.store.Count(ctx)
	if err != nil {
		return 0, err
	}
	clips, err := starter.Clips()
	if err != nil {
		return 0, err
	}
	for _, c := range clips {
		s.normalize(c)
	}
	if n > 0 {
		have, err := s.store.ExerciseSlugs(ctx)
		if err != nil {
			return 0, err
		}
		missing := make([]*videov1.Clip, 0, len(clips))
		for _, c := range clips {
			if c.GetExerciseSlug() != "" && !have[c.GetExerciseSlug()] {
				missing = append(missing, c)
			}
		}
		clips = missing
	}
	if len(clips) == 0 {
		return 0, nil
	}
	if err := s.store.CreateBatch(ctx, clips); err != nil {
		return 0, fmt.Errorf("starter clips: %w", err)
	}
	s.afterWrite(ctx)
	s.log.InfoContext(ctx, "loaded the starter clips", "clips", len(clips), "media_dir", s.mediaDir)
	return len(clips), nil
}
