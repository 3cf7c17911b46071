package video_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	"github.com/fitcoach/fitcoach/pkg/config"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/server"
	video "github.com/fitcoach/fitcoach/services/video"
	"github.com/fitcoach/fitcoach/services/video/s3test"
)

// fakeCatalog is a scripted CatalogService. The real catalog service is written in parallel
// by another engineer and its module cannot be imported here; the lead's end-to-end tests run
// the real services together. It implements only what the video service calls: ListExercises
// (names and codes) and InvalidateCache (counted, and made to fail on demand).
type fakeCatalog struct {
	catalogv1.UnimplementedCatalogServiceServer
	exercises     []*catalogv1.Exercise
	invalidations atomic.Int64
	fail          atomic.Bool
	listCalls     atomic.Int64
}

func (f *fakeCatalog) ListExercises(_ context.Context, req *catalogv1.ListExercisesRequest) (*catalogv1.ListExercisesResponse, error) {
	f.listCalls.Add(1)
	return &catalogv1.ListExercisesResponse{Exercises: f.exercises}, nil
}

func (f *fakeCatalog) InvalidateCache(ctx context.Context, _ *catalogv1.InvalidateCacheRequest) (*catalogv1.InvalidateCacheResponse, error) {
	if _, ok := auth.FromContext(ctx); !ok {
		return nil, status.Error(codes.Unauthenticated, "no caller")
	}
	if f.fail.Load() {
		return nil, status.Error(codes.Unavailable, "catalog down")
	}
	f.invalidations.Add(1)
	return &catalogv1.InvalidateCacheResponse{}, nil
}

// fakeResolver answers external host lookups from a table: tests never touch real DNS.
type fakeResolver map[string]string

func (f fakeResolver) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	ip, ok := f[host]
	if !ok {
		return nil, errors.New("no such host")
	}
	return []net.IPAddr{{IP: net.ParseIP(ip)}}, nil
}

type harness struct {
	svc     *video.Service
	client  videov1.VideoServiceClient
	catalog *fakeCatalog
	admin   context.Context
	user    context.Context
	media   string
}

func withToken(ctx context.Context, tok string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

func start(t testing.TB, dsn string, tune func(*video.Config)) *harness {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	signer, err := auth.NewHS256(bytes.Repeat([]byte("k"), 32))
	require.NoError(t, err)
	mint := func(sub string, roles ...string) string {
		tok, err := signer.Mint(sub, roles, time.Hour)
		require.NoError(t, err)
		return tok
	}
	serviceToken := mint("video-service", auth.RoleService)

	cat := &fakeCatalog{exercises: []*catalogv1.Exercise{
		{Slug: "push-ups", Code: "EX001", Name: &typesv1.LocalizedText{En: "Push-ups", Ru: "Отжимания"}},
		{Slug: "bodyweight-squats", Code: "EX005", Name: &typesv1.LocalizedText{En: "Bodyweight squats", Ru: "Приседания"}},
		{Slug: "plank", Code: "EX015", Name: &typesv1.LocalizedText{En: "Plank", Ru: "Планка"}},
	}}
	catSrv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	catSrv.Register(&catalogv1.CatalogService_ServiceDesc, cat)
	catConn, err := catSrv.InProcess(grpc.WithUnaryInterceptor(auth.ForwardToken(func() string { return serviceToken })))
	require.NoError(t, err)
	t.Cleanup(func() { catConn.Close(); catSrv.Shutdown() })

	media := filepath.Join(t.TempDir(), "media")
	cfg := video.DefaultConfig()
	cfg.DatabaseURL = dsn
	cfg.Providers.Local.MediaDir = media
	cfg.Providers.Local.MediaBaseURL = "http://127.0.0.1:1/media"
	cfg.Existence.CheckTimeout = 2 * time.Second
	if tune != nil {
		tune(&cfg)
	}
	svc, err := video.New(t.Context(), cfg, video.Deps{
		Logger: log, CatalogClient: catalogv1.NewCatalogServiceClient(catConn),
		Resolver: fakeResolver{"videos.example.com": "93.184.216.34", "intranet.example.com": "10.1.2.3"},
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, svc.Close()) })
	srv, err := server.New(server.Config{Logger: log, Verifier: signer})
	require.NoError(t, err)
	svc.Register(srv)
	conn, err := srv.InProcess()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(); srv.Shutdown() })

	// The background refresh reads the catalog's names with the service token.
	require.Eventually(t, func() bool { return cat.listCalls.Load() > 0 }, 5*time.Second, 10*time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	return &harness{
		svc: svc, client: videov1.NewVideoServiceClient(conn), catalog: cat, media: media,
		admin: withToken(t.Context(), mint("ops", auth.RoleAdmin)),
		user:  withToken(t.Context(), mint("person-1")),
	}
}

