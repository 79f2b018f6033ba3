import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { canConnect, getFreePort, isPortFree } from './free-port';
import type { Log } from './log';
import { elapsed, errorMessage, silent, sleep } from './log';
import type { ExitInfo } from './process';
import { superviseServer } from './process';
import type { TemporalServerTools } from './temporal-server';

/** Temporal's four services, each run as its own process as a production deployment does. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

const HOST = '127.0.0.1';

export interface TemporalClusterOptions {
  tools: TemporalServerTools;
  /** PostgreSQL server for the `temporal` and `temporal_visibility` databases. */
  postgres: { host: string; port: number; user: string; password: string };
  /** Generated configuration and logs go here. */
  dir: string;
  /** Frontend gRPC port; the other services take the next ones up (see servicePorts). 0: free ports. */
  frontendPort: number;
  namespace: string;
  /** Workflow history is kept this long after a workflow closes. */
  retentionDays: number;
  /** Shards fix how far history scales out; the number is stored with the schema and cannot change later. */
  historyShards?: number;
  log?: Log;
  /** Each service's own output lines, prefixed with the service. */
  output?: (service: TemporalService, line: string) => void;
}

/** One running Temporal service process. */
export interface ServiceProcess {
  name: TemporalService;
  child(): ChildProcess;
  exited(): Promise<ExitInfo>;
  /** Kills it the way a crash would (SIGKILL), and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again with the same configuration (after kill or a crash). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TemporalCluster {
  /** host:port of the frontend, for TEMPORAL_ADDRESS. */
  address: string;
  namespace: string;
  services: Record<TemporalService, ServiceProcess>;
  /** Prometheus endpoints of the four services. */
  metrics: Record<TemporalService, string>;
  /** Stops the services, frontend first so clients stop before the services behind it. */
  stop(): Promise<void>;
}

interface Ports {
  grpc: number;
  membership: number;
  http?: number;
  metrics: number;
}

async function allocatePorts(frontendPort: number): Promise<Record<TemporalService, Ports>> {
  if (frontendPort === 0) {
    const taken = new Set<number>();
    const free = async (): Promise<number> => {
      const port = await getFreePort();
      taken.add(port);
      return port;
    };
    // Temporal stores membership ports as smallint: they must be below 32768, where the OS never picks.
    const freeMembershipPort = async (): Promise<number> => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const port = 20_000 + Math.floor(Math.random() * 12_000);
        if (!taken.has(port) && (await isPortFree(port))) {
          taken.add(port);
          return port;
        }
      }
      throw new Error('no free port between 20000 and 32000 for Temporal membership');
    };
    const ports = async (http: boolean): Promise<Ports> => ({
      grpc: await free(),
      membership: await freeMembershipPort(),
      metrics: await free(),
      ...(http ? { http: await free() } : {}),
    });
    return {
      frontend: await ports(true),
      history: await ports(false),
      matching: await ports(false),
      worker: await ports(false),
    };
  }
  // Temporal's own layout: 7233 frontend, 7234 history, 7235 matching, 7239 worker, membership 6933+.
  const base = frontendPort;
  return {
    frontend: { grpc: base, membership: base - 300, http: base + 10, metrics: base + 1767 },
    history: { grpc: base + 1, membership: base - 299, metrics: base + 1768 },
    matching: { grpc: base + 2, membership: base - 298, metrics: base + 1769 },
    worker: { grpc: base + 6, membership: base - 294, metrics: base + 1770 },
  };
}

