// Package whitelist computes and caches the AI whitelist: the active exercises whose clips
// cover every required kind (technique and instruction, whatever the archetype).
//
// The set is computed from one catalog query and one GetClipCoverage call to the video
// service, never from its tables. The unfiltered set is cached once (TTL, default 300 s) in the
// shared cache.Cache, so replicas behind Redis share it, and each request filters it in memory
// by the person's equipment and a difficulty ceiling. The cache holds a small pointer key
// ("current" → set id) and the set itself under its id; a process keeps the decoded set it last
// saw, so a cached request costs one small cache read and a filter, not a decode.
//
// When the video service fails, the last good set is served with Stale=true: it is kept in
// memory and in the cache under a long-lived key, so a restarted replica still has it. When no
// good set was ever computed, Allowed fails with UNAVAILABLE rather than answering an empty
// whitelist that would silently break plan generation.
package whitelist

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/singleflight"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/cache"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
)

// RequiredKinds are the clip kinds an exercise needs to be allowed.
var RequiredKinds = []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.ClipKind_CLIP_KIND_INSTRUCTION}

// ExerciseSource lists the catalog's active exercises. It is called once per computation and
// must answer in one database query.
type ExerciseSource interface {
	ActiveExercises(ctx context.Context) ([]*catalogv1.Exercise, error)
}

// CoverageSource is the part of the video service the whitelist reads;
// videov1.VideoServiceClient satisfies it. Any error counts as the video service being down.
type CoverageSource interface {
	GetClipCoverage(ctx context.Context, in *videov1.GetClipCoverageRequest, opts ...grpc.CallOption) (*videov1.GetClipCoverageResponse, error)
}

// Config tunes a Whitelist. Zero values take the defaults.
type Config struct {
	// TTL is how long a computed set is served before it is computed again; default 300 s.
	TTL time.Duration
	// StaleTTL is how long the last good set is kept for stale serving; default 7 days.
	StaleTTL time.Duration
	// RetryBackoff is how long after a failed computation stale requests skip calling the video
	// service again, so an outage is not hammered by every request; default 5 s.
	RetryBackoff time.Duration
	// ComputeTimeout bounds one computation, which outlives the request that started it
	// because other requests share it; default 10 s.
	ComputeTimeout time.Duration
}

func (c *Config) defaults() {
	if c.TTL <= 0 {
		c.TTL = 300 * time.Second
	}
	if c.StaleTTL <= 0 {
		c.StaleTTL = 7 * 24 * time.Hour
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 5 * time.Second
	}
	if c.ComputeTimeout <= 0 {
		c.ComputeTimeout = 10 * time.Second
	}
}

// Cache keys. The version lets a new payload format live beside an old one during a rollout:
// v2 sets carry each exercise's nature (measurement, mechanics, patterns, stresses, impact),
// which a v1 set computed by an older replica lacks, so a new replica never serves one.
const (
	keyPrefix   = "catalog:whitelist:v2:"
	keyCurrent  = keyPrefix + "current"
	keyLastGood = keyPrefix + "last-good"
	keySet      = keyPrefix + "set:"
)

// Filter narrows the allowed set for one person.
type Filter struct {
	// Equipment the person has; an exercise is kept when its equipment is a subset.
	// "bodyweight" is always had.
	Equipment []string
	// AnyEquipment skips the equipment filter.
	AnyEquipment bool
	// MaxDifficulty is the highest difficulty kept; unspecified keeps all.
	MaxDifficulty typesv1.FitnessLevel
}

// Result is an allowed set.
type Result struct {
	// Exercises in slug order. They are shared between requests: never modify them.
	Exercises []*catalogv1.Exercise
	// Stale is true when the video service could not be reached and the last good set is served.
	Stale    bool
	Computed time.Time
}

// Whitelist computes, caches and filters the allowed set. It is safe for concurrent use.
type Whitelist struct {
	exercises ExerciseSource
	coverage  CoverageSource
	cache     cache.Cache
	cfg       Config
	log       *slog.Logger
	m         *metrics

	sf singleflight.Group
	// gen counts invalidations; a computation started before one is not cached as current.
	gen atomic.Uint64
	// local is the decoded set this process last read or computed; good is the last good one.
	local atomic.Pointer[set]
	good  atomic.Pointer[set]
	// failedAt is the UnixNano of the last failed computation.
	failedAt atomic.Int64
	now      func() time.Time
}

