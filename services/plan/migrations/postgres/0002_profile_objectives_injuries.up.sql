-- Explicit objectives (primary first) and joints to spare, as JSON arrays of lower-case enum
-- names ("endurance", "knees"). Profiles made before keep working: they have none.
ALTER TABLE profiles ADD COLUMN objectives TEXT NOT NULL DEFAULT '[]';
ALTER TABLE profiles ADD COLUMN injuries TEXT NOT NULL DEFAULT '[]';
