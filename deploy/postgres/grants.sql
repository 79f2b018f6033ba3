-- Run after every migration, as vetting_owner or a superuser. Idempotent.
-- Tables that existed before roles.sql first ran get the runtime grants the default privileges give new ones;
-- the append-only history tables lose UPDATE, DELETE and TRUNCATE for the runtime role (their triggers refuse
-- those too: this makes a bypass need the owner's credentials as well).
DO $$
DECLARE
  s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspowner = 'vetting_owner'::regrole LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO vetting_app', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO vetting_app', s);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO vetting_app', s);
  END LOOP;
END
$$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_log', 'case_event', 'questionnaire_version'] LOOP
    IF to_regclass(t) IS NOT NULL THEN
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM vetting_app', t);
    END IF;
  END LOOP;
END
$$;
