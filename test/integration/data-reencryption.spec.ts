import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import type { Keyring } from '../../libs/config/src/keyring';
import { DataReencryption, SEALED_COLUMNS } from '../../libs/persistence/src/data-reencryption';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { FieldCipher } from '../../libs/persistence/src/field-cipher';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import { QuestionnaireStore } from '../../libs/persistence/src/questionnaire-store';
import { CaseReadModel } from '../../libs/persistence/src/read-model';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { seedReadModelCase } from '../support/seed';

/**
 * Key rotation for personal data at rest (issue 10 item 6): rows sealed under a retired key, and rows stored
 * before encryption, are rewritten under the current key by `npm run data:reencrypt`, after which the old key
 * can leave DATA_KEYS. Its own database, so the counts are this suite's alone.
 */

const ROOT = path.resolve(__dirname, '../..');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const ring = (currentKeyId: string, keys: [string, Buffer][]): Keyring => ({
  currentKeyId,
  keys: new Map(keys),
  developmentKey: false,
});
const before = new FieldCipher(ring('2026-01', [['2026-01', oldKey]]));
const rotated = new FieldCipher(
  ring('2026-07', [
    ['2026-01', oldKey],
    ['2026-07', newKey],
  ]),
);
// After re-encryption the old key is no longer needed to read anything.
const retired = new FieldCipher(ring('2026-07', [['2026-07', newKey]]));

let database: PrivateDatabase;
let db: DataSource;
const caseIds = [randomUUID(), randomUUID(), randomUUID()];
const draft = { identity: { givenNames: 'Rotated', familyName: 'Person' } };
const legacyUser = `legacy-${randomUUID()}`;
const sealedUser = `user-${randomUUID()}`;
const outboxId = randomUUID();

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDataSource(database.url);
  await db.initialize();
  // Written under the old key: three cases (application and event), a draft, a version, a contact, an email.
  for (const caseId of caseIds) {
    await seedReadModelCase(
      db,
      caseId,
      { stage: 'QUESTIONNAIRE', assignee: 'o', team: 't', sponsorId: 's', applicantId: 'a' },
      before,
    );
  }
  const questionnaires = new QuestionnaireStore(db, before);
  await questionnaires.saveDraft(caseIds[0] ?? '', draft, 'a');
  await questionnaires.storeVersion(caseIds[0] ?? '', 1, draft, 'a');
  const notifications = new NotificationStore(db, before);
  await notifications.setContact(sealedUser, 'sealed@example.org');
  await notifications.record({
    recipient: sealedUser,
    caseId: null,
    reason: 'TEST',
    subject: 's',
    body: 'b',
    dedupeKey: randomUUID(),
    email: { outboxId, toAddress: 'sealed@example.org', messageId: `<${outboxId}@example.org>` },
  });
  // Stored before encryption existed: plain text in the same columns.
  await db.query(`INSERT INTO user_contact (user_id, email) VALUES ($1, 'legacy@example.org')`, [legacyUser]);
  await db.query(
    `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at, payload)
     VALUES ($1, 2, 'o', 'ADD_NOTE', 'QUESTIONNAIRE', 'QUESTIONNAIRE', now(), '{"note":"written in 2025"}')`,
    [caseIds[1]],
  );
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const run = promisify(execFile);

describe('npm run data:reencrypt', () => {
  it('moves every value to the current key in batches, printing progress, and the old key can then go', async () => {
    expect(await new DataReencryption(db, rotated).counts()).toMatchObject({
      'vetting_case.application': { '2026-01': 3 },
      'case_event.payload': { '2026-01': 3, plaintext: 1 },
      'user_contact.email': { '2026-01': 1, plaintext: 1 },
      'email_outbox.to_address': { '2026-01': 1 },
    });

    const { stdout } = await run(
      'npx',
      ['ts-node', '--transpile-only', 'scripts/reencrypt-data.ts', '--batch-size', '2'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          DATA_KEYS: `2026-01:${oldKey.toString('base64')},2026-07:${newKey.toString('base64')}`,
          DATA_CURRENT_KEY_ID: '2026-07',
        },
      },
    );
    expect(stdout).toContain('re-encrypting under key "2026-07", 2 rows per batch');
    // Progress per batch: case_event has four values, so two batches of two.
    expect(stdout).toContain('case_event.payload: 2 re-encrypted');
    expect(stdout).toContain('case_event.payload: 4 re-encrypted');
    expect(stdout).toMatch(/done in [\d.]+s: 12 values re-encrypted/);

    const counts = await new DataReencryption(db, rotated).counts();
    for (const { field } of SEALED_COLUMNS) {
      expect(Object.keys(counts[field])).toEqual(['2026-07']);
    }

    // Everything reads back with only the new key.
    const cases = new CaseReadModel(db, retired);
    for (const caseId of caseIds) {
      expect((await cases.findCase(caseId))?.application).toMatchObject({ givenName: 'Test' });
    }
    expect((await cases.caseEvents(caseIds[1] ?? '')).map((e) => e.payload)).toEqual([
      { note: 'opened by the seed' },
      { note: 'written in 2025' },
    ]);
    const questionnaires = new QuestionnaireStore(db, retired);
    expect((await questionnaires.getDraft(caseIds[0] ?? ''))?.content).toEqual(draft);
    expect((await questionnaires.getVersion(caseIds[0] ?? '', 1))?.content).toEqual(draft);
    const notifications = new NotificationStore(db, retired);
    expect(await notifications.contactFor(sealedUser)).toBe('sealed@example.org');
    expect(await notifications.contactFor(legacyUser)).toBe('legacy@example.org');
    const [claimed] = await notifications.claimDue(10, 60_000);
    expect(claimed).toMatchObject({ id: outboxId, toAddress: 'sealed@example.org' });
  }, 120_000);

  it('is idempotent: a second run rewrites nothing', async () => {
    const progress: string[] = [];
    const done = await new DataReencryption(db, rotated).run({
      onProgress: ({ field }) => progress.push(field),
    });
    expect(Object.values(done).every((n) => n === 0)).toBe(true);
    expect(progress).toEqual([]);
  });

  it('leaves the append-only tables append-only', async () => {
    await expect(
      db.query(`UPDATE case_event SET payload = payload WHERE case_id = $1`, [caseIds[0]]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`UPDATE questionnaire_version SET content = content WHERE case_id = $1`, [caseIds[0]]),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a value under a key it does not have, naming the field and row but not the value', async () => {
    const caseId = randomUUID();
    const stranger = new FieldCipher(ring('x', [['x', randomBytes(32)]]));
    await seedReadModelCase(
      db,
      caseId,
      { stage: 'QUESTIONNAIRE', assignee: 'o', team: 't', sponsorId: 's', applicantId: 'a' },
      stranger,
    );
    await expect(new DataReencryption(db, rotated).run()).rejects.toThrow(
      new RegExp(`vetting_case.application of id ${caseId}: .*key "x", which is not in DATA_KEYS`),
    );
  });
});
