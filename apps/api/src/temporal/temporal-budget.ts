import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

/** Why Temporal gave no answer in time: it answers but no worker took the work, or it does not answer at all. */
export type Silence = 'NO_WORKER' | 'TEMPORAL_DOWN';

/**
 * Thrown when a call to Temporal got no answer within the request's budget. It says which of the two it was, so
 * a client is told the truth: nothing has been applied yet, and only a retry with the same key applies it.
 */
export class TemporalSilence extends Error {
  constructor(
    readonly silence: Silence,
    readonly budgetMs: number,
  ) {
    super(silence === 'NO_WORKER' ? 'no worker answered in time' : 'Temporal did not answer');
    this.name = 'TemporalSilence';
  }
}

/** The longest we keep back from the budget to ask Temporal whether it is up at all. */
const MAX_PROBE_MS = 1_000;

/**
 * One request's time with Temporal. Every call made through `send` shares the same budget, so a request that
 * makes two calls (start a case, then wait for its screening) still answers within UPDATE_TIMEOUT_MS; a timer
 * races each call, because gRPC retries and a connection that is still being made can outlive a deadline.
 * When a call goes unanswered, the time kept back asks Temporal for its system info: an answer means Temporal is
 * up and no worker took the work, no answer means Temporal itself is down.
 */
export class TemporalBudget {
  private readonly endsAt: number;
  private readonly probeMs: number;

  constructor(
    private readonly client: Client,
    readonly budgetMs: number,
    startedAt = Date.now(),
  ) {
    this.endsAt = startedAt + budgetMs;
    this.probeMs = Math.min(MAX_PROBE_MS, Math.floor(budgetMs / 5));
  }

  /** Runs one call to Temporal; throws TemporalSilence when it goes unanswered, and any other failure as it is. */
  async send<T>(call: () => Promise<T>): Promise<T> {
    const sendUntil = this.endsAt - this.probeMs;
    try {
      return await within(sendUntil, () => this.client.withDeadline(sendUntil, call));
    } catch (error) {
      if (!isUnanswered(error)) throw error;
      throw new TemporalSilence(
        (await this.temporalAnswers()) ? 'NO_WORKER' : 'TEMPORAL_DOWN',
        this.budgetMs,
      );
    }
  }

  private async temporalAnswers(): Promise<boolean> {
    const until = Math.max(this.endsAt, Date.now() + 100);
    try {
      await within(until, () =>
        this.client.withDeadline(until, () => this.client.workflowService.getSystemInfo({})),
      );
      return true;
    } catch {
      return false;
    }
  }
}

/** Marks our own timer running out, as opposed to an error from the call. */
class OutOfTime extends Error {}

/** Settles with `call`, or rejects with OutOfTime at `until` (epoch ms), whichever comes first. */
async function within<T>(until: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutOfTime()), Math.max(0, until - Date.now()));
  });
  try {
    return await Promise.race([call(), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error that means "no answer" rather than an answer: a timeout, a cancellation or no connection. */
export function isUnanswered(error: unknown): boolean {
  if (error instanceof OutOfTime || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const grpc = error instanceof ServiceError ? error.cause : error;
  return (
    isGrpcServiceError(grpc) &&
    (grpc.code === GrpcStatus.DEADLINE_EXCEEDED ||
      grpc.code === GrpcStatus.CANCELLED ||
      grpc.code === GrpcStatus.UNAVAILABLE)
  );
}
