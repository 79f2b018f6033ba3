// `npm start`: the whole system on one machine, from a fresh clone.
//
//   PostgreSQL  embedded, data in .data/postgres, port EMBEDDED_PG_PORT (54320)   unless DATABASE_URL is set
//   Temporal    dev server, state in .data/temporal.db, TEMPORAL_PORT (7233),
//               UI on TEMPORAL_UI_PORT (8233)                                      unless TEMPORAL_ADDRESS is set
//   then migrations, an incremental build to dist/ (seconds when nothing changed), the worker, the API on
//   PORT (3000), and the web service on WEB_PORT (3001), whose address is printed first.
//
// Everything runs in its own process group, so Ctrl-C reaches only this script, which then stops the web
// service, the API, the worker, Temporal and PostgreSQL in that order, so that each drains while what it
// depends on is still up.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { runMigrations } from '../libs/persistence/src/migrate';
import { ensureRuntimeLogin } from './lib/database';
import { startEmbeddedPostgres } from './lib/embedded-pg';
import { assertPortFree } from './lib/free-port';
import { elapsed, errorMessage, sleep, tagged } from './lib/log';
import { repoRoot } from './lib/paths';
import type { ExitInfo } from './lib/process';
import { captureOutput, describeExit, killWithParent, stopProcess, waitForExit } from './lib/process';
import { ensureTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const root = repoRoot();
const log = tagged('start');
const HEALTH_TIMEOUT_MS = 120_000;

/** Something we started and must stop; `exited` settles if it dies. */
interface Service {
  name: string;
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
}

/** In start order; stopped in reverse. */
const services: Service[] = [];
let shuttingDown = false;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number, got ${raw}`);
  }
  return value;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const apiPort = intFromEnv('PORT', 3000);
  const webPort = intFromEnv('WEB_PORT', 3001);
  // Checked first: finding out after a two-minute build that the port is taken would be annoying.
  await assertPortFree(apiPort, 'the API', 'Stop whatever is using it, or set PORT.');
  await assertPortFree(webPort, 'the web service', 'Stop whatever is using it, or set WEB_PORT.');
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE || 'vetting-cases';
  await mkdir(join(root, '.data'), { recursive: true });

  let cliPath: string | undefined;
  if (!process.env.TEMPORAL_ADDRESS) {
    log('checking for the Temporal CLI...');
    cliPath = await ensureTemporalCli(tagged('temporal-cli'));
  }

  let databaseUrl = process.env.DATABASE_URL;
  const embeddedDatabase = !databaseUrl;
  if (databaseUrl) {
    log('using DATABASE_URL');
  } else {
    const postgres = await startEmbeddedPostgres({
      dataDir: join(root, '.data', 'postgres'),
      port: intFromEnv('EMBEDDED_PG_PORT', 54320),
      database: 'vetting',
      detached: true,
      log,
      output: childOutput('postgres', (line) => /\b(WARNING|FATAL|PANIC):/.test(line)),
    });
    supervise({ name: 'PostgreSQL', exited: postgres.exited, stop: postgres.stop });
    databaseUrl = postgres.url;
  }

  // The API as the browser (and the Temporal UI in it) reaches it; one spelling everywhere, as printed below.
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = `(not started here; see the server at TEMPORAL_ADDRESS=${temporalAddress ?? ''})`;
  let temporalUiOrigin: string | undefined;
  if (temporalAddress) {
    log(`using the Temporal server at TEMPORAL_ADDRESS=${temporalAddress}`);
  } else {
    const temporalPort = intFromEnv('TEMPORAL_PORT', 7233);
    const temporal = await startTemporalDevServer({
      cliPath: cliPath ?? (await ensureTemporalCli(tagged('temporal-cli'))),
      port: temporalPort,
      uiPort: intFromEnv('TEMPORAL_UI_PORT', temporalPort + 1000),
      dbFile: join(root, '.data', 'temporal.db'),
      namespace,
      detached: true,
      log,
      // The UI shows payloads decrypted through our codec endpoint (see docs/encryption.md for its token).
      uiCodecEndpoint: `${apiUrl}/codec`,
      // Its startup banner repeats what we print ourselves.
      output: childOutput(
        'temporal',
        (line) => line.trim() !== '' && !/^(CLI|Server:|UI:|Metrics:)\s/.test(line),
      ),
    });
    supervise({ name: 'Temporal', exited: temporal.exited, stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    temporalUiOrigin = temporal.uiUrl;
  }

  let stepStartedAt = Date.now();
  log('running database migrations...');
  await runMigrations(databaseUrl, tagged('migrate'));
  log(`migrations done in ${elapsed(stepStartedAt)}`);
  // Migrations ran as the owner; the apps log in as the least-privilege runtime role (append-only audit trail
  // and histories, no schema changes), as in production. A fresh password each start: only these processes use it.
  // With DATABASE_URL the operator chose the role (see deploy/postgres/roles.sql).
  const appDatabaseUrl = embeddedDatabase
    ? await ensureRuntimeLogin(databaseUrl, randomBytes(18).toString('base64url'))
    : databaseUrl;
  if (embeddedDatabase)
    log('the apps connect as vetting_runtime (least privilege); migrations ran as the owner');

  stepStartedAt = Date.now();
  log('building (tsc -p tsconfig.build.json, incremental)...');
  log(`${await build()} in ${elapsed(stepStartedAt)}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appDatabaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PORT: String(apiPort),
    // Someone is reading this in a terminal; production keeps the JSON default.
    LOG_FORMAT: process.env.LOG_FORMAT || 'text',
    // Every notice's sign-in link (the web service), and the one origin allowed to call the codec endpoint.
    APP_SIGN_IN_URL: process.env.APP_SIGN_IN_URL || `${webUrl}/`,
    WEB_PORT: String(webPort),
    WEB_API_URL: process.env.WEB_API_URL || apiUrl,
    ...(temporalUiOrigin && !process.env.CODEC_CORS_ORIGIN ? { CODEC_CORS_ORIGIN: temporalUiOrigin } : {}),
  };
  startNode('worker', 'dist/apps/worker/src/main.js', env, 30_000);
  startNode('api', 'dist/apps/api/src/main.js', env, 15_000);

  stepStartedAt = Date.now();
  log(`waiting for the API to report healthy on :${apiPort}...`);
  await waitForHealth(apiPort);
  log(`API healthy in ${elapsed(stepStartedAt)}`);

  startNode('web', 'dist/apps/web/src/main.js', env, 10_000);
  stepStartedAt = Date.now();
  await waitForHealth(webPort, '/sign-in');
  log(`web service up in ${elapsed(stepStartedAt)}`);

  console.log(
    [
      '',
      `[start] ready in ${elapsed(startedAt)}`,
      `  Web service   ${webUrl}   (sign in: ${webUrl}/sign-in)`,
      `  API           ${apiUrl}`,
      `  OpenAPI docs  ${apiUrl}/docs`,
      `  Temporal UI   ${temporalUi}`,
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

/** A sink for a server's own output: prefixed, optionally filtered, and quiet once we are shutting it down. */
function childOutput(tag: string, keep: (line: string) => boolean = () => true): (line: string) => void {
  return (line) => {
    if (!shuttingDown && keep(line)) console.log(`[${tag}] ${line}`);
  };
}

/** What `npm start` runs; if one is missing the build info cannot be trusted to describe dist/. */
const ENTRY_POINTS = [
  'dist/apps/worker/src/main.js',
  'dist/apps/api/src/main.js',
  'dist/apps/web/src/main.js',
];
const BUILD_INFO = join(root, 'dist', '.tsbuildinfo');
/** What the build reads: tsconfig.build.json's `include`, its configs, and the installed packages' lock. */
const BUILD_INPUTS = ['apps', 'workflows', 'activities', 'libs', 'scripts'];
const BUILD_CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/**
 * Skips the build when dist/ is newer than every source (a restart with nothing changed), and otherwise builds
 * incrementally (tsconfig.build.json keeps dist/.tsbuildinfo), so only what changed is checked and emitted.
 * Build info without the outputs it describes would make tsc skip emitting them, so it is thrown away when an
 * entry point is missing.
 */
async function build(): Promise<'up to date' | 'built'> {
  if (ENTRY_POINTS.some((entry) => !existsSync(join(root, entry)))) {
    await rm(BUILD_INFO, { force: true });
  } else if (existsSync(BUILD_INFO)) {
    const builtAt = (await stat(BUILD_INFO)).mtimeMs;
    if ((await newestSourceTime()) < builtAt) return 'up to date';
  }
  await runTsc();
  // tsc leaves the build info alone when nothing it emits changed; this marks dist/ as checked against now.
  const now = new Date();
  await utimes(BUILD_INFO, now, now);
  return 'built';
}

/** The newest modification time among the build's inputs. */
async function newestSourceTime(): Promise<number> {
  let newest = 0;
  for (const file of BUILD_CONFIG) newest = Math.max(newest, (await stat(join(root, file))).mtimeMs);
  for (const dir of BUILD_INPUTS) {
    for (const entry of await readdir(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(ts|json)$/.test(entry.name)) {
        // `parentPath` from Node 20.12; `path` before it.
        const dir = (entry as { parentPath?: string }).parentPath ?? entry.path;
        newest = Math.max(newest, (await stat(join(dir, entry.name))).mtimeMs);
      }
    }
  }
  return newest;
}

function runTsc(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    captureOutput(child, (line) => console.log(`[tsc] ${line}`));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`the build ${describeExit({ code, signal })}; see the errors above`)),
    );
  });
}

