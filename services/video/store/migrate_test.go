package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/video/ent/migrate"
	"github.com/fitcoach/fitcoach/services/video/store"
)

// TestMigrations takes every video migration up, down with rows and up again on SQLite and
// PostgreSQL, and checks the latest schema against the ent schema it must match.
func TestMigrations(t *testing.T) {
	dbtest.CheckMigrations(t, migs, migrate.Tables, func(t *testing.T, d *db.DB) {
		s := store.New(d)
		require.NoError(t, s.CreateBatch(t.Context(), []*videov1.Clip{
			clip("squat", typesv1.ClipKind_CLIP_KIND_TECHNIQUE, typesv1.Archetype_ARCHETYPE_MENTOR, "en"),
			clip("", typesv1.ClipKind_CLIP_KIND_INTRO, typesv1.Archetype_ARCHETYPE_PEER, "ru"),
		}))
	})
}
