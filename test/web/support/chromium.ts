import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium: the browser the tests drive (no browser download from Playwright). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium in a container: no sandbox (no user namespaces), no GPU, no phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Installs Debian's `chromium` package when it is missing, so `npm test` works on a fresh machine. Runs as root
 * directly, otherwise through sudo; fails with what to do by hand if neither works.
 */
export function ensureChromium(log: (line: string) => void = (line) => console.log(line)): void {
  if (existsSync(CHROMIUM_PATH)) return;
  log(`[web-tests] ${CHROMIUM_PATH} is missing; installing Debian's chromium package...`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? '' : 'sudo -n ';
  const result = spawnSync(
    'sh',
    ['-c', `${prefix}apt-get update && DEBIAN_FRONTEND=noninteractive ${prefix}apt-get install -y chromium`],
    { stdio: 'inherit' },
  );
  if (result.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Could not install Chromium (exit ${String(result.status)}). Install it with ` +
        '`apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
}

/** A headless Chromium for one test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
