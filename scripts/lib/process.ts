import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Log } from './log';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Remembers the first and the last lines a child printed, so a failure can show what it said. Both ends matter:
 * a Go panic names its cause at the top of a long stack trace, most other failures at the bottom.
 */
export class OutputExcerpt {
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private omitted = 0;

  constructor(
    private readonly tailLimit = 40,
    private readonly headLimit = 15,
  ) {}

  push(line: string): void {
    if (this.head.length < this.headLimit) {
      this.head.push(line);
      return;
    }
    this.tail.push(line);
    if (this.tail.length > this.tailLimit) {
      this.tail.shift();
      this.omitted += 1;
    }
  }

  firstMatching(pattern: RegExp): string | undefined {
    return [...this.head, ...this.tail].find((line) => pattern.test(line))?.trim();
  }

  text(indent = '  '): string {
    if (this.head.length === 0) return `${indent}(no output)`;
    const lines =
      this.omitted > 0
        ? [...this.head, `... ${this.omitted} lines omitted ...`, ...this.tail]
        : [...this.head, ...this.tail];
    return lines.map((l) => indent + l).join('\n');
  }
}

/** A server process died while we were waiting for it to become ready: often worth one more try. */
export class ExitedBeforeReadyError extends Error {
  /** The line of output most likely to say why, for a one-line progress message. */
  readonly reason: string;

  constructor(what: string, exit: ExitInfo, excerpt: OutputExcerpt, hint = '') {
    super(`${what} ${describeExit(exit)} before it was ready. Its output:\n${excerpt.text()}${hint}`);
    this.name = 'ExitedBeforeReadyError';
    this.reason =
      excerpt.firstMatching(/panic|fatal|error|could not|address already in use/i) ?? describeExit(exit);
  }
}

/** Calls `onLine` for every line written to `stream`; a partial last line is delivered when the stream ends. */
export function forEachLine(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Sends both output streams of `child` to `onLine`, one line at a time. */
export function captureOutput(child: ChildProcess, onLine: (line: string) => void): void {
  forEachLine(child.stdout, onLine);
  forEachLine(child.stderr, onLine);
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when `child` has exited, including when it already had before the call. */
export function waitForExit(child: ChildProcess): Promise<ExitInfo> {
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`;
}

export interface StopOptions {
  /** The signal that asks this kind of process to shut down cleanly. */
  signal?: NodeJS.Signals;
  /** How long a clean shutdown may take before the process is killed. */
  graceMs?: number;
  name?: string;
  log?: Log;
}

/** Asks `child` to stop, and kills it if it is still running after the grace period. */
export async function stopProcess(child: ChildProcess, options: StopOptions = {}): Promise<ExitInfo> {
  const { signal = 'SIGTERM', graceMs = 10_000, name = 'process', log } = options;
  if (hasExited(child)) return waitForExit(child);
  const exited = waitForExit(child);
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const first = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (first !== 'timeout') return first;
  log?.(`${name} did not stop within ${graceMs / 1000}s of ${signal}; killing it`);
  child.kill('SIGKILL');
  return exited;
}

/**
 * Makes sure `child` does not outlive this process when it exits without stopping it (a crash, process.exit,
 * a Jest run that never reaches its teardown). Only a synchronous signal is possible at that point.
 * Returns a function that removes the safeguard once the child has been stopped properly.
 */
export function killWithParent(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): () => void {
  const onExit = (): void => {
    if (!hasExited(child)) child.kill(signal);
  };
  process.on('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

/** A server child process we started: its output excerpt, its exit, and an idempotent stop. */
export interface SupervisedServer {
  excerpt: OutputExcerpt;
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
  /**
   * Polls `probe` (undefined = ready, else what is missing) until the server is ready. Throws, with what the
   * server printed, if it could not be run, died first (ExitedBeforeReadyError), or is not ready in time.
   */
  waitUntilReady(probe: () => Promise<string | undefined>, options: ReadinessOptions): Promise<void>;
}

export interface SupervisionOptions {
  /** How the server is named in messages, e.g. `PostgreSQL`. */
  name: string;
  /** The executable, for the message when it cannot be run at all. */
  binary: string;
  /** The signal that asks it to shut down cleanly, and how long that may take. */
  signal: NodeJS.Signals;
  graceMs: number;
  log: Log;
  /** Every line the server prints. */
  output: (line: string) => void;
  /** Appended to start-up failures (e.g. what to check when running as root). */
  hint?: string;
}

export interface ReadinessOptions {
  /** Where it listens, for the timeout message (`on :54320`, `on 127.0.0.1:7233`). */
  where: string;
  timeoutMs: number;
  intervalMs: number;
}

/**
 * Watches a freshly spawned server: keeps an excerpt of its output, kills it if this process exits first, and
 * gives one way to stop it and one way to wait for it, so every server we run fails in the same, explained way.
 */
export function superviseServer(child: ChildProcess, options: SupervisionOptions): SupervisedServer {
  const { name, binary, signal, graceMs, log, output, hint = '' } = options;
  const startedAt = Date.now();
  const excerpt = new OutputExcerpt();
  captureOutput(child, (line) => {
    excerpt.push(line);
    output(line);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const removeSafeguard = killWithParent(child, signal);
  const exited = waitForExit(child);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await stopProcess(child, { signal, graceMs, name, log });
      removeSafeguard();
    })();
    return stopping;
  };

  const waitUntilReady = async (
    probe: () => Promise<string | undefined>,
    { where, timeoutMs, intervalMs }: ReadinessOptions,
  ): Promise<void> => {
    const deadline = startedAt + timeoutMs;
    for (;;) {
      if (spawnError) {
        removeSafeguard();
        throw new Error(`Could not run ${binary}: ${spawnError.message}${hint}`);
      }
      if (hasExited(child)) {
        removeSafeguard();
        throw new ExitedBeforeReadyError(name, await exited, excerpt, hint);
      }
      const problem = await probe();
      if (!problem) return;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `${name} ${where} was not ready within ${timeoutMs / 1000}s (${problem}). Its output:\n${excerpt.text()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };

  return { excerpt, exited, stop, waitUntilReady };
}
