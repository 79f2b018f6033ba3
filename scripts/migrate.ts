// `npm run migration:run` (and `node dist/scripts/migrate.js` in the migrate container): applies pending
// migrations to DATABASE_URL.
import { runMigrations } from '../libs/persistence/src/migrate';
import { elapsed, errorMessage, tagged } from './lib/log';

const log = tagged('migrate');

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://user:pass@localhost:5432/vetting');
    process.exit(2);
  }
  const startedAt = Date.now();
  const applied = await runMigrations(url, log);
  log(`done in ${elapsed(startedAt)} (${applied.length} applied)`);
}

main().catch((error: unknown) => {
  console.error(`[migrate] failed: ${errorMessage(error)}`);
  process.exit(1);
});
