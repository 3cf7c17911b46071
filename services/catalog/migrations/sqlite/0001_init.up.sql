CREATE TABLE exercises (
    id             integer PRIMARY KEY AUTOINCREMENT,
    slug           varchar(64)  NOT NULL,
    code           varchar(16)  NULL,
    name_en        varchar(200) NOT NULL,
    name_ru        varchar(200) NOT NULL DEFAULT '',
    description_en text         NOT NULL DEFAULT '',
    description_ru text         NOT NULL DEFAULT '',
    -- JSON arrays of lower-case names; filtered with json_each.
    muscle_groups  json         NOT NULL,
    equipment      json         NOT NULL,
    difficulty     text         NOT NULL CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
    active         bool         NOT NULL DEFAULT true,
    create_time    datetime     NOT NULL,
    update_time    datetime     NOT NULL,
    -- Slugs are stored lower-case and codes upper-case, so plain equality is a
    -- case-insensitive lookup once the service normalizes its input.
    CONSTRAINT exercises_slug_lower CHECK (slug = lower(slug)),
    CONSTRAINT exercises_code_upper CHECK (code = upper(code))
);
CREATE UNIQUE INDEX exercises_slug_key ON exercises (slug);
CREATE UNIQUE INDEX exercises_code_key ON exercises (code);
-- Pages of active exercises walk this index in slug order.
CREATE INDEX exercise_active_slug ON exercises (active, slug);
