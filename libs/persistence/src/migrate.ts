import { createDataSource } from './data-source';

/** Applies pending migrations and returns their names. Safe to run repeatedly and concurrently. */
export async function runMigrations(
  databaseUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    // One migrator at a time across processes; the others wait, then find nothing to do. The lock lives on
    // one connection, so take and release it through the same query runner.
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(7319001)');
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`applied migration ${m.name}`);
      if (applied.length === 0) log('schema is up to date');
      return applied.map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(7319001)');
      await lock.release();
    }
  } finally {
    await dataSource.destroy();
  }
}
