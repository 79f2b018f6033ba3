// Times the web service's server-side rendering: `npm run bench:web`. It prints p50/p95 of the two pages officers
// live on, "My work" (GET /work) and the case page (GET /cases/:id), with BENCH_WEB_CASES (10,000) cases in the
// read-model, side by side with the API calls each page makes (its baseline: what the page adds is the web
// service's own work — session, a second HTTP hop, templates). Target on a 2-core machine: p95 ≤ 150 ms.
//
//   PostgreSQL  DATABASE_URL (a server it may create `vetting_bench_web` on), else embedded in .data/bench-web
//   Temporal    a dev server in memory (the API wants one to start; these pages do not call it)
//   then the API and the web service from the TypeScript sources, one process each, as `npm start` runs them.
//
// BENCH_WEB_RUNS (200) requests per page after BENCH_WEB_WARMUP (20), one at a time. Cases are synthetic rows
// (three events each), a fifth of them assigned to Olivia Hughes (officer-1), who is signed in.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { mintToken, ensureLocalKeys } from '../apps/api/src/auth/local-keys';
import { findLocalUser, loadConfig } from '../libs/config/src';
import { runMigrations } from '../libs/persistence/src/migrate';
import { createDatabaseIfMissing, databaseUrl } from './lib/database';
import { startEmbeddedPostgres } from './lib/embedded-pg';
import { getFreePort } from './lib/free-port';
import { elapsed, sleep, tagged } from './lib/log';
import { repoRoot } from './lib/paths';
import { captureOutput, stopProcess } from './lib/process';
import { ensureTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const CASES = Number(process.env.BENCH_WEB_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 200);
const WARMUP = Number(process.env.BENCH_WEB_WARMUP ?? 20);
const TARGET_P95_MS = 150;
const DATABASE = 'vetting_bench_web';
const OFFICER = 'officer-1';

const root = repoRoot();
const log = tagged('bench:web');
const stops: (() => Promise<void>)[] = [];

/** Open synthetic cases in the officer's team, spread over the stages with deadlines around today. */
async function loadCases(url: string, team: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM vetting_case');
    const held = rows[0]?.n ?? 0;
    for (let from = held + 1; from <= CASES; from += 2_000) {
      const to = Math.min(CASES, from + 1_999);
      await client.query(
        `WITH c AS (
           INSERT INTO vetting_case (id, workflow_id, stage, status, assignee, team, sponsor_id, applicant_id,
              opened_at, stage_entered_at, stage_due_at, stage_at_risk_at, last_event_seq)
           SELECT gen_random_uuid(), 'vetting-case-bench-web-' || g,
             (ARRAY['QUESTIONNAIRE','RECORD_CHECKS','INVESTIGATION','ADJUDICATION'])[1 + g % 4], 'OPEN',
             CASE WHEN g % 5 = 0 THEN $3 ELSE 'officer-bench-' || (g % 50) END, $4, 'sponsor-' || (g % 100),
             'applicant-bench-web-' || g, now() - (g % 300) * interval '1 day', now() - (g % 40) * interval '1 day',
             now() + ((g % 120) - 60) * interval '1 day', now() + ((g % 120) - 70) * interval '1 day', 3
           FROM generate_series($1::int, $2::int) g
           RETURNING id, opened_at)
         INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at)
         SELECT c.id, s, 'officer-bench', (ARRAY['OPEN_CASE','ASSIGN','NOTE'])[s],
           (ARRAY[NULL,'ELIGIBILITY_SCREENING','QUESTIONNAIRE'])[s],
           (ARRAY['ELIGIBILITY_SCREENING','QUESTIONNAIRE','QUESTIONNAIRE'])[s],
           c.opened_at + (s - 1) * interval '3 day'
         FROM c CROSS JOIN generate_series(1, 3) s`,
        [from, to, OFFICER, team],
      );
      log(`loaded ${to} of ${CASES} cases`);
    }
    await client.query('VACUUM ANALYZE vetting_case');
    await client.query('VACUUM ANALYZE case_event');
  } finally {
    await client.end();
  }
}

/** Runs an app's entry point from the sources; resolves when `path` on `port` answers. */
async function startApp(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  port: number,
  path: string,
): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
    cwd: root,
    env: { ...process.env, ...env, TS_NODE_PROJECT: 'tsconfig.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  // Both apps log every request, as in production (that cost is measured); the last lines are kept for errors.
  captureOutput(child, (line) => {
    output.push(line);
    if (output.length > 40) output.shift();
  });
  stops.push(async () => {
    await stopProcess(child, { signal: 'SIGTERM', graceMs: 10_000, name, log });
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ${name} exited:\n${output.slice(-20).join('\n')}`);
    const answered = await fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (answered) return;
    await sleep(500);
  }
  throw new Error(`the ${name} did not answer within 120 s:\n${output.slice(-20).join('\n')}`);
}

/** Signs in on the local sign-in page as `subject` and returns the session cookie. */
async function signIn(webUrl: string, subject: string): Promise<string> {
  const page = await fetch(`${webUrl}/sign-in`);
  const cookie = cookiesOf(page);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('the sign-in page has no CSRF token');
  const response = await fetch(`${webUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, subject }).toString(),
  });
  const session = cookiesOf(response);
  if (response.status !== 303 || !session) throw new Error(`sign-in answered ${response.status}`);
  return session;
}

