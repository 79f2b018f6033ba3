// `npm run data:reencrypt`: re-encrypts the personal fields in DATABASE_URL (docs/encryption.md) that are plain
// (stored before encryption) or sealed under a key other than DATA_CURRENT_KEY_ID, in batches, printing progress
// and, at the end, how many values each field holds under each key. Idempotent: a second run rewrites nothing.
// Run it as the tables' owner (the migration role) with the apps' DATA_KEYS and DATA_CURRENT_KEY_ID.
//   --batch-size N   rows per transaction (default 500)
//   --status         only print the counts per key id; change nothing
// Exit codes: 0 done, 1 failed part way (rerun it: finished rows are skipped), 2 bad arguments or configuration.
import { dataKeyringFromEnv } from '../libs/config/src/data-encryption.config';
import { DataReencryption, FieldCipher } from '../libs/persistence/src';
import { createDataSource } from '../libs/persistence/src/data-source';
import { elapsed, errorMessage, tagged } from './lib/log';

const log = tagged('data:reencrypt');

function parseArgs(argv: string[]): { batchSize: number; statusOnly: boolean } {
  let batchSize = 500;
  let statusOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--status') statusOnly = true;
    else if (arg === '--batch-size') {
      batchSize = Number(argv[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new UsageError('--batch-size must be a whole number from 1 to 10000');
      }
    } else throw new UsageError(`unknown argument ${arg}; use --batch-size N and/or --status`);
  }
  return { batchSize, statusOnly };
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://owner:pass@localhost:5432/vetting');
    return 2;
  }
  let args: { batchSize: number; statusOnly: boolean };
  let cipher: FieldCipher;
  try {
    args = parseArgs(process.argv.slice(2));
    cipher = new FieldCipher(dataKeyringFromEnv());
  } catch (error) {
    console.error(`[data:reencrypt] ${errorMessage(error)}`);
    return 2;
  }
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const reencryption = new DataReencryption(dataSource, cipher);
    if (!args.statusOnly) {
      const startedAt = Date.now();
      log(`re-encrypting under key "${cipher.currentKeyId}", ${args.batchSize} rows per batch`);
      const done = await reencryption.run({
        batchSize: args.batchSize,
        onProgress: ({ field, done: total }) => log(`${field}: ${total} re-encrypted`),
      });
      const total = Object.values(done).reduce((sum, n) => sum + n, 0);
      log(`done in ${elapsed(startedAt)}: ${total} values re-encrypted`);
    }
    for (const [field, byKey] of Object.entries(await reencryption.counts())) {
      const parts = Object.entries(byKey).map(([keyId, n]) => `${keyId}: ${n}`);
      log(`${field}: ${parts.length > 0 ? parts.join(', ') : 'empty'}`);
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[data:reencrypt] failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
