package provider

import (
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// CaptionClip returns a caption track of clip as a clip of its own: the same provider, the
// track's file as its source. Providers then vet it and answer its URL exactly as they do the
// video's (a file under the media dir, a presigned R2 GET, the https URL as it is). It returns
// nil for a Stream track, which has no file of its own: Stream lists it in the video's HLS
// manifest.
func CaptionClip(clip *videov1.Clip, tr *videov1.CaptionTrack) *videov1.Clip {
	c := &videov1.Clip{Id: clip.GetId(), Provider: clip.GetProvider()}
	switch s := tr.GetSource().(type) {
	case *videov1.CaptionTrack_R2Key:
		c.Source = &videov1.Clip_R2Key{R2Key: s.R2Key}
	case *videov1.CaptionTrack_ExternalUrl:
		c.Source = &videov1.Clip_ExternalUrl{ExternalUrl: s.ExternalUrl}
	case *videov1.CaptionTrack_LocalPath:
		c.Source = &videov1.Clip_LocalPath{LocalPath: s.LocalPath}
	default:
		return nil
	}
	return c
}
