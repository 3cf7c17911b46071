package catalog_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/cache"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/catalog/internal/videofake"
)

// bearer sends a token with every call, as a client of the real service does.
type bearer string

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(b)}, nil
}

func (bearer) RequireTransportSecurity() bool { return false }

// env is a catalog service on a real pkg/server, with a scripted video service on loopback.
type env struct {
	svc      *catalog.Service
	srv      *server.Server
	video    *videofake.Server
	signer   *auth.HS256
	registry *prometheus.Registry
	cache    cache.Cache
	dsn      string
	// admin, user and service are clients carrying tokens with those roles.
	admin, user, service catalogv1.CatalogServiceClient
	anon                 catalogv1.CatalogServiceClient
}

type envOptions struct {
	dsn   string
	cache cache.Cache
	video *videofake.Server
	cfg   func(*catalog.Config)
}

func newEnv(t testing.TB, opts envOptions) *env {
	t.Helper()
	signer, err := auth.NewHS256([]byte("catalog-test-secret-0123456789abcdef"))
	require.NoError(t, err)
	if opts.dsn == "" {
		opts.dsn = dbtest.SQLite(t)
	}
	if opts.cache == nil {
		opts.cache = cache.NewMemory(0)
	}
	if opts.video == nil {
		opts.video = videofake.Start(t, signer)
	}
	vconn, err := server.Dial(opts.video.Addr, nil)
	require.NoError(t, err)
	t.Cleanup(func() { vconn.Close() })

	reg := prometheus.NewRegistry()
	cfg := catalog.Config{DatabaseURL: opts.dsn}
	if opts.cfg != nil {
		opts.cfg(&cfg)
	}
	svc, err := catalog.New(context.Background(), cfg, catalog.Deps{
		Logger:      slog.New(slog.DiscardHandler),
		Registry:    reg,
		Cache:       opts.cache,
		VideoClient: videov1.NewVideoServiceClient(vconn),
	})
	require.NoError(t, err)
	t.Cleanup(func() { svc.Close() })

	srv, err := server.New(server.Config{Logger: slog.New(slog.DiscardHandler), Verifier: signer})
	require.NoError(t, err)
	svc.Register(srv)
	t.Cleanup(srv.Shutdown)

	e := &env{svc: svc, srv: srv, video: opts.video, signer: signer, registry: reg, cache: opts.cache, dsn: opts.dsn}
	e.admin = e.client(t, "admin-1", auth.RoleAdmin)
	e.user = e.client(t, "person-1")
	e.service = e.client(t, "video-service", auth.RoleService)
	conn, err := srv.InProcess()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	e.anon = catalogv1.NewCatalogServiceClient(conn)
	return e
}

func (e *env) client(t testing.TB, sub string, roles ...string) catalogv1.CatalogServiceClient {
	t.Helper()
	tok, err := e.signer.Mint(sub, roles, time.Hour)
	require.NoError(t, err)
	conn, err := e.srv.InProcess(grpc.WithPerRPCCredentials(bearer(tok)))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return catalogv1.NewCatalogServiceClient(conn)
}

func ex(slug, code string, level typesv1.FitnessLevel, muscles, equipment []string) *catalogv1.Exercise {
	return &catalogv1.Exercise{
		Slug:         slug,
		Code:         code,
		Name:         &typesv1.LocalizedText{En: "Exercise " + slug, Ru: "Упражнение " + slug},
		MuscleGroups: muscles,
		Equipment:    equipment,
		Difficulty:   level,
	}
}

const (
	beginner     = typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER
	intermediate = typesv1.FitnessLevel_FITNESS_LEVEL_INTERMEDIATE
	advanced     = typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED

	technique   = typesv1.ClipKind_CLIP_KIND_TECHNIQUE
	instruction = typesv1.ClipKind_CLIP_KIND_INSTRUCTION
	mistake     = typesv1.ClipKind_CLIP_KIND_MISTAKE

	generic      = typesv1.Archetype_ARCHETYPE_UNSPECIFIED
	mentor       = typesv1.Archetype_ARCHETYPE_MENTOR
	professional = typesv1.Archetype_ARCHETYPE_PROFESSIONAL
	peer         = typesv1.Archetype_ARCHETYPE_PEER
)

func (e *env) create(t testing.TB, exs ...*catalogv1.Exercise) {
	t.Helper()
	for _, x := range exs {
		_, err := e.admin.CreateExercise(t.Context(), &catalogv1.CreateExerciseRequest{Exercise: x})
		require.NoError(t, err, x.GetSlug())
	}
}

// snapshot lists every exercise, active or not, to compare before and after a refused call.
func (e *env) snapshot(t testing.TB) []*catalogv1.Exercise {
	t.Helper()
	var all []*catalogv1.Exercise
	for _, active := range []bool{true, false} {
		token := ""
		for {
			resp, err := e.admin.ListExercises(t.Context(), &catalogv1.ListExercisesRequest{Active: &active, PageSize: ptr[int32](500), PageToken: token})
			require.NoError(t, err)
			all = append(all, resp.GetExercises()...)
			if token = resp.GetNextPageToken(); token == "" {
				break
			}
		}
	}
	return all
}

func ptr[T any](v T) *T { return &v }

func slugs(exs []*catalogv1.Exercise) []string {
	out := make([]string, len(exs))
	for i, x := range exs {
		out[i] = x.GetSlug()
	}
	return out
}
