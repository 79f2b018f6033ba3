import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ClockPolicy } from '../../domain/src/clock';

/** Where a sponsor's invitation stands; only OPEN can change, and only once. */
export type InvitationStatus = 'OPEN' | 'ACCEPTED' | 'LAPSED' | 'WITHDRAWN';

/** What starts an invitation workflow. The clock policy is input so a later policy change never alters it. */
export interface InvitationInput {
  invitationId: string;
  sponsorId: string;
  applicantId: string;
  clockPolicy: ClockPolicy;
  createdAt: string;
}

/** An invitation as the workflow, the read-model and the API describe it. */
export interface InvitationView {
  invitationId: string;
  sponsorId: string;
  applicantId: string;
  status: InvitationStatus;
  caseId: string | null;
  createdAt: string;
  closedAt: string | null;
  chasersSent: number;
}

/** The invited applicant's application became this case. */
export interface AcceptInvitationRequest {
  applicantId: string;
  caseId: string;
}

/** The sponsor who made the invitation takes it back. */
export interface WithdrawInvitationRequest {
  sponsorId: string;
}

/** Failure type of a refused invitation update; details[0] is an InvitationRejection. */
export const INVITATION_REJECTED_FAILURE_TYPE = 'InvitationRejected';

/** Why an invitation update was refused: not this caller's invitation, or no longer open. */
export interface InvitationRejection {
  code: 'NOT_FOUND' | 'CLOSED';
  status: InvitationStatus;
  message: string;
}

/** Resolves once the invitation is stored, so a caller can read it straight after starting it. */
export const invitationOpenedUpdate = defineUpdate<InvitationView>('invitationOpened');
/** The invited applicant applied: the invitation ends ACCEPTED, linked to the case. */
export const acceptInvitationUpdate = defineUpdate<InvitationView, [AcceptInvitationRequest]>(
  'acceptInvitation',
);
/** The sponsor withdraws the invitation: it ends WITHDRAWN and no further chasers go out. */
export const withdrawInvitationUpdate = defineUpdate<InvitationView, [WithdrawInvitationRequest]>(
  'withdrawInvitation',
);
/** The invitation as the workflow holds it. */
export const getInvitationQuery = defineQuery<InvitationView>('getInvitation');

const PREFIX = 'vetting-invitation-';

/** The workflow id of an invitation: an opaque business key, never a name or email. */
export function invitationWorkflowId(invitationId: string): string {
  return `${PREFIX}${invitationId}`;
}
