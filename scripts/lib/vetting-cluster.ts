import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { createDatabaseIfMissing, databaseUrl } from './database';
import type { EmbeddedPostgres } from './embedded-pg';
import { startEmbeddedPostgres } from './embedded-pg';
import { getFreePort } from './free-port';
import type { Log } from './log';
import { elapsed, silent } from './log';
import { repoRoot } from './paths';
import type { ExitInfo } from './process';
import { superviseServer } from './process';
import type { TemporalCluster } from './temporal-cluster';
import { setUpTemporalSchema, startTemporalCluster } from './temporal-cluster';
import { ensureTemporalServer } from './temporal-server';

const HOST = '127.0.0.1';
const DATABASE = 'vetting';

/** Passwords of the three roles deploy/postgres/roles.sql creates; the local defaults only ever serve loopback. */
export interface RolePasswords {
  owner: string;
  runtime: string;
  temporal: string;
}

export interface VettingClusterOptions {
  /** Embedded PostgreSQL data and generated Temporal configuration go here. */
  dataDir: string;
  /** A superuser URL of an existing PostgreSQL server (it creates roles and databases); else embedded. */
  adminDatabaseUrl?: string;
  /** Embedded PostgreSQL port; 0 picks a free one. */
  postgresPort: number;
  /** Trade crash safety for speed (tests). */
  ephemeralPostgres?: boolean;
  /** Frontend gRPC port; 0 picks free ports for all four services. */
  temporalPort: number;
  namespace?: string;
  retentionDays?: number;
  /** One API process per port (0 = a free one). */
  apiPorts: number[];
  workers: number;
  passwords?: Partial<RolePasswords>;
  /** Extra environment for our processes (task queue, provider settings, keys...). */
  appEnv?: NodeJS.ProcessEnv;
  /** `dist`: compiled entry points (npm run cluster builds first); `ts-node`: the sources (tests). */
  runFrom: 'dist' | 'ts-node';
  log?: Log;
  /** Every line our processes and Temporal's print, tagged with who printed it. */
  output?: (source: string, line: string) => void;
}

/** One of our processes (an API or a worker), which a test can crash and bring back. */
export interface AppProcess {
  name: string;
  /** http://127.0.0.1:<port> of the API, or of the worker's health listener. */
  url: string;
  metricsUrl: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  exited(): Promise<ExitInfo>;
}

export interface VettingCluster {
  temporal: TemporalCluster;
  postgres?: EmbeddedPostgres;
  /** The URL migrations run with (the owner) and the one the apps use (the least-privilege runtime role). */
  ownerUrl: string;
  runtimeUrl: string;
  apis: AppProcess[];
  workers: AppProcess[];
  /** Everything, in reverse order of dependency: APIs, workers, Temporal, PostgreSQL. */
  stop(): Promise<void>;
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

async function runSqlFile(url: string, file: string, settings: Record<string, string> = {}): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(settings)) {
      await client.query('SELECT set_config($1, $2, false)', [name, value]);
    }
    await client.query(await readFile(file, 'utf8'));
  } finally {
    await client.end();
  }
}

