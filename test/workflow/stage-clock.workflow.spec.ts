import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseClockInput, CaseSnapshot } from '../../libs/contracts/src';
import { caseWorkflowId, COMMAND_UPDATES, getCaseQuery } from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import type { vettingCaseWorkflow } from '../../workflows';
import type { CaseHarness } from '../support/case-harness';
import { eligibleApplication } from '../support/fixtures';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { SmtpSink } from '../support/smtp-sink';
import { caseHarnessWithSmtp } from '../support/smtp-harness';
import { until } from '../support/until';
import { fieldCipher } from '../support/field-cipher';

/**
 * Stage clocks on the real dev server with a second-scale policy (milliseconds instead of working days), real
 * activities, real PostgreSQL and a real SMTP server: what fires, when it is re-armed, and that it is sent once.
 */
const sink = new SmtpSink();
let harness: CaseHarness;
const OFFICER = 'clock-officer';
const LEAD = 'clock-lead';

// The dev server fires timers about once a second, so the policy uses seconds, not milliseconds.
const S = 1000;
const POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'test-seconds',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: {
    ELIGIBILITY_SCREENING: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
    QUESTIONNAIRE: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
    RECORD_CHECKS: { goal: 2 * S, deadline: 4 * S, repeatEvery: 2 * S },
    INVESTIGATION: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
  },
  applicantChasers: { questionnaire: { chaseAt: [2 * S, 4 * S], lapseAt: 6 * S } },
  refereeChasers: { chaseAt: [600 * S], decideAt: 1200 * S },
};
const CLOCK: CaseClockInput = { policy: POLICY, teamLeadId: LEAD };

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

function query(caseId: string): Promise<CaseSnapshot> {
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery);
}

/** Notices stored for a case, oldest first: what the inbox (and the outbox) hold. */
async function notices(caseId: string): Promise<{ recipient: string; reason: string; dedupe_key: string }[]> {
  return harness.dataSource.query(
    `SELECT recipient, reason, dedupe_key FROM notification WHERE case_id = $1 ORDER BY created_at, dedupe_key`,
    [caseId],
  );
}

/** A case with an assigned officer whose questionnaire is in and accepted: record checks are running. */
async function caseInRecordChecks(applicantId: string): Promise<string> {
  const { caseId } = await harness.startCase(eligibleApplication(), { applicantId, team: 't', clock: CLOCK });
  await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead', officerId: OFFICER });
  // v1 rules (no DV policy), so acceptance needs no submission and no checks run: the stage just waits.
  await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
  return caseId;
}

let database: PrivateDatabase;

beforeAll(async () => {
  await sink.start();
  // Its own database: the harness's email dispatcher claims every due email it can see.
  database = await createPrivateDatabase();
  harness = caseHarnessWithSmtp(sink, () => database.url);
  await harness.setUp();
  const store = new NotificationStore(harness.dataSource, fieldCipher);
  for (const user of [OFFICER, LEAD]) await store.setContact(user, `${user}@example.org`);
}, 60_000);
afterAll(async () => {
  await harness?.tearDown();
  await database?.drop();
  await sink.stop();
});

