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
import type { CaseSnapshot } from '../../libs/contracts/src';
import { RecordCheckStore, recordCheckDetailSlot } from '../../activities/record-checks/record-check.store';
import { ClearanceStore, clearanceSlots } from '../../libs/persistence/src/clearance-store';
import { grantedClearance } from '../../libs/domain/src/clearance/clearance-state';
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
// Officers' free text on the case row: a task with notes, a recommendation and a decision with reasons.
const officerText: Pick<
  CaseSnapshot,
  'questionnaire' | 'tasks' | 'recommendation' | 'decision' | 'baseline'
> = {
  // The baseline checks' state: what the officer asked the applicant for.
  baseline: {
    status: 'NEEDS_INFORMATION',
    version: 1,
    submittedAt: '2026-01-01T09:00:00.000Z',
    missingItems: ['a share code for the right to work'],
    requestedAt: '2026-01-01T09:30:00.000Z',
    outcome: 'NEEDS_INFORMATION',
    decidedBy: 'o',
    decidedAt: '2026-01-01T09:30:00.000Z',
  },
  questionnaire: {
    status: 'RETURNED',
    version: 1,
    submittedAt: '2026-01-01T10:00:00.000Z',
    acceptedAt: null,
    returnedItems: ['addresses: the gap at 12 Acacia Avenue'],
  },
  tasks: [
    {
      id: 'task-1',
      kind: 'REFEREE',
      status: 'CLOSED',
      title: 'Referee enquiry: former manager',
      details: { relationship: 'manager' },
      outcome: 'supportive',
      notes: 'spoke about the overseas account',
      openedAt: '2026-01-02T10:00:00.000Z',
      closedAt: '2026-01-03T10:00:00.000Z',
      replaces: null,
    },
  ],
  recommendation: {
    recommendation: 'GRANT',
    assessment: 'no concerns about the debts',
    risk: 'LOW',
    conditions: [],
    by: 'o',
    at: '2026-01-04T10:00:00.000Z',
  },
  decision: {
    outcome: 'REFUSED',
    conditions: [],
    reviewDueDate: null,
    disclosableReasons: ['undeclared debts'],
    nonDisclosableReasons: ['a third party'],
    by: 'adj',
    at: '2026-01-05T10:00:00.000Z',
  },
};
const legacyTasks = [{ ...officerText.tasks[0], id: 'task-legacy', notes: 'written in 2025' }];
const legacyQuestionnaire = { ...officerText.questionnaire, returnedItems: ['returned in 2025'] };
// Aftercare: a clearance with a condition, and a change report that opened a review task.
const clearanceId = randomUUID();
const conditions = [{ type: 'TRAVEL_RESTRICTION' as const, detail: 'notify travel to the listed countries' }];
const clearance = {
  ...grantedClearance(
    {
      clearanceId,
      caseId: caseIds[0] ?? '',
      holderId: 'a',
      sponsorId: 's',
      grantedOn: '2026-01-05',
      renewalDue: '2033-01-05',
      conditions,
    },
    '2026-01-05T10:00:00.000Z',
  ),
  seq: 1,
  tasks: [
    {
      taskId: 'review-1',
      kind: 'CHANGE_OF_CIRCUMSTANCES' as const,
      openedAt: '2026-02-01T10:00:00.000Z',
      status: 'OPEN' as const,
      outcome: null,
      reviewedBy: null,
    },
  ],
};
const changeReport = { description: 'moved in with a partner from abroad' };
const checkProgress = {
  checkType: 'CREDIT_REFERENCE' as const,
  checkId: 'check-1',
  status: 'RESULT' as const,
  outcome: 'TRACE' as const,
  provider: 'partner',
  providerRef: 'P-1',
  mode: 'poll' as const,
  requestedAt: null,
  resolvedAt: null,
  version: 1,
};

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDataSource(database.url);
  await db.initialize();
  // Written under the old key: three cases (application, tasks and event; the first also a recommendation and
  // a decision), a record check's detail, a draft, a version, a contact, an email.
  for (const caseId of caseIds) {
    await seedReadModelCase(
      db,
      caseId,
      {
        stage: 'QUESTIONNAIRE',
        assignee: 'o',
        team: 't',
        sponsorId: 's',
        applicantId: 'a',
        ...(caseId === caseIds[0] ? { snapshot: officerText } : {}),
      },
      before,
    );
  }
  const clearances = new ClearanceStore(db, before);
  await clearances.record({
    caseId: caseIds[0] ?? '',
    personId: 'a',
    level: 'DV',
    grantedOn: '2026-01-05',
    reviewDue: '2033-01-05',
    conditions,
    clearanceId,
    sponsorId: 's',
  });
  await clearances.recordEvent(
    {
      clearanceId,
      seq: 1,
      action: 'REPORT_CHANGE',
      actorRole: 'HOLDER',
      actorId: 'a',
      fromStatus: 'VALID',
      toStatus: 'VALID',
      at: '2026-02-01T10:00:00.000Z',
      detail: changeReport,
    },
    clearance,
  );
  await new RecordCheckStore(db, before).save({
    ...checkProgress,
    caseId: caseIds[0] ?? '',
    detail: 'a record matched: county court judgment',
  });
  const questionnaires = new QuestionnaireStore(db, before);
  await questionnaires.saveDraft(caseIds[0] ?? '', draft, 'a');
  await questionnaires.saveBaselineDraft(caseIds[0] ?? '', { convictions: { hasUnspent: false } }, 'a');
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
  await db.query(`UPDATE vetting_case SET tasks = $2, questionnaire = $3 WHERE id = $1`, [
    caseIds[2],
    JSON.stringify(legacyTasks),
    JSON.stringify(legacyQuestionnaire),
  ]);
  await new RecordCheckStore(db, before).save({
    ...checkProgress,
    caseId: caseIds[1] ?? '',
    detail: null,
  });
  await db.query(`UPDATE record_check SET detail = 'written in 2025: no trace' WHERE case_id = $1`, [
    caseIds[1],
  ]);
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
      'vetting_case.questionnaire': { '2026-01': 2, plaintext: 1 },
      'vetting_case.tasks': { '2026-01': 2, plaintext: 1 },
      'vetting_case.recommendation': { '2026-01': 1 },
      'vetting_case.decision': { '2026-01': 1 },
      'vetting_case.baseline': { '2026-01': 1 },
      'record_check.detail': { '2026-01': 1, plaintext: 1 },
      'clearance.conditions': { '2026-01': 1 },
      'clearance.snapshot': { '2026-01': 1 },
      'clearance_event.detail': { '2026-01': 1 },
      'case_event.payload': { '2026-01': 3, plaintext: 1 },
      'user_contact.email': { '2026-01': 1, plaintext: 1 },
      'email_outbox.to_address': { '2026-01': 1 },
      'baseline_draft.content': { '2026-01': 1 },
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
    expect(stdout).toMatch(/done in [\d.]+s: 27 values re-encrypted/);

    const counts = await new DataReencryption(db, rotated).counts();
    for (const { field } of SEALED_COLUMNS) {
      expect(Object.keys(counts[field])).toEqual(['2026-07']);
    }

    // Everything reads back with only the new key.
    const cases = new CaseReadModel(db, retired);
    for (const caseId of caseIds) {
      expect((await cases.findCase(caseId))?.application).toMatchObject({ givenName: 'Test' });
    }
    expect(await cases.findCase(caseIds[0] ?? '')).toMatchObject(officerText);
    expect((await cases.findCase(caseIds[1] ?? ''))?.tasks).toEqual([]);
    expect(await cases.findCase(caseIds[2] ?? '')).toMatchObject({
      tasks: legacyTasks,
      questionnaire: legacyQuestionnaire,
    });
    const details = await db.query<{ case_id: string; check_type: string; detail: string }[]>(
      `SELECT case_id, check_type, detail FROM record_check ORDER BY case_id = $1 DESC`,
      [caseIds[0]],
    );
    expect(
      details.map((r) =>
        retired.open(r.detail, recordCheckDetailSlot({ caseId: r.case_id, checkType: r.check_type })),
      ),
    ).toEqual(['a record matched: county court judgment', 'written in 2025: no trace']);
    const clearances = new ClearanceStore(db, retired);
    expect((await clearances.get(clearanceId))?.snapshot).toEqual(clearance);
    expect((await clearances.events(clearanceId)).map((e) => e.detail)).toEqual([changeReport]);
    expect((await clearances.openReviewTasks(1, 10)).items).toEqual([
      expect.objectContaining({ clearanceId, taskId: 'review-1', kind: 'CHANGE_OF_CIRCUMSTANCES' }),
    ]);
    const [sealedConditions] = await db.query<{ conditions: string }[]>(
      `SELECT conditions FROM clearance WHERE id = $1`,
      [clearanceId],
    );
    expect(
      retired.openJson(sealedConditions?.conditions ?? null, clearanceSlots.conditions(caseIds[0] ?? '')),
    ).toEqual(conditions);
    expect((await cases.caseEvents(caseIds[1] ?? '')).map((e) => e.payload)).toEqual([
      { note: 'opened by the seed' },
      { note: 'written in 2025' },
    ]);
    const questionnaires = new QuestionnaireStore(db, retired);
    expect((await questionnaires.getDraft(caseIds[0] ?? ''))?.content).toEqual(draft);
    expect((await questionnaires.getVersion(caseIds[0] ?? '', 1))?.content).toEqual(draft);
    expect((await questionnaires.getBaselineDraft(caseIds[0] ?? ''))?.content).toEqual({
      convictions: { hasUnspent: false },
    });
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
