package video

import (
	"context"
	"fmt"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// GetPlayback answers a URL that plays the clip now; for an inactive clip only to admins and
// services.
func (s *Service) GetPlayback(ctx context.Context, req *videov1.GetPlaybackRequest) (*videov1.GetPlaybackResponse, error) {
	c, err := s.visibleClip(ctx, req.GetId())
	if err != nil {
		return nil, err
	}
	url, exp, err := s.providers.PlaybackURL(ctx, c)
	if err != nil {
		return nil, err
	}
	resp := &videov1.GetPlaybackResponse{Url: url, Provider: c.GetProvider()}
	if !exp.IsZero() {
		resp.ExpireTime = timestamppb.New(exp)
	}
	return resp, nil
}

// CreateUpload answers a presigned PUT for an R2 clip's object; clips on other providers
// take no uploads (FAILED_PRECONDITION).
func (s *Service) CreateUpload(ctx context.Context, req *videov1.CreateUploadRequest) (*videov1.CreateUploadResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	c, err := s.store.Get(ctx, req.GetId())
	if err != nil {
		return nil, err
	}
	if c.GetProvider() != videov1.Provider_PROVIDER_R2 {
		return nil, fmt.Errorf("clip %q is on %s; uploads are for r2 clips: %w", c.GetId(), c.GetProvider(), grpcerr.ErrFailedPrecondition)
	}
	up, err := s.providers.UploadURL(ctx, c, req.GetContentType())
	if err != nil {
		return nil, err
	}
	// The object is about to change: the next playlist re-checks it instead of trusting a
	// "missing" verdict from before the upload.
	s.checker.Forget(c.GetId())
	return &videov1.CreateUploadResponse{
		Url: up.URL, Method: up.Method, Headers: up.Headers, ExpireTime: timestamppb.New(up.Expires),
	}, nil
}
