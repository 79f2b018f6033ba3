import { log } from '@temporalio/activity';
import type { RecordTransitionInput } from '../libs/contracts/src';
import type { CaseStore } from '../libs/persistence/src/case-store';

/** What the case activities need; supplied by the worker's Nest context or by a test. */
export interface CaseActivityDeps {
  caseStore: CaseStore;
}

/** Builds the case activities. Plain functions over injected dependencies, so tests can run them directly. */
export function createCaseActivities({ caseStore }: CaseActivityDeps) {
  return {
    /** Persists one case transition and the resulting snapshot; idempotent on (case id, event seq). */
    async recordTransition(input: RecordTransitionInput): Promise<void> {
      const result = await caseStore.recordTransition(input);
      log.info('case transition recorded', {
        caseId: input.event.caseId,
        seq: input.event.seq,
        action: input.event.action,
        toStage: input.event.toStage,
        result,
      });
    },
  };
}

/** The activity interface workflows proxy (type-only import there). */
export type CaseActivities = ReturnType<typeof createCaseActivities>;
