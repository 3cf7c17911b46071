package whitelist_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/catalog/internal/videofake"
	"github.com/fitcoach/fitcoach/services/catalog/store"
	"github.com/fitcoach/fitcoach/services/catalog/whitelist"
)

// countingDriver counts the statements the catalog sends to its database.
type countingDriver struct {
	dialect.Driver
	n *atomic.Int64
}

func (d countingDriver) Query(ctx context.Context, q string, args, v any) error {
	d.n.Add(1)
	return d.Driver.Query(ctx, q, args, v)
}

func (d countingDriver) Exec(ctx context.Context, q string, args, v any) error {
	d.n.Add(1)
	return d.Driver.Exec(ctx, q, args, v)
}

// QueryContext serves ent's plain-SQL reads (the sql/execquery feature).
func (d countingDriver) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	d.n.Add(1)
	return d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}).QueryContext(ctx, q, args...)
}

func (d countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return countingTx{Tx: tx, n: d.n}, nil
}

type countingTx struct {
	dialect.Tx
	n *atomic.Int64
}

func (t countingTx) Query(ctx context.Context, q string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Query(ctx, q, args, v)
}

func (t countingTx) Exec(ctx context.Context, q string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Exec(ctx, q, args, v)
}

// fixture is a catalog of n exercises in a real database, with a scripted video service
// whose clips cover most of them.
type fixture struct {
	store   *store.Store
	queries *atomic.Int64
	video   *videofake.Server
	client  videov1.VideoServiceClient
	signer  *auth.HS256
	ctx     context.Context
	// covered is how many exercises have technique and instruction clips.
	covered int
}

// newFixture loads n exercises and scripts clipsPerExercise clips for each; every tenth
// exercise lacks an instruction clip.
func newFixture(t testing.TB, dsn string, n, clipsPerExercise int) *fixture {
	t.Helper()
	d := dbtest.Open(t, dsn, catalog.Migrations())
	var queries atomic.Int64
	st := store.New(countingDriver{Driver: d.Ent(), n: &queries})

	equipment := [][]string{nil, {"dumbbell"}, {"barbell", "bench"}, {"kettlebell"}, {"bodyweight"}}
	var batch []*catalogv1.Exercise
	for i := range n {
		batch = append(batch, &catalogv1.Exercise{
			Slug:         fmt.Sprintf("exercise-%05d", i),
			Code:         fmt.Sprintf("EX%05d", i),
			Name:         &typesv1.LocalizedText{En: fmt.Sprintf("Exercise %d", i), Ru: fmt.Sprintf("Упражнение %d", i)},
			Description:  &typesv1.LocalizedText{En: "Keep your back straight and move under control.", Ru: "Держите спину прямо."},
			MuscleGroups: []string{"chest", "triceps", "core"}[:1+i%3],
			Equipment:    equipment[i%len(equipment)],
			Difficulty:   typesv1.FitnessLevel(1 + i%3),
			Active:       true,
		})
		if len(batch) == 1000 || i == n-1 {
			_, _, err := st.Upsert(context.Background(), batch)
			require.NoError(t, err)
			batch = batch[:0]
		}
	}

	signer, err := auth.NewHS256([]byte("whitelist-test-secret-0123456789abcdef"))
	require.NoError(t, err)
	video := videofake.Start(t, signer)
	kinds := []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.ClipKind_CLIP_KIND_INSTRUCTION, typesv1.ClipKind_CLIP_KIND_MISTAKE}
	clips := make([]videofake.Clip, 0, n*clipsPerExercise)
	covered := 0
	for i := range n {
		for j := range clipsPerExercise {
			k := kinds[j%len(kinds)]
			if i%10 == 0 && k == typesv1.ClipKind_CLIP_KIND_INSTRUCTION {
				k = typesv1.ClipKind_CLIP_KIND_MISTAKE
			}
			clips = append(clips, videofake.Clip{Slug: fmt.Sprintf("exercise-%05d", i), Kind: k, Archetype: typesv1.Archetype(j % 4)})
		}
		if i%10 != 0 && clipsPerExercise >= 2 {
			covered++
		}
	}
	video.SetCoverage(videofake.Aggregate(clips))
	conn, err := server.Dial(video.Addr, nil)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })

	tok, err := signer.Mint("person-1", nil, time.Hour)
	require.NoError(t, err)
	// A request's principal: the whitelist forwards its token to the video service.
	ctx := auth.WithPrincipal(context.Background(), auth.Principal{Subject: "person-1", Token: tok})
	queries.Store(0)
	return &fixture{store: st, queries: &queries, video: video, client: videov1.NewVideoServiceClient(conn), signer: signer, ctx: ctx, covered: covered}
}

