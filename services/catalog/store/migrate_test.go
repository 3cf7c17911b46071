package store_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/db"
	"github.com/fitcoach/fitcoach/pkg/dbtest"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/ent/migrate"
	"github.com/fitcoach/fitcoach/services/catalog/migrations"
	"github.com/fitcoach/fitcoach/services/catalog/store"
)

// TestMigrations takes every catalog migration up, down with rows and up again on SQLite and
// PostgreSQL, and checks the latest schema against the ent schema it must match.
func TestMigrations(t *testing.T) {
	dbtest.CheckMigrations(t, testMigrations, migrate.Tables, func(t *testing.T, d *db.DB) {
		s := store.New(d.Ent())
		_, err := s.Create(t.Context(), exercise("squat", "EX001", []string{"quads"}, []string{"barbell"}, typesv1.FitnessLevel_FITNESS_LEVEL_BEGINNER))
		require.NoError(t, err)
		_, err = s.Create(t.Context(), exercise("plank", "", []string{"core"}, nil, typesv1.FitnessLevel_FITNESS_LEVEL_ADVANCED))
		require.NoError(t, err)
	})
}

// TestMigrationKeepsOldExercises writes an exercise the way the first schema did, then applies
// the newer migrations: it reads back counted in reps with no other nature, and takes one.
func TestMigrationKeepsOldExercises(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), firstMigration(t))
			q := `INSERT INTO exercises (slug, code, name_en, name_ru, muscle_groups, equipment, difficulty, active, create_time, update_time)
VALUES ('plank', 'EX003', 'Plank', 'Планка', '["core"]', '[]', 'beginner', true, ?, ?)`
			if d.Dialect == db.Postgres {
				q = strings.Replace(q, "?, ?", "$1, $2", 1)
			}
			now := time.Now().UTC().Truncate(time.Second)
			_, err := d.ExecContext(t.Context(), q, now, now)
			require.NoError(t, err)

			v, err := db.Migrate(d, testMigrations, db.Up)
			require.NoError(t, err)
			require.EqualValues(t, 2, v)
			requireColumns(t, d)

			s := store.New(d.Ent())
			got, err := s.Get(t.Context(), "plank")
			require.NoError(t, err)
			require.Equal(t, "Планка", got.GetName().GetRu())
			require.Equal(t, typesv1.Measurement_MEASUREMENT_REPS, got.GetMeasurement())
			require.Zero(t, got.GetMechanics())
			require.Empty(t, got.GetPatterns())
			require.Empty(t, got.GetStresses())
			require.Zero(t, got.GetImpact())
			all, err := s.All(t.Context(), true)
			require.NoError(t, err)
			require.Len(t, all, 1)
			require.True(t, proto.Equal(got, all[0]), "%v != %v", got, all[0])

			got.Measurement = typesv1.Measurement_MEASUREMENT_TIME
			got.Patterns = []typesv1.MovementPattern{typesv1.MovementPattern_MOVEMENT_PATTERN_CORE}
			updated, err := s.Update(t.Context(), "plank", got)
			require.NoError(t, err)
			require.Equal(t, typesv1.Measurement_MEASUREMENT_TIME, updated.GetMeasurement())
			require.Equal(t, got.GetPatterns(), updated.GetPatterns())

			// The columns refuse what the store never writes.
			_, err = d.ExecContext(t.Context(), "UPDATE exercises SET measurement = 'laps'")
			require.Error(t, err)
			_, err = d.ExecContext(t.Context(), "UPDATE exercises SET impact = 'medium'")
			require.Error(t, err)
		})
	}
}

// firstMigration is the catalog's migrations as they were at version 1.
func firstMigration(t *testing.T) db.Migrations {
	t.Helper()
	m := fstest.MapFS{}
	for _, dialect := range []string{"sqlite", "postgres"} {
		for _, dir := range []string{"up", "down"} {
			name := dialect + "/0001_init." + dir + ".sql"
			b, err := fs.ReadFile(migrations.FS, name)
			require.NoError(t, err)
			m[name] = &fstest.MapFile{Data: b}
		}
	}
	return db.Migrations{Service: "catalog", FS: m}
}

func requireColumns(t *testing.T, d *db.DB) {
	t.Helper()
	have := columns(t, d)
	var want []string
	for _, c := range migrate.ExercisesColumns {
		want = append(want, c.Name)
	}
	require.ElementsMatch(t, want, have)
}

func columns(t *testing.T, d *db.DB) []string {
	t.Helper()
	q := `SELECT name FROM pragma_table_info('exercises')`
	if d.Dialect == db.Postgres {
		q = `SELECT column_name FROM information_schema.columns WHERE table_name = 'exercises'`
	}
	rows, err := d.QueryContext(t.Context(), q)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		out = append(out, name)
	}
	require.NoError(t, rows.Err())
	return out
}
