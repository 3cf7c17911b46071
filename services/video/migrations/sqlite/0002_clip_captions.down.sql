-- SQLite cannot drop a column an index names: the index goes first, then comes back as 0001 made it.
DROP INDEX clips_active_candidates;
ALTER TABLE clips DROP COLUMN captions;
CREATE INDEX clips_active_candidates ON clips (exercise_slug, kind, archetype, locale, id, provider, source, duration_seconds, title_ru, title_en, active) WHERE active;
