import type { ClearanceStatus } from './clearance-model';
import { isEndedClearance } from './clearance-model';

/** How one recorded clearance event moves the clearance in or out of the senior adjudicators' referral queue. */
export type AdjudicationQueueMove = 'ENTER' | 'LEAVE' | 'STAY';

/**
 * A clearance awaits a senior adjudicator from an officer's review that refers it, or from its suspension (the
 * adjudicator still has to restore or withdraw), until it is restored, its referral is closed (left valid) or it
 * ends. Entering again keeps the first instant, so the queue's "oldest first" is the longest wait.
 */
export function adjudicationQueueMove(
  action: string,
  detail: Readonly<Record<string, unknown>>,
  to: ClearanceStatus,
): AdjudicationQueueMove {
  if (isEndedClearance(to) || action === 'RESTORE' || action === 'CLOSE_REFERRAL') return 'LEAVE';
  if (action === 'SUSPEND') return 'ENTER';
  if (action === 'RECORD_REVIEW' && detail.outcome === 'REFER_TO_ADJUDICATOR') return 'ENTER';
  return 'STAY';
}

/** A recorded clearance event, as much of it as the referral's notes need. */
export interface ReferralEventInput {
  action: string;
  actorId: string;
  toStatus: ClearanceStatus;
  at: string;
  detail: Readonly<Record<string, unknown>>;
}

/** An officer's review that referred the clearance, with the notes the adjudicator reads before deciding. */
export interface ReferralNote {
  taskId: string;
  officerId: string;
  recordedAt: string;
  notes: string;
}

/**
 * The notes of the reviews behind the clearance's open referral, oldest first: every referring review since the
 * clearance last left the adjudicators' queue (by the same moves the queue makes), so a referral already closed,
 * restored from or ended shows none. Events are in recorded order (by seq).
 */
export function openReferralNotes(events: readonly ReferralEventInput[]): ReferralNote[] {
  let notes: ReferralNote[] = [];
  for (const e of events) {
    const move = adjudicationQueueMove(e.action, e.detail, e.toStatus);
    if (move === 'LEAVE') notes = [];
    else if (move === 'ENTER' && e.action === 'RECORD_REVIEW') {
      notes.push({
        taskId: typeof e.detail.taskId === 'string' ? e.detail.taskId : '',
        officerId: e.actorId,
        recordedAt: e.at,
        notes: typeof e.detail.notes === 'string' ? e.detail.notes : '',
      });
    }
  }
  return notes;
}
