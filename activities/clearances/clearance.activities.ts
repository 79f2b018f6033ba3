import { log } from '@temporalio/activity';
import type { ClearanceState } from '../../libs/domain/src/clearance';
import type { ClearanceEventRecord, ClearanceStore } from '../../libs/persistence/src/clearance-store';

/** What the clearance activities need; supplied by the worker or by a test. */
export interface ClearanceActivityDeps {
  store: Pick<ClearanceStore, 'record' | 'recordEvent' | 'storeSnapshot'>;
}

/** Builds the clearance-held activities: plain functions over an injected store, so tests can run them directly. */
export function createClearanceActivities({ store }: ClearanceActivityDeps) {
  return {
    /**
     * Makes sure the clearance row exists (the case that granted it usually wrote it already) and stores the
     * state a run starts with; idempotent on the clearance id.
     */
    async openHeldClearance(state: ClearanceState): Promise<void> {
      const result = await store.record({
        clearanceId: state.clearanceId,
        caseId: state.caseId,
        personId: state.holderId,
        sponsorId: state.sponsorId,
        level: state.level,
        grantedOn: state.grantedOn,
        reviewDue: state.renewalDue,
        conditions: state.conditions,
      });
      await store.storeSnapshot(state);
      log.info('held clearance opened', { clearanceId: state.clearanceId, seq: state.seq, result });
    },

    /** Appends one clearance event and moves the row to the new status; idempotent on (clearance id, seq). */
    async recordClearanceEvent(input: {
      event: ClearanceEventRecord;
      snapshot: ClearanceState;
    }): Promise<void> {
      const result = await store.recordEvent(input.event, input.snapshot);
      log.info('clearance event recorded', {
        clearanceId: input.event.clearanceId,
        seq: input.event.seq,
        action: input.event.action,
        toStatus: input.event.toStatus,
        result,
      });
    },
  };
}

/** The clearance activity interface workflows proxy (type-only import there). */
export type ClearanceActivities = ReturnType<typeof createClearanceActivities>;
