package catalog

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"

	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/catalog/store"
)

// Page tokens are opaque to clients: base64url of a version byte, a fingerprint of the
// query's filters, the last slug of the previous page, and an HMAC over all three. Paging is
// keyset by slug, so a token carries no offset to grow stale; the fingerprint refuses a token
// reused with other filters, and the MAC refuses edited tokens. With
// CATALOG_PAGE_TOKEN_SECRET unset the key is public and the MAC is a checksum: tokens are
// still validated, and a forged one could only choose where a page starts.
const (
	tokenVersion = 1
	fpLen        = 8
	macLen       = 16
)

type pageTokens struct{ key []byte }

func newPageTokens(secret string) pageTokens {
	k := sha256.Sum256([]byte("fitcoach.catalog.page-token\x00" + secret))
	return pageTokens{key: k[:]}
}

func fingerprint(f store.Filter) []byte {
	active := "any"
	if f.Active != nil {
		active = "false"
		if *f.Active {
			active = "true"
		}
	}
	h := sha256.Sum256([]byte(f.Muscle + "\x00" + f.Equipment + "\x00" + f.Difficulty.String() + "\x00" + active))
	return h[:fpLen]
}

func (p pageTokens) mac(body []byte) []byte {
	m := hmac.New(sha256.New, p.key)
	m.Write(body)
	return m.Sum(nil)[:macLen]
}

// encode returns the token of the page after lastSlug.
func (p pageTokens) encode(f store.Filter, lastSlug string) string {
	body := make([]byte, 0, 1+fpLen+len(lastSlug)+macLen)
	body = append(body, tokenVersion)
	body = append(body, fingerprint(f)...)
	body = append(body, lastSlug...)
	body = append(body, p.mac(body)...)
	return base64.RawURLEncoding.EncodeToString(body)
}

// decode returns the slug a page starts after, or an INVALID_ARGUMENT error.
func (p pageTokens) decode(f store.Filter, token string) (string, error) {
	bad := grpcerr.Invalid("page_token", "page_token.valid", "not a page token of this query; start again without one")
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) < 1+fpLen+macLen || raw[0] != tokenVersion {
		return "", bad
	}
	body, sum := raw[:len(raw)-macLen], raw[len(raw)-macLen:]
	if !hmac.Equal(sum, p.mac(body)) || !hmac.Equal(body[1:1+fpLen], fingerprint(f)) {
		return "", bad
	}
	return string(body[1+fpLen:]), nil
}