/** Runs a compiled entry point as a child we supervise: output prefixed, death noticed, stopped on shutdown. */
function startNode(name: string, entry: string, env: NodeJS.ProcessEnv, graceMs: number): void {
  if (shuttingDown) return;
  log(`starting the ${name} (${entry})...`);
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  captureOutput(child, (line) => console.log(`[${name}] ${line}`));
  const removeSafeguard = killWithParent(child, 'SIGTERM');
  const exited = waitForExit(child);
  supervise({
    name,
    exited,
    stop: async () => {
      await stopProcess(child, { signal: 'SIGTERM', graceMs, name, log });
      removeSafeguard();
    },
  });
}

/** Records something to stop at shutdown, and treats its death before then as fatal for the whole stack. */
function supervise(service: Service): void {
  services.push(service);
  void service.exited.then((exit) => {
    if (shuttingDown) return;
    log(`${service.name} ${describeExit(exit)} unexpectedly; stopping everything`);
    void shutdown(1);
  });
}

function waitForHealth(port: number, path = '/health'): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  const url = `http://127.0.0.1:${port}${path}`;
  return (async () => {
    let last = 'no answer yet';
    while (!shuttingDown) {
      const answer = await probe(url);
      if (answer.status === 200) return;
      last = answer.status ? `HTTP ${answer.status}: ${answer.body.slice(0, 300)}` : answer.body;
      if (Date.now() > deadline) {
        throw new Error(
          `GET ${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000}s. Last answer: ${last}`,
        );
      }
      await sleep(500);
    }
  })();
}

