package video_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/starter"
)

// starterClips is the size of the embedded starter clip set; change it with the set.
const starterClips = 330

// TestLoadStarterAddsMissingClips plays an older data directory: its clips lack those of the
// exercises a newer starter catalog added. Loading the starter again adds exactly those, and
// leaves exercises that have clips alone, even one whose clip an operator deleted.
func TestLoadStarterAddsMissingClips(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			h := start(t, b.Open(t), nil)
			clips, err := starter.Clips()
			require.NoError(t, err)
			require.Len(t, clips, starterClips)
			n, err := h.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			require.Equal(t, starterClips, n)

			size := int32(500)
			list := func(slug string) []*videov1.Clip {
				resp, err := h.client.ListClips(h.admin, &videov1.ListClipsRequest{ExerciseSlug: slug, PageSize: &size})
				require.NoError(t, err)
				return resp.GetClips()
			}
			// Exercises new in the starter catalog: their clips were never loaded.
			newer := []string{"incline-fist-push-ups", "brisk-walk"}
			want := 0
			for _, slug := range newer {
				have := list(slug)
				require.NotEmpty(t, have, "the starter set has clips for %s", slug)
				want += len(have)
				for _, c := range have {
					_, err := h.client.DeleteClip(h.admin, &videov1.DeleteClipRequest{Id: c.GetId()})
					require.NoError(t, err)
				}
			}
			pushUps := list("push-ups")
			_, err = h.client.DeleteClip(h.admin, &videov1.DeleteClipRequest{Id: pushUps[0].GetId()})
			require.NoError(t, err)

			n, err = h.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			require.Equal(t, want, n, "only the clips of exercises without any")
			for _, slug := range newer {
				require.NotEmpty(t, list(slug))
			}
			require.Len(t, list("push-ups"), len(pushUps)-1, "an exercise with clips is left as the operator left it")

			again, err := h.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			require.Zero(t, again, "idempotent")
		})
	}
}

// TestLoadStarterAddsCaptions plays a data directory made before the starter clips had
// captions: its starter clips get their tracks on the next load; a clip an operator pointed at
// another file stays as the operator left it.
func TestLoadStarterAddsCaptions(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			h := start(t, b.Open(t), nil)
			_, err := h.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			size := int32(500)
			resp, err := h.client.ListClips(h.admin, &videov1.ListClipsRequest{ExerciseSlug: "push-ups", PageSize: &size})
			require.NoError(t, err)
			clips := resp.GetClips()
			require.GreaterOrEqual(t, len(clips), 3)
			strip := func(c *videov1.Clip, paths ...string) {
				c.Captions = nil
				_, err := h.client.UpdateClip(h.admin, &videov1.UpdateClipRequest{Clip: c, UpdateMask: &fieldmaskpb.FieldMask{Paths: append(paths, "captions")}})
				require.NoError(t, err)
			}
			strip(clips[0])
			strip(clips[1])
			clips[2].Source = &videov1.Clip_LocalPath{LocalPath: "operator/own.mp4"}
			strip(clips[2], "local_path")

			n, err := h.svc.LoadStarter(t.Context())
			require.NoError(t, err)
			require.Zero(t, n, "no clip was missing")
			for i, c := range clips {
				got, err := h.client.GetClip(h.admin, &videov1.GetClipRequest{Id: c.GetId()})
				require.NoError(t, err)
				if i == 2 {
					require.Empty(t, got.GetClip().GetCaptions(), "not the starter's file any more")
					continue
				}
				require.Len(t, got.GetClip().GetCaptions(), 2, "clip %d", i)
				require.Equal(t, starter.CaptionPath(got.GetClip(), "en"), got.GetClip().GetCaptions()[0].GetLocalPath())
				_, err = os.Stat(filepath.Join(h.svc.MediaDir(), filepath.FromSlash(got.GetClip().GetCaptions()[1].GetLocalPath())))
				require.NoError(t, err, "the caption file is in the media dir")
			}
		})
	}
}