describe('stage clocks', () => {
  it('reminds the assignee at goal, escalates to the team lead at deadline, and again every interval', async () => {
    const caseId = await caseInRecordChecks(`applicant-${randomUUID()}`);
    const sent = await until('two repeated escalations', async () => {
      const rows = await notices(caseId);
      return rows.filter((r) => r.reason === 'REPEAT_ESCALATION').length >= 2 ? rows : undefined;
    });
    const kinds = sent.map((r) => [r.reason, r.recipient]);
    expect(kinds.slice(0, 4)).toEqual([
      ['GOAL_REMINDER', OFFICER],
      ['DEADLINE_ESCALATION', LEAD],
      ['REPEAT_ESCALATION', LEAD],
      ['REPEAT_ESCALATION', LEAD],
    ]);
    const snapshot = await query(caseId);
    expect(snapshot.stageDueAt).toBe(snapshot.clock?.stageDeadlineAt);
    await until('the emails', () =>
      sink.received.filter((m) => m.to.includes(`${LEAD}@example.org`)).length >= 3 ? true : undefined,
    );
    for (const message of sink.received)
      expect(`${message.subject} ${message.text}`).not.toMatch(/escalat|deadline|vetting|clearance/i);
    await act(caseId, { type: 'WITHDRAW', actor: 'a', requestedBy: 'SPONSOR', reason: 'test over' });
  });

  it('chases the applicant for the questionnaire and lapses the case when it never comes', async () => {
    const applicantId = `applicant-${randomUUID()}`;
    const { caseId } = await harness.startCase(eligibleApplication(), {
      applicantId,
      team: 't',
      clock: CLOCK,
    });
    const result = await harness.client.workflow
      .getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId))
      .result();
    expect(result.stage).toBe('LAPSED');
    const rows = await notices(caseId);
    expect(rows.map((r) => [r.reason, r.recipient])).toEqual([
      ['QUESTIONNAIRE_CHASER', applicantId],
      ['QUESTIONNAIRE_CHASER', applicantId],
      ['LAPSE', applicantId],
    ]);
    expect((await harness.stored(caseId)).status).toBe('CLOSED');
  });

  it('stops the clock while paused and moves the deadline by the pause when it resumes', async () => {
    const caseId = await caseInRecordChecks(`applicant-${randomUUID()}`);
    const before = await query(caseId);
    await act(caseId, {
      type: 'PAUSE_CLOCK',
      actor: OFFICER,
      waitingOn: 'APPLICANT',
      reason: 'documents awaited',
    });
    await new Promise((resolve) => setTimeout(resolve, 5 * S));
    expect((await notices(caseId)).filter((r) => r.reason === 'DEADLINE_ESCALATION')).toEqual([]);
    const resumed = await act(caseId, { type: 'RESUME_CLOCK', actor: OFFICER });
    const moved =
      Date.parse(resumed.clock?.stageDeadlineAt ?? '') - Date.parse(before.clock?.stageDeadlineAt ?? '');
    expect(moved).toBeGreaterThanOrEqual(5 * S);
    expect(resumed.clock?.waitingMs).toBeGreaterThanOrEqual(5 * S);
    await until('the escalation after resuming', async () =>
      (await notices(caseId)).some((r) => r.reason === 'DEADLINE_ESCALATION') ? true : undefined,
    );
    await act(caseId, { type: 'WITHDRAW', actor: 'a', requestedBy: 'SPONSOR', reason: 'test over' });
  });

  it('re-arms the escalation when the deadline is extended', async () => {
    const caseId = await caseInRecordChecks(`applicant-${randomUUID()}`);
    const before = await query(caseId);
    const extended = await act(caseId, {
      type: 'EXTEND_DEADLINE',
      actor: LEAD,
      by: 600 * S,
      reason: 'interview moved',
    });
    expect(
      Date.parse(extended.clock?.stageDeadlineAt ?? '') - Date.parse(before.clock?.stageDeadlineAt ?? ''),
    ).toBe(600 * S);
    await new Promise((resolve) => setTimeout(resolve, 6 * S));
    const rows = await notices(caseId);
    expect(rows.map((r) => r.reason)).toEqual(['GOAL_REMINDER']);
    await act(caseId, { type: 'WITHDRAW', actor: 'a', requestedBy: 'SPONSOR', reason: 'test over' });
  });

  it('sends every due notice exactly once across a worker that dies with timers pending', async () => {
    const caseId = await caseInRecordChecks(`applicant-${randomUUID()}`);
    await harness.stopWorker();
    // Goal, deadline and two repeats fall due while no worker runs.
    await new Promise((resolve) => setTimeout(resolve, 9 * S));
    await harness.startWorker();
    const rows = await until('the missed notices', async () => {
      const r = await notices(caseId);
      return r.filter((n) => n.reason === 'REPEAT_ESCALATION').length >= 2 ? r : undefined;
    });
    const keys = rows.map((r) => r.dedupe_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.slice(0, 3).map((r) => r.reason)).toEqual([
      'GOAL_REMINDER',
      'DEADLINE_ESCALATION',
      'REPEAT_ESCALATION',
    ]);
    await until('the emails', () => {
      const ids = sink.received.filter((m) => m.text.length > 0).map((m) => m.messageId);
      return ids.length > 0 ? ids : undefined;
    });
    const perKey = new Map<string, number>();
    for (const m of sink.received) perKey.set(m.messageId, (perKey.get(m.messageId) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
    await act(caseId, { type: 'WITHDRAW', actor: 'a', requestedBy: 'SPONSOR', reason: 'test over' });
  });
});
