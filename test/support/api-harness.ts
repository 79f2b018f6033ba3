import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApiApp } from '../../apps/api/src/api.factory';
import type { LocalKeys } from '../../apps/api/src/auth/local-keys';
import { ensureLocalKeys, mintToken } from '../../apps/api/src/auth/local-keys';
import { StaffDirectoryService } from '../../apps/api/src/staff/staff-directory.service';
import { createAppLogger } from '../../libs/config/src';
import type { Principal } from '../../libs/domain/src';
import { runtimeDatabaseUrl, temporalAddress } from './env';
import { stopProcess, waitForLine } from './child-process';
import { nodeEntryArgs } from './node-entry';
import { E2E_STAFF } from './principals';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The API in-process (so supertest can reach it) and the worker as a real child process (so a test can kill
 * it with SIGKILL, as a crash would), sharing a private task queue, the test database and the dev server.
 */
export class ApiHarness {
  readonly env: NodeJS.ProcessEnv;
  app!: INestApplication;
  private worker?: ChildProcess;
  private workerLog: string[] = [];

  constructor(
    overrides: NodeJS.ProcessEnv = {},
    private readonly options: {
      worker: boolean;
      captureApiLogs?: boolean;
      /** Settings for the worker process only (say, its own METRICS_PORT), on top of the shared ones. */
      workerEnv?: NodeJS.ProcessEnv;
    } = { worker: true },
  ) {
    this.env = {
      DATABASE_URL: runtimeDatabaseUrl(),
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`,
      // The production default. Shorter bounds made officer actions answer 503 when the machine was busy (CI
      // shares two cores with Temporal, PostgreSQL, a worker and Chromium); tests about a missing worker still
      // see their 503, only later.
      UPDATE_TIMEOUT_MS: '10000',
      LOG_FORMAT: 'json',
      AUTH_JWKS_FILE: path.join(ROOT, 'test/.tmp', `auth-${randomUUID()}`, 'jwks.json'),
      AUTH_ISSUER: 'vetting-test',
      AUTH_AUDIENCE: 'vetting-api',
      DEFAULT_TEAM: 'dv-team-1',
      // Suites written before sponsorship requests apply without an invitation and expect screening straight
      // away; the hold's own suites (sponsorship-requests.e2e, sponsor-requests web) set HOLD, the default.
      APPLICATIONS_WITHOUT_INVITATION: 'SCREEN',
      ...overrides,
    };
  }

  get server(): App {
    return this.app.getHttpServer() as App;
  }

  private keys?: LocalKeys;
  private readonly tokens = new Map<string, string>();

  /** A signed access token for a principal, as the identity provider would issue it. */
  async tokenFor(principal: Principal): Promise<string> {
    const cacheKey = JSON.stringify(principal);
    let token = this.tokens.get(cacheKey);
    if (!token) {
      this.keys ??= await ensureLocalKeys(this.env.AUTH_JWKS_FILE ?? '');
      token = await mintToken(this.keys, {
        issuer: this.env.AUTH_ISSUER ?? '',
        audience: this.env.AUTH_AUDIENCE ?? '',
        principal,
      });
      this.tokens.set(cacheKey, token);
    }
    return token;
  }

  /** HTTP requests made as `principal`. */
  as(principal: Principal): {
    get: (url: string, headers?: Record<string, string>) => Promise<request.Response>;
    post: (url: string, body?: object, headers?: Record<string, string>) => Promise<request.Response>;
    put: (url: string, body?: object, headers?: Record<string, string>) => Promise<request.Response>;
  } {
    const auth = async (): Promise<string> => `Bearer ${await this.tokenFor(principal)}`;
    return {
      get: async (url, headers = {}) =>
        request(this.server)
          .get(url)
          .set('Authorization', await auth())
          .set(headers),
      post: async (url, body = {}, headers = {}) =>
        request(this.server)
          .post(url)
          .set('Authorization', await auth())
          .set(headers)
          .send(body),
      put: async (url, body = {}, headers = {}) =>
        request(this.server)
          .put(url)
          .set('Authorization', await auth())
          .set(headers)
          .send(body),
    };
  }

  private savedEnv?: NodeJS.ProcessEnv;

  async start(): Promise<void> {
    // The in-process API reads its configuration from process.env; put it back afterwards so one suite's
    // settings (say, a forced provider outcome) never leak into the next suite in the same Jest process.
    this.savedEnv = { ...process.env };
    Object.assign(process.env, this.env);
    if (this.options.worker) await this.startWorker();
    // The production JSON logger, writing into an array instead of stdout, so tests can read what it logs.
    const capture = createAppLogger({
      format: 'json',
      service: 'api',
      destination: { write: (line: string) => void this.apiLog.push(line.trimEnd()) },
    });
    this.app = await createApiApp(this.options.captureApiLogs ? capture : false);
    await this.app.init();
    // The tests' own staff, as though each had signed in once: only people in the staff directory can be
    // assigned to a case.
    await this.enrol(...E2E_STAFF);
  }

  /**
   * Records principals in the staff directory exactly as their first authenticated request would (the API keeps
   * the directory from token claims), for officers a test assigns before they have made any request.
   */
  async enrol(...principals: Principal[]): Promise<void> {
    const directory = this.app.get(StaffDirectoryService);
    for (const principal of principals) await directory.seen(principal, null);
  }

  /** Starts the real worker entry point and resolves once it is polling. */
  async startWorker(): Promise<void> {
    this.workerLog = [];
    const child = spawn(process.execPath, nodeEntryArgs('apps/worker/src/main.ts'), {
      cwd: ROOT,
      env: { ...process.env, ...this.env, ...this.options.workerEnv, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.worker = child;
    // Bundling the workflow code dominates; on a loaded 2-core machine it has taken over 90 s.
    await waitForLine(child, 'worker polling', this.workerLog, 180_000, 'worker');
  }

  /** Kills the worker the way a crash would: no drain, no shutdown hooks. */
  async killWorker(): Promise<void> {
    const child = this.worker;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.worker = undefined;
  }

  /** What the in-process API logged (when started with captureApiLogs). */
  readonly apiLog: string[] = [];

  /** API log output so far, one JSON line per entry. */
  apiOutput(): string {
    return this.apiLog.join('\n');
  }

  /** Worker output so far (for asserting on structured logs). */
  workerOutput(): string {
    return this.workerLog.join('');
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await stopProcess(this.worker);
    if (this.savedEnv) {
      for (const key of Object.keys(process.env)) if (!(key in this.savedEnv)) delete process.env[key];
      Object.assign(process.env, this.savedEnv);
    }
  }
}
