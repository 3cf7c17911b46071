package db

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTablesOf(t *testing.T) {
	tests := []struct {
		name                    string
		sql                     string
		drops, touches, indexes []string
	}{
		{"drops in order", "DROP TABLE IF EXISTS workout_logs;\nDROP TABLE plans;\ndrop table Profiles;", []string{"workout_logs", "plans", "profiles"}, nil, nil},
		{"a list and quotes", `DROP TABLE a, "B", public.c;`, []string{"a", "B", "public.c"}, nil, nil},
		{"alters", "ALTER TABLE widgets DROP COLUMN color;", nil, []string{"widgets"}, nil},
		{"data changes", "UPDATE ONLY plans SET x = 1; DELETE FROM logs WHERE y; INSERT OR IGNORE INTO tags VALUES (1); TRUNCATE TABLE t2;", nil, []string{"plans", "logs", "tags", "t2"}, nil},
		{"indexes", "DROP INDEX IF EXISTS plan_x; CREATE UNIQUE INDEX IF NOT EXISTS i ON plans (a);", nil, []string{"plans"}, []string{"plan_x"}},
		{"a SQLite rebuild names the old table, not the new one", "CREATE TABLE clips_new (id TEXT); INSERT INTO clips_new SELECT id FROM clips; DROP TABLE clips; ALTER TABLE clips_new RENAME TO clips;", []string{"clips"}, nil, nil},
		{"comments are not statements", "-- DROP TABLE plans;\n/* ALTER TABLE x ADD y */ SELECT 1;", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drops, touches, indexes := tablesOf(tt.sql)
			require.Equal(t, tt.drops, drops)
			require.Equal(t, tt.touches, touches)
			require.Equal(t, tt.indexes, indexes)
		})
	}
}

func TestQuoteIdent(t *testing.T) {
	require.Equal(t, `"plans"`, quoteIdent("plans"))
	require.Equal(t, `"public"."a""b"`, quoteIdent(`public.a"b`))
}
