import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Log } from './log';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Remembers the last lines a child printed, so a failure can show what the child said just before it. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 40) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
  }

  text(indent = '  '): string {
    return this.lines.length === 0 ? `${indent}(no output)` : this.lines.map((l) => indent + l).join('\n');
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