function probe(url: string): Promise<{ status?: number; body: string }> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 3000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', (error) => resolve({ body: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve({ body: error.message }));
  });
}

let shutdownPromise: Promise<void> | undefined;

/** Stops everything we started, newest first (web, API, worker, Temporal, PostgreSQL), then exits. */
function shutdown(code: number): Promise<void> {
  shutdownPromise ??= (async () => {
    shuttingDown = true;
    const startedAt = Date.now();
    for (const service of [...services].reverse()) {
      log(`stopping ${service.name}...`);
      try {
        await service.stop();
      } catch (error) {
        log(`could not stop ${service.name}: ${errorMessage(error)}`);
        code = code || 1;
      }
    }
    if (services.length > 0) log(`stopped in ${elapsed(startedAt)}`);
    process.exit(code);
  })();
  return shutdownPromise;
}

let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts === 1) {
      console.log('');
      log(`${signal} received; stopping (press Ctrl-C again to exit at once)`);
      void shutdown(0);
    } else {
      // The 'exit' safeguards registered for every child send their signals on the way out.
      log('forced exit');
      process.exit(130);
    }
  });
}

main().catch((error: unknown) => {
  if (shuttingDown) return;
  console.error(`[start] ${errorMessage(error)}`);
  void shutdown(1);
});
