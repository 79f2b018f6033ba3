// Runs as `prestart` / `pretest`, before node_modules necessarily exists: plain CommonJS, Node built-ins only.
// Installs dependencies when they are missing or older than package-lock.json (after a pull or a branch switch),
// so `npm start` and `npm test` work on a fresh clone with no other step.
'use strict';

const { spawnSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function reasonToInstall() {
  const lock = modifiedAt(join(root, 'package-lock.json'));
  // npm writes this copy of the lock file into node_modules at the end of every install.
  const installed = modifiedAt(join(root, 'node_modules', '.package-lock.json'));
  if (modifiedAt(join(root, 'node_modules')) === undefined) return 'node_modules is missing';
  if (installed === undefined) return 'node_modules was not installed by npm from package-lock.json';
  if (lock !== undefined && lock > installed) return 'package-lock.json has changed since the last install';
  return undefined;
}

const reason = reasonToInstall();
if (reason) {
  console.log(`[deps] ${reason}: running npm ci --no-audit --no-fund`);
  const startedAt = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? `signal ${result.signal}`}`;
    console.error(`[deps] npm ci failed (${why}). Fix the error above, then run npm ci yourself and retry.`);
    process.exit(typeof result.status === 'number' && result.status !== 0 ? result.status : 1);
  }
  console.log(`[deps] dependencies installed in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
}
