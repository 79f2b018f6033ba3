import { execFile, spawn } from 'node:child_process';
import { constants, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:https';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Log } from './log';
import { elapsed, errorMessage } from './log';
import { captureOutput, describeExit, OutputExcerpt, waitForExit } from './process';
import { repoRoot } from './paths';

/** The version `go install` builds; the official download is always the latest release. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
/** From the go directive of the CLI's go.mod; older toolchains refuse to build it. */
const GO_REQUIREMENT = 'Go >= 1.25';
/** Covers DNS, connect and stalls. Where the download host is unreachable we want to move on quickly. */
const DOWNLOAD_IDLE_TIMEOUT_MS = 10_000;
const GO_PROGRESS_INTERVAL_MS = 15_000;

const defaultLog: Log = (line) => console.log(`[temporal-cli] ${line}`);

/** Absolute path of the cached CLI binary: `<repo>/.tools/bin/temporal` (git-ignored). */
export function cachedTemporalCliPath(): string {
  return join(repoRoot(), '.tools', 'bin', 'temporal');
}

/**
 * Returns the absolute path of a working `temporal` executable, obtaining one if needed. Tried in order:
 * TEMPORAL_CLI_PATH, `temporal` on PATH, the cached binary, the official download, and `go install`.
 * Throws an error naming every route and why it failed.
 */
export async function ensureTemporalCli(log: Log = defaultLog): Promise<string> {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) {
    const path = resolve(configured);
    try {
      log(`using TEMPORAL_CLI_PATH: ${path} (${await temporalVersion(path)})`);
      return path;
    } catch (error) {
      // Set on purpose, so falling back to something else would hide the mistake.
      throw new Error(
        `TEMPORAL_CLI_PATH=${configured} is not a working temporal executable: ${errorMessage(error)}`,
      );
    }
  }

  const failures: string[] = [];

  const onPath = await findOnPath('temporal');
  if (onPath) {
    try {
      log(`using ${onPath} from PATH (${await temporalVersion(onPath)})`);
      return onPath;
    } catch (error) {
      failures.push(`PATH: found ${onPath}, but it does not run: ${errorMessage(error)}`);
    }
  } else {
    failures.push('PATH: no `temporal` executable on PATH');
  }

  const cached = cachedTemporalCliPath();
  if (await isExecutable(cached)) {
    try {
      log(`using cached ${cached} (${await temporalVersion(cached)})`);
      return cached;
    } catch (error) {
      log(`cached ${cached} does not run (${errorMessage(error)}); fetching it again`);
    }
  }

  const url = officialDownloadUrl();
  try {
    await downloadOfficialRelease(url, cached, log);
    log(`installed ${cached} (${await temporalVersion(cached)})`);
    return cached;
  } catch (error) {
    log(`official download failed: ${errorMessage(error)}`);
    failures.push(`official download (${url}): ${errorMessage(error)}`);
  }

  try {
    await goInstall(cached, log);
    log(`installed ${cached} (${await temporalVersion(cached)})`);
    return cached;
  } catch (error) {
    failures.push(
      `go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION} (needs ${GO_REQUIREMENT}): ${errorMessage(error)}`,
    );
  }

  throw new Error(
    [
      'Could not find or install the Temporal CLI. Tried:',
      ...failures.map((failure, i) => `  ${i + 1}. ${failure}`),
      'Fix one of them: put `temporal` on PATH (https://docs.temporal.io/cli#install), make the download URL',
      `reachable, or install ${GO_REQUIREMENT} (https://go.dev/dl/). Or set TEMPORAL_CLI_PATH to an existing binary.`,
    ].join('\n'),
  );
}

/** The first line of `temporal --version`, which also proves the binary runs on this machine. */
function temporalVersion(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(path, ['--version'], { timeout: 30_000 }, (error, stdout, stderr) => {
      const firstLine = stdout.trim().split('\n')[0] ?? '';
      if (error) reject(new Error(stderr.trim() || error.message));
      else if (!firstLine.startsWith('temporal version'))
        reject(new Error(`unexpected --version output: ${firstLine}`));
      else resolvePromise(firstLine);
    });
  });
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function officialDownloadUrl(): string {
  const platform = process.platform === 'darwin' ? 'darwin' : 'linux';
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  return `https://temporal.download/cli/archive/latest?platform=${platform}&arch=${arch}`;
}

