import { log } from '@temporalio/activity';
import type { RecordTransitionInput } from '../libs/contracts/src';
import type { CaseStore } from '../libs/persistence/src/case-store';
import type { ClearanceStore, NewClearance } from '../libs/persistence/src/clearance-store';
import type { NotificationActivities } from './notifications';

/** A submitted questionnaire version to keep (every version is kept, keyed by case and version). */
export interface QuestionnaireVersionInput {
  caseId: string;
  version: number;
  content: Record<string, unknown>;
  submittedBy: string;
}

/** Where questionnaire versions are kept; implemented by QuestionnaireStore in libs/persistence. */
export interface QuestionnaireVersions {
  storeVersion(
    caseId: string,
    version: number,
    content: Record<string, unknown>,
    submittedBy: string,
  ): Promise<unknown>;
}

/** What the case activities need; supplied by the worker's Nest context or by a test. */
export interface CaseActivityDeps {
  caseStore: CaseStore;
  clearances: ClearanceStore;
  questionnaires: QuestionnaireVersions;
}

/** Builds the case activities. Plain functions over injected dependencies, so tests can run them directly. */
export function createCaseActivities({ caseStore, clearances, questionnaires }: CaseActivityDeps) {
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

    /** Keeps a submitted questionnaire version; idempotent on (case id, version). */
    async storeQuestionnaireVersion(input: QuestionnaireVersionInput): Promise<void> {
      await questionnaires.storeVersion(input.caseId, input.version, input.content, input.submittedBy);
      log.info('questionnaire version stored', { caseId: input.caseId, version: input.version });
    },

    /** Records the clearance a grant produces; idempotent per case. */
    async createClearance(input: NewClearance): Promise<void> {
      const result = await clearances.record(input);
      log.info('clearance recorded', { caseId: input.caseId, reviewDue: input.reviewDue, result });
    },
  };
}

/** The activity interface workflows proxy (type-only import there). */
export type CaseActivities = ReturnType<typeof createCaseActivities> & NotificationActivities;
