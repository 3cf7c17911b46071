-- WebVTT caption tracks of a clip: a JSON array of {"locale","label","source"}, '' for none.
-- Each source is of the clip's provider (as clips.source is); a Stream clip's tracks have none.
ALTER TABLE clips ADD COLUMN captions TEXT NOT NULL DEFAULT '';

-- The playlist candidate query reads the captions too; the index stays covering.
DROP INDEX clips_active_candidates;
CREATE INDEX clips_active_candidates ON clips (exercise_slug, kind, archetype, locale, id, provider, source, duration_seconds, title_ru, title_en, captions, active) WHERE active;
