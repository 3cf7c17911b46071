package provider

import (
	"net/url"
	"slices"
	"strings"
)

// Origins lists the web origins (scheme://host[:port]) playback and caption URLs of this
// configuration point to, for a browser's Content-Security-Policy: the R2 endpoint (presigned
// URLs are path-style on it) and its public base, Stream's manifest host, and the hosts external
// clips may use ("https://*.example.com" for an entry ".example.com"). The local provider's
// files are served by the gateway itself and add nothing. An external provider with no
// allowed hosts accepts any public host, which no origin list can name.
func (c Config) Origins() []string {
	var out []string
	add := func(raw string) {
		u, err := url.Parse(strings.ReplaceAll(raw, "{playback_id}", "x"))
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return
		}
		if o := u.Scheme + "://" + u.Host; !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	if c.R2.Endpoint != "" && c.R2.SignedURLs {
		add(c.R2.Endpoint)
	}
	add(c.R2.CDNBaseURL)
	add(c.R2.PublicBase)
	stream := c.Stream.HLSTemplate
	if stream == "" {
		stream = "https://videodelivery.net/{playback_id}/manifest/video.m3u8"
	}
	add(stream)
	for _, h := range c.External.AllowedHosts {
		h = strings.TrimSpace(h)
		if strings.HasPrefix(h, ".") {
			h = "*" + h
		}
		if h != "" && !strings.ContainsAny(h, "/;, '") {
			if o := "https://" + h; !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}
