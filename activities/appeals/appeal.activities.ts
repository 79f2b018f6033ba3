import { log } from '@temporalio/activity';
import type { AppealState } from '../../libs/domain/src/appeals';
import { reinstatedClearance } from '../../libs/domain/src/appeals/clearance-reinstatement';
import type { ClearanceState } from '../../libs/domain/src/clearance';
import type { AppealEventRecord, AppealStore } from '../../libs/persistence/src/appeal-store';
import type { ClearanceStore } from '../../libs/persistence/src/clearance-store';

/** What the appeal activities need; supplied by the worker or by a test. */
export interface AppealActivityDeps {
  store: Pick<AppealStore, 'open' | 'recordEvent' | 'storeSnapshot'>;
  clearances: Pick<ClearanceStore, 'get' | 'recordEvent'>;
}

/** Builds the appeal workflow's activities: idempotent writes over injected stores. */
export function createAppealActivities({ store, clearances }: AppealActivityDeps) {
  return {
    /** Creates the appeal's row; idempotent on the appeal id. */
    async openAppeal(state: AppealState): Promise<void> {
      const result = await store.open(state);
      log.info('appeal opened', { appealId: state.appealId, kind: state.kind, result });
    },

    /** Appends one appeal event and stores the new snapshot; idempotent on (appeal id, seq). */
    async recordAppealEvent(input: { event: AppealEventRecord; snapshot: AppealState }): Promise<void> {
      const result = await store.recordEvent(input.event, input.snapshot);
      log.info('appeal event recorded', {
        appealId: input.event.appealId,
        seq: input.event.seq,
        action: input.event.action,
        result,
      });
    },

    /** Stores a snapshot after an outcome was carried out (no new event). */
    async storeAppealSnapshot(state: AppealState): Promise<void> {
      await store.storeSnapshot(state);
    },

    /**
     * Restores a withdrawn clearance as an appeal's outcome: a RESTORE event in the clearance's history by the
     * appeal, and the clearance valid again. Answers the clearance's state to carry on its aftercare with, or
     * null when it has no aftercare snapshot. Idempotent: a clearance already restored is answered as it is.
     */
    async reinstateClearance(input: {
      appealId: string;
      clearanceId: string;
    }): Promise<ClearanceState | null> {
      const row = await clearances.get(input.clearanceId);
      if (!row?.snapshot) return null;
      const at = new Date().toISOString();
      const next = reinstatedClearance(row.snapshot, at);
      if (!next) return row.snapshot;
      const result = await clearances.recordEvent(
        {
          clearanceId: input.clearanceId,
          seq: next.seq,
          action: 'RESTORE',
          actorRole: 'SYSTEM',
          actorId: `appeal:${input.appealId}`,
          fromStatus: row.snapshot.status,
          toStatus: next.status,
          at,
          detail: { appealId: input.appealId },
        },
        next,
      );
      log.info('clearance restored by appeal', {
        appealId: input.appealId,
        clearanceId: input.clearanceId,
        result,
      });
      return next;
    },
  };
}

/** The appeal activity interface workflows proxy (type-only import there). */
export type AppealActivities = ReturnType<typeof createAppealActivities>;
