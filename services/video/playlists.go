package video

import (
	"context"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// BuildPlaylist answers the deterministic playlist of one workout. Any authenticated caller
// may build one (the plan service does so with the person's token); a playlist only reveals
// playback URLs of active clips.
func (s *Service) BuildPlaylist(ctx context.Context, req *videov1.BuildPlaylistRequest) (*videov1.BuildPlaylistResponse, error) {
	p, err := s.builder.Build(ctx, req)
	if err != nil {
		return nil, err
	}
	return &videov1.BuildPlaylistResponse{Playlist: p}, nil
}