func localClip(slug string, kind typesv1.ClipKind, path string) *videov1.Clip {
	return &videov1.Clip{
		ExerciseSlug: slug, Kind: kind, Locale: "en", Provider: videov1.Provider_PROVIDER_LOCAL,
		Source: &videov1.Clip_LocalPath{LocalPath: path}, DurationSeconds: 12,
		Title: &typesv1.LocalizedText{En: "Title", Ru: "Заголовок"},
	}
}

func code(err error) codes.Code { return status.Code(err) }

func TestClipsAPI(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			h := start(t, b.Open(t), nil)
			c := h.client

			t.Run("writes need admin", func(t *testing.T) {
				_, err := c.CreateClip(h.user, &videov1.CreateClipRequest{Clip: localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a.mp4")})
				require.Equal(t, codes.PermissionDenied, code(err))
				_, err = c.DeleteClip(h.user, &videov1.DeleteClipRequest{Id: "x"})
				require.Equal(t, codes.PermissionDenied, code(err))
			})

			var created *videov1.Clip
			t.Run("create", func(t *testing.T) {
				before := h.catalog.invalidations.Load()
				resp, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: localClip("EX001", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a.mp4")})
				require.NoError(t, err)
				created = resp.GetClip()
				require.NotEmpty(t, created.GetId())
				require.Equal(t, "push-ups", created.GetExerciseSlug(), "codes are stored as slugs")
				require.True(t, created.GetActive())
				require.Equal(t, before+1, h.catalog.invalidations.Load(), "every write invalidates the catalog's whitelist")
			})

			t.Run("bad input", func(t *testing.T) {
				for name, clip := range map[string]*videov1.Clip{
					"source does not match provider": func() *videov1.Clip {
						x := localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a.mp4")
						x.Provider = videov1.Provider_PROVIDER_R2
						return x
					}(),
					"global kind with a slug": localClip("push-ups", typesv1.ClipKind_CLIP_KIND_INTRO, "a.mp4"),
					"path escapes media dir":  localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a/../../etc/passwd"),
					"external http": {Kind: typesv1.ClipKind_CLIP_KIND_INTRO, Locale: "en", Provider: videov1.Provider_PROVIDER_EXTERNAL,
						Source: &videov1.Clip_ExternalUrl{ExternalUrl: "http://videos.example.com/a.mp4"}, DurationSeconds: 3},
					"external private host": {Kind: typesv1.ClipKind_CLIP_KIND_INTRO, Locale: "en", Provider: videov1.Provider_PROVIDER_EXTERNAL,
						Source: &videov1.Clip_ExternalUrl{ExternalUrl: "https://intranet.example.com/a.mp4"}, DurationSeconds: 3},
					"external ip literal": {Kind: typesv1.ClipKind_CLIP_KIND_INTRO, Locale: "en", Provider: videov1.Provider_PROVIDER_EXTERNAL,
						Source: &videov1.Clip_ExternalUrl{ExternalUrl: "https://169.254.169.254/latest"}, DurationSeconds: 3},
				} {
					t.Run(name, func(t *testing.T) {
						_, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: clip})
						require.Equal(t, codes.InvalidArgument, code(err), "%v", err)
					})
				}
			})

			t.Run("get, update, playback on every provider", func(t *testing.T) {
				got, err := c.GetClip(h.user, &videov1.GetClipRequest{Id: created.GetId()})
				require.NoError(t, err)
				require.True(t, proto.Equal(created, got.GetClip()))
				_, err = c.GetClip(h.user, &videov1.GetClipRequest{Id: "nope"})
				require.Equal(t, codes.NotFound, code(err))

				pb, err := c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: created.GetId()})
				require.NoError(t, err)
				require.Equal(t, "http://127.0.0.1:1/media/a.mp4", pb.GetUrl())
				require.Nil(t, pb.GetExpireTime())

				upd, err := c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip:       &videov1.Clip{Id: created.GetId(), Provider: videov1.Provider_PROVIDER_STREAM, Source: &videov1.Clip_StreamUid{StreamUid: "f00d"}, Title: &typesv1.LocalizedText{Ru: "Новый"}},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"provider", "stream_uid", "title.ru"}},
				})
				require.NoError(t, err)
				require.Equal(t, "f00d", upd.GetClip().GetStreamUid())
				require.Equal(t, "Новый", upd.GetClip().GetTitle().GetRu())
				require.Equal(t, "Title", upd.GetClip().GetTitle().GetEn(), "fields outside the mask stay")
				pb, err = c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: created.GetId()})
				require.NoError(t, err)
				require.Equal(t, "https://videodelivery.net/f00d/manifest/video.m3u8", pb.GetUrl())

				ext, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: &videov1.Clip{
					Kind: typesv1.ClipKind_CLIP_KIND_CLOSING, Locale: "en", Provider: videov1.Provider_PROVIDER_EXTERNAL,
					Source: &videov1.Clip_ExternalUrl{ExternalUrl: "https://videos.example.com/closing.mp4"}, DurationSeconds: 3,
				}})
				require.NoError(t, err)
				pb, err = c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: ext.GetClip().GetId()})
				require.NoError(t, err)
				require.Equal(t, "https://videos.example.com/closing.mp4", pb.GetUrl())

				r2, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: &videov1.Clip{
					Kind: typesv1.ClipKind_CLIP_KIND_INTRO, Locale: "en", Provider: videov1.Provider_PROVIDER_R2,
					Source: &videov1.Clip_R2Key{R2Key: "intro.mp4"}, DurationSeconds: 3,
				}})
				require.NoError(t, err)
				_, err = c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: r2.GetClip().GetId()})
				require.Equal(t, codes.FailedPrecondition, code(err), "r2 without settings says so")

				_, err = c.CreateUpload(h.admin, &videov1.CreateUploadRequest{Id: ext.GetClip().GetId()})
				require.Equal(t, codes.FailedPrecondition, code(err), "uploads are for r2 clips")
				_, err = c.CreateUpload(h.user, &videov1.CreateUploadRequest{Id: r2.GetClip().GetId()})
				require.Equal(t, codes.PermissionDenied, code(err))

				_, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip: &videov1.Clip{Id: created.GetId()}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"id"}},
				})
				require.Equal(t, codes.InvalidArgument, code(err))
				_, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip: &videov1.Clip{Id: created.GetId()}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"exercise_slug"}},
				})
				require.Equal(t, codes.InvalidArgument, code(err), "the merged clip is validated: a technique clip needs a slug")
				_, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip: &videov1.Clip{Id: "nope"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"active"}},
				})
				require.Equal(t, codes.NotFound, code(err))
			})

			t.Run("list pages and filters", func(t *testing.T) {
				for i := range 5 {
					_, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: localClip("bodyweight-squats", typesv1.ClipKind_CLIP_KIND_INSTRUCTION, "s"+string(rune('a'+i))+".mp4")})
					require.NoError(t, err)
				}
				var ids []string
				tok := ""
				size := int32(2)
				for {
					resp, err := c.ListClips(h.user, &videov1.ListClipsRequest{ExerciseSlug: "ex005", PageSize: &size, PageToken: tok})
					require.NoError(t, err)
					for _, cl := range resp.GetClips() {
						ids = append(ids, cl.GetId())
					}
					if tok = resp.GetNextPageToken(); tok == "" {
						break
					}
				}
				require.Len(t, ids, 5)
				all, err := c.ListClips(h.user, &videov1.ListClipsRequest{Provider: videov1.Provider_PROVIDER_EXTERNAL})
				require.NoError(t, err)
				require.Len(t, all.GetClips(), 1)
				_, err = c.ListClips(h.user, &videov1.ListClipsRequest{PageToken: "bogus"})
				require.Equal(t, codes.InvalidArgument, code(err))
				big := int32(501)
				_, err = c.ListClips(h.user, &videov1.ListClipsRequest{PageSize: &big})
				require.Equal(t, codes.InvalidArgument, code(err))
			})

			t.Run("coverage", func(t *testing.T) {
				cov, err := c.GetClipCoverage(h.user, &videov1.GetClipCoverageRequest{})
				require.NoError(t, err)
				require.Len(t, cov.GetExercises(), 2)
				sq := cov.GetExercises()[0]
				require.Equal(t, "bodyweight-squats", sq.GetExerciseSlug())
				require.Equal(t, []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_INSTRUCTION}, sq.GetKinds())
				require.Equal(t, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, sq.GetArchetypes()[0].GetArchetype())
			})

			t.Run("a catalog outage does not fail writes", func(t *testing.T) {
				h.catalog.fail.Store(true)
				defer h.catalog.fail.Store(false)
				_, err := c.DeleteClip(h.admin, &videov1.DeleteClipRequest{Id: created.GetId()})
				require.NoError(t, err)
				_, err = c.GetClip(h.user, &videov1.GetClipRequest{Id: created.GetId()})
				require.Equal(t, codes.NotFound, code(err))
				_, err = c.DeleteClip(h.admin, &videov1.DeleteClipRequest{Id: created.GetId()})
				require.Equal(t, codes.NotFound, code(err))
			})
		})
	}
}

