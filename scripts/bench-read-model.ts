// Times the read-model's bulk reads at scale: `DATABASE_URL=… npm run bench:read-model`. Loads synthetic cases
// (four events each) until the read-model holds BENCH_CASES (1,000,000), printing progress, then prints p50/p95
// side by side with the queries they replaced:
// - "get next work" (the case list in urgency order, with its total), against the same list without the urgency
//   indexes (dropped and re-created around the baseline run, so point it at a database of its own) and with the
//   total counted row by row;
// - the admin's case list (every case, oldest first, with its total), against the total counted row by row;
// - `GET /dashboard/summary` as HR and as a team lead (DashboardService over the read-model), against the same
//   service over the full-scan queries (scripts/lib/full-scan-read-model.ts), run BENCH_BASELINE_RUNS times
//   (they take seconds each). Every summary reads everything: the service reuses nothing between requests.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DashboardService } from '../apps/api/src/dashboard/dashboard.service';
import type { AppConfig } from '../libs/config/src';
import { loadConfig } from '../libs/config/src';
import type { Principal, QueueScope } from '../libs/domain/src';
import { createDataSource } from '../libs/persistence/src/data-source';
import { FieldCipher } from '../libs/persistence/src/field-cipher';
import { CaseReadModel, DashboardReadModel } from '../libs/persistence/src/read-model';
import { FullScanCaseReadModel, FullScanDashboardReadModel } from './lib/full-scan-read-model';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const TARGET = Number(process.env.BENCH_CASES ?? 1_000_000);
const BATCH = 100_000;
const URGENCY_INDEXES = ['ix_vetting_case_urgency_team', 'ix_vetting_case_urgency'];

/**
 * Synthetic rows: a quarter open, over 8 teams and 6 stages, opened over two years, deadlines and at-risk
 * instants spread around today, some paused; closed ones with an outcome and most with a DV target judged. Each
 * case has four events: it opens, moves stage twice and has one note in between.
 */
async function load(db: DataSource, from: number, to: number): Promise<void> {
  await db.query(
    `WITH c AS (
       INSERT INTO vetting_case (id, workflow_id, stage, status, assignee, team, sponsor_id, applicant_id,
          opened_at, stage_entered_at, stage_due_at, stage_at_risk_at, clock_paused_since, last_event_seq,
          closed_at, outcome, target_met)
       SELECT gen_random_uuid(), 'vetting-case-bench-' || g,
         (ARRAY['QUESTIONNAIRE','RECORD_CHECKS','INVESTIGATION','ADJUDICATION','DECIDED','WITHDRAWN'])[1 + g % 6],
         CASE WHEN g % 4 = 0 THEN 'OPEN' ELSE 'CLOSED' END,
         'officer-' || (g % 500), 'dv-team-' || (abs(hashtext(g::text)) % 8), 'sponsor-' || (g % 1000),
         'applicant-bench-' || g, now() - (g % 700) * interval '1 day', now() - (g % 50) * interval '1 day',
         CASE WHEN g % 9 = 0 THEN NULL ELSE now() + ((g % 200) - 100) * interval '1 day' END,
         CASE WHEN g % 9 = 0 THEN NULL ELSE now() + ((g % 200) - 105) * interval '1 day' END,
         CASE WHEN g % 13 = 0 THEN now() - interval '3 day' ELSE NULL END,
         4, CASE WHEN g % 4 = 0 THEN NULL ELSE now() END,
         CASE WHEN g % 4 = 0 THEN NULL ELSE (ARRAY['GRANTED','REFUSED','WITHDRAWN'])[1 + g % 3] END,
         CASE WHEN g % 4 = 0 THEN NULL WHEN g % 5 = 0 THEN NULL ELSE g % 3 <> 0 END
       FROM generate_series($1::int, $2::int) g
       RETURNING id, opened_at)
     INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at)
     SELECT c.id, s, 'officer-bench', (ARRAY['OPEN','ACCEPT','NOTE','REFER'])[s],
       (ARRAY[NULL,'QUESTIONNAIRE','RECORD_CHECKS','RECORD_CHECKS'])[s],
       (ARRAY['QUESTIONNAIRE','RECORD_CHECKS','RECORD_CHECKS','INVESTIGATION'])[s],
       c.opened_at + (s - 1) * interval '9 day'
     FROM c CROSS JOIN generate_series(1, 4) s`,
    [from, to],
  );
}

type Figures = Record<string, number>;

