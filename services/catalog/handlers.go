package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/validate"
	"github.com/fitcoach/fitcoach/services/catalog/alternatives"
	"github.com/fitcoach/fitcoach/services/catalog/coverage"
	"github.com/fitcoach/fitcoach/services/catalog/store"
	"github.com/fitcoach/fitcoach/services/catalog/whitelist"
)

// Page sizes of ListExercises.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// CreateExercise implements CatalogServiceServer.
func (s *Service) CreateExercise(ctx context.Context, req *catalogv1.CreateExerciseRequest) (*catalogv1.CreateExerciseResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	ex, err := s.store.Create(ctx, req.GetExercise())
	if err != nil {
		return nil, err
	}
	s.invalidate(ctx)
	return &catalogv1.CreateExerciseResponse{Exercise: ex}, nil
}

// GetExercise implements CatalogServiceServer.
func (s *Service) GetExercise(ctx context.Context, req *catalogv1.GetExerciseRequest) (*catalogv1.GetExerciseResponse, error) {
	ex, err := s.store.Get(ctx, req.GetSlug())
	if err != nil {
		return nil, err
	}
	return &catalogv1.GetExerciseResponse{Exercise: ex}, nil
}

// UpdateExercise implements CatalogServiceServer: the fields named in update_mask are taken
// from the request, and the merged exercise must pass the same rules as a new one.
func (s *Service) UpdateExercise(ctx context.Context, req *catalogv1.UpdateExerciseRequest) (*catalogv1.UpdateExerciseResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	key := req.GetExercise().GetSlug()
	if key == "" {
		return nil, grpcerr.Invalid("exercise.slug", "required", "name the exercise to update")
	}
	cur, err := s.store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	merged, err := mergeMask(cur, req.GetExercise(), req.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	// Timestamps are output only: the stored ones pass the rules and the store sets its own.
	if err := validate.Message(s.validator, merged); err != nil {
		return nil, prefixViolations(err, "exercise.")
	}
	ex, err := s.store.Update(ctx, cur.GetSlug(), merged)
	if err != nil {
		return nil, err
	}
	s.invalidate(ctx)
	return &catalogv1.UpdateExerciseResponse{Exercise: ex}, nil
}

// prefixViolations names fields from the request's root, as the interceptor does.
func prefixViolations(err error, prefix string) error {
	var inv *grpcerr.InvalidError
	if !errors.As(err, &inv) {
		return err
	}
	out := &grpcerr.InvalidError{Violations: make([]grpcerr.FieldViolation, len(inv.Violations))}
	for i, v := range inv.Violations {
		v.Field = strings.TrimSuffix(prefix+v.Field, ".")
		out.Violations[i] = v
	}
	return out
}

// DeleteExercise implements CatalogServiceServer: it deactivates, so plans that used the
// exercise still resolve it.
func (s *Service) DeleteExercise(ctx context.Context, req *catalogv1.DeleteExerciseRequest) (*catalogv1.DeleteExerciseResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	ex, err := s.store.SetActive(ctx, req.GetSlug(), false)
	if err != nil {
		return nil, err
	}
	s.invalidate(ctx)
	return &catalogv1.DeleteExerciseResponse{Exercise: ex}, nil
}

// ListExercises implements CatalogServiceServer.
func (s *Service) ListExercises(ctx context.Context, req *catalogv1.ListExercisesRequest) (*catalogv1.ListExercisesResponse, error) {
	size := DefaultPageSize
	if req.PageSize != nil {
		size = int(req.GetPageSize())
	}
	active := true
	if req.Active != nil {
		active = req.GetActive()
	}
	f := store.Filter{
		Muscle:     strings.ToLower(req.GetMuscle()),
		Equipment:  strings.ToLower(req.GetEquipment()),
		Difficulty: req.GetDifficulty(),
		Active:     &active,
	}
	after := ""
	if req.GetPageToken() != "" {
		var err error
		if after, err = s.tokens.decode(f, req.GetPageToken()); err != nil {
			return nil, err
		}
	}
	// One row more than the page tells whether another page follows.
	exs, err := s.store.List(ctx, f, after, size+1)
	if err != nil {
		return nil, err
	}
	resp := &catalogv1.ListExercisesResponse{Exercises: exs}
	if len(exs) > size {
		resp.Exercises = exs[:size]
		resp.NextPageToken = s.tokens.encode(f, exs[size-1].GetSlug())
	}
	return resp, nil
}

// ImportExercises implements CatalogServiceServer: the batch is upserted by slug in one
// transaction.
func (s *Service) ImportExercises(ctx context.Context, req *catalogv1.ImportExercisesRequest) (*catalogv1.ImportExercisesResponse, error) {
	if err := auth.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	seen := make(map[string]int, len(req.GetExercises()))
	for i, ex := range req.GetExercises() {
		slug := store.NormalizeSlug(ex.GetSlug())
		if j, dup := seen[slug]; dup {
			return nil, grpcerr.Invalid(fmt.Sprintf("exercises[%d].slug", i), "unique",
				fmt.Sprintf("slug %q is also exercises[%d]", slug, j))
		}
		seen[slug] = i
	}
	created, updated, err := s.store.Upsert(ctx, req.GetExercises())
	if err != nil {
		return nil, err
	}
	s.invalidate(ctx)
	return &catalogv1.ImportExercisesResponse{Created: int32(created), Updated: int32(updated)}, nil
}

// ListAllowedExercises implements CatalogServiceServer.
func (s *Service) ListAllowedExercises(ctx context.Context, req *catalogv1.ListAllowedExercisesRequest) (*catalogv1.ListAllowedExercisesResponse, error) {
	res, err := s.whitelist.Allowed(ctx, whitelist.Filter{
		Equipment:     req.GetEquipment(),
		AnyEquipment:  len(req.GetEquipment()) == 0,
		MaxDifficulty: req.GetMaxDifficulty(),
	})
	if err != nil {
		return nil, err
	}
	return &catalogv1.ListAllowedExercisesResponse{
		Exercises:     res.Exercises,
		RequiredKinds: whitelist.RequiredKinds,
		Stale:         res.Stale,
		ComputedTime:  timestamppb.New(res.Computed),
	}, nil
}

// GetExerciseAlternatives implements CatalogServiceServer.
func (s *Service) GetExerciseAlternatives(ctx context.Context, req *catalogv1.GetExerciseAlternativesRequest) (*catalogv1.GetExerciseAlternativesResponse, error) {
	target, err := s.store.Get(ctx, req.GetSlug())
	if err != nil {
		return nil, err
	}
	// Unlike the whitelist filter, no equipment here means bodyweight only: a substitute must
	// be doable by the person asking.
	res, err := s.whitelist.Allowed(ctx, whitelist.Filter{
		Equipment:     req.GetEquipment(),
		MaxDifficulty: req.GetMaxDifficulty(),
	})
	if err != nil {
		return nil, err
	}
	return &catalogv1.GetExerciseAlternativesResponse{
		Alternatives: alternatives.Rank(target, res.Exercises, int(req.GetLimit())),
	}, nil
}

// GetCoverage implements CatalogServiceServer.
func (s *Service) GetCoverage(ctx context.Context, _ *catalogv1.GetCoverageRequest) (*catalogv1.GetCoverageResponse, error) {
	exs, err := s.store.All(ctx, false)
	if err != nil {
		return nil, err
	}
	cov, err := s.video.GetClipCoverage(ctx, &videov1.GetClipCoverageRequest{})
	if err != nil {
		s.log.WarnContext(ctx, "coverage: GetClipCoverage failed", "err", err)
		return nil, fmt.Errorf("coverage: the video service is unavailable: %w", grpcerr.ErrUnavailable)
	}
	return coverage.Build(exs, cov), nil
}

// InvalidateCache implements CatalogServiceServer. Admins and services (the video service,
// when clips change) may call it.
func (s *Service) InvalidateCache(ctx context.Context, _ *catalogv1.InvalidateCacheRequest) (*catalogv1.InvalidateCacheResponse, error) {
	p, _ := auth.FromContext(ctx)
	if !p.IsAdmin() && !p.HasRole(auth.RoleService) {
		return nil, fmt.Errorf("invalidating the whitelist needs the admin or service role: %w", grpcerr.ErrPermissionDenied)
	}
	if err := s.whitelist.Invalidate(ctx); err != nil {
		s.log.WarnContext(ctx, "catalog: whitelist invalidation did not reach the shared cache", "err", err)
		return nil, fmt.Errorf("the shared whitelist cache could not be reached: %w", grpcerr.ErrUnavailable)
	}
	return &catalogv1.InvalidateCacheResponse{}, nil
}
