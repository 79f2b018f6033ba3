import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CaseSnapshot, RecordTransitionInput } from '../../libs/contracts/src';
import { CaseStore } from '../../libs/persistence/src/case-store';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { eligibleApplication } from '../support/fixtures';
import { testDatabaseUrl } from '../support/env';
import { fieldCipher } from '../support/field-cipher';

let db: DataSource;
let store: CaseStore;
beforeAll(async () => {
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  store = new CaseStore(db, fieldCipher);
});
afterAll(() => db.destroy());

function transition(
  caseId: string,
  seq: number,
  stage: CaseSnapshot['stage'],
  status: 'OPEN' | 'CLOSED' = 'OPEN',
): RecordTransitionInput {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
  return {
    event: {
      caseId,
      seq,
      actor: 'system',
      action: seq === 1 ? 'OPEN_CASE' : 'PASS_SCREENING',
      fromStage: null,
      toStage: stage,
      occurredAt: at,
      payload: { n: seq },
    },
    snapshot: {
      caseId,
      stage,
      status,
      outcome: status === 'CLOSED' ? 'WITHDRAWN' : null,
      assignee: null,
      investigatingOfficers: [],
      openedAt: at,
      stageEnteredAt: at,
      stageDueAt: null,
      closedAt: status === 'CLOSED' ? at : null,
      lastEventSeq: seq,
      eligibility: null,
      team: 'team-a',
      sponsorId: 'sponsor-1',
      applicantId: 'applicant-1',
      rules: 'v1',
      questionnaire: {
        status: 'AWAITING',
        version: 0,
        submittedAt: null,
        acceptedAt: null,
        returnedItems: [],
      },
      tasks: [],
      checks: [],
      recommendation: null,
      decision: null,
      dvClockStartedAt: null,
      clock: null,
    },
    ...(seq === 1 ? { application: eligibleApplication() } : {}),
  };
}

async function row(
  caseId: string,
): Promise<{ stage: string; last_event_seq: number; version: number; application: unknown }> {
  const rows: { stage: string; last_event_seq: number; version: number; application: unknown }[] =
    await db.query(`SELECT stage, last_event_seq, version, application FROM vetting_case WHERE id = $1`, [
      caseId,
    ]);
  const found = rows[0];
  if (!found) throw new Error(`no row for ${caseId}`);
  return found;
}

describe('CaseStore on real PostgreSQL', () => {
  it('records a transition once even when the activity is retried', async () => {
    const caseId = randomUUID();
    expect(await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'))).toBe('recorded');
    expect(await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'))).toBe('duplicate');
    const events: unknown[] = await db.query(`SELECT seq FROM case_event WHERE case_id = $1`, [caseId]);
    expect(events).toHaveLength(1);
    expect((await row(caseId)).version).toBe(1);
  });

  it('never moves the case row backwards when an older write arrives late', async () => {
    const caseId = randomUUID();
    await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'));
    await store.recordTransition(transition(caseId, 2, 'QUESTIONNAIRE'));
    await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'));
    const current = await row(caseId);
    expect(current).toMatchObject({ stage: 'QUESTIONNAIRE', last_event_seq: 2 });
    // Kept from the first write, and stored encrypted (personal data at rest).
    expect(current.application).toMatch(/^aesgcm:/);
    expect(
      fieldCipher.openJson(current.application as string, { field: 'vetting_case.application', row: caseId }),
    ).toMatchObject({
      familyName: eligibleApplication().familyName,
      dateOfBirth: eligibleApplication().dateOfBirth,
    });
  });

  it('refuses to rewrite or delete history at the database level', async () => {
    const caseId = randomUUID();
    await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'));
    await expect(
      db.query(`UPDATE case_event SET actor = 'someone' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM case_event WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('closes the intake entry when the case closes, freeing the applicant to apply again', async () => {
    const caseId = randomUUID();
    const personKey = `person-${caseId}`;
    // One open case per person per account (the ledger is scoped to the submitting principal).
    const insert = `INSERT INTO application_intake (case_id, person_key, request_hash, applicant_id)
                    VALUES ($1, $2, 'h', 'applicant-a')`;
    await db.query(insert, [caseId, personKey]);
    await expect(db.query(insert, [randomUUID(), personKey])).rejects.toThrow(/uq_intake_active_person/);
    await store.recordTransition(transition(caseId, 1, 'ELIGIBILITY_SCREENING'));
    await store.recordTransition(transition(caseId, 2, 'WITHDRAWN', 'CLOSED'));
    await db.query(insert, [randomUUID(), personKey]);
  });

  it('finds nothing to do when migrations run again', async () => {
    expect(await runMigrations(testDatabaseUrl())).toEqual([]);
  });
});
