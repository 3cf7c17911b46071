// Package fakes holds scripted gRPC stand-ins for the exercise-catalog and video-storage
// services, used by the plan-generator's tests and benchmarks. They are fakes because the
// real services are written in parallel and live in other modules; the lead's end-to-end
// tests run the real three together. Each implements only the RPCs the plan service calls,
// with the contract's documented behaviour, and can be told to fail or be slow.
package fakes

import (
	"context"
	_ "embed"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

//go:embed testdata/exercises.json
var starterJSON []byte

// StarterExercises returns a copy of the catalog starter set.
func StarterExercises() []*catalogv1.Exercise {
	var r catalogv1.ListAllowedExercisesResponse
	if err := protojson.Unmarshal([]byte(`{"exercises":`+string(starterJSON)+`}`), &r); err != nil {
		panic("fakes: starter catalog: " + err.Error())
	}
	for _, e := range r.Exercises {
		e.Active = true
	}
	return r.Exercises
}

// Catalog answers ListAllowedExercises and GetExerciseAlternatives from a fixed exercise list,
// all of which count as covered by video.
type Catalog struct {
	catalogv1.UnimplementedCatalogServiceServer
	Exercises []*catalogv1.Exercise

	mu  sync.Mutex
	err error
	// AllowedCalls and AlternativesCalls count requests, for tests of caching.
	AllowedCalls, AlternativesCalls atomic.Int64
}

// NewCatalog serves the starter exercises.
func NewCatalog() *Catalog { return &Catalog{Exercises: StarterExercises()} }

// SetExercises replaces the catalog's exercises.
func (c *Catalog) SetExercises(es []*catalogv1.Exercise) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Exercises = es
}

func (c *Catalog) exercises() []*catalogv1.Exercise {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Exercises
}

// FailWith makes every call fail with err until called with nil.
func (c *Catalog) FailWith(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}

func (c *Catalog) failure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// fits reports whether the person with equipment at level may do e: its equipment is a
// subset of theirs and it is not harder than their level.
func fits(e *catalogv1.Exercise, equipment []string, level typesv1.FitnessLevel) bool {
	if level != typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED && e.GetDifficulty() > level {
		return false
	}
	for _, q := range e.GetEquipment() {
		if q != "bodyweight" && !slices.Contains(equipment, q) {
			return false
		}
	}
	return true
}

// ListAllowedExercises returns the exercises fitting the person's equipment and level.
func (c *Catalog) ListAllowedExercises(_ context.Context, req *catalogv1.ListAllowedExercisesRequest) (*catalogv1.ListAllowedExercisesResponse, error) {
	c.AllowedCalls.Add(1)
	if err := c.failure(); err != nil {
		return nil, err
	}
	out := &catalogv1.ListAllowedExercisesResponse{RequiredKinds: []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.ClipKind_CLIP_KIND_INSTRUCTION}}
	for _, e := range c.exercises() {
		if len(req.GetEquipment()) == 0 || fits(e, req.GetEquipment(), req.GetMaxDifficulty()) {
			out.Exercises = append(out.Exercises, e)
		}
	}
	return out, nil
}

// GetExerciseAlternatives returns allowed exercises sharing a muscle group with slug (matched
// case-insensitively against slugs and codes), never slug itself; NOT_FOUND for an unknown slug.
func (c *Catalog) GetExerciseAlternatives(_ context.Context, req *catalogv1.GetExerciseAlternativesRequest) (*catalogv1.GetExerciseAlternativesResponse, error) {
	c.AlternativesCalls.Add(1)
	if err := c.failure(); err != nil {
		return nil, err
	}
	var from *catalogv1.Exercise
	all := c.exercises()
	for _, e := range all {
		if equalFold(e.GetSlug(), req.GetSlug()) || (e.GetCode() != "" && equalFold(e.GetCode(), req.GetSlug())) {
			from = e
		}
	}
	if from == nil {
		return nil, status.Errorf(codes.NotFound, "exercise %q not found", req.GetSlug())
	}
	limit := int(req.GetLimit())
	if limit == 0 {
		limit = 5
	}
	out := &catalogv1.GetExerciseAlternativesResponse{}
	for _, e := range all {
		if e == from || !fits(e, req.GetEquipment(), req.GetMaxDifficulty()) {
			continue
		}
		if slices.ContainsFunc(e.GetMuscleGroups(), func(m string) bool { return slices.Contains(from.GetMuscleGroups(), m) }) {
			out.Alternatives = append(out.Alternatives, e)
			if len(out.Alternatives) == limit {
				break
			}
		}
	}
	return out, nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Video answers BuildPlaylist with one intro clip and one technique clip per exercise.
type Video struct {
	videov1.UnimplementedVideoServiceServer

	mu    sync.Mutex
	err   error
	delay time.Duration
	// Calls counts BuildPlaylist requests; Last is the most recent one.
	Calls atomic.Int64
	last  atomic.Pointer[videov1.BuildPlaylistRequest]
}

// Script sets the delay before answering and the error to answer with (nil: succeed).
func (v *Video) Script(delay time.Duration, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.delay, v.err = delay, err
}

// Last returns the most recent BuildPlaylist request.
func (v *Video) Last() *videov1.BuildPlaylistRequest { return v.last.Load() }

// BuildPlaylist returns a small deterministic playlist for the workout.
func (v *Video) BuildPlaylist(ctx context.Context, req *videov1.BuildPlaylistRequest) (*videov1.BuildPlaylistResponse, error) {
	v.Calls.Add(1)
	v.last.Store(req)
	v.mu.Lock()
	delay, err := v.delay, v.err
	v.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	pl := &videov1.Playlist{Items: []*videov1.PlaylistItem{{
		Type: videov1.ItemType_ITEM_TYPE_INTRO, ClipId: "intro", Kind: typesv1.ClipKind_CLIP_KIND_INTRO,
		Url: "https://media.example/intro.mp4", DurationSeconds: 20, Title: "Intro",
	}}}
	for _, e := range req.GetExercises() {
		pl.Items = append(pl.Items, &videov1.PlaylistItem{
			Type: videov1.ItemType_ITEM_TYPE_EXERCISE, ClipId: "tech-" + e.GetExerciseSlug(), Kind: typesv1.ClipKind_CLIP_KIND_TECHNIQUE,
			Url: "https://media.example/" + e.GetExerciseSlug() + ".mp4", DurationSeconds: 30,
			ExerciseSlug: e.GetExerciseSlug(), Sets: e.GetSets(), Reps: e.GetReps(), RestSeconds: e.GetRestSeconds(),
		})
	}
	for _, it := range pl.Items {
		pl.TotalDurationSeconds += it.GetDurationSeconds()
	}
	return &videov1.BuildPlaylistResponse{Playlist: pl}, nil
}
