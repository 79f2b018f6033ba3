import { randomBytes } from 'node:crypto';
import { runMigrations } from '../../libs/persistence/src/migrate';
import {
  createDatabaseIfMissing,
  databaseUrl,
  dropDatabase,
  ensureRuntimeLogin,
} from '../../scripts/lib/database';
import { TEST_RUNTIME_PASSWORD, testDatabaseUrl } from './env';

/** A migrated database of one suite's own, on the run's PostgreSQL server. */
export interface PrivateDatabase {
  /** As the owner: for the test's own set-up and inspection. */
  url: string;
  /** As the runtime role: for the apps under test (see runtimeDatabaseUrl). */
  runtimeUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for a suite that runs the email outbox dispatcher. A dispatcher, as in
 * production, claims every due email in its database; suites sharing the run's database in parallel would
 * send each other's emails to the wrong test SMTP server. Named like the run's database, so a crashed run's
 * leftovers are swept with it.
 */
export async function createPrivateDatabase(): Promise<PrivateDatabase> {
  const shared = testDatabaseUrl();
  const name = `vetting_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(shared, name);
  const url = databaseUrl(shared, name);
  await runMigrations(url);
  const runtimeUrl = await ensureRuntimeLogin(url, TEST_RUNTIME_PASSWORD);
  return { url, runtimeUrl, drop: () => dropDatabase(shared, name) };
}
