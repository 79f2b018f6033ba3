import { Context, log } from '@temporalio/activity';
import type {
  PollCheckInput,
  PollCheckResult,
  ProviderCallbackRecord,
  RecordCheckProgress,
  RequestCheckAccepted,
  RequestCheckInput,
} from '../../libs/contracts/src/record-check.types';
import { toActivityFailure } from './provider-adapter';
import type { ProviderRegistry } from './provider-registry';
import type { RecordCheckStore } from './record-check.store';

/** What the record-check activities need; supplied by the worker or by a test. */
export interface RecordCheckActivityDeps {
  store: RecordCheckStore;
  providers: ProviderRegistry;
}

/** Builds the record-check activities: provider calls and idempotent writes, over injected dependencies. */
export function createRecordCheckActivities({ store, providers }: RecordCheckActivityDeps) {
  return {
    /** Asks the check type's provider to run the check; unavailable is retried, a rejection is final. */
    async requestCheck(input: RequestCheckInput): Promise<RequestCheckAccepted> {
      const { attempt } = Context.current().info;
      await store.noteAttempt(input.caseId, input.checkType, input.checkId, attempt);
      const provider = providers.forCheck(input.checkType);
      try {
        const accepted = await provider.adapter.requestCheck({
          caseId: input.caseId,
          checkType: input.checkType,
          checkId: input.checkId,
          subject: { reference: input.subjectRef ?? input.caseId },
          attempt,
        });
        log.info('record check requested', {
          caseId: input.caseId,
          checkType: input.checkType,
          provider: provider.name,
          mode: accepted.mode,
          attempt,
        });
        return { provider: provider.name, providerRef: accepted.providerRef, mode: accepted.mode, attempt };
      } catch (error) {
        log.warn('record check request failed', {
          caseId: input.caseId,
          checkType: input.checkType,
          provider: provider.name,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        throw toActivityFailure(error);
      }
    },

    /** Asks the provider whether a check is done. */
    async pollCheck(input: PollCheckInput): Promise<PollCheckResult> {
      const provider = providers.forCheck(input.checkType);
      try {
        const polled = await provider.adapter.pollCheck(input.providerRef);
        return polled.status === 'PENDING' ? polled : { ...polled, detail: polled.detail ?? null };
      } catch (error) {
        // The adapters' messages name the provider and the HTTP status, never anything the provider sent.
        log.warn('record check poll failed', {
          caseId: input.caseId,
          checkType: input.checkType,
          provider: provider.name,
          error: error instanceof Error ? error.message : String(error),
        });
        throw toActivityFailure(error);
      }
    },

    /** Persists a check's progress; idempotent on (case, check type, version). */
    async saveRecordCheck(progress: RecordCheckProgress): Promise<void> {
      const result = await store.save(progress);
      log.info('record check saved', {
        caseId: progress.caseId,
        checkType: progress.checkType,
        status: progress.status,
        version: progress.version,
        result,
      });
    },

    /** Records what the check made of a callback it did not apply (duplicate, another reference, late). */
    async recordProviderCallback(record: ProviderCallbackRecord): Promise<void> {
      await store.recordCallback(record);
      log.info('provider callback recorded', {
        caseId: record.caseId,
        checkType: record.checkType,
        disposition: record.disposition,
      });
    },
  };
}

/** The activity interface the record-check workflow proxies (type-only import there). */
export type RecordCheckActivities = ReturnType<typeof createRecordCheckActivities>;
