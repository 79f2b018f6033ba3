import { ApplicationFailure, log } from '@temporalio/activity';
import type { ApplicationInput, NewCasePolicy, VettingCaseInput } from '../../libs/contracts/src/case.types';
import type { ClearanceState } from '../../libs/domain/src/clearance';
import { isEndedClearance } from '../../libs/domain/src/clearance';
import type { ClearanceEventRecord, ClearanceStore } from '../../libs/persistence/src/clearance-store';
import type { QuestionnaireStore } from '../../libs/persistence/src/questionnaire-store';
import type { CaseReadModel } from '../../libs/persistence/src/read-model/case-read-model';

/** What the clearance activities need; supplied by the worker or by a test. */
export interface ClearanceActivityDeps {
  store: Pick<ClearanceStore, 'record' | 'recordEvent' | 'storeSnapshot' | 'get' | 'forCase'>;
  /** For renewal cases: the last case's application and questionnaire, and the policy in force now. */
  renewal?: {
    cases: Pick<CaseReadModel, 'findCase'>;
    questionnaires: Pick<QuestionnaireStore, 'listVersions' | 'getVersion' | 'saveDraft'>;
    policy: NewCasePolicy;
  };
}

/** What a renewal case is prepared from. */
export interface PrepareRenewalInput {
  /** The renewal case's id, chosen by the clearance-held workflow. */
  caseId: string;
  clearanceId: string;
  /** The case that granted the clearance (the first vetting or the last renewal). */
  previousCaseId: string;
  holderId: string;
  sponsorId: string | null;
}

/** Failure type when a renewal case cannot be prepared (nothing to renew from, or a worker without the policy). */
export const RENEWAL_UNPREPARABLE = 'RenewalUnpreparable';

/**
 * A new case's workflow input from an earlier case's application and the policy in force now (a renewal, or a
 * vetting re-run an appeal called for). It carries personal data, so it travels only in encrypted payloads.
 */
export function caseInputFrom(
  application: ApplicationInput,
  policy: NewCasePolicy,
  ids: { caseId: string; applicantId: string; sponsorId: string | null },
): VettingCaseInput {
  return {
    caseId: ids.caseId,
    applicantId: ids.applicantId,
    ...policy,
    application: { ...application, sponsorId: ids.sponsorId },
    receivedAt: new Date().toISOString(),
  };
}

/** Builds the clearance-held activities: plain functions over an injected store, so tests can run them directly. */
export function createClearanceActivities({ store, renewal }: ClearanceActivityDeps) {
  return {
    /**
     * Prepares a renewal case's workflow input from the granting case's application and the policy in force now.
     * The input carries personal data, so it travels only in encrypted payloads.
     */
    async prepareRenewalCase(input: PrepareRenewalInput): Promise<VettingCaseInput> {
      if (!renewal)
        throw ApplicationFailure.nonRetryable('this worker has no new-case policy', RENEWAL_UNPREPARABLE);
      const previous = await renewal.cases.findCase(input.previousCaseId);
      if (!previous?.application)
        throw ApplicationFailure.nonRetryable('the granting case has no application', RENEWAL_UNPREPARABLE);
      log.info('renewal case prepared', { clearanceId: input.clearanceId, caseId: input.caseId });
      return {
        ...caseInputFrom(previous.application, renewal.policy, {
          caseId: input.caseId,
          applicantId: input.holderId,
          sponsorId: input.sponsorId,
        }),
        renewal: { clearanceId: input.clearanceId, previousCaseId: input.previousCaseId },
      };
    },

    /**
     * Pre-fills a renewal case's questionnaire draft with the last accepted version of the case that granted the
     * clearance, once the case is recorded (the draft belongs to it). Only if the case has no draft yet, so a
     * retry never overwrites what the holder has saved since.
     */
    async prefillRenewalQuestionnaire(input: { caseId: string; previousCaseId: string }): Promise<void> {
      if (!renewal)
        throw ApplicationFailure.nonRetryable('this worker has no new-case policy', RENEWAL_UNPREPARABLE);
      // The last version submitted on the granting case is the one accepted: acceptance ends the questionnaire.
      const last = (await renewal.questionnaires.listVersions(input.previousCaseId)).at(-1);
      const accepted = last && (await renewal.questionnaires.getVersion(input.previousCaseId, last.version));
      if (accepted) await renewal.questionnaires.saveDraft(input.caseId, accepted.content, 'system', 0);
      log.info('renewal questionnaire pre-filled', {
        caseId: input.caseId,
        fromVersion: accepted ? accepted.version : null,
      });
    },

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

    /**
     * Whether the clearance a renewal case renews is still live, read from its row (the clearance-held workflow
     * stores its end before it tells the case). A renewal granted for an ended clearance records no successor.
     * A clearance with no row has no recorded end, so it counts as live.
     */
    async renewedClearanceLive(input: { clearanceId: string }): Promise<boolean> {
      const row = await store.get(input.clearanceId);
      const live = !row || !isEndedClearance(row.status);
      log.info('renewed clearance read', { clearanceId: input.clearanceId, live });
      return live;
    },

    /**
     * The successor a granted renewal case stored, if any: the clearance row written by that case (a successor's
     * row names the renewal case that granted it). A read, so idempotent; the clearance-held workflow asks once an
     * accepted succession has waited too long for the case's outcome.
     */
    async renewalSuccessorOf(input: { clearanceId: string; caseId: string }): Promise<string | null> {
      const row = await store.forCase(input.caseId);
      const successorId = row && row.clearanceId !== input.clearanceId ? row.clearanceId : null;
      log.info('renewal successor read', {
        clearanceId: input.clearanceId,
        caseId: input.caseId,
        successorId,
      });
      return successorId;
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
