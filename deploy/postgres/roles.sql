-- Roles for a least-privilege deployment. Idempotent: run it as a superuser before every migration.
-- Passwords come from the session settings vetting.owner_password, vetting.runtime_password and
-- vetting.temporal_password (set-passwords.psql sets them from psql variables; scripts/cluster.ts from its own).
--
--   vetting_owner     owns the application database and its schema; migrations run as it, nothing else does
--   vetting_app       no login: the privileges of the running apps (the audit-log migration grants to it too)
--   vetting_runtime   what the API and the worker log in as: a member of vetting_app, nothing more; it cannot
--                     change the schema, and as it owns no table it cannot switch the append-only triggers off
--   temporal          owns the temporal and temporal_visibility databases (it may create them)
DO $$
DECLARE
  wanted record;
BEGIN
  FOR wanted IN
    SELECT * FROM (VALUES
      ('vetting_owner', current_setting('vetting.owner_password'), false),
      ('vetting_runtime', current_setting('vetting.runtime_password'), false),
      ('temporal', current_setting('vetting.temporal_password'), true)
    ) AS r (name, password, createdb)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = wanted.name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', wanted.name);
    END IF;
    -- Kept in step with the configured secret, so rotating it is a rerun.
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD %L %s',
                   wanted.name, wanted.password, CASE WHEN wanted.createdb THEN 'CREATEDB' ELSE 'NOCREATEDB' END);
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vetting_app') THEN
    CREATE ROLE vetting_app NOLOGIN;
  END IF;
END
$$;
GRANT vetting_app TO vetting_runtime;

-- The current database is the application's (CREATE DATABASE cannot run here; the server image or
-- scripts/cluster.ts creates it). Its owner also owns the public schema on PostgreSQL 15 and later.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I OWNER TO vetting_owner', current_database());
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO vetting_app', current_database());
END
$$;
ALTER SCHEMA public OWNER TO vetting_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO vetting_app;

-- Whatever the owner creates from now on (tables, sequences, schemas such as `monitoring`) is usable by the
-- runtime role without a grant in every migration.
ALTER DEFAULT PRIVILEGES FOR ROLE vetting_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vetting_app;
ALTER DEFAULT PRIVILEGES FOR ROLE vetting_owner GRANT USAGE, SELECT ON SEQUENCES TO vetting_app;
ALTER DEFAULT PRIVILEGES FOR ROLE vetting_owner GRANT EXECUTE ON FUNCTIONS TO vetting_app;
ALTER DEFAULT PRIVILEGES FOR ROLE vetting_owner GRANT USAGE ON SCHEMAS TO vetting_app;