async function time(label: string, runs: number, op: () => Promise<unknown>, into: Figures): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await op();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  into[`${label} p50`] = p(times, 0.5);
  into[`${label} p95`] = p(times, 0.95);
}

const ADMIN: QueueScope = { party: 'admin-1', all: true, assignee: null, team: null, stage: null };
const LEAD: QueueScope = { party: 'lead-1', all: false, assignee: null, team: 'dv-team-1', stage: null };
const HR_ANALYST: Principal = { subject: 'hr-1', roles: ['HR_ANALYST'] };
const TEAM_LEAD: Principal = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'dv-team-1' };

async function nextWork(cases: CaseReadModel, runs: number, into: Figures): Promise<void> {
  for (const [queue, scope] of [
    ['team lead next work', LEAD],
    ['admin next work', ADMIN],
  ] as const) {
    await time(
      queue,
      runs,
      () => cases.list(scope, { status: 'OPEN', sort: 'urgency', page: 1, pageSize: 20 }),
      into,
    );
  }
}

/** The admin's case list and the summary as HR and as a team lead. */
async function listAndSummary(
  cases: CaseReadModel,
  dashboard: DashboardReadModel,
  config: AppConfig,
  runs: number,
  into: Figures,
): Promise<void> {
  await time(
    'admin case list',
    runs,
    () => cases.list(ADMIN, { sort: 'oldest', page: 1, pageSize: 20 }),
    into,
  );
  const service = new DashboardService(dashboard, config);
  await time('HR summary', runs, () => service.summary(HR_ANALYST), into);
  await time('team lead summary', runs, () => service.summary(TEAM_LEAD), into);
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a migrated database of its own (it loads cases into it)');
  const config = loadConfig();
  const db = createDataSource(url);
  await db.initialize();
  const count = async (): Promise<number> => {
    const rows: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM vetting_case');
    return rows[0]?.n ?? 0;
  };
  let held = await count();
  if (held < TARGET) {
    while (held < TARGET) {
      const to = Math.min(TARGET, held + BATCH);
      await load(db, held + 1, to);
      held = to;
      process.stdout.write(`loaded ${held} of ${TARGET} cases\n`);
    }
    for (const table of ['vetting_case', 'case_event', 'case_counter', 'stage_visit']) {
      await db.query(`VACUUM ANALYZE ${table}`);
    }
  }
  const [{ events } = { events: 0 }] = await db.query<{ events: number }[]>(
    `SELECT reltuples::bigint AS events FROM pg_class WHERE relname = 'case_event'`,
  );
  process.stdout.write(
    `read-model holds ${await count()} cases, about ${events} events; ${RUNS} runs per query ` +
      `(${BASELINE_RUNS} for the full-scan summaries)\n`,
  );

  const product: Figures = {};
  const baseline: Figures = {};
  const cipher = new FieldCipher(config.data.keyring);
  const cases = new CaseReadModel(db, cipher);
  await nextWork(cases, RUNS, product);
  await listAndSummary(cases, new DashboardReadModel(db), config, RUNS, product);
  process.stdout.write('measured the read-model\n');

  // The baseline: the same reads before the urgency indexes and the counters existed.
  const fullScanCases = new FullScanCaseReadModel(db, cipher);
  const definitions: { indexname: string; indexdef: string }[] = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'vetting_case' AND indexname = ANY($1)`,
    [URGENCY_INDEXES],
  );
  for (const { indexname } of definitions) await db.query(`DROP INDEX ${indexname}`);
  try {
    await nextWork(fullScanCases, RUNS, baseline);
  } finally {
    for (const { indexdef } of definitions) await db.query(indexdef);
    await db.query('ANALYZE vetting_case');
  }
  await listAndSummary(fullScanCases, new FullScanDashboardReadModel(db), config, BASELINE_RUNS, baseline);
  process.stdout.write('measured the full-scan baseline\n');

  process.stdout.write(
    `\n${'metric'.padEnd(34)}${'product'.padStart(12)}${'baseline'.padStart(12)}${'ratio'.padStart(8)}\n`,
  );
  for (const metric of Object.keys(product)) {
    const mine = product[metric] ?? 0;
    const theirs = baseline[metric] ?? 0;
    process.stdout.write(
      `${metric.padEnd(34)}${`${mine.toFixed(1)} ms`.padStart(12)}${`${theirs.toFixed(1)} ms`.padStart(12)}${(mine / theirs).toFixed(3).padStart(8)}\n`,
    );
  }
  await db.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
