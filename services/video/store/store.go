package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/fitcoach/fitcoach/pkg/db"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/video/ent"
	entclip "github.com/fitcoach/fitcoach/services/video/ent/clip"
)

// Querier runs the store's hand-written SQL. *sql.DB satisfies it; tests wrap it to count
// the queries a code path issues.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Store reads and writes clips.
type Store struct {
	client  *ent.Client
	raw     Querier
	dialect db.Dialect
	now     func() time.Time
}

// Option adjusts a Store.
type Option func(*Store)

// WithQuerier sends the hand-written queries (candidates, coverage, count) through q.
func WithQuerier(q Querier) Option { return func(s *Store) { s.raw = q } }

// New returns a Store over an open, migrated database.
func New(d *db.DB, opts ...Option) *Store {
	s := &Store{
		client:  ent.NewClient(ent.Driver(d.Ent())),
		raw:     d.DB,
		dialect: d.Dialect,
		now:     func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// NewID returns a new clip id: 12 hex digits of milliseconds then 16 random hex digits, so ids
// sort by creation time and list pages come out in the order clips were added.
func NewID() string {
	var b [14]byte
	ms := uint64(time.Now().UnixMilli())
	binary.BigEndian.PutUint64(b[:8], ms<<16)
	_, _ = rand.Read(b[6:])
	return hex.EncodeToString(b[:])
}

// Create inserts c with a new id and returns the stored clip. The input is not modified.
func (s *Store) Create(ctx context.Context, c *videov1.Clip) (*videov1.Clip, error) {
	row, err := s.createBuilder(s.client, c).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create clip: %w", err)
	}
	return toProto(row), nil
}

// CreateBatch inserts clips in one transaction: all or nothing.
func (s *Store) CreateBatch(ctx context.Context, clips []*videov1.Clip) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	const chunk = 200
	for i := 0; i < len(clips); i += chunk {
		end := min(i+chunk, len(clips))
		builders := make([]*ent.ClipCreate, 0, end-i)
		for _, c := range clips[i:end] {
			builders = append(builders, s.createBuilder(tx.Client(), c))
		}
		if err := tx.Clip.CreateBulk(builders...).Exec(ctx); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("insert clips: %w", err)
		}
	}
	return tx.Commit()
}

func (s *Store) createBuilder(client *ent.Client, c *videov1.Clip) *ent.ClipCreate {
	now := s.now()
	return client.Clip.Create().
		SetID(NewID()).
		SetExerciseSlug(c.GetExerciseSlug()).
		SetKind(KindName(c.GetKind())).
		SetArchetype(ArchetypeName(c.GetArchetype())).
		SetLocale(c.GetLocale()).
		SetProvider(ProviderName(c.GetProvider())).
		SetSource(Source(c)).
		SetDurationSeconds(c.GetDurationSeconds()).
		SetActive(c.GetActive()).
		SetTitleRu(c.GetTitle().GetRu()).
		SetTitleEn(c.GetTitle().GetEn()).
		SetCaptions(encodeCaptions(c)).
		SetCreateTime(now).
		SetUpdateTime(now)
}

// Get returns the clip with id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (*videov1.Clip, error) {
	row, err := s.client.Clip.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("clip %q: %w", id, grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get clip: %w", err)
	}
	return toProto(row), nil
}

// Update replaces every mutable field of the clip c.Id with c's, or returns ErrNotFound.
func (s *Store) Update(ctx context.Context, c *videov1.Clip) (*videov1.Clip, error) {
	row, err := s.client.Clip.UpdateOneID(c.GetId()).
		SetExerciseSlug(c.GetExerciseSlug()).
		SetKind(KindName(c.GetKind())).
		SetArchetype(ArchetypeName(c.GetArchetype())).
		SetLocale(c.GetLocale()).
		SetProvider(ProviderName(c.GetProvider())).
		SetSource(Source(c)).
		SetDurationSeconds(c.GetDurationSeconds()).
		SetActive(c.GetActive()).
		SetTitleRu(c.GetTitle().GetRu()).
		SetTitleEn(c.GetTitle().GetEn()).
		SetCaptions(encodeCaptions(c)).
		SetUpdateTime(s.now()).
		Save(ctx)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("clip %q: %w", c.GetId(), grpcerr.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("update clip: %w", err)
	}
	return toProto(row), nil
}

