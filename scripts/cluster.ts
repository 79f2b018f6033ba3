// `npm run cluster`: the system as production runs it, on one machine.
//
//   PostgreSQL  embedded in .data/cluster/postgres on CLUSTER_PG_PORT (54330), unless CLUSTER_ADMIN_DATABASE_URL
//               names a server (a superuser URL: roles and databases are created there)
//   roles       deploy/postgres/roles.sql: migrations as vetting_owner, the apps as vetting_runtime
//   Temporal    v1.32 built from source into .tools/bin (npm run temporal-server:install), schemas set up with
//               its sql tool, then frontend, history, matching and worker as four processes on
//               CLUSTER_TEMPORAL_PORT (7233) and up, with the `default` namespace (retention CLUSTER_RETENTION_DAYS)
//   ours        a build to dist/, then CLUSTER_WORKERS (2) workers and CLUSTER_APIS (2) APIs on PORT (3000) and up
//
// Ctrl-C stops everything, newest first.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { assertPortFree } from './lib/free-port';
import { elapsed, errorMessage, tagged } from './lib/log';
import { repoRoot } from './lib/paths';
import { captureOutput, describeExit } from './lib/process';
import type { VettingCluster } from './lib/vetting-cluster';
import { startVettingCluster } from './lib/vetting-cluster';

const root = repoRoot();
const log = tagged('cluster');

function intFromEnv(name: string, fallback: number, min = 1, max = 65535): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsc', '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    captureOutput(child, (line) => console.log(`[tsc] ${line}`));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the build ${describeExit({ code, signal })}; see above`)),
    );
  });
}

let cluster: VettingCluster | undefined;
let stopping = false;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const apiPort = intFromEnv('PORT', 3000);
  const apis = intFromEnv('CLUSTER_APIS', 2, 1, 16);
  const workers = intFromEnv('CLUSTER_WORKERS', 2, 1, 16);
  const temporalPort = intFromEnv('CLUSTER_TEMPORAL_PORT', 7233);
  const apiPorts = Array.from({ length: apis }, (_, i) => apiPort + i);
  const hint = 'Stop whatever is using it (an `npm start`?), or set PORT / CLUSTER_TEMPORAL_PORT.';
  for (const port of [...apiPorts, temporalPort, temporalPort + 1, temporalPort + 2, temporalPort + 6]) {
    await assertPortFree(port, 'the cluster', hint);
  }
  log('building (tsc -p tsconfig.build.json)...');
  await build();
  cluster = await startVettingCluster({
    dataDir: join(root, '.data', 'cluster'),
    adminDatabaseUrl: process.env.CLUSTER_ADMIN_DATABASE_URL,
    postgresPort: intFromEnv('CLUSTER_PG_PORT', 54330),
    temporalPort,
    retentionDays: intFromEnv('CLUSTER_RETENTION_DAYS', 7, 1, 3650),
    apiPorts,
    workers,
    runFrom: 'dist',
    appEnv: { LOG_FORMAT: process.env.LOG_FORMAT || 'text' },
    log,
    output: (source, line) => {
      // Temporal's services log warnings only; ours everything. Quiet once we are stopping.
      if (!stopping) console.log(`[${source}] ${line}`);
    },
  });
  for (const process of [...cluster.apis, ...cluster.workers]) {
    void process.exited().then((exit) => {
      if (!stopping) log(`${process.name} ${describeExit(exit)} unexpectedly; the others keep running`);
    });
  }
  console.log(
    [
      '',
      `[cluster] ready in ${elapsed(startedAt)}`,
      ...cluster.apis.map((a) => `  ${a.name.padEnd(10)} ${a.url}  (metrics ${a.metricsUrl})`),
      ...cluster.workers.map(
        (w) => `  ${w.name.padEnd(10)} ${w.url}/health/ready  (metrics ${w.metricsUrl})`,
      ),
      `  Temporal   ${cluster.temporal.address}  namespace ${cluster.temporal.namespace}`,
      ...Object.entries(cluster.temporal.metrics).map(([s, url]) => `    ${s.padEnd(9)}metrics ${url}`),
      `  database   ${cluster.runtimeUrl.replace(/:[^:@/]+@/, ':***@')}`,
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const startedAt = Date.now();
  log('stopping...');
  await cluster?.stop();
  log(`stopped in ${elapsed(startedAt)}`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    void shutdown(0);
  });
}

main().catch((error: unknown) => {
  console.error(`[cluster] ${errorMessage(error)}`);
  void shutdown(1);
});
