import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, their append-only history and the submission ledger. */
export class InitialSchema1764054000000 implements MigrationInterface {
  name = 'InitialSchema1764054000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vetting_case (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        stage text NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        outcome text,
        assignee text,
        team text,
        sponsor_id text,
        applicant_id text,
        investigating_officers text[] NOT NULL DEFAULT '{}',
        application jsonb,
        eligibility jsonb,
        rules text NOT NULL DEFAULT 'v1',
        questionnaire jsonb,
        tasks jsonb NOT NULL DEFAULT '[]'::jsonb,
        checks jsonb NOT NULL DEFAULT '[]'::jsonb,
        recommendation jsonb,
        decision jsonb,
        dv_clock_started_at timestamptz,
        clock jsonb,
        stage_goal_at timestamptz,
        stage_at_risk_at timestamptz,
        clock_paused_since timestamptz,
        vetting_clock_ms bigint NOT NULL DEFAULT 0,
        waiting_clock_ms bigint NOT NULL DEFAULT 0,
        target_met boolean,
        opened_at timestamptz NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        stage_due_at timestamptz,
        closed_at timestamptz,
        last_event_seq integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_vetting_case_stage ON vetting_case (stage)`);
    await q.query(`CREATE INDEX ix_vetting_case_status ON vetting_case (status)`);
    await q.query(`CREATE INDEX ix_vetting_case_assignee ON vetting_case (assignee)`);
    await q.query(`CREATE INDEX ix_vetting_case_opened_at ON vetting_case (opened_at)`);
    await q.query(`CREATE INDEX ix_vetting_case_team ON vetting_case (team)`);
    await q.query(`CREATE INDEX ix_vetting_case_due ON vetting_case (stage_due_at) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX ix_vetting_case_sponsor ON vetting_case (sponsor_id)`);
    await q.query(`CREATE INDEX ix_vetting_case_applicant ON vetting_case (applicant_id)`);

    await q.query(`
      CREATE TABLE case_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES vetting_case (id) ON DELETE RESTRICT,
        seq integer NOT NULL CHECK (seq > 0),
        actor text NOT NULL,
        action text NOT NULL,
        from_stage text,
        to_stage text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT uq_case_event_case_seq UNIQUE (case_id, seq)
      )`);

    // History is append-only: the database refuses to rewrite it, whatever the application does.
    await q.query(`
      CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_event_no_rewrite BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_append_only()`);

    await q.query(`
      CREATE TABLE application_intake (
        case_id uuid PRIMARY KEY,
        idempotency_key text,
        person_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_intake_idempotency_key ON application_intake (idempotency_key)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_intake_active_person ON application_intake (person_key) WHERE closed_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_intake`);
    await q.query(`DROP TRIGGER case_event_no_rewrite ON case_event`);
    await q.query(`DROP FUNCTION case_event_append_only`);
    await q.query(`DROP TABLE case_event`);
    await q.query(`DROP TABLE vetting_case`);
  }
}
