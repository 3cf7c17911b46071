package video_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

func localTrack(locale, path string) *videov1.CaptionTrack {
	return &videov1.CaptionTrack{Locale: locale, Label: locale + " captions", Source: &videov1.CaptionTrack_LocalPath{LocalPath: path}}
}

// violations lists an INVALID_ARGUMENT error's "field rule" pairs.
func violations(t *testing.T, err error) []string {
	t.Helper()
	st := status.Convert(err)
	require.Equal(t, codes.InvalidArgument, st.Code(), "%v", err)
	var out []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField()+" "+v.GetReason())
			}
		}
	}
	return out
}

func TestCaptions(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			h := start(t, b.Open(t), nil)
			c := h.client

			t.Run("bad tracks", func(t *testing.T) {
				external := func(url string) *videov1.Clip {
					x := &videov1.Clip{Kind: typesv1.ClipKind_CLIP_KIND_INTRO, Locale: "en", Provider: videov1.Provider_PROVIDER_EXTERNAL,
						Source: &videov1.Clip_ExternalUrl{ExternalUrl: "https://videos.example.com/a.mp4"}, DurationSeconds: 3}
					x.Captions = []*videov1.CaptionTrack{{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_ExternalUrl{ExternalUrl: url}}}
					return x
				}
				for _, tc := range []struct {
					name   string
					tracks []*videov1.CaptionTrack
					clip   *videov1.Clip
					want   string
				}{
					{name: "unknown locale", tracks: []*videov1.CaptionTrack{localTrack("de", "a.de.vtt")}, want: "clip.captions[0].locale string.in"},
					{name: "two tracks in one locale", tracks: []*videov1.CaptionTrack{localTrack("en", "a.en.vtt"), localTrack("en", "b.en.vtt")}, want: "clip captions.unique_locale"},
					{name: "not of the clip's provider", tracks: []*videov1.CaptionTrack{{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_R2Key{R2Key: "a.en.vtt"}}}, want: "clip captions.matches_provider"},
					{name: "not a .vtt file", tracks: []*videov1.CaptionTrack{localTrack("en", "a.en.srt")}, want: "clip.captions[0].local_path string.pattern"},
					{name: "outside the media dir", tracks: []*videov1.CaptionTrack{localTrack("en", "x/../../a.vtt")}, want: "clip.captions[0].local_path string.not_contains"},
					{name: "no label", tracks: []*videov1.CaptionTrack{{Locale: "en", Source: &videov1.CaptionTrack_LocalPath{LocalPath: "a.vtt"}}}, want: "clip.captions[0].label string.min_len"},
					{name: "no source", tracks: []*videov1.CaptionTrack{{Locale: "en", Label: "English"}}, want: "clip.captions[0].source required"},
					{name: "external on a private host", clip: external("https://intranet.example.com/a.en.vtt"), want: "clip.captions[0].external_url external_url.safe"},
					{name: "external over http", clip: external("http://videos.example.com/a.en.vtt"), want: "clip.captions[0].external_url string.prefix"},
				} {
					t.Run(tc.name, func(t *testing.T) {
						clip := tc.clip
						if clip == nil {
							clip = localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a.mp4")
							clip.Captions = tc.tracks
						}
						_, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: clip})
						require.Contains(t, violations(t, err), tc.want)
					})
				}
			})

			var id string
			t.Run("create, get, list, update", func(t *testing.T) {
				in := localClip("push-ups", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, "a.mp4")
				in.Captions = []*videov1.CaptionTrack{localTrack("en", "captions/a.en.vtt"), localTrack("ru", "captions/a.ru.vtt")}
				resp, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: in})
				require.NoError(t, err)
				id = resp.GetClip().GetId()
				require.Len(t, resp.GetClip().GetCaptions(), 2)

				got, err := c.GetClip(h.user, &videov1.GetClipRequest{Id: id})
				require.NoError(t, err)
				require.Equal(t, "captions/a.ru.vtt", got.GetClip().GetCaptions()[1].GetLocalPath())

				list, err := c.ListClips(h.user, &videov1.ListClipsRequest{ExerciseSlug: "push-ups"})
				require.NoError(t, err)
				require.Len(t, list.GetClips(), 1)
				require.Len(t, list.GetClips()[0].GetCaptions(), 2)

				// A mask without captions keeps them.
				upd, err := c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip: &videov1.Clip{Id: id, DurationSeconds: 20}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"duration_seconds"}},
				})
				require.NoError(t, err)
				require.Len(t, upd.GetClip().GetCaptions(), 2)

				// Naming captions replaces the list; the merged clip is validated as a whole.
				_, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip:       &videov1.Clip{Id: id, Captions: []*videov1.CaptionTrack{localTrack("ru", "a.vtt"), localTrack("ru", "b.vtt")}},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"captions"}},
				})
				require.Contains(t, violations(t, err), "clip captions.unique_locale")
				upd, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip:       &videov1.Clip{Id: id, Captions: []*videov1.CaptionTrack{localTrack("ru", "captions/b.ru.vtt")}},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"captions"}},
				})
				require.NoError(t, err)
				require.Len(t, upd.GetClip().GetCaptions(), 1)
				require.Equal(t, "captions/b.ru.vtt", upd.GetClip().GetCaptions()[0].GetLocalPath())
				upd, err = c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
					Clip: &videov1.Clip{Id: id}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"captions"}},
				})
				require.NoError(t, err)
				require.Empty(t, upd.GetClip().GetCaptions(), "an empty list removes them")
			})

			t.Run("playlist items carry caption URLs", func(t *testing.T) {
				for _, x := range []*videov1.Clip{
					func() *videov1.Clip {
						x := localClip("push-ups", typesv1.ClipKind_CLIP_KIND_INSTRUCTION, "b.mp4")
						x.Captions = []*videov1.CaptionTrack{localTrack("en", "captions/b.en.vtt"), localTrack("ru", "captions/b.ru.vtt")}
						return x
					}(),
					{ExerciseSlug: "push-ups", Kind: typesv1.ClipKind_CLIP_KIND_TECHNIQUE, Locale: "en", Provider: videov1.Provider_PROVIDER_STREAM,
						Source: &videov1.Clip_StreamUid{StreamUid: "uid123"}, DurationSeconds: 10,
						Captions: []*videov1.CaptionTrack{{Locale: "en", Label: "English", Source: &videov1.CaptionTrack_Stream{Stream: true}}}},
				} {
					_, err := c.CreateClip(h.admin, &videov1.CreateClipRequest{Clip: x})
					require.NoError(t, err)
				}
				require.NoError(t, os.MkdirAll(h.media, 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(h.media, "b.mp4"), []byte("mp4"), 0o644))
				if id != "" {
					// Only the Stream technique clip and the local instruction clip stay active.
					_, err := c.UpdateClip(h.admin, &videov1.UpdateClipRequest{
						Clip: &videov1.Clip{Id: id, Active: false}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"active"}},
					})
					require.NoError(t, err)
				}
				resp, err := c.BuildPlaylist(h.user, &videov1.BuildPlaylistRequest{
					PlanId: "p", Week: 1, Day: 1, Archetype: typesv1.Archetype_ARCHETYPE_MENTOR, Locale: "ru",
					Exercises: []*videov1.PlaylistExercise{{ExerciseSlug: "push-ups", Sets: 3, Reps: "10"}},
				})
				require.NoError(t, err)
				byKind := map[typesv1.ClipKind]*videov1.PlaylistItem{}
				for _, it := range resp.GetPlaylist().GetItems() {
					byKind[it.GetKind()] = it
				}
				instr := byKind[typesv1.ClipKind_CLIP_KIND_INSTRUCTION]
				require.NotNil(t, instr)
				require.Len(t, instr.GetCaptions(), 2)
				require.Equal(t, "ru", instr.GetCaptions()[0].GetLocale(), "the requested locale first")
				require.Equal(t, "http://127.0.0.1:1/media/captions/b.ru.vtt", instr.GetCaptions()[0].GetUrl())
				require.Equal(t, "http://127.0.0.1:1/media/captions/b.en.vtt", instr.GetCaptions()[1].GetUrl())
				require.Equal(t, "ru captions", instr.GetCaptions()[0].GetLabel())

				tech := byKind[typesv1.ClipKind_CLIP_KIND_TECHNIQUE]
				require.NotNil(t, tech)
				require.Equal(t, videov1.Provider_PROVIDER_STREAM, tech.GetProvider())
				require.Len(t, tech.GetCaptions(), 1)
				require.True(t, tech.GetCaptions()[0].GetInManifest())
				require.Empty(t, tech.GetCaptions()[0].GetUrl(), "Stream's tracks are in its HLS manifest")
			})
		})
	}
}
