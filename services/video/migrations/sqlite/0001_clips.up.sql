-- Clips of the video service. Matches ent/schema/clip.go.
CREATE TABLE clips (
    id               TEXT    NOT NULL PRIMARY KEY,
    exercise_slug    TEXT    NOT NULL DEFAULT '',
    kind             TEXT    NOT NULL,
    archetype        TEXT    NOT NULL DEFAULT '',
    locale           TEXT    NOT NULL,
    provider         TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    duration_seconds INTEGER NOT NULL,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    title_ru         TEXT    NOT NULL DEFAULT '',
    title_en         TEXT    NOT NULL DEFAULT '',
    create_time      DATETIME NOT NULL,
    update_time      DATETIME NOT NULL
);

-- The playlist candidate query reads active clips by exercise slug ('' for global clips) and
-- ranks them per (exercise_slug, kind, archetype); coverage groups by the same columns.
CREATE INDEX clip_exercise_slug_kind_archetype ON clips (exercise_slug, kind, archetype);
CREATE INDEX clips_active_candidates ON clips (exercise_slug, kind, archetype, locale, id) WHERE active;