// TestInactiveClipsAreAdminOnly: a deactivated clip is withdrawn from people (GetClip,
// GetPlayback and ListClips answer as if it did not exist) while admins still manage it.
func TestInactiveClipsAreAdminOnly(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			h := start(t, b.Open(t), nil)
			c := h.client
			var ids []string
			for _, file := range []string{"a.mp4", "b.mp4"} {
				resp, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, file)})
				require.NoError(t, err)
				ids = append(ids, resp.GetClip().GetId())
			}
			inactive, active := ids[0], ids[1]
			_, err := c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
				Clip: &videov1.Clip{Id: inactive, Active: false}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"active"}},
			})
			require.NoError(t, err)

			_, err = c.GetClip(h.user, &videov1.GetClipRequest{Id: inactive})
			require.Equal(t, codes.NotFound, code(err))
			_, err = c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: inactive})
			require.Equal(t, codes.NotFound, code(err))
			_, err = c.GetClip(h.user, &videov1.GetClipRequest{Id: active})
			require.NoError(t, err)
			_, err = c.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: active})
			require.NoError(t, err)

			got, err := c.GetClip(h.admin, &videov1.GetClipRequest{Id: inactive})
			require.NoError(t, err)
			require.False(t, got.GetClip().GetActive())
			_, err = c.GetPlayback(h.admin, &videov1.GetPlaybackRequest{Id: inactive})
			require.NoError(t, err)

			listed := func(ctx context.Context) []string {
				var out []string
				size, tok := int32(1), ""
				for {
					resp, err := c.ListClips(ctx, &videov1.ListClipsRequest{ExerciseSlug: "push-ups", PageSize: &size, PageToken: tok})
					require.NoError(t, err)
					for _, cl := range resp.GetClips() {
						out = append(out, cl.GetId())
					}
					if tok = resp.GetNextPageToken(); tok == "" {
						return out
					}
				}
			}
			require.Equal(t, []string{active}, listed(h.user), "people do not see inactive clips in lists")
			require.ElementsMatch(t, ids, listed(h.admin), "admins do")
		})
	}
}

