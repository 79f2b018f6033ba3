import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Record checks (one row per case and check type) and the ledger of provider callbacks. */
export class RecordChecks1764058000000 implements MigrationInterface {
  name = 'RecordChecks1764058000000';

  public async up(q: QueryRunner): Promise<void> {
    // check_type is not constrained here: which checks run is case policy, validated where it is configured.
    await q.query(`
      CREATE TABLE record_check (
        case_id uuid NOT NULL,
        check_type text NOT NULL,
        check_id text NOT NULL CHECK (length(check_id) BETWEEN 1 AND 200),
        status text NOT NULL
          CHECK (status IN ('REQUESTING', 'AWAITING_RESULT', 'RESULT', 'TIMED_OUT', 'FAILED', 'CANCELLED')),
        outcome text CHECK (outcome IN ('CLEAR', 'TRACE', 'NEEDS_REVIEW')),
        detail text,
        provider text,
        provider_ref text CHECK (length(provider_ref) <= 200),
        mode text CHECK (mode IN ('callback', 'poll')),
        requested_at timestamptz,
        resolved_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_record_check PRIMARY KEY (case_id, check_type),
        CONSTRAINT ck_record_check_outcome_iff_result CHECK ((status = 'RESULT') = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_record_check_status ON record_check (status)`);

    await q.query(`
      CREATE TABLE provider_callback (
        id uuid PRIMARY KEY,
        received_at timestamptz NOT NULL,
        provider text NOT NULL,
        case_id uuid,
        check_type text,
        provider_ref text,
        outcome text,
        disposition text NOT NULL CHECK (disposition IN ('DELIVERED', 'DUPLICATE', 'UNKNOWN_REF',
          'UNKNOWN_CASE', 'CASE_CLOSED', 'BAD_SIGNATURE', 'INVALID', 'UNAVAILABLE'))
      )`);
    await q.query(
      `CREATE INDEX ix_provider_callback_case ON provider_callback (case_id, check_type, received_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provider_callback`);
    await q.query(`DROP TABLE record_check`);
  }
}
