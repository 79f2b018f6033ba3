import type { ClearanceState } from '../clearance/clearance-state';

/**
 * A withdrawn clearance as an appeal's outcome restores it: valid again, the withdrawal set aside (it stays in the
 * clearance's event history), with the next event's sequence number. Null when there is nothing to reinstate
 * (the clearance is not withdrawn, so a retried restore changes nothing).
 */
export function reinstatedClearance(state: ClearanceState, at: string): ClearanceState | null {
  if (state.status !== 'WITHDRAWN') return null;
  return { ...state, status: 'VALID', withdrawal: null, endedAt: null, seq: state.seq + 1, updatedAt: at };
}
