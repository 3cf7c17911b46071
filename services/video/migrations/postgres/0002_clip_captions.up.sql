-- WebVTT caption tracks of a clip: a JSON array of {"locale","label","source"}, '' for none.
-- Each source is of the clip's provider (as clips.source is); a Stream clip's tracks have none.
ALTER TABLE clips ADD COLUMN captions TEXT NOT NULL DEFAULT '';
