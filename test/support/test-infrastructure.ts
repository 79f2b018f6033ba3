// The servers the integration and e2e projects share, started once per Jest run by global-setup.ts and stopped
// by global-teardown.ts. Both run in Jest's main process, so they share state through globalThis.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeCaseWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { runMigrations } from '../../libs/persistence/src/migrate';
import {
  createDatabaseIfMissing,
  databaseUrl,
  dropDatabase,
  ensureRuntimeLogin,
  listDatabases,
} from '../../scripts/lib/database';
import { TEST_RUNTIME_PASSWORD } from './env';
import type { EmbeddedPostgres } from '../../scripts/lib/embedded-pg';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-pg';
import type { Log } from '../../scripts/lib/log';
import { elapsed, errorMessage, tagged } from '../../scripts/lib/log';
import { ensureTemporalCli } from '../../scripts/lib/temporal-cli';
import type { TemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { transpileTree } from '../../scripts/lib/transpile-tree';
import { COMPILED_SOURCES_ENV } from './node-entry';

const log: Log = tagged('test-infra');
const TMP_DIR = resolve(__dirname, '..', '.tmp');
const DATABASE_PREFIX = 'vetting_test_';
/** Databases left by runs that never reached teardown (killed, crashed) are dropped once this old. */
const STALE_DATABASE_MS = 24 * 60 * 60 * 1000;
/** Set once the infrastructure is up; inherited by Jest workers, and tells a second setup call to reuse it. */
const READY_MARKER = 'VETTING_TEST_INFRA_READY';

interface Infrastructure {
  /** Setup calls minus teardown calls: the last teardown stops everything. */
  users: number;
  temporal?: TemporalDevServer;
  temporalDbFile?: string;
  postgres?: EmbeddedPostgres;
  postgresDir?: string;
  adminUrl?: string;
  database?: string;
  workflowBundleFile?: string;
  compiledDir?: string;
}

const KEY = Symbol.for('vetting.test-infrastructure');

function state(): Infrastructure {
  const holder = globalThis as typeof globalThis & { [KEY]?: Infrastructure };
  holder[KEY] ??= { users: 0 };
  return holder[KEY];
}

export async function setUpInfrastructure(): Promise<void> {
  const infra = state();
  infra.users += 1;
  if (process.env[READY_MARKER]) return;
  const startedAt = Date.now();
  try {
    await Promise.all([
      startTemporal(infra),
      startPostgres(infra),
      buildWorkflowBundle(infra),
      compileSources(infra),
    ]);
    await createTestDatabase(infra);
  } catch (error) {
    await tearDown(infra);
    throw error;
  }
  process.env[READY_MARKER] = '1';
  log(`ready in ${elapsed(startedAt)}: Temporal ${process.env.TEMPORAL_ADDRESS}, database ${infra.database}`);
}

export async function tearDownInfrastructure(): Promise<void> {
  const infra = state();
  infra.users -= 1;
  if (infra.users > 0) return;
  await tearDown(infra);
  delete process.env[READY_MARKER];
}

async function startTemporal(infra: Infrastructure): Promise<void> {
  process.env.TEMPORAL_NAMESPACE ||= 'default';
  if (process.env.TEMPORAL_ADDRESS) {
    log(`using the Temporal server at TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}`);
    return;
  }
  const cliPath = await ensureTemporalCli(log);
  // On free ports, so parallel runs cannot collide. The server keeps its state in a SQLite file (removed at
  // teardown) rather than in memory only so that test/e2e/personal-data-canary.e2e.spec.ts can read what
  // Temporal actually stored and prove no personal data is in it; TEMPORAL_DEV_SERVER_DB_FILE tells it where.
  await removeAbandonedTemporalFiles();
  infra.temporalDbFile = join(TMP_DIR, `temporal-${process.pid}.db`);
  await removeTemporalFiles(infra.temporalDbFile);
  infra.temporal = await startTemporalDevServer({
    cliPath,
    port: 0,
    namespace: process.env.TEMPORAL_NAMESPACE,
    dbFile: infra.temporalDbFile,
    log,
  });
  process.env.TEMPORAL_ADDRESS = infra.temporal.address;
  process.env.TEMPORAL_DEV_SERVER_DB_FILE = infra.temporalDbFile;
}

/**
 * The workflows bundled once for the whole run, not once per suite: every worker the suites start (in-process
 * through case-harness, or the worker app as a child process through WORKFLOW_BUNDLE_PATH) loads this file.
 * Bundling takes seconds of CPU and CI runs dozens of suites on two cores.
 */
async function buildWorkflowBundle(infra: Infrastructure): Promise<void> {
  const startedAt = Date.now();
  const file = join(TMP_DIR, `workflow-bundle-${process.pid}.js`);
  await writeCaseWorkflowBundle(file);
  infra.workflowBundleFile = file;
  process.env.WORKFLOW_BUNDLE_PATH = file;
  log(`bundled the workflows in ${elapsed(startedAt)}`);
}

/**
 * The services and the test identity provider transpiled once for the whole run (see node-entry.ts): the suites
 * spawn dozens of worker, web and provider processes, and each re-transpiling the sources took about 9 s of CPU.
 */
async function compileSources(infra: Infrastructure): Promise<void> {
  const startedAt = Date.now();
  const dir = join(TMP_DIR, `compiled-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  const root = resolve(__dirname, '..', '..');
  const files = await transpileTree(
    root,
    ['apps', 'libs', 'activities', 'workflows', 'test/web/support'],
    dir,
  );
  infra.compiledDir = dir;
  process.env[COMPILED_SOURCES_ENV] = dir;
  log(`transpiled ${files} source files for spawned processes in ${elapsed(startedAt)}`);
}

async function startPostgres(infra: Infrastructure): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    log(`using the PostgreSQL server at TEST_DATABASE_URL (${redact(given)})`);
    infra.adminUrl = given;
    await dropStaleDatabases(given);
    return;
  }
  await removeAbandonedClusters();
  infra.postgresDir = join(TMP_DIR, `pg-${process.pid}`);
  await rm(infra.postgresDir, { recursive: true, force: true });
  await mkdir(TMP_DIR, { recursive: true });
  infra.postgres = await startEmbeddedPostgres({
    dataDir: infra.postgresDir,
    port: 0,
    database: 'postgres',
    ephemeral: true,
    log,
  });
  infra.adminUrl = infra.postgres.adminUrl;
  // Ours to read: the personal-data canary scans PostgreSQL's files for what reached the disk.
  process.env.TEST_POSTGRES_DATA_DIR = infra.postgresDir;
}

/** A database of its own for every run, so runs never see each other's rows and the server stays clean. */
async function createTestDatabase(infra: Infrastructure): Promise<void> {
  if (!infra.adminUrl) throw new Error('PostgreSQL was not set up');
  const name = `${DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const startedAt = Date.now();
  await createDatabaseIfMissing(infra.adminUrl, name);
  infra.database = name;
  const url = databaseUrl(infra.adminUrl, name);
  const applied = await runMigrations(url);
  log(`created database ${name} and applied ${applied.length} migration(s) in ${elapsed(startedAt)}`);
  process.env.TEST_DATABASE_URL = url;
  // The apps under test log in as the least-privilege runtime role, as `npm start` and compose run them
  // (issue 9 item 8); the tests' own set-up and inspection keep the owner's URL.
  process.env.TEST_RUNTIME_DATABASE_URL = await ensureRuntimeLogin(url, TEST_RUNTIME_PASSWORD);
}

async function tearDown(infra: Infrastructure): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (error) {
      problems.push(`${what}: ${errorMessage(error)}`);
    }
  };
  const {
    adminUrl,
    database,
    temporal,
    temporalDbFile,
    postgres,
    postgresDir,
    workflowBundleFile,
    compiledDir,
  } = infra;
  if (adminUrl && database) await attempt(`dropping ${database}`, () => dropDatabase(adminUrl, database));
  if (temporal) await attempt('stopping Temporal', () => temporal.stop());
  if (temporalDbFile) await attempt(`removing ${temporalDbFile}`, () => removeTemporalFiles(temporalDbFile));
  if (workflowBundleFile) {
    await attempt(`removing ${workflowBundleFile}`, () => rm(workflowBundleFile, { force: true }));
    delete process.env.WORKFLOW_BUNDLE_PATH;
  }
  if (compiledDir) {
    await attempt(`removing ${compiledDir}`, () => rm(compiledDir, { recursive: true, force: true }));
    delete process.env[COMPILED_SOURCES_ENV];
  }
  if (postgres) await attempt('stopping PostgreSQL', () => postgres.stop());
  if (postgresDir) await attempt(`removing ${postgresDir}`, () => removeClusterDir(postgresDir));
  Object.assign(infra, {
    temporal: undefined,
    temporalDbFile: undefined,
    postgres: undefined,
    postgresDir: undefined,
    database: undefined,
    workflowBundleFile: undefined,
    compiledDir: undefined,
  });
  if (problems.length > 0)
    throw new Error(`Test infrastructure teardown failed:\n  ${problems.join('\n  ')}`);
  log('stopped');
}

/** The dev server's SQLite file and the journal files SQLite keeps beside it. */
async function removeTemporalFiles(dbFile: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${dbFile}${suffix}`, { force: true });
}

/** Dev server files, workflow bundles and compiled sources in test/.tmp left by runs killed before teardown. */
async function removeAbandonedTemporalFiles(): Promise<void> {
  if (!existsSync(TMP_DIR)) return;
  for (const entry of await readdir(TMP_DIR)) {
    const match = /^temporal-(\d+)\.db$/.exec(entry);
    if (match && !isAlive(Number(match[1]))) await removeTemporalFiles(join(TMP_DIR, entry));
    const bundle = /^workflow-bundle-(\d+)\.js$/.exec(entry);
    if (bundle && !isAlive(Number(bundle[1]))) await rm(join(TMP_DIR, entry), { force: true });
    const compiled = /^compiled-(\d+)$/.exec(entry);
    if (compiled && !isAlive(Number(compiled[1])))
      await rm(join(TMP_DIR, entry), { recursive: true, force: true });
  }
}

async function removeClusterDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  // Leave no empty test/.tmp behind, unless a concurrent run still has its cluster there.
  if ((await readdir(TMP_DIR)).length === 0) await rm(TMP_DIR, { recursive: true, force: true });
}

/** Drops our own databases that earlier, interrupted runs left behind. Never touches one in use. */
async function dropStaleDatabases(adminUrl: string): Promise<void> {
  for (const name of await listDatabases(adminUrl, DATABASE_PREFIX)) {
    const createdAt = parseInt(name.slice(DATABASE_PREFIX.length).split('_')[0] ?? '', 36);
    if (!Number.isFinite(createdAt) || Date.now() - createdAt < STALE_DATABASE_MS) continue;
    try {
      await dropDatabase(adminUrl, name, { force: false });
      log(`dropped stale database ${name}`);
    } catch {
      // Still in use, or not ours to drop: leave it.
    }
  }
}

/** Removes clusters left in test/.tmp by runs that were killed, once their postmaster is gone too. */
async function removeAbandonedClusters(): Promise<void> {
  if (!existsSync(TMP_DIR)) return;
  for (const entry of await readdir(TMP_DIR)) {
    const match = /^pg-(\d+)$/.exec(entry);
    if (!match) continue;
    const dir = join(TMP_DIR, entry);
    const postmasterPid = readPostmasterPid(dir);
    if (isAlive(Number(match[1])) || (postmasterPid !== undefined && isAlive(postmasterPid))) continue;
    await rm(dir, { recursive: true, force: true });
    log(`removed abandoned cluster ${dir}`);
  }
}

function readPostmasterPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
