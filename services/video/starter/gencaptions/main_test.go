package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCommittedCaptionsAreFresh regenerates the captions and compares them with the embedded
// files: a change to the starter catalog or clips.json without `go generate` fails here.
func TestCommittedCaptionsAreFresh(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "catalog", "starter", "exercises.json"))
	require.NoError(t, err)
	want, err := generate(raw)
	require.NoError(t, err)
	entries, err := os.ReadDir(filepath.Join("..", "media", "captions"))
	require.NoError(t, err)
	var have []string
	for _, e := range entries {
		have = append(have, "captions/"+e.Name())
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	slices.Sort(names)
	require.Equal(t, names, have, "run go generate ./services/video/starter")
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("..", "media", filepath.FromSlash(n)))
		require.NoError(t, err)
		require.Equal(t, string(want[n]), string(b), "%s is stale: run go generate ./services/video/starter", n)
	}
}

func TestVTT(t *testing.T) {
	got := string(vtt("Push-ups: technique", "Keep your body in a straight line from head to heels and lower your chest to just above the floor.", 5))
	require.Equal(t, `WEBVTT

1
00:00:00.000 --> 00:00:01.500
Push-ups: technique

2
00:00:01.500 --> 00:00:03.250
Keep your body in a straight line from
head to heels and lower your chest to just

3
00:00:03.250 --> 00:00:05.000
above the floor.
`, got)
	require.Equal(t, "01:02:03.004", stamp(3723004))
	require.Equal(t, []string{"One.", "Two!", "Three?", "Four"}, splitSentences("One. Two! Three? Four"))
	require.Equal(t, []string{"Ends at 1.5 kg.", "Then more"}, splitSentences("Ends at 1.5 kg. Then more"))
	require.Equal(t, []string{"aaaa", "supercalifragilistic", "b c"}, wrap("aaaa supercalifragilistic b c", 5))
}

// cueTiming is a WebVTT cue timing line.
var cueTiming = regexp.MustCompile(`^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$`)

func TestGeneratedCaptionsAreWebVTT(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "catalog", "starter", "exercises.json"))
	require.NoError(t, err)
	files, err := generate(raw)
	require.NoError(t, err)
	for name, b := range files {
		text := string(b)
		require.True(t, strings.HasPrefix(text, "WEBVTT\n\n"), name)
		blocks := strings.Split(strings.TrimSuffix(strings.TrimPrefix(text, "WEBVTT\n\n"), "\n"), "\n\n")
		require.GreaterOrEqual(t, len(blocks), 2, name)
		prevEnd := 0
		for _, blk := range blocks {
			lines := strings.Split(blk, "\n")
			require.GreaterOrEqual(t, len(lines), 3, "%s: id, timing and text: %q", name, blk)
			m := cueTiming.FindStringSubmatch(lines[1])
			require.NotNil(t, m, "%s: timing %q", name, lines[1])
			ms := func(h, mi, s, f string) int {
				n := func(x string) int {
					v := 0
					for _, c := range x {
						v = v*10 + int(c-'0')
					}
					return v
				}
				return ((n(h)*60+n(mi))*60+n(s))*1000 + n(f)
			}
			start, end := ms(m[1], m[2], m[3], m[4]), ms(m[5], m[6], m[7], m[8])
			require.Less(t, start, end, name)
			require.GreaterOrEqual(t, start, prevEnd, "%s: cues in order", name)
			// Every starter clip is 5 s long (../README.md).
			require.LessOrEqual(t, end, 5000, "%s: within the 5 s clip", name)
			for _, l := range lines[2:] {
				require.NotEmpty(t, strings.TrimSpace(l), name)
				require.NotContains(t, l, "-->", name)
			}
			prevEnd = end
		}
		require.Equal(t, 5000, prevEnd, "%s: the last cue ends with the clip", name)
	}
}
