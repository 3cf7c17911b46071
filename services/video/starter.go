package video

import (
	"context"
	"fmt"

	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/starter"
)

// LoadStarter makes `fitcoach dev` useful at once: it copies the embedded placeholder videos
// into MediaDir (never overwriting a file already there) and inserts starter clips in one
// transaction: all of them when the clip table is empty, else those of starter exercises that
// have no clip at all — exercises a newer starter catalog added to an older data directory.
// An exercise with any clip (an operator's, or one deactivated) is left alone, so a clip
// removed on purpose does not come back. It returns the number of clips inserted, 0 when
// nothing was missing; calling it again is harmless. Starter clips of an older data directory
// that have no captions get the starter's caption tracks.
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
	all := clips
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
	captioned := 0
	if n > 0 {
		if captioned, err = s.addStarterCaptions(ctx, all); err != nil {
			return 0, err
		}
	}
	if len(clips) == 0 {
		if captioned > 0 {
			s.afterWrite(ctx)
		}
		return 0, nil
	}
	if err := s.store.CreateBatch(ctx, clips); err != nil {
		return 0, fmt.Errorf("starter clips: %w", err)
	}
	s.afterWrite(ctx)
	s.log.InfoContext(ctx, "loaded the starter clips", "clips", len(clips), "media_dir", s.mediaDir)
	return len(clips), nil
}

// starterKey identifies a starter clip in a database: what it shows and the file it plays.
type starterKey struct {
	slug, locale, path string
	kind               typesv1.ClipKind
	arch               typesv1.Archetype
}

func keyOf(c *videov1.Clip) starterKey {
	return starterKey{c.GetExerciseSlug(), c.GetLocale(), c.GetLocalPath(), c.GetKind(), c.GetArchetype()}
}

// addStarterCaptions gives the starter clips of an older data directory (loaded before the
// starter set had captions) their caption tracks: every clip that has none and is still a
// starter clip as shipped — local provider, same exercise, kind, archetype, locale and file.
// A clip an operator captioned, or pointed at another file, is left alone.
func (s *Service) addStarterCaptions(ctx context.Context, starterClips []*videov1.Clip) (int, error) {
	want := make(map[starterKey][]*videov1.CaptionTrack, len(starterClips))
	for _, c := range starterClips {
		want[keyOf(c)] = c.GetCaptions()
	}
	bare, err := s.store.Uncaptioned(ctx)
	if err != nil {
		return 0, err
	}
	add := map[string][]*videov1.CaptionTrack{}
	for _, c := range bare {
		if c.GetProvider() != videov1.Provider_PROVIDER_LOCAL {
			continue
		}
		if tracks := want[keyOf(c)]; len(tracks) > 0 {
			add[c.GetId()] = tracks
		}
	}
	if len(add) == 0 {
		return 0, nil
	}
	n, err := s.store.AddCaptions(ctx, add)
	if err != nil {
		return 0, fmt.Errorf("starter captions: %w", err)
	}
	s.log.InfoContext(ctx, "added captions to starter clips", "clips", n)
	return n, nil
}
