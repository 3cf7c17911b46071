package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/fitcoach/fitcoach/pkg/db"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// candidatesSQL ranks the active clips of the workout's exercises (and the global clips, whose
// slug is empty, when asked for) by id per (exercise_slug, kind, archetype, locale) and keeps the first few of
// each group, so a pathological exercise with thousands of clips cannot blow up a playlist. It
// is one statement whatever the number of exercises: the playlist builder issues it once per
// workout. The partition and order follow the candidate index, so neither database sorts. Both
// SQLite (3.25+) and PostgreSQL have window functions.
const candidatesSQL = `SELECT id, exercise_slug, kind, archetype, locale, provider, source, duration_seconds, title_ru, title_en, captions
FROM (
  SELECT id, exercise_slug, kind, archetype, locale, provider, source, duration_seconds, title_ru, title_en, captions,
         ROW_NUMBER() OVER (PARTITION BY exercise_slug, kind, archetype, locale ORDER BY id) AS rn
  FROM clips
  WHERE active AND exercise_slug IN (%s)
) ranked
WHERE rn <= ?`

// Candidates returns the active clips of the given exercise slugs ("" for the global clips),
// at most perKey per (exercise_slug, kind, archetype, locale), in no particular order. Slugs
// must already be lower-case.
func (s *Store) Candidates(ctx context.Context, slugs []string, perKey int) ([]*videov1.Clip, error) {
	if len(slugs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(slugs)+1)
	var in strings.Builder
	for i, sl := range slugs {
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString("?")
		args = append(args, sl)
	}
	args = append(args, perKey)
	query := s.rebind(fmt.Sprintf(candidatesSQL, in.String()))
	rows, err := s.raw.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("playlist candidates: %w", err)
	}
	defer rows.Close()
	out := make([]*videov1.Clip, 0, 8*len(slugs)+16)
	for rows.Next() {
		var (
			id, slug, kind, arch, loc, prov, src, ru, en, caps string
			dur                                                int32
		)
		if err := rows.Scan(&id, &slug, &kind, &arch, &loc, &prov, &src, &dur, &ru, &en, &caps); err != nil {
			return nil, fmt.Errorf("scan candidate: %w", err)
		}
		c := &videov1.Clip{
			Id: id, ExerciseSlug: slug, Kind: kindValues[kind], Archetype: archetypeValues[arch],
			Locale: loc, Provider: providerValues[prov], DurationSeconds: dur, Active: true,
		}
		if ru != "" || en != "" {
			c.Title = &typesv1.LocalizedText{Ru: ru, En: en}
		}
		setSource(c, c.Provider, src)
		c.Captions = decodeCaptions(c.Provider, caps)
		out = append(out, c)
	}
	return out, rows.Err()
}

// CoverageRow says that an exercise has at least one active clip of kind for archetype
// (ARCHETYPE_UNSPECIFIED for generic clips).
type CoverageRow struct {
	ExerciseSlug string
	Kind         typesv1.ClipKind
	Archetype    typesv1.Archetype
}

// Coverage answers, in one aggregate query, which (exercise, kind, archetype) combinations
// have active clips, ordered by exercise slug.
func (s *Store) Coverage(ctx context.Context) ([]CoverageRow, error) {
	rows, err := s.raw.QueryContext(ctx, `SELECT exercise_slug, kind, archetype
FROM clips
WHERE active AND exercise_slug <> ''
GROUP BY exercise_slug, kind, archetype
ORDER BY exercise_slug, kind, archetype`)
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	defer rows.Close()
	var out []CoverageRow
	for rows.Next() {
		var slug, kind, arch string
		if err := rows.Scan(&slug, &kind, &arch); err != nil {
			return nil, fmt.Errorf("scan coverage: %w", err)
		}
		out = append(out, CoverageRow{ExerciseSlug: slug, Kind: kindValues[kind], Archetype: archetypeValues[arch]})
	}
	return out, rows.Err()
}

// ExerciseSlugs returns the exercise slugs that have at least one clip, active or not.
func (s *Store) ExerciseSlugs(ctx context.Context) (map[string]bool, error) {
	rows, err := s.raw.QueryContext(ctx, `SELECT DISTINCT exercise_slug FROM clips WHERE exercise_slug <> ''`)
	if err != nil {
		return nil, fmt.Errorf("exercise slugs with clips: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("scan exercise slug: %w", err)
		}
		out[slug] = true
	}
	return out, rows.Err()
}

// rebind turns ? placeholders into PostgreSQL's $n.
func (s *Store) rebind(q string) string {
	if s.dialect != db.Postgres {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