function sqlStore(options: TemporalClusterOptions, databaseName: string, maxConns: number): object {
  const { host, port, user, password } = options.postgres;
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${host}:${port}`,
      connectProtocol: 'tcp',
      user,
      password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/**
 * One configuration file per service: they share persistence and membership, and differ in their metrics
 * listener (two processes cannot bind one port). JSON is YAML, so no template engine is needed.
 */
function serviceConfig(
  options: TemporalClusterOptions,
  ports: Record<TemporalService, Ports>,
  service: TemporalService,
  dynamicConfigFile: string,
): string {
  const rpc = (name: TemporalService): object => ({
    rpc: {
      grpcPort: ports[name].grpc,
      membershipPort: ports[name].membership,
      bindOnLocalHost: true,
      ...(ports[name].http ? { httpPort: ports[name].http } : {}),
    },
  });
  return JSON.stringify(
    {
      log: { stdout: true, level: 'warn' },
      persistence: {
        defaultStore: 'postgres-default',
        visibilityStore: 'postgres-visibility',
        numHistoryShards: options.historyShards ?? 4,
        datastores: {
          'postgres-default': sqlStore(options, 'temporal', 20),
          'postgres-visibility': sqlStore(options, 'temporal_visibility', 5),
        },
      },
      global: {
        membership: { maxJoinDuration: '30s', broadcastAddress: HOST },
        pprof: { port: 0 },
        metrics: {
          prometheus: {
            framework: 'tally',
            timerType: 'histogram',
            listenAddress: `${HOST}:${ports[service].metrics}`,
          },
        },
      },
      services: Object.fromEntries(TEMPORAL_SERVICES.map((name) => [name, rpc(name)])),
      clusterMetadata: {
        enableGlobalNamespace: false,
        failoverVersionIncrement: 10,
        masterClusterName: 'active',
        currentClusterName: 'active',
        clusterInformation: {
          active: {
            enabled: true,
            initialFailoverVersion: 1,
            rpcName: 'frontend',
            rpcAddress: `${HOST}:${ports.frontend.grpc}`,
            httpAddress: `${HOST}:${ports.frontend.http}`,
          },
        },
      },
      dcRedirectionPolicy: { policy: 'noop' },
      dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
    },
    null,
    2,
  );
}

function runTool(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { env, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${path} ${args.join(' ')}: ${(stderr || stdout).trim() || error.message}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

/**
 * Creates (or upgrades to this release) the `temporal` and `temporal_visibility` databases and schemas with
 * Temporal's own SQL tool, as the admin-tools job does in docker-compose.yml. Safe to run on every start.
 */
export async function setUpTemporalSchema(options: TemporalClusterOptions): Promise<void> {
  const { tools, postgres, log = silent } = options;
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: postgres.host,
    SQL_PORT: String(postgres.port),
    SQL_USER: postgres.user,
    SQL_PASSWORD: postgres.password,
  };
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const startedAt = Date.now();
    try {
      await runTool(tools.sqlTool, ['--db', database, 'create-database'], env);
    } catch (error) {
      if (!/already exists/i.test(errorMessage(error))) throw error;
    }
    await runTool(tools.sqlTool, ['--db', database, 'setup-schema', '-v', '0.0'], env);
    await runTool(
      tools.sqlTool,
      ['--db', database, 'update-schema', '-d', join(tools.postgresSchemaDir, schema, 'versioned')],
      env,
    );
    log(`schema of ${database} is current (${elapsed(startedAt)})`);
  }
}

/** Runs the four services as separate processes, waits for the frontend, and registers the namespace. */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const { tools, dir, namespace, log = silent, output = () => undefined } = options;
  await mkdir(dir, { recursive: true });
  const ports = await allocatePorts(options.frontendPort);
  const dynamicConfigFile = join(dir, 'dynamic-config.yaml');
  await writeFile(
    dynamicConfigFile,
    [
      '# Generated by scripts/lib/temporal-cluster.ts.',
      'frontend.enableUpdateWorkflowExecution:',
      '  - value: true',
      'frontend.enableUpdateWorkflowExecutionAsyncAccepted:',
      '  - value: true',
      '',
    ].join('\n'),
  );
  const services = {} as Record<TemporalService, ServiceProcess>;
  for (const name of TEMPORAL_SERVICES) {
    const configFile = join(dir, `${name}.yaml`);
    await writeFile(configFile, serviceConfig(options, ports, name, dynamicConfigFile));
    services[name] = serviceProcess(name, tools.server, configFile, ports[name].grpc, log, (line) =>
      output(name, line),
    );
  }
  const address = `${HOST}:${ports.frontend.grpc}`;
  const startedAt = Date.now();
  log(`starting Temporal ${TEMPORAL_SERVICES.join(', ')} as separate processes (frontend ${address})...`);
  try {
    // The first service to start writes the cluster's metadata record; several at once on a fresh database
    // race for it and the losers exit. So history first, then the others together.
    await services.history.restart();
    await Promise.all(
      TEMPORAL_SERVICES.filter((n) => n !== 'history').map((name) => services[name].restart()),
    );
    await registerNamespace(address, namespace, options.retentionDays, log);
  } catch (error) {
    await Promise.all(TEMPORAL_SERVICES.map((name) => services[name].stop()));
    throw error;
  }
  log(
    `Temporal cluster ready in ${elapsed(startedAt)}: namespace ${namespace}, retention ${options.retentionDays} days`,
  );
  return {
    address,
    namespace,
    services,
    metrics: Object.fromEntries(
      TEMPORAL_SERVICES.map((name) => [name, `http://${HOST}:${ports[name].metrics}/metrics`]),
    ) as Record<TemporalService, string>,
    stop: async () => {
      for (const name of ['frontend', 'worker', 'matching', 'history'] as const) await services[name].stop();
    },
  };
}

