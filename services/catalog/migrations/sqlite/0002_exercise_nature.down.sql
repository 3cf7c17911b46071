ALTER TABLE exercises DROP COLUMN impact;
ALTER TABLE exercises DROP COLUMN stresses;
ALTER TABLE exercises DROP COLUMN patterns;
ALTER TABLE exercises DROP COLUMN mechanics;
ALTER TABLE exercises DROP COLUMN measurement;
