// Runs as `prestart` / `pretest`, before node_modules necessarily exists: plain CommonJS, Node built-ins only.
// Installs dependencies when they are missing or older than package-lock.json (after a pull or a branch switch),
// so `npm start` and `npm test` work on a fresh clone with no other step.
/* global require, __dirname, process, console -- CommonJS globals; the lint config only declares TypeScript's */
/* eslint-disable no-console, @typescript-eslint/no-require-imports -- see above: CommonJS, talking to the user */
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/**
 * @param {string} file
 * @returns {number | undefined}
 */
function modifiedAt(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** @returns {string | undefined} */
function reasonToInstall() {
  if (modifiedAt(path.join(root, 'node_modules')) === undefined) return 'node_modules is missing';
  // npm writes this copy of the lock file into node_modules at the end of every install.
  const installed = modifiedAt(path.join(root, 'node_modules', '.package-lock.json'));
  if (installed === undefined) return 'node_modules was not installed by npm from package-lock.json';
  const lock = modifiedAt(path.join(root, 'package-lock.json'));
  if (lock !== undefined && lock > installed) return 'package-lock.json has changed since the last install';
  return undefined;
}

const reason = reasonToInstall();
if (reason) {
  console.log(`[deps] ${reason}: running npm ci --no-audit --no-fund`);
  const startedAt = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = childProcess.spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error || result.status !== 0) {
    const why = result.error
      ? result.error.message
      : `exit code ${result.status ?? `signal ${result.signal}`}`;
    console.error(`[deps] npm ci failed (${why}). Fix the error above, then run npm ci yourself and retry.`);
    process.exit(typeof result.status === 'number' && result.status !== 0 ? result.status : 1);
  }
  console.log(`[deps] dependencies installed in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
}
