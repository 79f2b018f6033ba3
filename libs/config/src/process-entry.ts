import { ConfigError, loadConfig } from './app-config';
import type { AppConfig } from './app-config';

/** Loads configuration for a process entry point; on a bad value prints every problem and exits with 2. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs an entry point's bootstrap; a failure to start is printed with its stack and exits with 1. */
export function runEntryPoint(name: string, bootstrap: () => Promise<void>): void {
  bootstrap().catch((error: unknown) => {
    process.stderr.write(
      `${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
