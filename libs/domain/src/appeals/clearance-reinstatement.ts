import type { ClearanceState } from '../clearance/clearance-state';
import { grantedClearance } from '../clearance/clearance-state';

/**
 * A withdrawn clearance as an appeal's outcome restores it: valid again, the withdrawal set aside (it stays in the
 * clearance's event history), with the next event's sequence number. Null when there is nothing to reinstate
 * (the clearance is not withdrawn, so a retried restore changes nothing).
 */
export function reinstatedClearance(state: ClearanceState, at: string): ClearanceState | null {
  if (state.status !== 'WITHDRAWN') return null;
  return { ...state, status: 'VALID', withdrawal: null, endedAt: null, seq: state.seq + 1, updatedAt: at };
}

/**
 * The clearance an appeal grants on a refusal (an internal overturn or the panel's recommendation): valid from
 * today with the policy's review date, its first event (seq 1) the grant by the appeal, so the clearance-held
 * workflow carries on from it and numbers its own events after.
 */
export function clearanceGrantedOnAppeal(
  facts: Pick<
    ClearanceState,
    'clearanceId' | 'caseId' | 'holderId' | 'sponsorId' | 'grantedOn' | 'renewalDue'
  >,
  at: string,
): ClearanceState {
  return { ...grantedClearance({ ...facts, conditions: [] }, at), seq: 1 };
}