// Delete removes the clip with id, or returns ErrNotFound.
func (s *Store) Delete(ctx context.Context, id string) error {
	err := s.client.Clip.DeleteOneID(id).Exec(ctx)
	if ent.IsNotFound(err) {
		return fmt.Errorf("clip %q: %w", id, grpcerr.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("delete clip: %w", err)
	}
	return nil
}

// Filter selects clips for List. Zero values do not filter.
type Filter struct {
	ExerciseSlug string
	Kind         typesv1.ClipKind
	Archetype    typesv1.Archetype
	Provider     videov1.Provider
	// ActiveOnly leaves inactive clips out.
	ActiveOnly bool
}

// List returns up to limit clips matching f, ordered by id, after the page token (empty for
// the first page), and the token of the next page ("" on the last page). A malformed token
// is an invalid argument.
func (s *Store) List(ctx context.Context, f Filter, limit int, pageToken string) ([]*videov1.Clip, string, error) {
	q := s.client.Clip.Query()
	if f.ExerciseSlug != "" {
		q = q.Where(entclip.ExerciseSlug(f.ExerciseSlug))
	}
	if f.Kind != typesv1.ClipKind_CLIP_KIND_UNSPECIFIED {
		q = q.Where(entclip.Kind(KindName(f.Kind)))
	}
	if f.Archetype != typesv1.Archetype_ARCHETYPE_UNSPECIFIED {
		q = q.Where(entclip.Archetype(ArchetypeName(f.Archetype)))
	}
	if f.Provider != videov1.Provider_PROVIDER_UNSPECIFIED {
		q = q.Where(entclip.Provider(ProviderName(f.Provider)))
	}
	if f.ActiveOnly {
		q = q.Where(entclip.Active(true))
	}
	if pageToken != "" {
		after, err := decodePageToken(pageToken)
		if err != nil {
			return nil, "", err
		}
		q = q.Where(entclip.IDGT(after))
	}
	rows, err := q.Order(ent.Asc(entclip.FieldID)).Limit(limit + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list clips: %w", err)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte("c1:" + rows[len(rows)-1].ID))
	}
	out := make([]*videov1.Clip, len(rows))
	for i, r := range rows {
		out[i] = toProto(r)
	}
	return out, next, nil
}

func decodePageToken(tok string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) < 4 || string(b[:3]) != "c1:" {
		return "", grpcerr.Invalid("page_token", "page_token.format", "the page token is not one this service issued")
	}
	return string(b[3:]), nil
}

// Count returns the number of clips.
func (s *Store) Count(ctx context.Context) (int, error) {
	rows, err := s.raw.QueryContext(ctx, "SELECT COUNT(*) FROM clips")
	if err != nil {
		return 0, fmt.Errorf("count clips: %w", err)
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

// Close closes the ent client and with it the database.
func (s *Store) Close() error { return s.client.Close() }

func toProto(r *ent.Clip) *videov1.Clip {
	c := &videov1.Clip{
		Id:              r.ID,
		ExerciseSlug:    r.ExerciseSlug,
		Kind:            kindValues[r.Kind],
		Archetype:       archetypeValues[r.Archetype],
		Locale:          r.Locale,
		Provider:        providerValues[r.Provider],
		DurationSeconds: r.DurationSeconds,
		Active:          r.Active,
		CreateTime:      timestamppb.New(r.CreateTime),
		UpdateTime:      timestamppb.New(r.UpdateTime),
	}
	if r.TitleRu != "" || r.TitleEn != "" {
		c.Title = &typesv1.LocalizedText{Ru: r.TitleRu, En: r.TitleEn}
	}
	setSource(c, c.Provider, r.Source)
	c.Captions = decodeCaptions(c.Provider, r.Captions)
	return c
}