function serviceProcess(
  name: TemporalService,
  binary: string,
  configFile: string,
  grpcPort: number,
  log: Log,
  output: (line: string) => void,
): ServiceProcess {
  let current: ChildProcess | undefined;
  let supervised: ReturnType<typeof superviseServer> | undefined;
  const handle: ServiceProcess = {
    name,
    child: () => {
      if (!current) throw new Error(`Temporal ${name} is not running`);
      return current;
    },
    exited: () => supervised?.exited ?? Promise.resolve({ code: 0, signal: null }),
    kill: async () => {
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = supervised?.exited;
      current.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      const startedAt = Date.now();
      current = spawn(binary, ['--config-file', configFile, '--allow-no-auth', 'start', '--service', name], {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a Ctrl-C at the terminal reaches the script, which stops services in order.
        detached: true,
      });
      supervised = superviseServer(current, {
        name: `Temporal ${name}`,
        binary,
        signal: 'SIGTERM',
        graceMs: 20_000,
        log,
        output,
      });
      await supervised.waitUntilReady(
        async () => ((await canConnect(grpcPort, HOST)) ? undefined : 'gRPC port not accepting connections'),
        { where: `on ${HOST}:${grpcPort}`, timeoutMs: 120_000, intervalMs: 250 },
      );
      log(`Temporal ${name} listening on :${grpcPort} (${elapsed(startedAt)})`);
    },
    stop: async () => {
      await supervised?.stop();
    },
  };
  return handle;
}

/** Registers the namespace (or updates its retention), then waits until the frontend serves it. */
async function registerNamespace(
  address: string,
  namespace: string,
  retentionDays: number,
  log: Log,
): Promise<void> {
  const retention = msToTs(retentionDays * 24 * 60 * 60 * 1000);
  const deadline = Date.now() + 120_000;
  let lastProblem = '';
  for (;;) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 5000 });
      const service = connection.workflowService;
      try {
        await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention });
        log(`registered namespace ${namespace}`);
      } catch (error) {
        if (!/already exists|AlreadyExists/i.test(errorMessage(error))) throw error;
        await service.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: retention } });
      }
      // The frontend's namespace cache refreshes on its own schedule; wait until it knows the namespace.
      await service.describeNamespace({ namespace });
      await service.listWorkflowExecutions({ namespace, pageSize: 1 });
      return;
    } catch (error) {
      lastProblem = errorMessage(error);
      if (Date.now() > deadline) {
        throw new Error(`Temporal at ${address} did not serve namespace ${namespace}: ${lastProblem}`);
      }
      await sleep(1000);
    } finally {
      await connection?.close();
    }
  }
}
