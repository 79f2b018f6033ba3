// Times "get next work" (the case list in urgency order, with its count) at scale: `DATABASE_URL=… npm run
// bench:read-model`. Loads synthetic open and closed cases until the read-model holds BENCH_CASES (1,000,000),
// printing progress, then prints p50/p95 per queue, side by side with the same queries without the urgency
// indexes (dropped and re-created around the baseline run, so point it at a database of its own).
import type { DataSource } from 'typeorm';
import { createDataSource } from '../libs/persistence/src/data-source';
import { CaseReadModel } from '../libs/persistence/src/read-model';
import { FieldCipher } from '../libs/persistence/src/field-cipher';
import { dataKeyringFromEnv } from '../libs/config/src/data-encryption.config';
import type { QueueScope } from '../libs/domain/src';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TARGET = Number(process.env.BENCH_CASES ?? 1_000_000);
const BATCH = 100_000;
const URGENCY_INDEXES = ['ix_vetting_case_urgency_team', 'ix_vetting_case_urgency'];

/** Synthetic rows: a quarter open, over 8 teams and 6 stages, due dates spread around today, some paused. */
async function load(db: DataSource, from: number, to: number): Promise<void> {
  await db.query(
    `INSERT INTO vetting_case (id, workflow_id, stage, status, assignee, team, sponsor_id, applicant_id,
       opened_at, stage_entered_at, stage_due_at, clock_paused_since, last_event_seq, closed_at)
     SELECT gen_random_uuid(), 'vetting-case-bench-' || g,
       (ARRAY['QUESTIONNAIRE','RECORD_CHECKS','INVESTIGATION','ADJUDICATION','DECIDED','WITHDRAWN'])[1 + g % 6],
       CASE WHEN g % 4 = 0 THEN 'OPEN' ELSE 'CLOSED' END,
       'officer-' || (g % 500), 'dv-team-' || (abs(hashtext(g::text)) % 8), 'sponsor-' || (g % 1000),
       'applicant-bench-' || g, now() - (g % 700) * interval '1 day', now() - (g % 50) * interval '1 day',
       CASE WHEN g % 9 = 0 THEN NULL ELSE now() + ((g % 200) - 100) * interval '1 day' END,
       CASE WHEN g % 13 = 0 THEN now() - interval '3 day' ELSE NULL END,
       5, CASE WHEN g % 4 = 0 THEN NULL ELSE now() END
     FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
}

async function measure(cases: CaseReadModel, label: string): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const [queue, scope] of SCOPES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = process.hrtime.bigint();
      await cases.list(scope, { status: 'OPEN', sort: 'urgency', page: 1, pageSize: 20 });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    figures[`${queue} p50`] = p(times, 0.5);
    figures[`${queue} p95`] = p(times, 0.95);
  }
  process.stdout.write(`measured ${label}\n`);
  return figures;
}

const SCOPES: [string, QueueScope][] = [
  ['team lead next work', { party: 'lead-1', all: false, assignee: null, team: 'dv-team-1', stage: null }],
  ['admin next work', { party: 'admin-1', all: true, assignee: null, team: null, stage: null }],
];

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a migrated database of its own (it loads cases into it)');
  const db = createDataSource(url);
  await db.initialize();
  const cases = new CaseReadModel(db, new FieldCipher(dataKeyringFromEnv()));
  const count = async (): Promise<number> => {
    const rows: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM vetting_case');
    return rows[0]?.n ?? 0;
  };
  let held = await count();
  while (held < TARGET) {
    const to = Math.min(TARGET, held + BATCH);
    await load(db, held + 1, to);
    held = to;
    process.stdout.write(`loaded ${held} of ${TARGET} cases\n`);
  }
  await db.query('VACUUM ANALYZE vetting_case');
  process.stdout.write(`read-model holds ${await count()} cases; ${RUNS} runs per query\n`);

  const product = await measure(cases, 'with the urgency indexes');
  // The baseline: the same queries before the urgency indexes existed.
  const definitions: { indexname: string; indexdef: string }[] = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'vetting_case' AND indexname = ANY($1)`,
    [URGENCY_INDEXES],
  );
  for (const { indexname } of definitions) await db.query(`DROP INDEX ${indexname}`);
  const baseline = await measure(cases, 'without them (baseline)');
  for (const { indexdef } of definitions) await db.query(indexdef);
  await db.query('ANALYZE vetting_case');

  process.stdout.write(
    `\n${'metric'.padEnd(26)}${'product'.padStart(12)}${'baseline'.padStart(12)}${'ratio'.padStart(8)}\n`,
  );
  for (const metric of Object.keys(product)) {
    const mine = product[metric] ?? 0;
    const theirs = baseline[metric] ?? 0;
    process.stdout.write(
      `${metric.padEnd(26)}${`${mine.toFixed(1)} ms`.padStart(12)}${`${theirs.toFixed(1)} ms`.padStart(12)}${(mine / theirs).toFixed(2).padStart(8)}\n`,
    );
  }
  await db.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
