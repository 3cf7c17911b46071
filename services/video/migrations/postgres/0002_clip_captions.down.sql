ALTER TABLE clips DROP COLUMN captions;
