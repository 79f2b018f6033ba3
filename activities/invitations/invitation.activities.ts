import { log } from '@temporalio/activity';
import type { InvitationClosing, InvitationStore } from '../../libs/persistence/src/invitation-store';

/** A new invitation to store. */
export interface OpenInvitationInput {
  invitationId: string;
  sponsorId: string;
  applicantId: string;
  createdAt: string;
}

/** What the invitation activities need; supplied by the worker or by a test. */
export interface InvitationActivityDeps {
  store: Pick<InvitationStore, 'open' | 'chaserSent' | 'close'>;
}

/** Builds the invitation activities: plain functions over an injected store, so tests can run them directly. */
export function createInvitationActivities({ store }: InvitationActivityDeps) {
  return {
    /** Stores the invitation as OPEN; idempotent on its id. */
    async openInvitation(input: OpenInvitationInput): Promise<void> {
      const result = await store.open(input);
      log.info('invitation stored', { invitationId: input.invitationId, result });
    },

    /** Records that chaser `n` was sent; idempotent (the count only rises). */
    async recordInvitationChaser(input: { invitationId: string; n: number }): Promise<void> {
      await store.chaserSent(input.invitationId, input.n);
      log.info('invitation chaser recorded', input);
    },

    /** Closes the invitation as ACCEPTED, LAPSED or WITHDRAWN; idempotent (only an OPEN row changes). */
    async closeInvitation(input: InvitationClosing): Promise<void> {
      const result = await store.close(input);
      log.info('invitation closed', { invitationId: input.invitationId, status: input.status, result });
    },
  };
}

/** The invitation activity interface workflows proxy (type-only import there). */
export type InvitationActivities = ReturnType<typeof createInvitationActivities>;
