import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseCounterKeys } from './case-counter-keys';

/**
 * Counters and finished stage visits for HR's dashboard and the case list's totals (issue 13): at 1,000,000 cases
 * `GET /dashboard/summary` took 16.8 s (a window function over the whole event table, then counts over every
 * case) and every admin page counted all matching cases.
 *
 * - `case_counter` holds, per team and stage, how many cases contribute to each figure (open/closed, outcome, DV
 *   target met/missed, SLA facts). Statement triggers on `vetting_case` add each changed row's new contribution
 *   and take away its old one, in the transaction that wrote the row. The case activity's upsert only changes a
 *   row for a newer event (`last_event_seq` moves forward), so a retried or late write changes no counter; a
 *   transition that changes no counted fact touches no counter row (no lock shared between cases).
 * - Facts that change as time passes (at risk, breached) cannot be counters: open cases with a running clock are
 *   counted per UTC day of their deadline (`due`) and of their at-risk instant (`risk`, `due_risk`), so "past
 *   its deadline now" is the sum of the days before today plus an index count of today's deadlines so far. A
 *   paused clock is judged as of the instant it paused, so its state is a plain counter (`paused`).
 * - Open cases are also counted per UTC day they entered their stage (`entered`): the median time in stage is
 *   then read at its offset within one day of the (stage, stage_entered_at) index instead of half the stage.
 * - `stage_visit` holds each finished visit to a stage (what the dashboard took from `LAG` over every event),
 *   written by a statement trigger on `case_event` when a stage-changing event is appended.
 *
 * Both are backfilled from the existing rows here. Reads: DashboardReadModel and CaseReadModel; see
 * docs/read-model.md.
 */
