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
-- Covering: every column the candidate query reads (active too) is in the index, so a workout's candidates come
-- from a few contiguous index pages instead of one table lookup per clip. (The PostgreSQL index is
-- narrower: its entries have a size limit, and its heap pages stay in shared buffers.) It is the
-- only index on exercise_slug so the planner, which has no statistics here, picks it.
CREATE INDEX clips_active_candidates ON clips (exercise_slug, kind, archetype, locale, id, provider, source, duration_seconds, title_ru, title_en, active) WHERE active;
