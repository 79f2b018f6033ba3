import type { ChildProcess } from 'node:child_process';

/** Resolves once `child` prints `line` (stdout or stderr), collecting its output; fails if it exits first. */
export function waitForLine(
  child: ChildProcess,
  line: string,
  output: string[],
  timeoutMs: number,
  name: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let seen = false;
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start:\n${output.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (!seen && output.join('').includes(line)) {
        seen = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!seen) reject(new Error(`${name} exited with ${String(code)}:\n${output.join('')}`));
    });
  });
}

/** Stops a child process with SIGTERM and waits for it to go. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
