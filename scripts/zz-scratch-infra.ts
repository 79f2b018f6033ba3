import { startEmbeddedPostgres } from './lib/embedded-pg';
import { startTemporalDevServer } from './lib/temporal-dev-server';

async function main(): Promise<void> {
  const log = (l: string): void => console.log(`[scratch] ${l}`);
  const pg = await startEmbeddedPostgres({ dataDir: '/tmp/scratch-pg', port: 0, database: 'vetting', log });
  console.log(pg.url);
  await pg.stop();
  await startEmbeddedPostgres({ dataDir: '/tmp/scratch-pg', port: 5432, database: 'vetting', log }).catch((e: Error) => console.log('EXPECTED:', e.message));
  await startTemporalDevServer({ cliPath: '/work/main/.tools/bin/temporal', port: 17233, log }).catch((e: Error) => console.log('EXPECTED:', e.message));
  await startTemporalDevServer({ cliPath: '/bin/false', port: 0, log }).catch((e: Error) => console.log('EXPECTED:', e.message));
  await startTemporalDevServer({ cliPath: '/nonexistent', port: 0, log }).catch((e: Error) => console.log('EXPECTED:', e.message));
}
main().catch((e) => { console.error(e); process.exit(1); });
