-- Clips of the video service. Matches ent/schema/clip.go.
CREATE TABLE clips (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    exercise_slug    VARCHAR(64)   NOT NULL DEFAULT '',
    kind             VARCHAR(32)   NOT NULL,
    archetype        VARCHAR(32)   NOT NULL DEFAULT '',
    locale           VARCHAR(8)    NOT NULL,
    provider         VARCHAR(32)   NOT NULL,
    source           VARCHAR(2048) NOT NULL,
    duration_seconds INTEGER       NOT NULL,
    active           BOOLEAN       NOT NULL DEFAULT TRUE,
    title_ru         TEXT          NOT NULL DEFAULT '',
    title_en         TEXT          NOT NULL DEFAULT '',
    create_time      TIMESTAMPTZ   NOT NULL,
    update_time      TIMESTAMPTZ   NOT NULL
);

-- The playlist candidate query reads active clips by exercise slug ('' for global clips) and
-- ranks them per (exercise_slug, kind, archetype, locale) by id; coverage groups by the same
-- columns. ListClips filters by exercise slug over active and inactive clips alike.
CREATE INDEX clips_exercise_slug ON clips (exercise_slug, id);
CREATE INDEX clips_active_candidates ON clips (exercise_slug, kind, archetype, locale, id) WHERE active;
