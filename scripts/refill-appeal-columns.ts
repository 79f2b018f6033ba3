// `npm run data:appeal-columns`: fills appeal.panel_secretary_id and appeal.sponsor_id (the staff's work list
// filters) from each appeal's sealed snapshot, for appeals stored before those columns were kept, which their
// migration (1764097960000) could not read. Run once after that migration, with the apps' DATA_KEYS, as the
// tables' owner. Idempotent: a second run changes nothing. Exit codes: 0 done, 1 failed (rerun it), 2 configuration.
import { dataKeyringFromEnv } from '../libs/config/src/data-encryption.config';
import { FieldCipher, refillAppealListColumns } from '../libs/persistence/src';
import { createDataSource } from '../libs/persistence/src/data-source';
import { elapsed, errorMessage, tagged } from './lib/log';

const log = tagged('data:appeal-columns');

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://owner:pass@localhost:5432/vetting');
    return 2;
  }
  let cipher: FieldCipher;
  try {
    cipher = new FieldCipher(dataKeyringFromEnv());
  } catch (error) {
    console.error(`[data:appeal-columns] ${errorMessage(error)}`);
    return 2;
  }
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const startedAt = Date.now();
    const changed = await refillAppealListColumns(dataSource, cipher);
    log(`done in ${elapsed(startedAt)}: ${changed} appeal rows filled`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[data:appeal-columns] failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
