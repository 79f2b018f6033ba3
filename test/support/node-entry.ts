import { join } from 'node:path';

/** Set by the run's global setup to the folder holding the sources transpiled once (test-infrastructure.ts). */
export const COMPILED_SOURCES_ENV = 'VETTING_TEST_COMPILED_DIR';

/**
 * The `node` arguments that run one of the repository's TypeScript entry points (a path from the repository
 * root, say `apps/worker/src/main.ts`) as a child process: the run's transpiled copy when global setup made one,
 * otherwise the source through ts-node (a single suite run without global setup, or a file global setup does
 * not cover).
 */
export function nodeEntryArgs(entry: string): string[] {
  const compiled = process.env[COMPILED_SOURCES_ENV];
  if (compiled) return ['--enable-source-maps', join(compiled, entry.replace(/\.ts$/, '.js'))];
  return ['-r', 'ts-node/register/transpile-only', entry];
}