/** undefined once GET `url` answers 200; else what it answered. */
function probeHttp(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve(res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}: ${body.slice(0, 200)}`),
      );
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve(error.message));
  });
}

/**
 * PostgreSQL with the production roles, Temporal's four services as separate processes with the namespace
 * registered, migrations run as the owner, then `apiPorts.length` APIs and `workers` workers of ours running as
 * the least-privilege role, each ready (its /health/ready answers 200) when this resolves.
 */
export async function startVettingCluster(options: VettingClusterOptions): Promise<VettingCluster> {
  const { log = silent, output = () => undefined } = options;
  const root = repoRoot();
  const passwords: RolePasswords = {
    owner: 'vetting-owner-local',
    runtime: 'vetting-runtime-local',
    temporal: 'temporal-local',
    ...options.passwords,
  };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const tools = await ensureTemporalServer(log);

    let adminUrl = options.adminDatabaseUrl;
    let postgres: EmbeddedPostgres | undefined;
    if (!adminUrl) {
      // Made here, world-searchable: when we run as root, PostgreSQL runs as its own user and must reach the
      // cluster folder inside (which it would otherwise create 0700, parents included).
      await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
      postgres = await startEmbeddedPostgres({
        dataDir: join(options.dataDir, 'postgres'),
        port: options.postgresPort,
        database: DATABASE,
        ephemeral: options.ephemeralPostgres ?? false,
        detached: true,
        log,
        output: (line) => output('postgres', line),
      });
      stops.push(() => postgres?.stop() ?? Promise.resolve());
      adminUrl = postgres.adminUrl;
    }
    await createDatabaseIfMissing(adminUrl, DATABASE);
    const appAdminUrl = databaseUrl(adminUrl, DATABASE);
    const sqlDir = join(root, 'deploy', 'postgres');
    await runSqlFile(appAdminUrl, join(sqlDir, 'roles.sql'), {
      'vetting.owner_password': passwords.owner,
      'vetting.runtime_password': passwords.runtime,
      'vetting.temporal_password': passwords.temporal,
    });
    const ownerUrl = withCredentials(appAdminUrl, 'vetting_owner', passwords.owner);
    const runtimeUrl = withCredentials(appAdminUrl, 'vetting_runtime', passwords.runtime);
    log('roles ready: vetting_owner (migrations), vetting_runtime (apps), temporal');

    const server = new URL(adminUrl);
    const temporalPostgres = {
      host: server.hostname,
      port: Number(server.port || 5432),
      user: 'temporal',
      password: passwords.temporal,
    };
    const clusterOptions = {
      tools,
      postgres: temporalPostgres,
      dir: join(options.dataDir, 'temporal'),
      frontendPort: options.temporalPort,
      namespace: options.namespace ?? 'default',
      retentionDays: options.retentionDays ?? 7,
      log,
      output: (service: string, line: string) => output(`temporal-${service}`, line),
    };
    let startedAt = Date.now();
    await setUpTemporalSchema(clusterOptions);
    await runMigrations(ownerUrl, log);
    await runSqlFile(ownerUrl, join(sqlDir, 'grants.sql'));
    log(`schemas ready in ${elapsed(startedAt)}`);

    const temporal = await startTemporalCluster(clusterOptions);
    stops.push(() => temporal.stop());

    startedAt = Date.now();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.appEnv,
      DATABASE_URL: runtimeUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      HOST,
    };
    const workers: AppProcess[] = [];
    for (let i = 1; i <= options.workers; i += 1) {
      const [healthPort, metricsPort] = [await getFreePort(), await getFreePort()];
      const worker = appProcess(
        `worker-${i}`,
        'worker',
        options.runFrom,
        root,
        healthPort,
        metricsPort,
        env,
        log,
        output,
      );
      workers.push(worker);
      stops.push(() => worker.stop());
    }
    const apis: AppProcess[] = [];
    for (const [i, wanted] of options.apiPorts.entries()) {
      const port = wanted === 0 ? await getFreePort() : wanted;
      const api = appProcess(
        `api-${i + 1}`,
        'api',
        options.runFrom,
        root,
        port,
        await getFreePort(),
        env,
        log,
        output,
      );
      apis.push(api);
      stops.push(() => api.stop());
    }
    // Workers first: bundling workflow code is the slow part, and they need nothing from the APIs.
    await Promise.all(workers.map((w) => w.restart()));
    await Promise.all(apis.map((a) => a.restart()));
    log(`${apis.length} API and ${workers.length} worker processes ready in ${elapsed(startedAt)}`);
    return { temporal, postgres, ownerUrl, runtimeUrl, apis, workers, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function appProcess(
  name: string,
  kind: 'api' | 'worker',
  runFrom: 'dist' | 'ts-node',
  root: string,
  port: number,
  metricsPort: number,
  baseEnv: NodeJS.ProcessEnv,
  log: Log,
  output: (source: string, line: string) => void,
): AppProcess {
  const url = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    METRICS_PORT: String(metricsPort),
    ...(kind === 'api' ? { PORT: String(port) } : { HEALTH_PORT: String(port) }),
  };
  const args =
    runFrom === 'dist'
      ? [join(root, 'dist', 'apps', kind, 'src', 'main.js')]
      : ['-r', 'ts-node/register/transpile-only', join(root, 'apps', kind, 'src', 'main.ts')];
  let child: ChildProcess | undefined;
  let supervised: ReturnType<typeof superviseServer> | undefined;
  return {
    name,
    url,
    metricsUrl: `http://${HOST}:${metricsPort}/metrics`,
    exited: () => supervised?.exited ?? Promise.resolve({ code: 0, signal: null }),
    kill: async () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = supervised?.exited;
      child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      const startedAt = Date.now();
      child = spawn(process.execPath, args, {
        cwd: root,
        env: { ...env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      supervised = superviseServer(child, {
        name,
        binary: process.execPath,
        signal: 'SIGTERM',
        graceMs: 30_000,
        log,
        output: (line) => output(name, line),
      });
      await supervised.waitUntilReady(() => probeHttp(`${url}/health/ready`), {
        where: `on ${url}`,
        timeoutMs: 240_000,
        intervalMs: 500,
      });
      log(`${name} ready on ${url} (${elapsed(startedAt)})`);
    },
    stop: async () => {
      await supervised?.stop();
    },
  };
}
