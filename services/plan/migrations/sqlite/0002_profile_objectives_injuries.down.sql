ALTER TABLE profiles DROP COLUMN injuries;
ALTER TABLE profiles DROP COLUMN objectives;
