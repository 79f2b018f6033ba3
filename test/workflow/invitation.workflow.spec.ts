import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import type { InvitationInput } from '../../libs/contracts/src';
import {
  acceptInvitationUpdate,
  invitationOpenedUpdate,
  invitationWorkflowId,
  withdrawInvitationUpdate,
} from '../../libs/contracts/src';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import type { invitationWorkflow } from '../../workflows';
import type { CaseHarness } from '../support/case-harness';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { SmtpSink } from '../support/smtp-sink';
import { caseHarnessWithSmtp } from '../support/smtp-harness';
import { until } from '../support/until';
import { fieldCipher } from '../support/field-cipher';

/**
 * Invitation chasers on the real dev server with a second-scale policy, real activities, real PostgreSQL and a
 * real SMTP server: three chasers, then the lapse and the sponsor's notice, each once; accepting stops them.
 */
const sink = new SmtpSink();
let harness: CaseHarness;

// The dev server fires timers about once a second, so the policy uses seconds, not milliseconds.
const S = 1000;
function policy(chaseAt: number[], lapseAt: number): ClockPolicy {
  return {
    ...DEFAULT_CLOCK_POLICY,
    version: 'test-seconds',
    unit: 'MILLISECONDS',
    calendar: 'none',
    stages: {},
    applicantChasers: {
      questionnaire: { chaseAt: [600 * S], lapseAt: 1200 * S },
      invitation: { chaseAt, lapseAt },
    },
  };
}

interface Parties {
  sponsorId: string;
  applicantId: string;
}

async function parties(): Promise<Parties> {
  const people = { sponsorId: `sponsor-${randomUUID()}`, applicantId: `applicant-${randomUUID()}` };
  const store = new NotificationStore(harness.dataSource, fieldCipher);
  for (const user of Object.values(people)) await store.setContact(user, `${user}@example.org`);
  return people;
}

async function invite(
  who: Parties,
  clockPolicy: ClockPolicy,
): Promise<WorkflowHandle<typeof invitationWorkflow>> {
  const input: InvitationInput = {
    invitationId: randomUUID(),
    ...who,
    clockPolicy,
    createdAt: new Date().toISOString(),
  };
  const handle = await harness.client.workflow.start<typeof invitationWorkflow>('invitationWorkflow', {
    workflowId: invitationWorkflowId(input.invitationId),
    taskQueue: harness.taskQueue,
    args: [input],
  });
  await handle.executeUpdate(invitationOpenedUpdate);
  return handle;
}

function invitationIdOf(handle: WorkflowHandle): string {
  return handle.workflowId.replace('vetting-invitation-', '');
}

/** Notices stored for an invitation (its id stands in for the case id), oldest first. */
async function notices(
  invitationId: string,
): Promise<{ recipient: string; reason: string; dedupe_key: string }[]> {
  return harness.dataSource.query(
    `SELECT recipient, reason, dedupe_key FROM notification WHERE case_id = $1 ORDER BY created_at, dedupe_key`,
    [invitationId],
  );
}

async function row(
  invitationId: string,
): Promise<{ status: string; case_id: string | null; chasers_sent: number; closed_at: Date | null }> {
  const rows: { status: string; case_id: string | null; chasers_sent: number; closed_at: Date | null }[] =
    await harness.dataSource.query(
      `SELECT status, case_id, chasers_sent, closed_at FROM invitation WHERE id = $1`,
      [invitationId],
    );
  if (!rows[0]) throw new Error(`invitation ${invitationId} is not stored`);
  return rows[0];
}

const emailsTo = (user: string): number =>
  sink.received.filter((m) => m.to.includes(`${user}@example.org`)).length;

let database: PrivateDatabase;

beforeAll(async () => {
  await sink.start();
  // Its own database: the harness's email dispatcher claims every due email it can see.
  database = await createPrivateDatabase();
  harness = caseHarnessWithSmtp(sink, () => database.url);
  await harness.setUp();
}, 60_000);
afterAll(async () => {
  await harness?.tearDown();
  await database?.drop();
  await sink.stop();
});

describe('invitation workflow', () => {
  it('chases the applicant three times, then lapses and tells the sponsor, each exactly once', async () => {
    const who = await parties();
    const handle = await invite(who, policy([1 * S, 2 * S, 3 * S], 4 * S));
    const id = invitationIdOf(handle);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'LAPSED', caseId: null, chasersSent: 3 });

    expect(await notices(id)).toEqual([
      { recipient: who.applicantId, reason: 'CHASER', dedupe_key: `invitation:${id}:chase-1` },
      { recipient: who.applicantId, reason: 'CHASER', dedupe_key: `invitation:${id}:chase-2` },
      { recipient: who.applicantId, reason: 'CHASER', dedupe_key: `invitation:${id}:chase-3` },
      { recipient: who.sponsorId, reason: 'LAPSE', dedupe_key: `invitation:${id}:lapse` },
    ]);
    expect(await row(id)).toMatchObject({ status: 'LAPSED', case_id: null, chasers_sent: 3 });
    expect((await row(id)).closed_at).not.toBeNull();
    await until('the emails', () =>
      emailsTo(who.applicantId) >= 3 && emailsTo(who.sponsorId) >= 1 ? true : undefined,
    );
    // Give a stray duplicate time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect({ applicant: emailsTo(who.applicantId), sponsor: emailsTo(who.sponsorId) }).toEqual({
      applicant: 3,
      sponsor: 1,
    });
    for (const message of sink.received)
      expect(`${message.subject} ${message.text}`).not.toMatch(/invit|lapse|vetting|clearance|sponsor/i);
  });

  it('stops chasing once the applicant accepts, and links the case', async () => {
    const who = await parties();
    const handle = await invite(who, policy([1 * S, 4 * S, 5 * S], 6 * S));
    const id = invitationIdOf(handle);
    await until('the first chaser', async () => ((await notices(id)).length >= 1 ? true : undefined));

    // Someone else cannot use it: refused before it reaches the history.
    const caseId = randomUUID();
    await expect(
      handle.executeUpdate(acceptInvitationUpdate, { args: [{ applicantId: 'someone-else', caseId }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);

    const accepted = await handle.executeUpdate(acceptInvitationUpdate, {
      args: [{ applicantId: who.applicantId, caseId }],
    });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', caseId, chasersSent: 1 });
    expect(await handle.result()).toMatchObject({ status: 'ACCEPTED', caseId });
    expect(await row(id)).toMatchObject({ status: 'ACCEPTED', case_id: caseId, chasers_sent: 1 });

    // Past the second chaser's time: nothing more went out, and the sponsor heard of no lapse.
    await new Promise((resolve) => setTimeout(resolve, 4 * S));
    expect((await notices(id)).map((n) => n.dedupe_key)).toEqual([`invitation:${id}:chase-1`]);
  });

  it('ends as WITHDRAWN when the sponsor takes it back, and only for its own sponsor', async () => {
    const who = await parties();
    const handle = await invite(who, policy([600 * S], 1200 * S));
    const id = invitationIdOf(handle);
    await expect(
      handle.executeUpdate(withdrawInvitationUpdate, { args: [{ sponsorId: 'another-sponsor' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const withdrawn = await handle.executeUpdate(withdrawInvitationUpdate, {
      args: [{ sponsorId: who.sponsorId }],
    });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', caseId: null, chasersSent: 0 });
    expect(await handle.result()).toMatchObject({ status: 'WITHDRAWN' });
    expect(await row(id)).toMatchObject({ status: 'WITHDRAWN', chasers_sent: 0 });
    expect(await notices(id)).toEqual([]);
  });
});
