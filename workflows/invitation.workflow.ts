import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { InvitationActivities } from '../activities/invitations';
import { instantAfter, invitationChasers } from '../libs/domain/src/clock';
import type {
  AcceptInvitationRequest,
  InvitationInput,
  InvitationRejection,
  InvitationStatus,
  InvitationView,
  WithdrawInvitationRequest,
} from '../libs/contracts/src';
import {
  acceptInvitationUpdate,
  getInvitationQuery,
  INVITATION_REJECTED_FAILURE_TYPE,
  invitationOpenedUpdate,
  isCaseId,
  withdrawInvitationUpdate,
} from '../libs/contracts/src';
import { discreetNotices } from './notices';
import { WRITE_ACTIVITY_OPTIONS, WriteChain } from './read-model-writer';

// No attempt limit: a database outage must delay an invitation, never lose it.
const { openInvitation, recordInvitationChaser, closeInvitation } =
  proxyActivities<InvitationActivities>(WRITE_ACTIVITY_OPTIONS);

/**
 * A sponsor's invitation to one applicant: chases them at each `chaseAt`, lapses at `lapseAt` (telling the
 * sponsor), or ends early when the applicant applies (ACCEPTED) or the sponsor withdraws it.
 */
export async function invitationWorkflow(input: InvitationInput): Promise<InvitationView> {
  const { invitationId } = input;
  const chasers = invitationChasers(input.clockPolicy);
  const view: InvitationView = {
    invitationId,
    sponsorId: input.sponsorId,
    applicantId: input.applicantId,
    status: 'OPEN',
    caseId: null,
    createdAt: input.createdAt,
    closedAt: null,
    chasersSent: 0,
  };
  let opened = false;

  // Writes are chained so the table sees them in the order the workflow made them (a chaser before a close).
  const chain = new WriteChain();
  const afterWrites = (effect: () => Promise<unknown>): Promise<void> => chain.after(effect);
  const sendNotice = discreetNotices(chain, { invitationId });

  /** Ends the invitation now (synchronously, so a second update is refused) and stores it. */
  const close = async (
    status: Exclude<InvitationStatus, 'OPEN'>,
    caseId: string | null,
  ): Promise<InvitationView> => {
    view.status = status;
    view.caseId = caseId;
    view.closedAt = new Date().toISOString();
    const closing = { invitationId, status, caseId, closedAt: view.closedAt };
    await afterWrites(() => closeInvitation(closing));
    log.info('invitation closed', { invitationId, status });
    return { ...view };
  };

  /** One discreet notice; the dedupe key makes a retried or replayed send produce one message. */
  const notify = (
    recipient: string,
    role: 'APPLICANT' | 'SPONSOR',
    reason: string,
    key: string,
  ): Promise<void> =>
    // The notification table keys messages by a UUID "case"; the invitation id stands in for one here.
    sendNotice({
      caseId: invitationId,
      recipient,
      role,
      reason,
      dedupeKey: `invitation:${invitationId}:${key}`,
    });

  const refuse = (code: InvitationRejection['code'], message: string): ApplicationFailure =>
    ApplicationFailure.create({
      type: INVITATION_REJECTED_FAILURE_TYPE,
      message,
      nonRetryable: true,
      details: [{ code, status: view.status, message } satisfies InvitationRejection],
    });
  const requireOpen = (): void => {
    if (view.status !== 'OPEN')
      throw refuse('CLOSED', `the invitation is ${view.status.toLowerCase()} and can no longer be used`);
  };

  setHandler(invitationOpenedUpdate, async () => {
    await condition(() => opened);
    return { ...view };
  });
  setHandler(
    acceptInvitationUpdate,
    (request) => {
      requireOpen();
      return close('ACCEPTED', request.caseId);
    },
    {
      validator: (request: AcceptInvitationRequest) => {
        // Someone else's invitation answers as if it did not exist, like a case one may not see.
        if (request.applicantId !== input.applicantId) throw refuse('NOT_FOUND', 'no such invitation');
        if (!isCaseId(request.caseId)) throw refuse('NOT_FOUND', 'caseId must be a case id');
        requireOpen();
      },
    },
  );
  setHandler(
    withdrawInvitationUpdate,
    (_request) => {
      requireOpen();
      return close('WITHDRAWN', null);
    },
    {
      validator: (request: WithdrawInvitationRequest) => {
        if (request.sponsorId !== input.sponsorId) throw refuse('NOT_FOUND', 'no such invitation');
        requireOpen();
      },
    },
  );
  setHandler(getInvitationQuery, () => ({ ...view }));

  await afterWrites(() =>
    openInvitation({
      invitationId,
      sponsorId: input.sponsorId,
      applicantId: input.applicantId,
      createdAt: input.createdAt,
    }),
  );
  opened = true;

  // Due times count from when the sponsor made the invitation, so a late-starting worker catches up in order.
  const due = (after: number): number => Date.parse(instantAfter(input.clockPolicy, input.createdAt, after));
  const stillOpenAt = async (at: number): Promise<boolean> => {
    const wait = at - Date.now();
    if (wait > 0) await condition(() => view.status !== 'OPEN', wait);
    return view.status === 'OPEN';
  };

  for (const [index, after] of chasers.chaseAt.entries()) {
    if (!(await stillOpenAt(due(after)))) break;
    const n = index + 1;
    view.chasersSent = n;
    void afterWrites(() => recordInvitationChaser({ invitationId, n }));
    await notify(input.applicantId, 'APPLICANT', 'CHASER', `chase-${n}`);
  }
  if (await stillOpenAt(due(chasers.lapseAt))) {
    await close('LAPSED', null);
    await notify(input.sponsorId, 'SPONSOR', 'LAPSE', 'lapse');
  }

  await condition(() => view.status !== 'OPEN');
  await chain.drained();
  await condition(allHandlersFinished);
  return { ...view };
}