// New returns a Whitelist and registers its metrics on reg (nil registers none).
func New(exercises ExerciseSource, coverage CoverageSource, c cache.Cache, cfg Config, reg prometheus.Registerer, log *slog.Logger) (*Whitelist, error) {
	if exercises == nil || coverage == nil || c == nil {
		return nil, errors.New("whitelist: exercises, coverage and cache are required")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg.defaults()
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	return &Whitelist{exercises: exercises, coverage: coverage, cache: c, cfg: cfg, log: log, m: m, now: time.Now}, nil
}

// Allowed returns the allowed exercises matching f. It returns an error wrapping
// grpcerr.ErrUnavailable when the set cannot be computed and no good set is known, and one
// wrapping grpcerr.ErrFailedPrecondition when no exercise has every required clip kind.
func (w *Whitelist) Allowed(ctx context.Context, f Filter) (Result, error) {
	s, stale, err := w.set(ctx)
	if err != nil {
		return Result{}, err
	}
	return Result{Exercises: s.filter(f), Stale: stale, Computed: s.computed}, nil
}

// Invalidate drops the cached set, so the next request computes it again. The last good set
// stays for stale serving. An error means the shared cache could not be reached: other
// replicas may serve the old set until its TTL.
func (w *Whitelist) Invalidate(ctx context.Context) error {
	w.gen.Add(1)
	w.failedAt.Store(0)
	if err := w.cache.Delete(ctx, keyCurrent); err != nil {
		return fmt.Errorf("whitelist: invalidate: %w", err)
	}
	return nil
}

func (w *Whitelist) set(ctx context.Context) (*set, bool, error) {
	if s := w.cached(ctx); s != nil {
		w.m.hits.Inc()
		return s, false, nil
	}
	w.m.misses.Inc()

	if last := w.lastGood(ctx); last != nil && w.inBackoff() {
		w.m.stale.Inc()
		return last, true, nil
	}
	gen := w.gen.Load()
	ch := w.sf.DoChan("compute:"+strconv.FormatUint(gen, 10), func() (any, error) {
		// The computation is shared by every request waiting on it, so it must not die with
		// the first one; it keeps that request's values (its token is forwarded).
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.cfg.ComputeTimeout)
		defer cancel()
		return w.compute(cctx, gen)
	})
	var res singleflight.Result
	select {
	case res = <-ch:
	case <-ctx.Done():
		// This caller gives up; the computation goes on for the others and the cache.
		return nil, false, ctx.Err()
	}
	err := res.Err
	if err == nil {
		return res.Val.(*set), false, nil
	}
	w.failedAt.Store(w.now().UnixNano())
	if last := w.lastGood(ctx); last != nil {
		w.m.stale.Inc()
		w.log.WarnContext(ctx, "whitelist: serving the last good set", "err", err, "computed", last.computed)
		return last, true, nil
	}
	return nil, false, err
}

func (w *Whitelist) inBackoff() bool {
	at := w.failedAt.Load()
	return at != 0 && w.now().Sub(time.Unix(0, at)) < w.cfg.RetryBackoff
}

// cached returns the current set from the cache, decoding it only when this process has not
// seen it yet.
func (w *Whitelist) cached(ctx context.Context) *set {
	id, ok, err := w.cache.Get(ctx, keyCurrent)
	if err != nil || !ok {
		return nil
	}
	return w.load(ctx, string(id), &w.local)
}

// lastGood returns the last good set: from memory, else from the long-lived cache key.
func (w *Whitelist) lastGood(ctx context.Context) *set {
	if s := w.good.Load(); s != nil {
		return s
	}
	id, ok, err := w.cache.Get(ctx, keyLastGood)
	if err != nil || !ok {
		return nil
	}
	return w.load(ctx, string(id), &w.good)
}

func (w *Whitelist) load(ctx context.Context, id string, into *atomic.Pointer[set]) *set {
	if s := into.Load(); s != nil && s.id == id {
		return s
	}
	payload, ok, err := w.cache.Get(ctx, keySet+id)
	if err != nil || !ok {
		return nil
	}
	var msg catalogv1.ListAllowedExercisesResponse
	if err := proto.Unmarshal(payload, &msg); err != nil {
		w.log.WarnContext(ctx, "whitelist: undecodable cached set; recomputing", "id", id, "err", err)
		return nil
	}
	s := newSet(id, msg.GetComputedTime().AsTime(), msg.GetExercises())
	into.Store(s)
	return s
}

