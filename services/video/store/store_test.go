package store_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/video/migrations"
	"github.com/fitcoach/fitcoach/services/video/store"
)

var migs = db.Migrations{Service: "video", FS: migrations.FS}

func clip(slug string, kind typesv1.ClipKind, arch typesv1.Archetype, locale string) *videov1.Clip {
	return &videov1.Clip{
		ExerciseSlug: slug, Kind: kind, Archetype: arch, Locale: locale,
		Provider: videov1.Provider_PROVIDER_LOCAL, Source: &videov1.Clip_LocalPath{LocalPath: slug + ".mp4"},
		DurationSeconds: 30, Active: true, Title: &typesv1.LocalizedText{En: "T " + slug, Ru: "Т " + slug},
	}
}

// TestConformance runs the same storage contract against every backend.
func TestConformance(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), migs)
			s := store.New(d)
			ctx := t.Context()

			t.Run("crud", func(t *testing.T) {
				in := clip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_MENTOR, "en")
				in.Source = &videov1.Clip_R2Key{R2Key: "clips/push-ups.mp4"}
				in.Provider = videov1.Provider_PROVIDER_R2
				got, err := s.Create(ctx, in)
				require.NoError(t, err)
				require.NotEmpty(t, got.GetId())
				require.Equal(t, "clips/push-ups.mp4", got.GetR2Key())
				require.Equal(t, typesv1.Archetype_ARCHETYPE_MENTOR, got.GetArchetype())

				again, err := s.Get(ctx, got.GetId())
				require.NoError(t, err)
				require.True(t, proto.Equal(got, again), "got %v want %v", again, got)

				upd := proto.Clone(again).(*videov1.Clip)
				upd.Source = &videov1.Clip_StreamUid{StreamUid: "abc123"}
				upd.Provider = videov1.Provider_PROVIDER_STREAM
				upd.Active = false
				upd2, err := s.Update(ctx, upd)
				require.NoError(t, err)
				require.Equal(t, "abc123", upd2.GetStreamUid())
				require.False(t, upd2.GetActive())
				require.Equal(t, got.GetCreateTime().AsTime(), upd2.GetCreateTime().AsTime())

				require.NoError(t, s.Delete(ctx, got.GetId()))
				_, err = s.Get(ctx, got.GetId())
				require.ErrorIs(t, err, grpcerr.ErrNotFound)
				require.ErrorIs(t, s.Delete(ctx, got.GetId()), grpcerr.ErrNotFound)
				upd.Id = "missing"
				_, err = s.Update(ctx, upd)
				require.ErrorIs(t, err, grpcerr.ErrNotFound)
			})

			t.Run("captions", func(t *testing.T) {
				for _, tc := range []struct {
					name     string
					provider videov1.Provider
					source   func(*videov1.Clip)
					tracks   []*videov1.CaptionTrack
				}{
					{"local", videov1.Provider_PROVIDER_LOCAL, func(c *videov1.Clip) { c.Source = &videov1.Clip_LocalPath{LocalPath: "a.mp4"} }, []*videov1.CaptionTrack{
						{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_LocalPath{LocalPath: "captions/a.en.vtt"}},
						{Locale: "ru", Label: "Русский", Source: &videov1.CaptionTrack_LocalPath{LocalPath: "captions/a.ru.vtt"}},
					}},
					{"r2", videov1.Provider_PROVIDER_R2, func(c *videov1.Clip) { c.Source = &videov1.Clip_R2Key{R2Key: "clips/a.mp4"} }, []*videov1.CaptionTrack{
						{Locale: "ru", Label: "Русский", Source: &videov1.CaptionTrack_R2Key{R2Key: "captions/a.ru.vtt"}},
					}},
					{"external", videov1.Provider_PROVIDER_EXTERNAL, func(c *videov1.Clip) {
						c.Source = &videov1.Clip_ExternalUrl{ExternalUrl: "https://cdn.example.com/a.mp4"}
					}, []*videov1.CaptionTrack{
						{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_ExternalUrl{ExternalUrl: "https://cdn.example.com/a.en.vtt"}},
					}},
					{"stream", videov1.Provider_PROVIDER_STREAM, func(c *videov1.Clip) { c.Source = &videov1.Clip_StreamUid{StreamUid: "uid1"} }, []*videov1.CaptionTrack{
						{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_Stream{Stream: true}},
					}},
				} {
					t.Run(tc.name, func(t *testing.T) {
						in := clip("caption-"+tc.name, typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "en")
						in.Provider = tc.provider
						tc.source(in)
						in.Captions = tc.tracks
						got, err := s.Create(ctx, in)
						require.NoError(t, err)
						require.Len(t, got.GetCaptions(), len(tc.tracks))
						for i := range tc.tracks {
							require.True(t, proto.Equal(tc.tracks[i], got.GetCaptions()[i]), "track %d: got %v want %v", i, got.GetCaptions()[i], tc.tracks[i])
						}
						again, err := s.Get(ctx, got.GetId())
						require.NoError(t, err)
						require.True(t, proto.Equal(got, again))

						cands, err := s.Candidates(ctx, []string{"caption-" + tc.name}, 5)
						require.NoError(t, err)
						require.Len(t, cands, 1)
						require.Len(t, cands[0].GetCaptions(), len(tc.tracks))
						for i := range tc.tracks {
							require.True(t, proto.Equal(tc.tracks[i], cands[0].GetCaptions()[i]), "candidate track %d", i)
						}

						// Removing every track stores none; AddCaptions then fills the clip once.
						again.Captions = nil
						cleared, err := s.Update(ctx, again)
						require.NoError(t, err)
						require.Empty(t, cleared.GetCaptions())
						n, err := s.AddCaptions(ctx, map[string][]*videov1.CaptionTrack{got.GetId(): tc.tracks, "missing": tc.tracks})
						require.NoError(t, err)
						require.Equal(t, 1, n)
						filled, err := s.Get(ctx, got.GetId())
						require.NoError(t, err)
						require.Len(t, filled.GetCaptions(), len(tc.tracks))
						n, err = s.AddCaptions(ctx, map[string][]*videov1.CaptionTrack{got.GetId(): tc.tracks[:0]})
						require.NoError(t, err)
						require.Zero(t, n, "a clip with tracks is left alone")
						require.NoError(t, s.Delete(ctx, got.GetId()))
					})
				}
				bare, err := s.Create(ctx, clip("caption-none", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "en"))
				require.NoError(t, err)
				un, err := s.Uncaptioned(ctx)
				require.NoError(t, err)
				require.True(t, slices.ContainsFunc(un, func(c *videov1.Clip) bool { return c.GetId() == bare.GetId() }))
				require.NoError(t, s.Delete(ctx, bare.GetId()))
			})

			t.Run("list pages and filters", func(t *testing.T) {
				var batch []*videov1.Clip
				for range 7 {
					batch = append(batch, clip("squat", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_PEER, "en"))
				}
				batch = append(batch, clip("squat", typesv1.ClipKind_CLIP_KIND_INSTRUCTION, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "ru"))
				require.NoError(t, s.CreateBatch(ctx, batch))
				n, err := s.Count(ctx)
				require.NoError(t, err)
				require.Equal(t, 8, n)

				var all []*videov1.Clip
				tok := ""
				for {
					page, next, err := s.List(ctx, store.Filter{ExerciseSlug: "squat"}, 3, tok)
					require.NoError(t, err)
					require.LessOrEqual(t, len(page), 3)
					all = append(all, page...)
					if next == "" {
						break
					}
					tok = next
				}
				require.Len(t, all, 8)
				for i := 1; i < len(all); i++ {
					require.Less(t, all[i-1].GetId(), all[i].GetId())
				}
				tech, _, err := s.List(ctx, store.Filter{Kind: typesv1.ClipKind_CLIP_KIND_INSTRUCTION}, 50, "")
				require.NoError(t, err)
				require.Len(t, tech, 1)
				peers, _, err := s.List(ctx, store.Filter{Archetype: typesv1.Archetype_ARCHETYPE_PEER, Provider: videov1.Provider_PROVIDER_LOCAL}, 50, "")
				require.NoError(t, err)
				require.Len(t, peers, 7)
				_, _, err = s.List(ctx, store.Filter{}, 10, "garbage!")
				var inv *grpcerr.InvalidError
				require.ErrorAs(t, err, &inv)
			})

			t.Run("candidates and coverage", func(t *testing.T) {
				var batch []*videov1.Clip
				for range 25 {
					batch = append(batch, clip("lunge", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_MENTOR, "en"))
				}
				batch = append(batch,
					clip("lunge", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_MENTOR, "ru"),
					clip("lunge", typesv1.ClipKind_CLIP_KIND_MISTAKE, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "en"),
					clip("other", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "en"),
					clip("", typesv1.ClipKind_CLIP_KIND_INTRO, typesv1.Archetype_ARCHETYPE_PEER, "en"),
				)
				inactive := clip("lunge", typesv1.ClipKind_CLIP_KIND_INSTRUCTION, typesv1.Archetype_ARCHETYPE_UNSPECIFIED, "en")
				inactive.Active = false
				batch = append(batch, inactive)
				require.NoError(t, s.CreateBatch(ctx, batch))

				got, err := s.Candidates(ctx, []string{"", "lunge"}, 20)
				require.NoError(t, err)
				count := map[typesv1.ClipKind]int{}
				for _, c := range got {
					require.Contains(t, []string{"lunge", ""}, c.GetExerciseSlug())
					require.True(t, c.GetActive())
					count[c.GetKind()]++
				}
				require.Equal(t, 21, count[typesv1.ClipKind_CLIP_KIND_TECHNIQUE], "capped per key: 20 of 25 en clips and the ru one")
				require.Equal(t, 1, count[typesv1.ClipKind_CLIP_KIND_MISTAKE])
				require.Equal(t, 1, count[typesv1.ClipKind_CLIP_KIND_INTRO])
				require.Zero(t, count[typesv1.ClipKind_CLIP_KIND_INSTRUCTION], "inactive clips are not candidates")

				cov, err := s.Coverage(ctx)
				require.NoError(t, err)
				require.Contains(t, cov, store.CoverageRow{ExerciseSlug: "lunge", Kind: typesv1.ClipKind_CLIP_KIND_TECHNIQUE, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR})
				require.Contains(t, cov, store.CoverageRow{ExerciseSlug: "lunge", Kind: typesv1.ClipKind_CLIP_KIND_MISTAKE})
				require.Contains(t, cov, store.CoverageRow{ExerciseSlug: "other", Kind: typesv1.ClipKind_CLIP_KIND_TECHNIQUE})
				require.NotContains(t, cov, store.CoverageRow{ExerciseSlug: "lunge", Kind: typesv1.ClipKind_CLIP_KIND_INSTRUCTION})
				for _, r := range cov {
					require.NotEmpty(t, r.ExerciseSlug, "global clips are not exercise coverage")
				}
			})
		})
	}
}
