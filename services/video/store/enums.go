package store

import (
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// The table stores enums as short names rather than numbers so rows read well in a SQL shell
// and stay meaningful if the proto enums are ever renumbered.
var (
	kindNames = map[typesv1.ClipKind]string{
		typesv1.ClipKind_CLIP_KIND_INTRO:             "intro",
		typesv1.ClipKind_CLIP_KIND_TECHNIQUE:         "technique",
		typesv1.ClipKind_CLIP_KIND_INSTRUCTION:       "instruction",
		typesv1.ClipKind_CLIP_KIND_MISTAKE:           "mistake",
		typesv1.ClipKind_CLIP_KIND_WEEKLY_MOTIVATION: "weekly_motivation",
		typesv1.ClipKind_CLIP_KIND_REST_DAY:          "rest_day",
		typesv1.ClipKind_CLIP_KIND_CLOSING:           "closing",
	}
	archetypeNames = map[typesv1.Archetype]string{
		typesv1.Archetype_ARCHETYPE_UNSPECIFIED:  "",
		typesv1.Archetype_ARCHETYPE_MENTOR:       "mentor",
		typesv1.Archetype_ARCHETYPE_PROFESSIONAL: "professional",
		typesv1.Archetype_ARCHETYPE_PEER:         "peer",
	}
	providerNames = map[videov1.Provider]string{
		videov1.Provider_PROVIDER_R2:       "r2",
		videov1.Provider_PROVIDER_STREAM:   "stream",
		videov1.Provider_PROVIDER_EXTERNAL: "external",
		videov1.Provider_PROVIDER_LOCAL:    "local",
	}
	kindValues      = invert(kindNames)
	archetypeValues = invert(archetypeNames)
	providerValues  = invert(providerNames)
)

func invert[K comparable](m map[K]string) map[string]K {
	out := make(map[string]K, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

// KindName is the stored name of a clip kind ("technique").
func KindName(k typesv1.ClipKind) string { return kindNames[k] }

// ArchetypeName is the stored name of an archetype ("" for generic).
func ArchetypeName(a typesv1.Archetype) string { return archetypeNames[a] }

// ProviderName is the stored name of a provider ("r2").
func ProviderName(p videov1.Provider) string { return providerNames[p] }

// Source returns the locator of a clip whatever its provider.
func Source(c *videov1.Clip) string {
	switch s := c.GetSource().(type) {
	case *videov1.Clip_R2Key:
		return s.R2Key
	case *videov1.Clip_StreamUid:
		return s.StreamUid
	case *videov1.Clip_ExternalUrl:
		return s.ExternalUrl
	case *videov1.Clip_LocalPath:
		return s.LocalPath
	}
	return ""
}

func setSource(c *videov1.Clip, p videov1.Provider, src string) {
	switch p {
	case videov1.Provider_PROVIDER_R2:
		c.Source = &videov1.Clip_R2Key{R2Key: src}
	case videov1.Provider_PROVIDER_STREAM:
		c.Source = &videov1.Clip_StreamUid{StreamUid: src}
	case videov1.Provider_PROVIDER_EXTERNAL:
		c.Source = &videov1.Clip_ExternalUrl{ExternalUrl: src}
	case videov1.Provider_PROVIDER_LOCAL:
		c.Source = &videov1.Clip_LocalPath{LocalPath: src}
	}
}