func TestStarterPlaylists(t *testing.T) {
	var media atomic.Value
	web := httptest.NewServer(http.StripPrefix("/media/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.FileServer(http.Dir(media.Load().(string))).ServeHTTP(w, r)
	})))
	defer web.Close()
	h := start(t, dbtest.SQLite(t), func(c *video.Config) { c.Providers.Local.MediaBaseURL = web.URL + "/media" })
	media.Store(h.svc.MediaDir())

	n, err := h.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Positive(t, n)
	again, err := h.svc.LoadStarter(t.Context())
	require.NoError(t, err)
	require.Zero(t, again, "idempotent")
	_, err = os.Stat(filepath.Join(h.svc.MediaDir(), "intro.mp4"))
	require.NoError(t, err)

	req := &videov1.BuildPlaylistRequest{
		PlanId: "plan-42", Week: 2, Day: 7, Archetype: typesv1.Archetype_ARCHETYPE_PEER, Locale: "ru",
		Exercises: []*videov1.PlaylistExercise{
			{ExerciseSlug: "EX001", Sets: 3, Reps: "10", RestSeconds: 60},
			{ExerciseSlug: "bodyweight-squats", Sets: 4, Reps: "12-15", RestSeconds: 90},
			{ExerciseSlug: "Plank", Sets: 3, DurationSeconds: 30, RestSeconds: 45},
		},
	}
	resp, err := h.client.BuildPlaylist(h.user, req)
	require.NoError(t, err)
	p := resp.GetPlaylist()
	require.Empty(t, p.GetMissing(), "the starter data covers the starter exercises")
	require.Equal(t, videov1.ItemType_ITEM_TYPE_INTRO, p.GetItems()[0].GetType())
	require.Equal(t, videov1.ItemType_ITEM_TYPE_CLOSING, p.GetItems()[len(p.GetItems())-1].GetType())
	var sawMotivation bool
	for _, it := range p.GetItems() {
		sawMotivation = sawMotivation || it.GetType() == videov1.ItemType_ITEM_TYPE_MOTIVATION
		if it.GetExerciseSlug() == "push-ups" {
			require.Equal(t, "Отжимания", it.GetExerciseName(), "names come from the catalog in the requested locale")
		}
	}
	require.True(t, sawMotivation, "day 7")

	again2, err := h.client.BuildPlaylist(h.user, req)
	require.NoError(t, err)
	require.True(t, proto.Equal(p, again2.GetPlaylist()), "deterministic")

	// The URLs really play: the gateway stand-in serves MediaDir.
	res, err := http.Get(p.GetItems()[0].GetUrl())
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	head := make([]byte, 8)
	_, err = io.ReadFull(res.Body, head)
	require.NoError(t, err)
	require.Equal(t, "ftyp", string(head[4:8]), "an MP4 file")

	rest, err := h.client.BuildPlaylist(h.user, &videov1.BuildPlaylistRequest{PlanId: "plan-42", Week: 2, Day: 3, IsRestDay: true, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en"})
	require.NoError(t, err)
	require.Len(t, rest.GetPlaylist().GetItems(), 1)
	require.Equal(t, videov1.ItemType_ITEM_TYPE_REST_DAY, rest.GetPlaylist().GetItems()[0].GetType())

	_, err = h.client.BuildPlaylist(h.user, &videov1.BuildPlaylistRequest{PlanId: "p", Week: 1, Day: 1, Locale: "en"})
	require.Equal(t, codes.InvalidArgument, code(err), "archetype is required")
}

func TestR2Clips(t *testing.T) {
	s3 := s3test.Start(t, "fitcoach-clips")
	h := start(t, dbtest.SQLite(t), func(c *video.Config) {
		c.Providers.R2 = video.DefaultConfig().Providers.R2
		c.Providers.R2.Endpoint = s3.Endpoint
		c.Providers.R2.Bucket = "fitcoach-clips"
		c.Providers.R2.AccessKeyID = s3test.Access
		c.Providers.R2.SecretAccessKey = s3test.Secret
	})
	created, err := h.client.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: &videov1.Clip{
		ExerciseSlug: "plank", Kind: typesv1.ClipKind_CLIP_KIND_TECHNIQUE, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR,
		Locale: "en", Provider: videov1.Provider_PROVIDER_R2, Source: &videov1.Clip_R2Key{R2Key: "technique/plank.mp4"}, DurationSeconds: 20,
	}})
	require.NoError(t, err)
	id := created.GetClip().GetId()

	up, err := h.client.CreateUpload(h.admin, &videov1.CreateUploadRequest{Id: id, ContentType: "video/mp4"})
	require.NoError(t, err)
	require.Equal(t, http.MethodPut, up.GetMethod())
	body := bytes.Repeat([]byte("plank!"), 1000)
	req, err := http.NewRequestWithContext(t.Context(), up.GetMethod(), up.GetUrl(), bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range up.GetHeaders() {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	pb, err := h.client.GetPlayback(h.user, &videov1.GetPlaybackRequest{Id: id})
	require.NoError(t, err)
	require.NotNil(t, pb.GetExpireTime())
	res, err = http.Get(pb.GetUrl())
	require.NoError(t, err)
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, body, got)

	_, err = h.client.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: &videov1.Clip{
		ExerciseSlug: "plank", Kind: typesv1.ClipKind_CLIP_KIND_INSTRUCTION, Locale: "en", Provider: videov1.Provider_PROVIDER_R2,
		Source: &videov1.Clip_R2Key{R2Key: "instruction/never-uploaded.mp4"}, DurationSeconds: 20,
	}})
	require.NoError(t, err)
	pl, err := h.client.BuildPlaylist(h.user, &videov1.BuildPlaylistRequest{
		PlanId: "p", Week: 1, Day: 1, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en",
		Exercises: []*videov1.PlaylistExercise{{ExerciseSlug: "plank", Sets: 3}},
	})
	require.NoError(t, err)
	items := pl.GetPlaylist().GetItems()
	require.Len(t, items, 1)
	require.Equal(t, id, items[0].GetClipId())
	require.Equal(t, videov1.Provider_PROVIDER_R2, items[0].GetProvider())
	require.NotNil(t, items[0].GetUrlExpireTime())
	var missing []typesv1.ClipKind
	for _, m := range pl.GetPlaylist().GetMissing() {
		missing = append(missing, m.GetKind())
	}
	require.ElementsMatch(t, []typesv1.ClipKind{typesv1.ClipKind_CLIP_KIND_INTRO, typesv1.ClipKind_CLIP_KIND_INSTRUCTION}, missing,
		"the object never uploaded is found missing by HeadObject and reported")
}

