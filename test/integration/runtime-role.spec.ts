// Issue 9 item 8: the runtime role vetting_app has what the apps use on every table the migrations create, so
// the apps can run without the owner's rights; on the append-only tables it may only read and append, and the
// migration ledger is not its to touch.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { runtimeDatabaseUrl, testDatabaseUrl } from '../support/env';

const APPEND_ONLY = ['audit_log', 'case_event', 'questionnaire_version'];

let db: DataSource;

beforeAll(async () => {
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
});
afterAll(() => db.destroy());

interface TablePrivileges {
  name: string;
  select: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
}

async function privileges(): Promise<TablePrivileges[]> {
  return db.query(`
    SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END AS name,
           has_table_privilege('vetting_app', format('%I.%I', table_schema, table_name), 'SELECT') AS "select",
           has_table_privilege('vetting_app', format('%I.%I', table_schema, table_name), 'INSERT') AS "insert",
           has_table_privilege('vetting_app', format('%I.%I', table_schema, table_name), 'UPDATE') AS "update",
           has_table_privilege('vetting_app', format('%I.%I', table_schema, table_name), 'DELETE') AS "delete",
           has_table_privilege('vetting_app', format('%I.%I', table_schema, table_name), 'TRUNCATE') AS "truncate"
      FROM information_schema.tables
     WHERE table_schema IN ('public', 'monitoring') AND table_type = 'BASE TABLE'
     ORDER BY 1`);
}

describe('issue 9 item 8: the runtime role vetting_app', () => {
  it('may read and write every table the apps use, including the newer ones', async () => {
    const tables = await privileges();
    const names = tables.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'staff_member',
        'provider_callback',
        'provider_callback_nonce',
        'monitoring.response',
      ]),
    );
    for (const table of tables) {
      if (table.name === 'schema_migrations' || APPEND_ONLY.includes(table.name)) continue;
      expect(table).toEqual({
        name: table.name,
        select: true,
        insert: true,
        update: true,
        delete: true,
        truncate: false,
      });
    }
  });

  it('may only read and append the append-only tables, and may not touch the migration ledger', async () => {
    const tables = await privileges();
    for (const name of APPEND_ONLY) {
      expect(tables.find((t) => t.name === name)).toEqual({
        name,
        select: true,
        insert: true,
        update: false,
        delete: false,
        truncate: false,
      });
    }
    expect(tables.find((t) => t.name === 'schema_migrations')).toEqual({
      name: 'schema_migrations',
      select: false,
      insert: false,
      update: false,
      delete: false,
      truncate: false,
    });
  });

  it('may draw ids from every sequence', async () => {
    const missing: { name: string }[] = await db.query(`
      SELECT format('%I.%I', sequence_schema, sequence_name) AS name
        FROM information_schema.sequences
       WHERE sequence_schema IN ('public', 'monitoring')
         AND NOT has_sequence_privilege('vetting_app', format('%I.%I', sequence_schema, sequence_name), 'USAGE')`);
    expect(missing).toEqual([]);
  });
});

describe('issue 9 item 8: the apps under test log in as the runtime role, as npm start and compose run them', () => {
  let runtime: DataSource;
  beforeAll(async () => {
    runtime = createDataSource(runtimeDatabaseUrl());
    await runtime.initialize();
  });
  afterAll(() => runtime.destroy());

  it('is vetting_runtime, not a superuser, and cannot rewrite the audit trail or change the schema', async () => {
    const [who] = await runtime.query<{ user: string; superuser: boolean }[]>(
      `SELECT current_user AS "user", rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    expect(who).toEqual({ user: 'vetting_runtime', superuser: false });
    await expect(runtime.query(`UPDATE audit_log SET actor = 'forged'`)).rejects.toThrow(/permission denied/);
    await expect(runtime.query(`DELETE FROM case_event`)).rejects.toThrow(/permission denied/);
    await expect(runtime.query(`CREATE TABLE forged (id int)`)).rejects.toThrow(/permission denied/);
  });
});