func (w *Whitelist) compute(ctx context.Context, gen uint64) (*set, error) {
	start := w.now()
	var (
		exs []*catalogv1.Exercise
		cov *videov1.GetClipCoverageResponse
	)
	// The two reads are independent; running them together halves the cold latency.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		var err error
		exs, err = w.exercises.ActiveExercises(gctx)
		return err
	})
	g.Go(func() error {
		var err error
		cov, err = w.coverage.GetClipCoverage(gctx, &videov1.GetClipCoverageRequest{})
		if err != nil {
			w.log.WarnContext(gctx, "whitelist: GetClipCoverage failed", "err", err)
			return fmt.Errorf("allowed exercises: the video service is unavailable: %w", grpcerr.ErrUnavailable)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		w.m.failures.Inc()
		return nil, err
	}

	allowed := Complete(exs, cov)
	if len(allowed) == 0 {
		w.m.failures.Inc()
		return nil, fmt.Errorf("allowed exercises: no active exercise has every required clip kind (technique, instruction): %w", grpcerr.ErrFailedPrecondition)
	}
	idb := make([]byte, 8)
	_, _ = rand.Read(idb)
	s := newSet(hex.EncodeToString(idb), w.now().UTC(), allowed)

	payload, err := proto.Marshal(&catalogv1.ListAllowedExercisesResponse{
		Exercises: allowed, RequiredKinds: RequiredKinds, ComputedTime: timestamppb.New(s.computed),
	})
	if err != nil {
		return nil, fmt.Errorf("whitelist: encode: %w", err)
	}
	// Cache errors are logged, not returned: the computed set is good and is served anyway.
	if err := w.cache.Set(ctx, keySet+s.id, payload, w.cfg.StaleTTL); err != nil {
		w.log.WarnContext(ctx, "whitelist: cache write failed", "err", err)
	}
	_ = w.cache.Set(ctx, keyLastGood, []byte(s.id), w.cfg.StaleTTL)
	// A set computed across an invalidation may predate the change that caused it: serve it
	// to the requests that waited for it, but do not make it current.
	if w.gen.Load() == gen {
		_ = w.cache.Set(ctx, keyCurrent, []byte(s.id), w.cfg.TTL)
		w.local.Store(s)
	}
	w.good.Store(s)
	w.failedAt.Store(0)
	w.m.size.Set(float64(len(allowed)))
	w.m.seconds.Observe(w.now().Sub(start).Seconds())
	return s, nil
}

// Complete returns the exercises (in their order) whose clips, of any archetype, cover every
// required kind. Coverage may name an exercise by slug or by code, in any case.
func Complete(exs []*catalogv1.Exercise, cov *videov1.GetClipCoverageResponse) []*catalogv1.Exercise {
	kinds := KindsBySlug(exs, cov)
	out := make([]*catalogv1.Exercise, 0, len(exs))
	for _, ex := range exs {
		if HasAll(kinds[ex.GetSlug()], RequiredKinds) {
			out = append(out, ex)
		}
	}
	return out
}

// KindSet is a set of clip kinds, one bit per kind.
type KindSet uint32

// Add returns s with k in it.
func (s KindSet) Add(k typesv1.ClipKind) KindSet { return s | 1<<uint(k) }

// Has reports whether k is in s.
func (s KindSet) Has(k typesv1.ClipKind) bool { return s&(1<<uint(k)) != 0 }

// Kinds lists the kinds in s in enum order.
func (s KindSet) Kinds() []typesv1.ClipKind {
	var out []typesv1.ClipKind
	for k := typesv1.ClipKind(1); k < 32; k++ {
		if s.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// HasAll reports whether s holds every kind of want.
func HasAll(s KindSet, want []typesv1.ClipKind) bool {
	for _, k := range want {
		if !s.Has(k) {
			return false
		}
	}
	return true
}

// KindsBySlug folds the video service's coverage onto the catalog's slugs: the kinds of any
// archetype per exercise. Entries naming no known exercise are dropped.
func KindsBySlug(exs []*catalogv1.Exercise, cov *videov1.GetClipCoverageResponse) map[string]KindSet {
	resolve := Resolver(exs)
	out := make(map[string]KindSet, len(exs))
	for _, e := range cov.GetExercises() {
		slug, ok := resolve(e.GetExerciseSlug())
		if !ok {
			continue
		}
		s := out[slug]
		for _, k := range e.GetKinds() {
			s = s.Add(k)
		}
		// Kinds per archetype are a subset of the overall kinds, but fold them in too so a
		// video service that only fills the breakdown is still read right.
		for _, a := range e.GetArchetypes() {
			for _, k := range a.GetKinds() {
				s = s.Add(k)
			}
		}
		out[slug] = s
	}
	return out
}

// Resolver returns a function mapping a slug or code, in any case, to the slug of one of exs.
func Resolver(exs []*catalogv1.Exercise) func(string) (string, bool) {
	bySlug := make(map[string]struct{}, len(exs))
	byCode := make(map[string]string)
	for _, ex := range exs {
		bySlug[ex.GetSlug()] = struct{}{}
		if ex.GetCode() != "" {
			byCode[ex.GetCode()] = ex.GetSlug()
		}
	}
	return func(key string) (string, bool) {
		if _, ok := bySlug[strings.ToLower(key)]; ok {
			return strings.ToLower(key), true
		}
		slug, ok := byCode[strings.ToUpper(key)]
		return slug, ok
	}
}
