-- The exercise's nature, which the planner decides from: lower-case names of the contract's
-- enums without their prefix; '' and [] are unspecified. Rows that existed before are counted
-- in reps, the contract's default.
ALTER TABLE exercises ADD COLUMN measurement text NOT NULL DEFAULT 'reps'
    CONSTRAINT exercises_measurement_check CHECK (measurement IN ('reps', 'time', 'distance'));
ALTER TABLE exercises ADD COLUMN mechanics varchar(16) NOT NULL DEFAULT ''
    CONSTRAINT exercises_mechanics_check CHECK (mechanics IN ('', 'compound', 'isolation'));
-- JSON arrays of movement patterns (main one first) and of joints loaded.
ALTER TABLE exercises ADD COLUMN patterns json NOT NULL DEFAULT '[]';
ALTER TABLE exercises ADD COLUMN stresses json NOT NULL DEFAULT '[]';
ALTER TABLE exercises ADD COLUMN impact varchar(16) NOT NULL DEFAULT ''
    CONSTRAINT exercises_impact_check CHECK (impact IN ('', 'low', 'high'));
