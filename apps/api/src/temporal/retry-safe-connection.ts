import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { ConnectionOptions } from '@temporalio/client';

type Options = Omit<ConnectionOptions, 'interceptors'>;

/** The SDK's retry policy, except that nothing is retried once closing has begun; remembers the last retry due. */
class RetryGate {
  closing = false;
  /** When the last retry scheduled so far fires (epoch ms). */
  lastRetryAt = 0;
  private readonly defaults = defaultGrpcRetryOptions();

  readonly interceptor = makeGrpcRetryInterceptor({
    retryableDecider: (attempt, status) => !this.closing && this.defaults.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = this.defaults.delayFunction(attempt, status);
      this.lastRetryAt = Math.max(this.lastRetryAt, Date.now() + delay);
      return delay;
    },
  });
}

/**
 * A Temporal client connection that can be closed while calls are retrying. The SDK's gRPC retry interceptor
 * schedules each retry on a timer that `Connection.close()` does not clear; when such a timer fires after the
 * close, creating the call throws "Channel has been shut down" inside the timer, an uncaught exception that takes
 * the process (or a test suite) down. Here no retry is scheduled once closing has begun, and close() waits out
 * the ones already scheduled (the SDK caps one backoff at 5 s) before closing the channel.
 */
export class RetrySafeConnection {
  private constructor(
    readonly connection: Connection,
    private readonly gate: RetryGate,
  ) {}

  /** Connects on first use, so an app boots (and reports Temporal down) while Temporal is unreachable. */
  static lazy(options: Options): RetrySafeConnection {
    const gate = new RetryGate();
    return new RetrySafeConnection(Connection.lazy({ ...options, interceptors: [gate.interceptor] }), gate);
  }

  /** Connects now, failing if Temporal cannot be reached. */
  static async connect(options: Options): Promise<RetrySafeConnection> {
    const gate = new RetryGate();
    return new RetrySafeConnection(
      await Connection.connect({ ...options, interceptors: [gate.interceptor] }),
      gate,
    );
  }

  /** Stops scheduling retries, lets those already scheduled fire (they then fail), and closes the channel. */
  async close(): Promise<void> {
    this.gate.closing = true;
    const wait = this.gate.lastRetryAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
    await this.connection.close();
  }
}
