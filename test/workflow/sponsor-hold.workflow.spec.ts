import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseSnapshot } from '../../libs/contracts/src';
import { caseWorkflowId, COMMAND_UPDATES, getCaseQuery } from '../../libs/contracts/src';
import type { CaseCommand, Rejection } from '../../libs/domain/src';
import type { vettingCaseWorkflow } from '../../workflows';
import { CaseHarness } from '../support/case-harness';
import { eligibleApplication } from '../support/fixtures';
import { until } from '../support/until';

const harness = new CaseHarness();
beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

const SPONSOR = 'sponsor-1';

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

async function rejectionOf(promise: Promise<unknown>): Promise<Rejection> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0] as Rejection;
}

/** Starts a case as the API does for an application without an invitation: held for the sponsor it names. */
async function heldCase(
  confirmWithinMs = 600_000,
  remindBeforeLapseMs?: number,
): Promise<{ caseId: string; applicantId: string }> {
  const applicantId = `applicant-${randomUUID()}`;
  const { caseId, stage } = await harness.startCase(eligibleApplication(), {
    applicantId,
    sponsorHold: { requestedSponsorId: SPONSOR, confirmWithinMs, remindBeforeLapseMs },
  });
  expect(stage).toBe('AWAITING_SPONSOR');
  return { caseId, applicantId };
}

async function noticesOf(caseId: string): Promise<string[][]> {
  const rows = await harness.dataSource.query<{ recipient: string; reason: string }[]>(
    `SELECT recipient, reason FROM notification WHERE case_id = $1 ORDER BY created_at`,
    [caseId],
  );
  return rows.map((n) => [n.recipient, n.reason]);
}

const closedIn = (caseId: string, stage: string): Promise<string> =>
  until(`case ${stage}`, async () => {
    const stored = await harness.stored(caseId);
    return stored.stage === stage ? stored.stage : undefined;
  });

describe('an application without an invitation is held for its sponsor', () => {
  it('waits unscreened, with only the named sponsor told, until that sponsor confirms; then it is screened', async () => {
    const { caseId } = await heldCase();
    const handle = harness.client.workflow.getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId));
    const held = await handle.query(getCaseQuery);
    expect(held).toMatchObject({ stage: 'AWAITING_SPONSOR', sponsorId: null, requestedSponsorId: SPONSOR });
    expect(held.eligibility).toBeNull();
    await until('the sponsorship request notice', async () =>
      (await noticesOf(caseId)).length > 0 ? true : undefined,
    );
    expect(await noticesOf(caseId)).toEqual([[SPONSOR, 'SPONSORSHIP_REQUEST']]);

    // Nobody else may answer it, and no officer may be put on it yet.
    expect(await rejectionOf(act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: 'sponsor-2' }))).toMatchObject(
      {
        code: 'NOT_ASSIGNED_OFFICER',
        stage: 'AWAITING_SPONSOR',
      },
    );
    expect(
      (await rejectionOf(act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: 'officer-1' })))
        .code,
    ).toBe('ILLEGAL_TRANSITION');

    const confirmed = await act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: SPONSOR });
    expect(confirmed.sponsorId).toBe(SPONSOR);
    await closedIn(caseId, 'QUESTIONNAIRE');
    const history = await harness.history(caseId);
    expect(history.map((e) => [e.action, e.from_stage, e.to_stage, e.actor])).toEqual([
      ['OPEN_CASE', null, 'AWAITING_SPONSOR', 'system'],
      ['CONFIRM_SPONSORSHIP', 'AWAITING_SPONSOR', 'ELIGIBILITY_SCREENING', SPONSOR],
      ['PASS_SCREENING', 'ELIGIBILITY_SCREENING', 'QUESTIONNAIRE', 'system'],
    ]);
    const [row] = await harness.dataSource.query<{ sponsor_id: string }[]>(
      `SELECT sponsor_id FROM vetting_case WHERE id = $1`,
      [caseId],
    );
    expect(row?.sponsor_id).toBe(SPONSOR);
    // Answered once: a second confirmation finds the case gone on.
    expect((await rejectionOf(act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: SPONSOR }))).code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('closes NOT_SPONSORED when the sponsor declines, and tells the applicant only that there is an update', async () => {
    const { caseId, applicantId } = await heldCase();
    expect(
      (await rejectionOf(act(caseId, { type: 'DECLINE_SPONSORSHIP', actor: SPONSOR, reason: ' ' }))).code,
    ).toBe('INVALID_COMMAND');
    const declined = await act(caseId, {
      type: 'DECLINE_SPONSORSHIP',
      actor: SPONSOR,
      reason: 'no such post',
    });
    expect(declined).toMatchObject({ stage: 'NOT_SPONSORED', status: 'CLOSED', sponsorId: null });
    const result = await harness.client.workflow
      .getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId))
      .result();
    expect(result.stage).toBe('NOT_SPONSORED');
    expect(await noticesOf(caseId)).toEqual([
      [SPONSOR, 'SPONSORSHIP_REQUEST'],
      [applicantId, 'DECISION'],
    ]);
  });

  it('lapses when nobody answers within the configured time', async () => {
    const { caseId, applicantId } = await heldCase(2_000);
    await closedIn(caseId, 'LAPSED');
    const history = await harness.history(caseId);
    expect(history.map((e) => [e.action, e.to_stage, e.actor])).toEqual([
      ['OPEN_CASE', 'AWAITING_SPONSOR', 'system'],
      ['LAPSE', 'LAPSED', 'system'],
    ]);
    await until('the lapse notice', async () => ((await noticesOf(caseId)).length === 2 ? true : undefined));
    expect(await noticesOf(caseId)).toContainEqual([applicantId, 'LAPSE']);
  });

  it('reminds the sponsor once before the hold lapses, then lapses on time', async () => {
    const { caseId, applicantId } = await heldCase(4_000, 2_000);
    await until('the reminder', async () => ((await noticesOf(caseId)).length >= 2 ? true : undefined));
    expect((await noticesOf(caseId)).slice(0, 2)).toEqual([
      [SPONSOR, 'SPONSORSHIP_REQUEST'],
      [SPONSOR, 'REMINDER'],
    ]);
    await closedIn(caseId, 'LAPSED');
    await until('the lapse notice', async () => ((await noticesOf(caseId)).length === 3 ? true : undefined));
    expect(await noticesOf(caseId)).toEqual([
      [SPONSOR, 'SPONSORSHIP_REQUEST'],
      [SPONSOR, 'REMINDER'],
      [applicantId, 'LAPSE'],
    ]);
  });

  it('sends no reminder once the sponsor has answered', async () => {
    const { caseId } = await heldCase(4_000, 2_000);
    await act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: SPONSOR });
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await noticesOf(caseId)).filter(([, reason]) => reason === 'REMINDER')).toEqual([]);
  });

  it('lets the applicant withdraw while it is held', async () => {
    const { caseId, applicantId } = await heldCase();
    const withdrawn = await act(caseId, {
      type: 'WITHDRAW',
      actor: applicantId,
      requestedBy: 'APPLICANT',
      reason: 'took another job',
    });
    expect(withdrawn.stage).toBe('WITHDRAWN');
  });
});
