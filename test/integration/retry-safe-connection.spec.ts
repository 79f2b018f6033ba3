// A connection closed while a call is between retries: with the SDK's plain Connection the retry timer fires after
// the close and throws "Channel has been shut down" inside the timer (an uncaught exception that once failed a CI
// run's test suite). RetrySafeConnection stops retrying and waits out the scheduled retry before closing.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { RetrySafeConnection } from '../../apps/api/src/temporal/retry-safe-connection';

/** A port nothing listens on, so every call fails UNAVAILABLE and is retried. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('closes while a call is retrying, and nothing throws afterwards', async () => {
  const uncaught: unknown[] = [];
  const record = (error: unknown): void => void uncaught.push(error);
  process.on('uncaughtException', record);
  try {
    const safe = RetrySafeConnection.lazy({ address: `127.0.0.1:${await closedPort()}` });
    const call = safe.connection.workflowService.getSystemInfo({}).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    // Long enough for the first attempts to fail and a retry to be scheduled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await safe.close();
    expect(await call).not.toBe('answered');
    // Past the SDK's longest backoff: a retry timer left behind would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', record);
  }
}, 30_000);
