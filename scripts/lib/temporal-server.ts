import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, copyFile, chmod, cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Log } from './log';
import { elapsed } from './log';
import { repoRoot } from './paths';
import { captureOutput, describeExit, OutputExcerpt, waitForExit } from './process';

/** The Temporal server release the cluster runs; its schema files come from the same module version. */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
const SERVER_MODULE = 'go.temporal.io/server';
const PACKAGES = {
  server: `${SERVER_MODULE}/cmd/server`,
  sqlTool: `${SERVER_MODULE}/cmd/tools/sql`,
} as const;
/** The server's go.mod needs a newer Go than most machines have; GOTOOLCHAIN fetches it from the module proxy. */
const GO_TOOLCHAIN = 'go1.27.3';
const GO_PROGRESS_INTERVAL_MS = 20_000;
/** Where a build already made on this machine may be (the lead's shared build); overridable. */
const PREBUILT_DIR = process.env.TEMPORAL_SERVER_PREBUILT_DIR ?? '/tmp/tsrv';

export interface TemporalServerTools {
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` of the same release: `temporal/versioned` and `visibility/versioned` inside. */
  postgresSchemaDir: string;
}

const defaultLog: Log = (line) => console.log(`[temporal-server] ${line}`);

function toolsDir(): string {
  return join(repoRoot(), '.tools');
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: 120_000, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Proves a binary runs here (right architecture, not truncated): both print usage and exit 0 on --help. */
async function runs(path: string): Promise<boolean> {
  if (!(await isExecutable(path))) return false;
  try {
    await run(path, ['--help']);
    return true;
  } catch {
    return false;
  }
}

async function findGo(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isAbsolute(dir) && (await isExecutable(join(dir, 'go')))) return join(dir, 'go');
  }
  return (await isExecutable('/usr/local/go/bin/go')) ? '/usr/local/go/bin/go' : undefined;
}

function goEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // A static binary needs no C toolchain; GOTOOLCHAIN lets an older local Go fetch the one the module needs.
  return { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? GO_TOOLCHAIN, ...extra };
}

async function goInstall(go: string, binDir: string, log: Log): Promise<void> {
  const startedAt = Date.now();
  const targets = Object.values(PACKAGES).map((p) => `${p}@${TEMPORAL_SERVER_VERSION}`);
  log(`building ${targets.join(' and ')} with ${GO_TOOLCHAIN} into ${binDir}`);
  log('this compiles the whole Temporal server: about 10-20 minutes and 2 GB of memory on a fresh machine');
  const excerpt = new OutputExcerpt(30);
  const child = spawn(go, ['install', ...targets], {
    env: goEnv({ GOBIN: binDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  captureOutput(child, (line) => {
    excerpt.push(line);
    log(`[go] ${line}`);
  });
  const progress = setInterval(
    () => log(`still building the Temporal server... ${elapsed(startedAt)}`),
    GO_PROGRESS_INTERVAL_MS,
  );
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  try {
    const exit = await Promise.race([waitForExit(child), spawnFailed]);
    if (exit.code !== 0) throw new Error(`go install ${describeExit(exit)}:\n${excerpt.text('     ')}`);
  } finally {
    clearInterval(progress);
  }
  log(`built in ${elapsed(startedAt)}`);
}

/** The module's source directory in the Go module cache, downloading the module if it is not there. */
async function moduleDir(go: string): Promise<string> {
  const modCache = (await run(go, ['env', 'GOMODCACHE'], goEnv())).trim();
  const cached = join(modCache, `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`);
  if (await exists(join(cached, 'schema'))) return cached;
  const info = JSON.parse(
    await run(go, ['mod', 'download', '-json', `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], goEnv()),
  ) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download gave no directory: ${info.Error ?? 'unknown error'}`);
  return info.Dir;
}

/**
 * The Temporal server and its SQL schema tool for TEMPORAL_SERVER_VERSION, cached in `.tools/bin` with the
 * PostgreSQL schema files in `.tools/temporal-schema/<version>`. Tried in order: the cache, a build already
 * on this machine (TEMPORAL_SERVER_PREBUILT_DIR, default /tmp/tsrv), and `go install`.
 */
export async function ensureTemporalServer(log: Log = defaultLog): Promise<TemporalServerTools> {
  const binDir = join(toolsDir(), 'bin');
  const server = join(binDir, 'temporal-server');
  const sqlTool = join(binDir, 'temporal-sql-tool');
  const schemaRoot = join(toolsDir(), 'temporal-schema', TEMPORAL_SERVER_VERSION);
  const postgresSchemaDir = join(schemaRoot, 'postgresql', 'v12');
  await mkdir(binDir, { recursive: true });

  if ((await runs(server)) && (await runs(sqlTool))) {
    log(`using cached ${server} and ${sqlTool}`);
  } else if ((await runs(join(PREBUILT_DIR, 'server'))) && (await runs(join(PREBUILT_DIR, 'sql')))) {
    log(`copying the build in ${PREBUILT_DIR} into ${binDir}`);
    await installBinary(join(PREBUILT_DIR, 'server'), server);
    await installBinary(join(PREBUILT_DIR, 'sql'), sqlTool);
  } else {
    const go = await findGo();
    if (!go) {
      throw new Error(
        `No Temporal server in ${binDir} or ${PREBUILT_DIR}, and no \`go\` to build it with. Install Go ` +
          `(https://go.dev/dl/; it fetches ${GO_TOOLCHAIN} itself), or put prebuilt binaries named server and ` +
          `sql in TEMPORAL_SERVER_PREBUILT_DIR.`,
      );
    }
    // Built beside the cache and moved in, so an interrupted build never leaves a half-written binary there.
    const buildDir = join(toolsDir(), `temporal-server-build-${process.pid}`);
    await mkdir(buildDir, { recursive: true });
    try {
      await goInstall(go, buildDir, log);
      await installBinary(join(buildDir, 'server'), server);
      await installBinary(join(buildDir, 'sql'), sqlTool);
    } finally {
      await rm(buildDir, { recursive: true, force: true });
    }
  }

  if (!(await exists(join(postgresSchemaDir, 'temporal', 'versioned')))) {
    const go = await findGo();
    if (!go)
      throw new Error(`The Temporal schema files are not in ${postgresSchemaDir}, and there is no \`go\``);
    const source = join(await moduleDir(go), 'schema', 'postgresql', 'v12');
    log(`copying the PostgreSQL schema files from ${source}`);
    const staging = `${schemaRoot}.tmp-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(source, join(staging, 'postgresql', 'v12'), { recursive: true });
    await rm(schemaRoot, { recursive: true, force: true });
    await rename(staging, schemaRoot);
  }
  return { server, sqlTool, postgresSchemaDir };
}

async function installBinary(from: string, to: string): Promise<void> {
  const staging = `${to}.tmp-${process.pid}`;
  await copyFile(from, staging);
  await chmod(staging, 0o755);
  await rename(staging, to);
}
