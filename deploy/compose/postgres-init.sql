-- Runs once, when the compose PostgreSQL volume is first created (docker-entrypoint-initdb.d).
-- Each service owns its database: its own role owns it and nobody else may connect, so a service
-- cannot reach another's tables even by mistake. Passwords equal the role names because this
-- database only ever listens on the compose network; production passes real credentials in
-- DATABASE_URL.
CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE ROLE video LOGIN PASSWORD 'video';
CREATE ROLE plan LOGIN PASSWORD 'plan';

CREATE DATABASE catalog OWNER catalog;
CREATE DATABASE video OWNER video;
CREATE DATABASE plan OWNER plan;

REVOKE ALL ON DATABASE catalog FROM PUBLIC;
REVOKE ALL ON DATABASE video FROM PUBLIC;
REVOKE ALL ON DATABASE plan FROM PUBLIC;