func TestConfigDocumentsEveryVariable(t *testing.T) {
	var names []string
	for _, v := range config.Vars(video.Config{}) {
		require.NotEmpty(t, v.Usage, "%s needs a usage string", v.Name)
		names = append(names, v.Name)
	}
	for _, want := range []string{
		"DATABASE_URL", "R2_ENDPOINT", "R2_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "R2_REGION",
		"R2_SIGNED_URLS", "R2_SIGNED_URL_TTL", "R2_CDN_BASE_URL", "R2_PUBLIC_BASE", "CF_STREAM_HLS_TEMPLATE",
		"EXTERNAL_ALLOWED_HOSTS", "MEDIA_DIR", "MEDIA_BASE_URL", "PLAYLIST_MISTAKE_PROB",
		"PLAYLIST_FALLBACK_MAX_CANDIDATES", "PLAYLIST_STORAGE_RETRY", "EXISTENCE_CACHE_TTL",
	} {
		require.Contains(t, names, want)
	}
	d := video.DefaultConfig()
	require.InDelta(t, 0.30, d.Playlist.MistakeProb, 1e-9)
	require.Equal(t, 20, d.Playlist.MaxCandidates)
	require.Equal(t, 2, d.Playlist.StorageRetry)
	require.Equal(t, time.Hour, d.Providers.R2.SignedURLTTL)
	require.True(t, d.Providers.R2.SignedURLs)
	require.Equal(t, "auto", d.Providers.R2.Region)
}

// BenchmarkBuildPlaylistRPC is "Start workout"'s video step end to end inside this service:
// a BuildPlaylist call over gRPC (JWT check, protovalidate, logging and metrics interceptors)
// for a 10-exercise workout of the starter data, in parallel, caches warm.
func BenchmarkBuildPlaylistRPC(b *testing.B) {
	h := start(b, dbtest.SQLite(b), nil)
	_, err := h.svc.LoadStarter(b.Context())
	require.NoError(b, err)
	req := &videov1.BuildPlaylistRequest{PlanId: "bench", Week: 1, Day: 7, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "en"}
	for _, slug := range []string{"push-ups", "bodyweight-squats", "plank", "forward-lunges", "glute-bridge", "burpees", "crunches", "superman", "side-plank", "jumping-jacks"} {
		req.Exercises = append(req.Exercises, &videov1.PlaylistExercise{ExerciseSlug: slug, Sets: 3, Reps: "10", RestSeconds: 60})
	}
	first, err := h.client.BuildPlaylist(h.user, req)
	require.NoError(b, err)
	require.Empty(b, first.GetPlaylist().GetMissing())
	time.Sleep(200 * time.Millisecond) // background existence checks land in the cache
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := h.client.BuildPlaylist(h.user, req); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
