// The read-model writer: workflows own the process, the database owns the record, and activities are the only
// way from one to the other. Every write and side effect of one workflow runs on one chain, in the order the
// workflow made them, so the read-model sees events in sequence order even when updates overlap.
import type { ActivityOptions } from '@temporalio/workflow';
import { log, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import type { CaseAction, Stage } from '../libs/domain/src';
import type { ApplicationInput, CaseEventRecord, CaseSnapshot } from '../libs/contracts/src';

/**
 * Options for activities that write the database. No attempt limit: an outage must delay a months-long case,
 * never fail it. What no retry can cure (the database refusing a value) is not retried: the activities
 * surface it themselves (activities/activity-failures.ts), so it never blocks the chain.
 */
export const WRITE_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

const { recordTransition } = proxyActivities<CaseActivities>(WRITE_ACTIVITY_OPTIONS);

/** One workflow's writes and side effects, run one after another in the order they were queued. */
export class WriteChain {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * `survivesRefusals` (cases started after WRITES_SURVIVE_REFUSAL_PATCH): a write or effect that fails for good
   * (the database refusing a value: not retried, recorded as an alert by the activity) no longer stops every
   * later one. Without it a failed write fails everything queued after it, as it did when nothing failed for good.
   */
  constructor(private readonly survivesRefusals = false) {}

  /** Queues a read-model write; everything queued later waits for it. */
  write<T>(op: () => Promise<T>): Promise<T> {
    const written = this.tail.then(op);
    this.tail = this.survivesRefusals ? written.catch(() => undefined) : written;
    return written;
  }

  /**
   * Queues a side effect after the writes already queued; its failure stops nothing. With `survivesRefusals`
   * the promise never rejects (the failure is logged), so a fire-and-forget effect cannot fail the workflow.
   */
  after(effect: () => Promise<unknown>): Promise<void> {
    const next = this.tail.then(effect).then(() => undefined);
    this.tail = next.catch(() => undefined);
    if (!this.survivesRefusals) return next;
    return next.catch((error: unknown) => {
      log.warn('a queued effect failed for good; the case goes on', { error: failureName(error) });
    });
  }

  /** Whether a failed write lets the chain go on (see the constructor). */
  get survives(): boolean {
    return this.survivesRefusals;
  }

  /** Settles once everything queued so far has run. */
  drained(): Promise<unknown> {
    return this.tail;
  }
}

/** A failure's type and message: ours name codes and ids only, never the value refused. */
function failureName(error: unknown): string {
  const cause = (error as { cause?: { type?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.type === 'string') return `${cause.type}: ${String(cause.message)}`;
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * Cases started after this marker go on when the database refuses one of their writes for good: the action
 * stands (the workflow is the record), the write is missing from the read-model and flagged as an alert.
 */
export const WRITES_SURVIVE_REFUSAL_PATCH = 'writes-survive-refusal-v5';

/** Records case events: numbers each one, snapshots the state, and queues its write on the chain. */
export interface CaseRecorder {
  /**
   * Records a change already applied to the state (synchronously, so the next command sees it) and queues its
   * persistence; resolves with the snapshot once it is stored.
   */
  record(
    this: void,
    actor: string,
    action: CaseAction | 'OPEN_CASE',
    from: Stage | null,
    payload: Record<string, unknown>,
    options?: { withApplication?: boolean },
  ): Promise<CaseSnapshot>;
}

/** The recorder for one case; `onRecorded` runs for every event (the stage clock re-reads its schedule). */
export function caseRecorder(
  caseId: string,
  application: ApplicationInput,
  state: CaseSnapshot,
  chain: WriteChain,
  onRecorded: () => void,
): CaseRecorder {
  return {
    record(actor, action, from, payload, options = {}) {
      state.lastEventSeq += 1;
      onRecorded();
      const snapshot = JSON.parse(JSON.stringify(state)) as CaseSnapshot;
      const event: CaseEventRecord = {
        caseId,
        seq: state.lastEventSeq,
        actor,
        action,
        fromStage: from,
        toStage: state.stage,
        occurredAt: new Date().toISOString(),
        payload,
      };
      const written = chain.write(() =>
        recordTransition({ event, snapshot, ...(options.withApplication ? { application } : {}) }),
      );
      if (!chain.survives) return written.then(() => snapshot);
      // The change is applied (the workflow is the record); the refused write is an alert the activity raised.
      return written.then(
        () => snapshot,
        (error: unknown) => {
          log.error('read-model write refused; the case goes on without it', {
            caseId,
            seq: event.seq,
            action,
            error: failureName(error),
          });
          return snapshot;
        },
      );
    },
  };
}
