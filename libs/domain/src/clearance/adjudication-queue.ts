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
