import {
  ActivityFailure,
  CancellationScope,
  CancelledFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecordCheckActivities } from '../activities/record-checks/record-check.activities';
import type {
  CallbackDisposition,
  CheckResultSignal,
  ProviderMode,
  RecordCheckInput,
  RecordCheckResult,
  RecordCheckState,
} from '../libs/contracts/src';
import { checkResultSignal, getRecordCheckQuery } from '../libs/contracts/src';
import type { CheckOutcome, CheckResolution, CheckStatus } from '../libs/domain/src/record-checks';

// Writes to our own database: no attempt limit, a database outage must delay a check, never end it.
const store = proxyActivities<RecordCheckActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Provider calls retry with backoff for as long as the check has left, then the check is TIMED_OUT. */
function providerCalls(remainingMs: number): RecordCheckActivities {
  return proxyActivities<RecordCheckActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: remainingMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
}

// Each poll adds a timer and an activity to the history; a long check continues as new well before the
// history grows large, carrying what it knows in `resume`.
const DEFAULT_POLLS_PER_RUN = 500;

type Verdict = CallbackDisposition | 'ACCEPT' | 'HOLD';

// Progress goes to record_check and ignored callbacks to provider_callback. Cancelled (the case closed), it
// records CANCELLED and ends as cancelled, so the parent sees a cancellation rather than a result.
/** One record check on a case (a child of the case workflow): request it, then await a callback or poll. */
export async function recordCheckWorkflow(input: RecordCheckInput): Promise<RecordCheckResult> {
  const { caseId, checkType, checkId, resume } = input;
  const deadline = resume ? Date.parse(resume.deadline) : Date.now() + input.timeoutMs;
  const check: {
    status: CheckStatus;
    provider: string | null;
    providerRef: string | null;
    mode: ProviderMode | null;
    requestedAt: string | null;
    version: number;
  } = {
    status: resume ? 'AWAITING_RESULT' : 'REQUESTING',
    provider: resume?.provider ?? null,
    providerRef: resume?.providerRef ?? null,
    mode: resume?.mode ?? null,
    requestedAt: resume?.requestedAt ?? null,
    version: resume?.version ?? 0,
  };
  // In an object, not bare lets: handlers assign them, and TypeScript's narrowing does not see that.
  const got: {
    answer: { outcome: CheckOutcome; detail: string | null } | null;
    resolution: CheckResolution | null;
  } = {
    answer: null,
    resolution: null,
  };
  // Callbacks that arrive before the provider's reference is known (a fast provider) wait here.
  const early: CheckResultSignal[] = [];

  const remaining = (): number => deadline - Date.now();

  const save = (resolvedAt: string | null = null): Promise<void> => {
    check.version += 1;
    const progress = {
      caseId,
      checkType,
      checkId,
      status: check.status,
      outcome: got.resolution?.outcome ?? null,
      detail: got.resolution?.detail ?? null,
      provider: check.provider,
      providerRef: check.providerRef,
      mode: check.mode,
      requestedAt: check.requestedAt,
      resolvedAt,
      version: check.version,
    };
    // Cancellation must not leave a half-told story in the record: every write finishes.
    return CancellationScope.nonCancellable(() => store.saveRecordCheck(progress));
  };

  const recordCallback = (signal: CheckResultSignal, disposition: CallbackDisposition): Promise<void> => {
    log.info('provider callback not applied', { caseId, checkType, disposition });
    return CancellationScope.nonCancellable(() =>
      store.recordProviderCallback({
        id: signal.callbackId,
        receivedAt: signal.receivedAt,
        provider: signal.provider,
        caseId,
        checkType,
        providerRef: signal.providerRef,
        outcome: signal.outcome,
        disposition,
      }),
    );
  };

  const judge = (signal: CheckResultSignal): Verdict => {
    const refMismatch = check.providerRef !== null && signal.providerRef !== check.providerRef;
    if (got.answer !== null || got.resolution !== null) {
      if (refMismatch) return 'UNKNOWN_REF';
      return got.answer !== null || got.resolution?.status === 'RESULT' ? 'DUPLICATE' : 'CASE_CLOSED';
    }
    if (check.providerRef === null) return 'HOLD';
    return refMismatch ? 'UNKNOWN_REF' : 'ACCEPT';
  };

  const consider = async (signal: CheckResultSignal): Promise<void> => {
    const verdict = judge(signal);
    if (verdict === 'HOLD') {
      early.push(signal);
    } else if (verdict === 'ACCEPT') {
      got.answer = { outcome: signal.outcome, detail: signal.detail };
      log.info('record check answered by callback', { caseId, checkType, outcome: signal.outcome });
    } else {
      await recordCallback(signal, verdict);
    }
  };

  setHandler(checkResultSignal, consider);
  setHandler(getRecordCheckQuery, (): RecordCheckState => ({
    caseId,
    checkType,
    checkId,
    status: check.status,
    provider: check.provider,
    providerRef: check.providerRef,
    mode: check.mode,
    requestedAt: check.requestedAt,
    outcome: got.resolution?.outcome ?? got.answer?.outcome ?? null,
    deadline: new Date(deadline).toISOString(),
  }));

  const awaitAnswer = async (): Promise<CheckResolution | 'CONTINUE'> => {
    let polls = 0;
    for (;;) {
      if (got.answer !== null)
        return { status: 'RESULT', outcome: got.answer.outcome, detail: got.answer.detail };
      const left = remaining();
      if (left <= 0) return timedOut();
      if (check.mode !== 'poll' || check.providerRef === null) {
        await condition(() => got.answer !== null, left);
        continue;
      }
      if (await condition(() => got.answer !== null, Math.min(input.pollIntervalMs, left))) continue;
      if (remaining() <= 0) continue;
      const polled = await providerCalls(remaining()).pollCheck({
        caseId,
        checkType,
        providerRef: check.providerRef,
      });
      polls += 1;
      if (polled.status === 'DONE' && got.answer === null)
        got.answer = { outcome: polled.outcome, detail: polled.detail };
      const historyFull =
        polls >= (input.pollsPerRun ?? DEFAULT_POLLS_PER_RUN) || workflowInfo().continueAsNewSuggested;
      if (got.answer === null && historyFull) return 'CONTINUE';
    }
  };

  const finish = async (ending: CheckResolution): Promise<RecordCheckResult> => {
    got.resolution = ending;
    check.status = ending.status;
    const resolvedAt = new Date().toISOString();
    await save(resolvedAt);
    for (const signal of early.splice(0)) await recordCallback(signal, 'CASE_CLOSED');
    log.info('record check ended', { caseId, checkType, status: ending.status, outcome: ending.outcome });
    return {
      ...ending,
      caseId,
      checkType,
      checkId,
      provider: check.provider,
      providerRef: check.providerRef,
      resolvedAt,
    };
  };

  const cancelled = (): Promise<void> =>
    CancellationScope.nonCancellable(async () => {
      await finish({ status: 'CANCELLED', outcome: null, detail: null });
      await condition(allHandlersFinished);
    });

  let ending: CheckResolution | 'CONTINUE';
  try {
    if (!resume) {
      await save();
      if (remaining() <= 0) {
        ending = timedOut();
      } else {
        // The subject's own reference only when it differs (a re-run in aftercare), so case checks ask as before.
        const subject = input.subjectRef ? { subjectRef: input.subjectRef } : {};
        const accepted = await providerCalls(remaining()).requestCheck({
          caseId,
          checkType,
          checkId,
          ...subject,
        });
        check.status = 'AWAITING_RESULT';
        check.provider = accepted.provider;
        check.providerRef = accepted.providerRef;
        check.mode = accepted.mode;
        check.requestedAt = new Date().toISOString();
        await save();
        for (const signal of early.splice(0)) await consider(signal);
        ending = await awaitAnswer();
      }
    } else {
      ending = await awaitAnswer();
    }
  } catch (error) {
    if (isCancellation(error)) {
      await cancelled();
      throw error;
    }
    ending = endingForFailure(error);
  }

  if (ending === 'CONTINUE') {
    await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
    // A cancellation that arrived while handlers finished would be lost on the new run.
    if (CancellationScope.current().consideredCancelled) {
      await cancelled();
      throw new CancelledFailure('record check cancelled');
    }
    if (got.answer === null) {
      const { provider, providerRef, mode, requestedAt } = check;
      if (provider === null || providerRef === null || mode === null || requestedAt === null) {
        throw new Error('record check continued as new before its provider accepted it');
      }
      return continueAsNew<typeof recordCheckWorkflow>({
        ...input,
        resume: {
          deadline: new Date(deadline).toISOString(),
          provider,
          providerRef,
          mode,
          requestedAt,
          version: check.version,
        },
      });
    }
    ending = { status: 'RESULT', outcome: got.answer.outcome, detail: got.answer.detail };
  }
  const result = await finish(ending);
  // The result is recorded; a cancellation arriving now must not turn it into a cancelled run.
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return result;
}

function timedOut(): CheckResolution {
  return {
    status: 'TIMED_OUT',
    outcome: null,
    detail: 'the provider did not answer within the check timeout',
  };
}

/** A provider call that gave up: a refusal is FAILED; running out of time (an outage) is TIMED_OUT. */
function endingForFailure(error: unknown): CheckResolution {
  if (!(error instanceof ActivityFailure)) throw error;
  if (error.retryState === 'NON_RETRYABLE_FAILURE') {
    return {
      status: 'FAILED',
      outcome: null,
      detail: error.cause?.message ?? 'the provider refused the request',
    };
  }
  return timedOut();
}
