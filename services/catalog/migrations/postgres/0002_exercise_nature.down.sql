ALTER TABLE exercises
    DROP COLUMN IF EXISTS impact,
    DROP COLUMN IF EXISTS stresses,
    DROP COLUMN IF EXISTS patterns,
    DROP COLUMN IF EXISTS mechanics,
    DROP COLUMN IF EXISTS measurement;
