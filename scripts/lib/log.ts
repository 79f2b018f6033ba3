/** A sink for one line of progress output. Libraries take one so callers decide where (and whether) it goes. */
export type Log = (line: string) => void;

export const silent: Log = () => undefined;

/** A log that prints each line with a `[tag]` prefix, so interleaved output from several sources stays readable. */
export function tagged(tag: string): Log {
  return (line) => console.log(`[${tag}] ${line}`);
}

/** Seconds since `startedAt` (a `Date.now()` value), formatted for progress lines. */
export function elapsed(startedAt: number): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