func (f *fixture) whitelist(t testing.TB, c cache.Cache, reg prometheus.Registerer) *whitelist.Whitelist {
	t.Helper()
	w, err := whitelist.New(f.store, f.client, c, whitelist.Config{}, reg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	return w
}

// TestColdComputationCost checks the cost budget of a cold whitelist: one catalog query and
// one coverage call (the video service answers that from its own single aggregate query).
func TestColdComputationCost(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			f := newFixture(t, b.Open(t), 500, 20)
			w := f.whitelist(t, cache.NewMemory(0), nil)
			res, err := w.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
			require.NoError(t, err)
			require.Len(t, res.Exercises, f.covered)
			require.EqualValues(t, 1, f.queries.Load(), "catalog-side queries of a cold computation")
			require.EqualValues(t, 1, f.video.Calls(), "coverage calls of a cold computation")

			_, err = w.Allowed(f.ctx, whitelist.Filter{Equipment: []string{"dumbbell"}, MaxDifficulty: typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER})
			require.NoError(t, err)
			require.EqualValues(t, 1, f.queries.Load(), "a cached request costs no query")
			require.EqualValues(t, 1, f.video.Calls())
		})
	}
}

func TestFilter(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t), 60, 3)
	w := f.whitelist(t, cache.NewMemory(0), nil)
	cases := []struct {
		name   string
		filter whitelist.Filter
		check  func(t *testing.T, ex *catalogv1.Exercise)
	}{
		{"any", whitelist.Filter{AnyEquipment: true}, func(*testing.T, *catalogv1.Exercise) {}},
		{"nothing but bodyweight", whitelist.Filter{}, func(t *testing.T, ex *catalogv1.Exercise) {
			for _, e := range ex.GetEquipment() {
				require.Equal(t, whitelist.Bodyweight, e)
			}
		}},
		{"barbell without a bench", whitelist.Filter{Equipment: []string{"BARBELL"}}, func(t *testing.T, ex *catalogv1.Exercise) {
			require.NotContains(t, ex.GetEquipment(), "bench")
		}},
		{"barbell and bench, in another order and with unknown items", whitelist.Filter{Equipment: []string{"bench", "rowing_machine", "barbell"}}, func(*testing.T, *catalogv1.Exercise) {}},
		{"ceiling", whitelist.Filter{AnyEquipment: true, MaxDifficulty: typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE}, func(t *testing.T, ex *catalogv1.Exercise) {
			require.LessOrEqual(t, ex.GetDifficulty(), typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE)
		}},
	}
	all, err := w.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
	require.NoError(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := w.Allowed(f.ctx, tc.filter)
			require.NoError(t, err)
			require.NotEmpty(t, res.Exercises)
			again, err := w.Allowed(f.ctx, tc.filter)
			require.NoError(t, err)
			require.Equal(t, res.Exercises, again.Exercises, "a remembered filter answers the same")
			kept := map[string]bool{}
			for _, ex := range res.Exercises {
				tc.check(t, ex)
				kept[ex.GetSlug()] = true
			}
			// Whatever the filter dropped must break it: check against the slow definition.
			for _, ex := range all.Exercises {
				want := (tc.filter.MaxDifficulty == 0 || ex.GetDifficulty() <= tc.filter.MaxDifficulty) &&
					(tc.filter.AnyEquipment || whitelist.HasEquipment(lower(tc.filter.Equipment), ex.GetEquipment()))
				require.Equal(t, want, kept[ex.GetSlug()], ex.GetSlug())
			}
		})
	}
}

func lower(items []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range items {
		m[strings.ToLower(s)] = true
	}
	return m
}

// TestRedisSharedCache runs two replicas' whitelists on the real Redis: one computes, the
// other serves the same set without calling the video service; an invalidation by either is
// seen by both; and with the video service down both serve the last good set from Redis.
func TestRedisSharedCache(t *testing.T) {
	redis, err := cache.NewRedis("redis://127.0.0.1:6379/0", "fitcoach-test-"+randomHex()+":")
	require.NoError(t, err)
	t.Cleanup(func() { redis.Close() })
	dbtest.RequireIntegration(t, "Redis", redis.Ping(t.Context()))

	f := newFixture(t, dbtest.SQLite(t), 200, 4)
	a := f.whitelist(t, redis, nil)
	b := f.whitelist(t, redis, nil)

	first, err := a.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
	require.NoError(t, err)
	require.Len(t, first.Exercises, f.covered)
	got, err := b.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
	require.NoError(t, err)
	require.False(t, got.Stale)
	require.Len(t, got.Exercises, f.covered)
	require.True(t, first.Computed.Equal(got.Computed), "the second replica read the first one's set")
	require.EqualValues(t, 1, f.video.Calls())

	require.NoError(t, b.Invalidate(f.ctx))
	_, err = a.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
	require.NoError(t, err)
	require.EqualValues(t, 2, f.video.Calls(), "an invalidation by one replica reaches the other")

	f.video.SetError(status.Error(codes.Unavailable, "down"))
	require.NoError(t, a.Invalidate(f.ctx))
	restarted := f.whitelist(t, redis, nil)
	for name, w := range map[string]*whitelist.Whitelist{"a": a, "b": b, "restarted": restarted} {
		t.Run(name, func(t *testing.T) {
			res, err := w.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
			require.NoError(t, err)
			require.True(t, res.Stale)
			require.Len(t, res.Exercises, f.covered)
		})
	}
}

func TestUnavailableWithoutAGoodSet(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t), 10, 3)
	f.video.SetError(status.Error(codes.Unavailable, "down"))
	w := f.whitelist(t, cache.NewMemory(0), nil)
	_, err := w.Allowed(f.ctx, whitelist.Filter{AnyEquipment: true})
	require.ErrorIs(t, err, grpcerr.ErrUnavailable)
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
