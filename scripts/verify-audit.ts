// `npm run audit:verify`: walks the audit_log HMAC chain in DATABASE_URL with the keys in AUDIT_KEYS and names
// the first row that was changed, removed or inserted, or whose HMAC does not match (written without the key). Exit codes: 0 intact, 1 broken, 2 could not check (so monitoring can tell a
// tampered trail from an unreachable database).
import { auditKeyringFromEnv } from '../libs/config/src/audit.config';
import { AuditLogStore } from '../libs/persistence/src/audit';
import { createDataSource } from '../libs/persistence/src/data-source';
import { errorMessage } from './lib/log';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://user:pass@localhost:5432/vetting');
    return 2;
  }
  // Before connecting: a bad AUDIT_KEYS is a "could not check" (2), reported without touching the database.
  const keyring = auditKeyringFromEnv();
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const result = await new AuditLogStore(dataSource, keyring).verify();
    if (result.ok) {
      console.log(
        `audit chain intact: ${result.rows} rows (${result.legacyRows} legacy unkeyed); last row ${result.lastId ?? '-'}, hash ${result.lastHash}`,
      );
      return 0;
    }
    console.error(`audit chain BROKEN at row ${result.firstBadId}: ${result.reason}`);
    console.error(
      `${result.rows} rows before it verify; rows from ${result.firstBadId} on cannot be trusted`,
    );
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[audit:verify] could not check the audit chain: ${errorMessage(error)}`);
    process.exit(2);
  },
);
