// Issue 9 (Trust): each attack that worked against the running system, replayed against the real API over HTTP
// with real tokens and the real database. Cases are seeded in the read-model (no workflow behind them), so an
// action that gets past access control ends at Temporal with 409 and never changes anything.
import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { toPayloadsBody } from '../../apps/api/src/codec/codec-protocol';
import { AesGcmPayloadCodec, codecKeyringFromEnv } from '../../libs/codec/src';
import { caseWorkflowId, recordCheckWorkflowId } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { temporalNamespace, testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';
import {
  adjudicator,
  admin,
  auditor,
  newApplicant,
  officer,
  otherOfficer,
  TEAM,
} from '../support/principals';
import { seedReadModelCase } from '../support/seed';

const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '100000', UPDATE_TIMEOUT_MS: '2000' }, { worker: false });
let db: DataSource;
beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await api.stop();
});

interface AuditRow {
  actor: string;
  action: string;
  caseId: string | null;
  reason: string | null;
  outcome: string;
}

async function auditRows(actor: string, action: string): Promise<AuditRow[]> {
  const trail = await api.as(auditor).get(`/audit?actor=${actor}&pageSize=200`);
  return (trail.body as { items: AuditRow[] }).items.filter((row) => row.action === action);
}

describe('issue 9.1: the codec endpoint applies need-to-know', () => {
  // The same keys the API runs with (the embedded default's development key in tests).
  const codec = new AesGcmPayloadCodec(codecKeyringFromEnv(api.env));
  const SECRET = { givenName: 'Ottoline', niNumber: 'QQ123456C' };
  const namespace = temporalNamespace();

  /** A payload as the worker or API would have stored it for this workflow: encrypted and bound to it. */
  async function storedFor(workflowId: string): Promise<Payload> {
    const payload = defaultPayloadConverter.toPayload(SECRET);
    if (!payload) throw new Error('not convertible');
    const [encrypted] = await codec.encode([payload], { type: 'workflow', namespace, workflowId });
    if (!encrypted) throw new Error('nothing encoded');
    return encrypted;
  }

  const assignedCase = randomUUID();
  const someoneElsesCase = randomUUID();
  beforeAll(async () => {
    await seedReadModelCase(db, assignedCase, {
      stage: 'INVESTIGATION',
      assignee: officer.subject,
      team: TEAM,
      sponsorId: 'sponsor-x',
      applicantId: 'applicant-x',
    });
    await seedReadModelCase(db, someoneElsesCase, {
      stage: 'INVESTIGATION',
      assignee: otherOfficer.subject,
      team: 'another-team',
      sponsorId: 'sponsor-y',
      applicantId: 'applicant-y',
    });
  });

  const decode = async (
    who: Principal,
    payloads: Payload[],
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> =>
    api.as(who).post('/codec/decode', toPayloadsBody(payloads), headers);

  it("refuses another case's payloads to an officer, exactly as reading that case would (404)", async () => {
    const stolen = await storedFor(caseWorkflowId(someoneElsesCase));
    const res = await decode(officer, [stolen], { 'X-Access-Reason': 'just curious' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET.niNumber);
    // A record check's payloads belong to its case too.
    const check = await storedFor(recordCheckWorkflowId(someoneElsesCase, 'CRIMINAL_RECORDS'));
    expect((await decode(officer, [check])).status).toBe(404);
    // An adjudicator sees cases awaiting a decision only; this one is in investigation.
    expect((await decode(adjudicator, [stolen], { 'X-Access-Reason': 'r' })).status).toBe(404);
  });

  it("decodes the payloads of a case in the caller's own queue, with no reason asked", async () => {
    const own = await storedFor(caseWorkflowId(assignedCase));
    const res = await decode(officer, [own]);
    expect(res.status).toBe(200);
    expect(
      Buffer.from(
        (res.body as { payloads: { data: string }[] }).payloads[0]?.data ?? '',
        'base64',
      ).toString(),
    ).toContain(SECRET.niNumber);
  });

  it('cannot be fooled by rebinding a payload to a case the caller may see', async () => {
    const stolen = await storedFor(caseWorkflowId(someoneElsesCase));
    const own = await storedFor(caseWorkflowId(assignedCase));
    const relabelled: Payload = {
      ...stolen,
      metadata: {
        ...stolen.metadata,
        'encryption-workflow-id': own.metadata?.['encryption-workflow-id'] ?? new Uint8Array(),
      },
    };
    const res = await decode(officer, [relabelled]);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toContain(SECRET.niNumber);
  });

  it('asks an administrator for a reason outside their queue and audits the case id', async () => {
    const stolen = await storedFor(caseWorkflowId(someoneElsesCase));
    expect((await decode(admin, [stolen])).status).toBe(400);
    const res = await decode(admin, [stolen], { 'X-Access-Reason': 'complaint 42 investigation' });
    expect(res.status).toBe(200);
    const rows = await auditRows(admin.subject, 'CODEC_DECODE');
    expect(rows).toContainEqual(
      expect.objectContaining({
        caseId: someoneElsesCase,
        reason: 'complaint 42 investigation',
        outcome: '200',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ caseId: someoneElsesCase, outcome: 'FAILED:REASON_REQUIRED' }),
    );
  });

  it('keeps payloads bound to no case for administrators who say why, and one case per request', async () => {
    const [unbound] = await codec.encode([defaultPayloadConverter.toPayload(SECRET)]);
    if (!unbound) throw new Error('nothing encoded');
    expect((await decode(officer, [unbound])).status).toBe(403);
    expect((await decode(admin, [unbound])).status).toBe(400);
    expect((await decode(admin, [unbound], { 'X-Access-Reason': 'legacy history' })).status).toBe(200);
    const mixed = [
      await storedFor(caseWorkflowId(assignedCase)),
      await storedFor(caseWorkflowId(someoneElsesCase)),
    ];
    expect((await decode(admin, mixed, { 'X-Access-Reason': 'r' })).status).toBe(400);
  });
});

/** Records in the case's history that `actor` assigned an officer, as the workflow's activity would. */
async function recordAssignment(caseId: string, actor: string, officerId: string): Promise<void> {
  await db.query(
    `INSERT INTO case_event (case_id, seq, actor, action, from_stage, to_stage, occurred_at, payload)
     VALUES ($1, 2, $2, 'ASSIGN_OFFICER', 'INVESTIGATION', 'INVESTIGATION', now(), $3)`,
    [caseId, actor, JSON.stringify({ officerId })],
  );
}

describe('issue 9.2: self-adjudication', () => {
  const ownClearance = randomUUID();
  const assignedByLead = randomUUID();
  // The attacker: the applicant on a case who also holds the adjudicator role.
  const applicantAdjudicator: Principal = {
    subject: `dual-${randomUUID()}`,
    roles: ['APPLICANT', 'SENIOR_ADJUDICATOR'],
  };
  const leadAdjudicator: Principal = {
    subject: `lead-adj-${randomUUID()}`,
    roles: ['TEAM_LEAD', 'SENIOR_ADJUDICATOR'],
    team: TEAM,
  };

  beforeAll(async () => {
    await seedReadModelCase(db, ownClearance, {
      stage: 'DECISION',
      assignee: officer.subject,
      team: TEAM,
      sponsorId: 'sponsor-z',
      applicantId: applicantAdjudicator.subject,
    });
    await seedReadModelCase(db, assignedByLead, {
      stage: 'DECISION',
      assignee: officer.subject,
      team: TEAM,
      sponsorId: 'sponsor-z',
      applicantId: 'applicant-z',
    });
    await recordAssignment(assignedByLead, leadAdjudicator.subject, officer.subject);
  });

  it('shows the applicant-adjudicator their own case only as its applicant, and never in a staff queue', async () => {
    const read = await api.as(applicantAdjudicator).get(`/cases/${ownClearance}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('stage');
    expect(read.body).not.toHaveProperty('investigatingOfficers');
    const queue = await api.as(applicantAdjudicator).get('/cases?pageSize=100');
    expect((queue.body as { items: { id: string }[] }).items.map((c) => c.id)).not.toContain(ownClearance);
  });

  it('refuses the applicant-adjudicator the decision on their own clearance', async () => {
    const grant = await api
      .as(applicantAdjudicator)
      .post(`/cases/${ownClearance}/decision`, { outcome: 'GRANTED' });
    expect(grant.status).toBe(404);
    // Holding only the staff role (no applicant role in this token) gets nothing at all.
    const staffOnly: Principal = {
      subject: applicantAdjudicator.subject,
      roles: ['SENIOR_ADJUDICATOR', 'ADMIN'],
    };
    expect((await api.as(staffOnly).get(`/cases/${ownClearance}`, { 'X-Access-Reason': 'r' })).status).toBe(
      404,
    );
    expect(
      (await api.as(staffOnly).post(`/cases/${ownClearance}/decision`, { outcome: 'GRANTED' })).status,
    ).toBe(404);
  });

  it('refuses a team lead who is also an adjudicator the decision on a case they assigned', async () => {
    const decide = await api
      .as(leadAdjudicator)
      .post(`/cases/${assignedByLead}/decision`, { outcome: 'GRANTED' });
    expect(decide.status).toBe(409);
    expect(decide.body).toMatchObject({ error: 'FOUR_EYES_VIOLATION' });
    const sendBack = await api
      .as(leadAdjudicator)
      .post(`/cases/${assignedByLead}/recommendation/return`, { reasons: ['more enquiries'] });
    expect(sendBack.body).toMatchObject({ error: 'FOUR_EYES_VIOLATION' });
    // Another adjudicator passes the access checks (and, with no workflow behind the seeded case, ends at Temporal).
    const other = await api.as(adjudicator).post(`/cases/${assignedByLead}/decision`, { outcome: 'GRANTED' });
    expect(other.body).not.toMatchObject({ error: 'FOUR_EYES_VIOLATION' });
    expect([404, 403]).not.toContain(other.status);
  });
});

describe('issue 9.5: intake is no oracle', () => {
  // With no worker running, a new application is answered 202 (received, not yet screened): that is all
  // anyone learns from a submission, whoever else has applied.
  const victim = newApplicant();
  const attacker = newApplicant();
  const victimApplication = eligibleApplication();
  const victimKey = `victim-key-${randomUUID()}`;
  let victimCase = '';

  const submit = (who: Principal, body: object, key?: string) =>
    api.as(who).post('/applications', body, key ? { 'Idempotency-Key': key } : {});
  const caseIdOf = (res: { body: unknown }): string => (res.body as { caseId: string }).caseId;

  beforeAll(async () => {
    const applied = await submit(victim, victimApplication, victimKey);
    expect([201, 202]).toContain(applied.status);
    victimCase = caseIdOf(applied);
  }, 60_000);

  it("answers someone else's email with a case of the caller's own, never the other person's", async () => {
    const probe = await submit(attacker, { ...victimApplication });
    expect([201, 202]).toContain(probe.status);
    expect(probe.headers['idempotent-replayed']).toBeUndefined();
    expect(caseIdOf(probe)).not.toBe(victimCase);
    expect(JSON.stringify(probe.body)).not.toContain(victimCase);
    // The possible duplicate identity goes to an officer, on the new case.
    // (No worker has written the case's read-model row here; the officer's case view reads this column.)
    const [flag] = await db.query<{ possible_duplicate_of: string | null }[]>(
      `SELECT possible_duplicate_of FROM application_intake WHERE case_id = $1`,
      [caseIdOf(probe)],
    );
    expect(flag?.possible_duplicate_of).toBe(victimCase);
    // The victim repeating their own submission still gets their own case back.
    const again = await submit(victim, victimApplication);
    expect(caseIdOf(again)).toBe(victimCase);
  }, 60_000);

  it("scopes an Idempotency-Key to the principal who sent it: another's key tells nothing", async () => {
    const sameBody = await submit(attacker, victimApplication, victimKey);
    expect(caseIdOf(sameBody)).not.toBe(victimCase);
    const otherBody = await submit(newApplicant(), eligibleApplication(), victimKey);
    expect([201, 202]).toContain(otherBody.status);
    expect(otherBody.body).not.toMatchObject({ error: 'IDEMPOTENCY_KEY_REUSED' });
  }, 60_000);
});

describe('issue 9.17: the applicant cannot assert a sponsor', () => {
  it('refuses a sponsorId in the application, naming it: sponsorship comes only from an invitation', async () => {
    const res = await api
      .as(newApplicant())
      .post('/applications', eligibleApplication({ sponsorId: 'sponsor-1' }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/sponsorId.*invitation/);
  });
});
