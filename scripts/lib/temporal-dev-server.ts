import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { assertPortFree, canConnect, getFreePort } from './free-port';
import type { Log } from './log';
import { elapsed, errorMessage, silent } from './log';
import type { ExitInfo } from './process';
import { ExitedBeforeReadyError, superviseServer } from './process';

export interface TemporalDevServerOptions {
  cliPath: string;
  /** gRPC port; 0 picks a free one. Default 7233. */
  port?: number;
  /** Web UI port; 0 picks a free one. Default: gRPC port + 1000, or a free one when the gRPC port is 0. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; omit for an in-memory server. */
  dbFile?: string;
  /** Created at start (besides `default`, which always exists) and checked for readiness. Default `default`. */
  namespace?: string;
  /** Progress lines. */
  log?: Log;
  /** The server's own output (warnings and errors only, given --log-level warn). */
  output?: Log;
  /**
   * Run in its own process group, so a Ctrl-C at the terminal reaches only our process, which then stops
   * the server in its turn. Without it, the server dies with the terminal's Ctrl-C along with us.
   */
  detached?: boolean;
  startTimeoutMs?: number;
  /** The remote codec the Web UI calls from the browser to show encrypted payloads, e.g. `<api>/codec`. */
  uiCodecEndpoint?: string;
}

export interface TemporalDevServer {
  /** host:port for TEMPORAL_ADDRESS. */
  address: string;
  uiUrl: string;
  namespace: string;
  /** Settles when the server process exits, whether stopped or crashed. */
  exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL if the server has not exited after 10 s. Safe to call more than once. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The dev server binds several ports it picks at random itself (HTTP API, metrics, internal services), as do we
 * when asked for port 0; another process can take one between the choice and the bind, and the server then
 * dies at startup. That is worth another try, and the cause is shown if the last try fails too.
 */
const START_ATTEMPTS = 3;

/** Runs `temporal server start-dev` and resolves once it answers gRPC calls for `namespace`. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof ExitedBeforeReadyError) || attempt === START_ATTEMPTS) throw error;
      options.log?.(`Temporal dev server exited at startup (${error.reason}); retrying`);
    }
  }
}

async function startOnce(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const { cliPath, dbFile, namespace = 'default', log = silent, output = silent, detached = false } = options;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const hint =
    'Set TEMPORAL_ADDRESS to use the server already there, or TEMPORAL_PORT / TEMPORAL_UI_PORT to move ours.';

  const port = options.port === 0 ? await getFreePort() : (options.port ?? 7233);
  await assertPortFree(port, 'the Temporal dev server', hint);
  const uiPort = options.uiPort ?? (options.port === 0 ? 0 : port + 1000);
  const resolvedUiPort = uiPort === 0 ? await getFreePort() : uiPort;
  await assertPortFree(resolvedUiPort, 'the Temporal Web UI', hint);

  const args = [
    'server',
    'start-dev',
    '--ip',
    HOST,
    '--port',
    String(port),
    '--ui-port',
    String(resolvedUiPort),
  ];
  if (dbFile) {
    await mkdir(dirname(resolve(dbFile)), { recursive: true });
    args.push('--db-filename', resolve(dbFile));
  }
  args.push('--log-level', 'warn', '--namespace', namespace);
  if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);

  const address = `${HOST}:${port}`;
  const uiUrl = `http://${HOST}:${resolvedUiPort}`;
  const startedAt = Date.now();
  log(`starting Temporal dev server on ${address} (${dbFile ? `state in ${dbFile}` : 'in-memory'})...`);

  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  const server = superviseServer(child, {
    name: 'Temporal dev server',
    binary: cliPath,
    signal: 'SIGTERM',
    graceMs: 10_000,
    log,
    output,
  });
  const { exited, stop } = server;
  await server.waitUntilReady(() => readinessProblem(address, port, namespace), {
    where: `on ${address}`,
    timeoutMs: startTimeoutMs,
    intervalMs: 250,
  });
  log(`Temporal dev server ready on ${address} in ${elapsed(startedAt)} (UI ${uiUrl})`);
  return { address, uiUrl, namespace, exited, stop };
}

/** Undefined once the frontend serves calls for the namespace; otherwise what is still missing. */
async function readinessProblem(
  address: string,
  port: number,
  namespace: string,
): Promise<string | undefined> {
  if (!(await canConnect(port, HOST))) return 'gRPC port not accepting connections';
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 2000 });
    await connection.workflowService.describeNamespace({ namespace });
    return undefined;
  } catch (error) {
    return errorMessage(error);
  } finally {
    await connection?.close();
  }
}
