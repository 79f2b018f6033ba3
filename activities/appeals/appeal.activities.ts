import { ApplicationFailure, log } from '@temporalio/activity';
import type { NewCasePolicy, VettingCaseInput } from '../../libs/contracts/src/case.types';
import type { AppealState } from '../../libs/domain/src/appeals';
import {
  clearanceGrantedOnAppeal,
  reinstatedClearance,
} from '../../libs/domain/src/appeals/clearance-reinstatement';
import type { ClearanceState } from '../../libs/domain/src/clearance';
import { DEFAULT_CLEARANCE_REVIEW_YEARS, ukDateOf } from '../../libs/domain/src/clearance';
import { addYears } from '../../libs/domain/src/eligibility/calendar-date';
import type { AppealEventRecord, AppealStore } from '../../libs/persistence/src/appeal-store';
import type { ClearanceStore } from '../../libs/persistence/src/clearance-store';
import type { CaseReadModel } from '../../libs/persistence/src/read-model/case-read-model';
import { caseInputFrom } from '../clearances/clearance.activities';

/** What the appeal activities need; supplied by the worker or by a test. */
export interface AppealActivityDeps {
  store: Pick<AppealStore, 'open' | 'recordEvent' | 'storeSnapshot'>;
  clearances: Pick<ClearanceStore, 'get' | 'record' | 'recordEvent'>;
  /** For outcomes on a refusal: the refused case's application and the new-case policy in force now. */
  outcomes?: { cases: Pick<CaseReadModel, 'findCase'>; policy: NewCasePolicy };
}

/** Failure type when an appeal's outcome cannot be carried out by this worker (no new-case policy, no case). */
export const APPEAL_OUTCOME_UNCARRIABLE = 'AppealOutcomeUncarriable';

/** Builds the appeal workflow's activities: idempotent writes over injected stores. */
export function createAppealActivities({ store, clearances, outcomes }: AppealActivityDeps) {
  const policyOrFail = (): NonNullable<AppealActivityDeps['outcomes']> => {
    if (!outcomes)
      throw ApplicationFailure.nonRetryable('this worker has no new-case policy', APPEAL_OUTCOME_UNCARRIABLE);
    return outcomes;
  };
  return {
    /**
     * Grants a clearance a refusal's appeal called for: a new clearance row for the refused case's applicant,
     * valid from today with the policy's review date, its first event the grant by `appeal:<id>`. Answers the
     * state its aftercare starts from. Idempotent: the clearance id is the workflow's, the event is (id, seq 1).
     */
    async grantClearanceOnAppeal(input: {
      appealId: string;
      clearanceId: string;
      caseId: string;
      holderId: string;
      sponsorId: string | null;
    }): Promise<ClearanceState> {
      const existing = await clearances.get(input.clearanceId);
      if (existing?.snapshot) return existing.snapshot;
      const at = new Date().toISOString();
      const grantedOn = ukDateOf(at);
      const years = policyOrFail().policy.dv?.clearanceReviewYears ?? DEFAULT_CLEARANCE_REVIEW_YEARS;
      const state = clearanceGrantedOnAppeal(
        {
          clearanceId: input.clearanceId,
          caseId: input.caseId,
          holderId: input.holderId,
          sponsorId: input.sponsorId,
          grantedOn,
          renewalDue: addYears(grantedOn, years),
        },
        at,
      );
      await clearances.record({
        clearanceId: state.clearanceId,
        caseId: state.caseId,
        personId: state.holderId,
        sponsorId: state.sponsorId,
        level: state.level,
        grantedOn: state.grantedOn,
        reviewDue: state.renewalDue,
        conditions: state.conditions,
      });
      const result = await clearances.recordEvent(
        {
          clearanceId: state.clearanceId,
          seq: state.seq,
          action: 'GRANT',
          actorRole: 'SYSTEM',
          actorId: `appeal:${input.appealId}`,
          fromStatus: 'VALID',
          toStatus: 'VALID',
          at,
          detail: { appealId: input.appealId, caseId: input.caseId },
        },
        state,
      );
      log.info('clearance granted by appeal', {
        appealId: input.appealId,
        clearanceId: input.clearanceId,
        result,
      });
      return state;
    },

    /**
     * Prepares the vetting case a refusal's appeal called to be run again: the refused case's application under
     * the policy in force now, for the appellant. The input carries personal data (encrypted payloads only).
     */
    async prepareRerunCase(input: {
      appealId: string;
      caseId: string;
      previousCaseId: string;
      applicantId: string;
      sponsorId: string | null;
    }): Promise<VettingCaseInput> {
      const { cases, policy } = policyOrFail();
      const previous = await cases.findCase(input.previousCaseId);
      if (!previous?.application)
        throw ApplicationFailure.nonRetryable(
          'the refused case has no application',
          APPEAL_OUTCOME_UNCARRIABLE,
        );
      log.info('vetting re-run prepared', { appealId: input.appealId, caseId: input.caseId });
      return caseInputFrom(previous.application, policy, {
        caseId: input.caseId,
        applicantId: input.applicantId,
        sponsorId: input.sponsorId,
      });
    },

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
