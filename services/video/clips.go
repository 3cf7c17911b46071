package video

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/auth"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/validate"
	"github.com/fitcoach/fitcoach/services/video/provider"
	"github.com/fitcoach/fitcoach/services/video/store"
)

const (
	defaultPageSize = 50
	maxPageSize     = 500
)

// CreateClip registers a clip. As with exercises, active is output-only on create: a new clip
// is active (an admin adding a clip means it to play); UpdateClip deactivates it.
func (s *Service) CreateClip(ctx context.Context, req *videov1.CreateClipRequest) (*videov1.CreateClipResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	c := proto.Clone(req.GetClip()).(*videov1.Clip)
	c.Id, c.CreateTime, c.UpdateTime = "", nil, nil
	c.Active = true
	s.normalize(c)
	if err := s.validateSources(ctx, c); err != nil {
		return nil, err
	}
	out, err := s.store.Create(ctx, c)
	if err != nil {
		return nil, err
	}
	s.afterWrite(ctx, out.GetId())
	return &videov1.CreateClipResponse{Clip: out}, nil
}

// GetClip returns one clip; an inactive one only to admins and services.
func (s *Service) GetClip(ctx context.Context, req *videov1.GetClipRequest) (*videov1.GetClipResponse, error) {
	c, err := s.visibleClip(ctx, req.GetId())
	if err != nil {
		return nil, err
	}
	return &videov1.GetClipResponse{Clip: c}, nil
}

// seesInactive reports whether the caller may see inactive clips: admins, who manage them,
// and fitcoach's own services. To everyone else a deactivated clip is withdrawn, as if deleted.
func seesInactive(ctx context.Context) bool {
	p, ok := auth.FromContext(ctx)
	return ok && (p.IsAdmin() || p.HasRole(auth.RoleService))
}

// visibleClip returns the clip with id, or ErrNotFound when there is none or it is inactive
// and the caller may not see inactive clips.
func (s *Service) visibleClip(ctx context.Context, id string) (*videov1.Clip, error) {
	c, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !c.GetActive() && !seesInactive(ctx) {
		return nil, fmt.Errorf("clip %q: %w", id, grpcerr.ErrNotFound)
	}
	return c, nil
}

// UpdateClip applies the fields named in update_mask and validates the merged clip as a whole.
func (s *Service) UpdateClip(ctx context.Context, req *videov1.UpdateClipRequest) (*videov1.UpdateClipResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	cur, err := s.store.Get(ctx, req.GetClip().GetId())
	if err != nil {
		return nil, err
	}
	merged := proto.Clone(cur).(*videov1.Clip)
	in := req.GetClip()
	for _, p := range req.GetUpdateMask().GetPaths() {
		if err := applyPath(merged, in, p); err != nil {
			return nil, err
		}
	}
	s.normalize(merged)
	if err := validate.Message(s.validator, merged); err != nil {
		return nil, underClip(err)
	}
	if err := s.validateSources(ctx, merged); err != nil {
		return nil, err
	}
	out, err := s.store.Update(ctx, merged)
	if err != nil {
		return nil, err
	}
	s.afterWrite(ctx, out.GetId())
	return &videov1.UpdateClipResponse{Clip: out}, nil
}

// applyPath copies one update_mask field from in to dst.
func applyPath(dst, in *videov1.Clip, path string) error {
	switch path {
	case "exercise_slug":
		dst.ExerciseSlug = in.GetExerciseSlug()
	case "kind":
		dst.Kind = in.GetKind()
	case "archetype":
		dst.Archetype = in.GetArchetype()
	case "locale":
		dst.Locale = in.GetLocale()
	case "provider":
		dst.Provider = in.GetProvider()
	case "r2_key", "stream_uid", "external_url", "local_path":
		// The source is a oneof: naming any of its fields takes the request's source whole.
		dst.Source = in.GetSource()
	case "duration_seconds":
		dst.DurationSeconds = in.GetDurationSeconds()
	case "active":
		dst.Active = in.GetActive()
	case "title":
		dst.Title = in.GetTitle()
	case "captions":
		// The tracks are a list: naming it replaces them all (an empty list removes them).
		dst.Captions = in.GetCaptions()
	case "title.ru", "title.en":
		t := &typesv1.LocalizedText{Ru: dst.GetTitle().GetRu(), En: dst.GetTitle().GetEn()}
		if path == "title.ru" {
			t.Ru = in.GetTitle().GetRu()
		} else {
			t.En = in.GetTitle().GetEn()
		}
		dst.Title = t
	default:
		return grpcerr.Invalid("update_mask", "update_mask.paths", fmt.Sprintf("%q is not an updatable clip field", path))
	}
	return nil
}

// underClip names the violations of a merged clip as the request's fields (clip.locale, and
// clip for a rule on the whole clip), as CreateClip's interceptor does.
func underClip(err error) error {
	var inv *grpcerr.InvalidError
	if !errors.As(err, &inv) {
		return err
	}
	out := &grpcerr.InvalidError{}
	for _, v := range inv.Violations {
		if v.Field == "" {
			v.Field = "clip"
		} else {
			v.Field = "clip." + v.Field
		}
		out.Violations = append(out.Violations, v)
	}
	return out
}

// validateSources runs the provider's checks on the clip's source and on each caption track's
// file, naming the track in a violation (clip.captions[1].external_url).
func (s *Service) validateSources(ctx context.Context, c *videov1.Clip) error {
	if err := s.providers.ValidateSource(ctx, c); err != nil {
		return err
	}
	for i, tr := range c.GetCaptions() {
		cc := provider.CaptionClip(c, tr)
		if cc == nil {
			continue
		}
		err := s.providers.ValidateSource(ctx, cc)
		var inv *grpcerr.InvalidError
		if errors.As(err, &inv) {
			out := &grpcerr.InvalidError{}
			for _, v := range inv.Violations {
				v.Field = fmt.Sprintf("clip.captions[%d].%s", i, strings.TrimPrefix(v.Field, "clip."))
				out.Violations = append(out.Violations, v)
			}
			return out
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteClip removes a clip.
func (s *Service) DeleteClip(ctx context.Context, req *videov1.DeleteClipRequest) (*videov1.DeleteClipResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	if err := s.store.Delete(ctx, req.GetId()); err != nil {
		return nil, err
	}
	s.afterWrite(ctx, req.GetId())
	return &videov1.DeleteClipResponse{}, nil
}

// ListClips pages through clips by id; inactive clips are listed only to admins and services.
func (s *Service) ListClips(ctx context.Context, req *videov1.ListClipsRequest) (*videov1.ListClipsResponse, error) {
	size := defaultPageSize
	if req.PageSize != nil {
		size = min(int(req.GetPageSize()), maxPageSize)
	}
	f := store.Filter{Kind: req.GetKind(), Archetype: req.GetArchetype(), Provider: req.GetProvider(), ActiveOnly: !seesInactive(ctx)}
	if req.GetExerciseSlug() != "" {
		f.ExerciseSlug = s.names.Resolve(req.GetExerciseSlug()).Slug
	}
	clips, next, err := s.store.List(ctx, f, size, req.GetPageToken())
	if err != nil {
		return nil, err
	}
	return &videov1.ListClipsResponse{Clips: clips, NextPageToken: next}, nil
}

// normalize stores exercise slugs in the catalog's form: lower-case, and codes (EX005)
// resolved to their slug when the catalog knows them.
func (s *Service) normalize(c *videov1.Clip) {
	if c.GetExerciseSlug() != "" {
		c.ExerciseSlug = s.names.Resolve(c.GetExerciseSlug()).Slug
	}
}