/** The cookies a response sets, as a Cookie request header. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** p50 and p95 of `runs` sequential GETs after a warm-up; every answer must be 200. */
async function measure(url: string, headers: Record<string, string>): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers, redirect: 'manual' });
    await response.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return [at(0.5), at(0.95)];
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const officer = findLocalUser(OFFICER);
  if (!officer?.team) throw new Error(`${OFFICER} is not a local officer with a team`);

  let ownerUrl: string;
  if (process.env.DATABASE_URL) {
    await createDatabaseIfMissing(process.env.DATABASE_URL, DATABASE);
    ownerUrl = databaseUrl(process.env.DATABASE_URL, DATABASE);
  } else {
    log('starting embedded PostgreSQL (.data/bench-web/postgres)...');
    const pg = await startEmbeddedPostgres({
      dataDir: join(root, '.data', 'bench-web', 'postgres'),
      port: 0,
      database: DATABASE,
      log,
    });
    stops.push(() => pg.stop());
    ownerUrl = pg.url;
  }
  await runMigrations(ownerUrl);
  await loadCases(ownerUrl, officer.team);

  log('starting a Temporal dev server (in memory)...');
  const temporal = await startTemporalDevServer({ cliPath: await ensureTemporalCli(log), port: 0, log });
  stops.push(() => temporal.stop());

  const [apiPort, webPort] = [await getFreePort(), await getFreePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const env = {
    DATABASE_URL: ownerUrl,
    TEMPORAL_ADDRESS: temporal.address,
    PORT: String(apiPort),
    WEB_PORT: String(webPort),
    WEB_API_URL: apiUrl,
    // Hundreds of requests a minute from one person: measured, not refused.
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  log('starting the API and the web service...');
  await startApp('api', 'apps/api/src/main.ts', env, apiPort, '/health');
  await startApp('web', 'apps/web/src/main.ts', env, webPort, '/sign-in');

  const session = await signIn(webUrl, OFFICER);
  const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl });
  const token = await mintToken(await ensureLocalKeys(config.auth.jwksFile), {
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    principal: { subject: officer.subject, roles: officer.roles, team: officer.team },
    name: officer.name,
    expiresIn: '1h',
  });
  const bearer = { authorization: `Bearer ${token}` };
  const queue = await fetch(`${apiUrl}/cases?status=OPEN&sort=urgency&page=1&pageSize=20`, {
    headers: bearer,
  });
  const first = ((await queue.json()) as { items: { id: string }[]; total: number }).items[0];
  if (!first) throw new Error('the officer has no cases');

  log(`measuring: ${RUNS} requests per page after ${WARMUP} to warm up, one at a time...`);
  const rows: [string, [number, number], [number, number]][] = [
    [
      'My work (GET /work)',
      await measure(`${webUrl}/work`, { cookie: session }),
      await measure(`${apiUrl}/cases?status=OPEN&sort=urgency&page=1&pageSize=20`, bearer),
    ],
    [
      'case page (GET /cases/:id)',
      await measure(`${webUrl}/cases/${first.id}`, { cookie: session }),
      await measure(`${apiUrl}/cases/${first.id}`, bearer),
    ],
  ];

  const num = (ms: number): string => ms.toFixed(1).padStart(9);
  process.stdout.write(
    `\n${CASES} cases in the read-model; web page vs the API call it makes (ms, sequential requests)\n` +
      `${'page'.padEnd(28)}${'web p50'.padStart(9)}${'web p95'.padStart(9)}${'API p50'.padStart(9)}` +
      `${'API p95'.padStart(9)}${'p95 ratio'.padStart(10)}  target p95 ≤ ${TARGET_P95_MS} ms\n`,
  );
  for (const [label, web, api] of rows) {
    const verdict = web[1] <= TARGET_P95_MS ? 'met' : 'missed';
    process.stdout.write(
      `${label.padEnd(28)}${num(web[0])}${num(web[1])}${num(api[0])}${num(api[1])}` +
        `${(web[1] / api[1]).toFixed(2).padStart(10)}  ${verdict}\n`,
    );
  }
  log(`done in ${elapsed(startedAt)}`);
}

async function stopAll(): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

main().then(
  () => stopAll(),
  async (error: unknown) => {
    process.stderr.write(`bench:web failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll();
    process.exitCode = 1;
  },
);