/** GET that follows redirects (the "latest" URL redirects to the release file) and gives up when idle. */
function httpGet(url: string, redirectsLeft = 5): Promise<IncomingMessage> {
  return new Promise((resolvePromise, reject) => {
    // A deadline of our own for the headers: the socket timeout alone restarts between the TCP and TLS phases.
    const deadline = setTimeout(
      () => request.destroy(new Error(`no response within ${DOWNLOAD_IDLE_TIMEOUT_MS / 1000}s`)),
      DOWNLOAD_IDLE_TIMEOUT_MS,
    );
    const request = get(url, (response) => {
      clearTimeout(deadline);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirectsLeft === 0) return reject(new Error('too many redirects'));
        return resolvePromise(httpGet(new URL(location, url).toString(), redirectsLeft - 1));
      }
      if (status !== 200) {
        response.resume();
        return reject(new Error(`HTTP ${status} from ${url}`));
      }
      response.setTimeout(DOWNLOAD_IDLE_TIMEOUT_MS, () =>
        response.destroy(new Error(`download stalled for ${DOWNLOAD_IDLE_TIMEOUT_MS / 1000}s`)),
      );
      resolvePromise(response);
    });
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
  });
}

async function downloadOfficialRelease(url: string, target: string, log: Log): Promise<void> {
  const startedAt = Date.now();
  log(`downloading the Temporal CLI from ${url}`);
  const toolsDir = join(repoRoot(), '.tools');
  const archive = join(toolsDir, `temporal-download-${process.pid}.tar.gz`);
  const extractDir = join(toolsDir, `temporal-extract-${process.pid}`);
  await mkdir(extractDir, { recursive: true });
  try {
    const response = await httpGet(url);
    await pipeline(response, createWriteStream(archive));
    log(
      `downloaded ${((await stat(archive)).size / 1e6).toFixed(1)} MB in ${elapsed(startedAt)}; extracting`,
    );
    await run('tar', ['-xzf', archive, '-C', extractDir]);
    const extracted = join(extractDir, 'temporal');
    if (!(await isExecutable(extracted))) throw new Error('the archive has no `temporal` executable');
    await mkdir(join(toolsDir, 'bin'), { recursive: true });
    await chmod(extracted, 0o755);
    // Rename within one filesystem is atomic, so a concurrent run never sees a half-written binary.
    await rename(extracted, target);
  } finally {
    await rm(archive, { force: true });
    await rm(extractDir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

/** `go` from PATH, or from the standard install location, which non-login shells often lack on PATH. */
async function findGo(): Promise<string | undefined> {
  return (
    (await findOnPath('go')) ??
    ((await isExecutable('/usr/local/go/bin/go')) ? '/usr/local/go/bin/go' : undefined)
  );
}

async function goInstall(target: string, log: Log): Promise<void> {
  const go = await findGo();
  if (!go) throw new Error('no `go` on PATH or at /usr/local/go/bin/go');
  const goVersion = (await run(go, ['version'])).trim();
  const binDir = join(repoRoot(), '.tools', 'bin');
  await mkdir(binDir, { recursive: true });
  log(`building ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION} with ${goVersion} into ${binDir}`);
  log('this compiles the whole Temporal server and takes 2-5 minutes on a fresh machine');

  const startedAt = Date.now();
  const excerpt = new OutputExcerpt(30);
  const child = spawn(go, ['install', `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
    // A static binary needs no C toolchain, like the official release builds.
    env: { ...process.env, GOBIN: binDir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  captureOutput(child, (line) => {
    excerpt.push(line);
    log(`[go] ${line}`);
  });
  const progress = setInterval(
    () => log(`still building the Temporal CLI... ${elapsed(startedAt)}`),
    GO_PROGRESS_INTERVAL_MS,
  );
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  try {
    const exit = await Promise.race([waitForExit(child), spawnFailed]);
    if (exit.code !== 0)
      throw new Error(`${goVersion}: go install ${describeExit(exit)}:\n${excerpt.text('     ')}`);
  } finally {
    clearInterval(progress);
  }
  log(`built in ${elapsed(startedAt)}`);
  if (!(await isExecutable(target))) throw new Error(`go install succeeded but ${target} is missing`);
}