export class CaseCounters1764082000000 implements MigrationInterface {
  name = 'CaseCounters1764082000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE case_counter (
         metric text NOT NULL,
         team text NOT NULL,
         stage text NOT NULL,
         key text NOT NULL,
         day date NOT NULL,
         n bigint NOT NULL,
         CONSTRAINT pk_case_counter PRIMARY KEY (metric, team, stage, key, day))`,
    );
    // The counted facts of one case row (case-counter-keys.ts, as it was first written: no trend facts).
    await q.query(caseCounterKeys(false));
    // One function for the three statement triggers: the rows' old contributions out, the new ones in, summed per
    // counter and applied in key order (two writers never lock the same counters in opposite orders).
    await q.query(
      `CREATE FUNCTION case_counter_apply() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO case_counter (metric, team, stage, key, day, n)
           SELECT k.metric, k.team, k.stage, k.key, k.day, count(*)
             FROM new_cases c CROSS JOIN LATERAL case_counter_keys(c) k
            GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
           ON CONFLICT (metric, team, stage, key, day) DO UPDATE SET n = case_counter.n + EXCLUDED.n;
         ELSIF TG_OP = 'UPDATE' THEN
           INSERT INTO case_counter (metric, team, stage, key, day, n)
           SELECT metric, team, stage, key, day, sum(d) FROM (
             SELECT k.*, -1 AS d FROM old_cases c CROSS JOIN LATERAL case_counter_keys(c) k
             UNION ALL
             SELECT k.*, 1 AS d FROM new_cases c CROSS JOIN LATERAL case_counter_keys(c) k) x
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
           ON CONFLICT (metric, team, stage, key, day) DO UPDATE SET n = case_counter.n + EXCLUDED.n;
           -- A finished visit counts for the case's team, as the dashboard's team filter did before.
           UPDATE stage_visit v SET team = n.team
             FROM new_cases n JOIN old_cases o ON o.id = n.id
            WHERE o.team IS DISTINCT FROM n.team AND v.case_id = n.id;
         ELSE
           INSERT INTO case_counter (metric, team, stage, key, day, n)
           SELECT k.metric, k.team, k.stage, k.key, k.day, -count(*)
             FROM old_cases c CROSS JOIN LATERAL case_counter_keys(c) k
            GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
           ON CONFLICT (metric, team, stage, key, day) DO UPDATE SET n = case_counter.n + EXCLUDED.n;
         END IF;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER trg_case_counter_insert AFTER INSERT ON vetting_case REFERENCING NEW TABLE AS new_cases
         FOR EACH STATEMENT EXECUTE FUNCTION case_counter_apply()`,
    );
    await q.query(
      `CREATE TRIGGER trg_case_counter_update AFTER UPDATE ON vetting_case
         REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
         FOR EACH STATEMENT EXECUTE FUNCTION case_counter_apply()`,
    );
    await q.query(
      `CREATE TRIGGER trg_case_counter_delete AFTER DELETE ON vetting_case REFERENCING OLD TABLE AS old_cases
         FOR EACH STATEMENT EXECUTE FUNCTION case_counter_apply()`,
    );
    // TRUNCATE fires no row or statement DELETE trigger: emptying the cases empties their counters.
    await q.query(
      `CREATE FUNCTION case_counter_clear() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM case_counter;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER trg_case_counter_truncate AFTER TRUNCATE ON vetting_case
         FOR EACH STATEMENT EXECUTE FUNCTION case_counter_clear()`,
    );
    await q.query(
      `INSERT INTO case_counter (metric, team, stage, key, day, n)
       SELECT k.metric, k.team, k.stage, k.key, k.day, count(*)
         FROM vetting_case c CROSS JOIN LATERAL case_counter_keys(c) k
        GROUP BY 1, 2, 3, 4, 5`,
    );

    // What the bounded reads beside the counters use: today's deadlines so far, the median time in stage (read at
    // an offset the counters give), the oldest open case.
    await q.query(
      `CREATE INDEX ix_vetting_case_running_due ON vetting_case (stage_due_at) INCLUDE (team, stage, stage_at_risk_at)
        WHERE status = 'OPEN' AND clock_paused_since IS NULL`,
    );
    await q.query(
      `CREATE INDEX ix_vetting_case_running_risk ON vetting_case (stage_at_risk_at) INCLUDE (team, stage, stage_due_at)
        WHERE status = 'OPEN' AND clock_paused_since IS NULL AND stage_at_risk_at < stage_due_at`,
    );
    await q.query(
      `CREATE INDEX ix_vetting_case_open_entered ON vetting_case (stage, stage_entered_at) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX ix_vetting_case_open_entered_team ON vetting_case (team, stage, stage_entered_at)
        WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX ix_vetting_case_open_opened ON vetting_case (opened_at, id) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX ix_vetting_case_open_opened_team ON vetting_case (team, opened_at, id) WHERE status = 'OPEN'`,
    );

    // Finished stage visits. Keyed by the event that ended the visit; goes with it (events are append-only, so in
    // practice only a test database's clean-up deletes one).
    await q.query(
      `CREATE TABLE stage_visit (
         case_id uuid NOT NULL,
         seq integer NOT NULL,
         stage text NOT NULL,
         team text,
         entered_at timestamptz NOT NULL,
         left_at timestamptz NOT NULL,
         CONSTRAINT pk_stage_visit PRIMARY KEY (case_id, seq),
         CONSTRAINT fk_stage_visit_event FOREIGN KEY (case_id, seq)
           REFERENCES case_event (case_id, seq) ON DELETE CASCADE)`,
    );
    // Covering: the dashboard reads the latest 10,000 visits off the index alone (they lie on as many heap pages).
    await q.query(
      `CREATE INDEX ix_stage_visit_left ON stage_visit (left_at DESC) INCLUDE (stage, entered_at)`,
    );
    await q.query(
      `CREATE INDEX ix_stage_visit_team_left ON stage_visit (team, left_at DESC) INCLUDE (stage, entered_at)`,
    );
    // The visit an appended stage-changing event ends began with the case's previous stage-changing event (the
    // first event, which opens the case, has no stage before it). The workflow's write chain appends a case's
    // events in sequence order, so the previous one is already stored.
    await q.query(
      `CREATE FUNCTION stage_visit_append() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO stage_visit (case_id, seq, stage, team, entered_at, left_at)
         SELECT n.case_id, n.seq, n.from_stage, c.team, p.occurred_at, n.occurred_at
           FROM new_events n
           JOIN vetting_case c ON c.id = n.case_id
           CROSS JOIN LATERAL (
             SELECT e.occurred_at FROM case_event e
              WHERE e.case_id = n.case_id AND e.seq < n.seq AND e.from_stage IS DISTINCT FROM e.to_stage
              ORDER BY e.seq DESC LIMIT 1) p
          WHERE n.from_stage IS NOT NULL AND n.from_stage IS DISTINCT FROM n.to_stage
          ORDER BY n.case_id, n.seq
         ON CONFLICT DO NOTHING;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER trg_stage_visit_append AFTER INSERT ON case_event REFERENCING NEW TABLE AS new_events
         FOR EACH STATEMENT EXECUTE FUNCTION stage_visit_append()`,
    );
    await q.query(
      `INSERT INTO stage_visit (case_id, seq, stage, team, entered_at, left_at)
       SELECT v.case_id, v.seq, v.from_stage, c.team, v.prev_at, v.occurred_at FROM (
         SELECT e.case_id, e.seq, e.from_stage, e.occurred_at,
                LAG(e.occurred_at) OVER (PARTITION BY e.case_id ORDER BY e.seq) AS prev_at
           FROM case_event e WHERE e.from_stage IS DISTINCT FROM e.to_stage) v
       JOIN vetting_case c ON c.id = v.case_id
       WHERE v.prev_at IS NOT NULL AND v.from_stage IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_stage_visit_append ON case_event`);
    await q.query(`DROP FUNCTION stage_visit_append()`);
    await q.query(`DROP TABLE stage_visit`);
    for (const index of [
      'ix_vetting_case_open_opened_team',
      'ix_vetting_case_open_opened',
      'ix_vetting_case_open_entered_team',
      'ix_vetting_case_open_entered',
      'ix_vetting_case_running_risk',
      'ix_vetting_case_running_due',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TRIGGER trg_case_counter_truncate ON vetting_case`);
    await q.query(`DROP FUNCTION case_counter_clear()`);
    await q.query(`DROP TRIGGER trg_case_counter_delete ON vetting_case`);
    await q.query(`DROP TRIGGER trg_case_counter_update ON vetting_case`);
    await q.query(`DROP TRIGGER trg_case_counter_insert ON vetting_case`);
    await q.query(`DROP FUNCTION case_counter_apply()`);
    await q.query(`DROP FUNCTION case_counter_keys(vetting_case)`);
    await q.query(`DROP TABLE case_counter`);
  }
}
