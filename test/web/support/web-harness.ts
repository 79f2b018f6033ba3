import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { loadWebAppConfig } from '../../../libs/config/src';
import type { Env } from '../../../libs/config/src';
import { createWebApp } from '../../../apps/web/src/web.factory';
import type { WebApp } from '../../../apps/web/src/web.factory';
import { ApiHarness } from '../../support/api-harness';
import { createPrivateDatabase } from '../../support/private-database';
import type { PrivateDatabase } from '../../support/private-database';
import { getFreePort } from '../../../scripts/lib/free-port';
import { launchChromium } from './chromium';
import { stopProcess, waitForLine } from '../../support/child-process';
import { nodeEntryArgs } from '../../support/node-entry';

const ROOT = path.resolve(__dirname, '../../..');

/** How the harness runs: the worker too or not, extra settings, and the web service as a process or not. */
export interface WebHarnessOptions {
  worker: boolean;
  webEnv?: Env;
  apiEnv?: Env;
  workerEnv?: Env;
  /** The web service's port, when something must know its address before it starts (an OIDC provider). */
  webPort?: number;
  /**
   * Run the web service as a real process (its production entry point) rather than in Jest's process: needed
   * for OIDC sign-in, whose `openid-client` is an ES module that Jest's CommonJS runtime cannot import.
   */
  webProcess?: boolean;
  /**
   * Share the run's database with the other suites instead of a fresh one of its own. Off by default: the
   * local users are few, so suites that sign in as the same applicant would otherwise see each other's cases
   * (an applicant with a case in progress cannot apply again), and HR's and the auditor's figures would count
   * every other suite's work.
   */
  sharedDatabase?: boolean;
}

/**
 * The whole stack for browser tests: the API (in-process, listening on a port) and, when asked, the worker as a
 * real process on a real Temporal and PostgreSQL; the web service in-process on its own port, calling the API
 * over HTTP; and a headless Chromium. Each page the tests open records what the console says, so a blocked
 * script (a CSP violation) fails the test that caused it.
 */
export class WebHarness {
  readonly api: ApiHarness;
  /** The suite's own database (unless `sharedDatabase`): `url` as the owner, for a test's own inspection. */
  database?: PrivateDatabase;
  /** The in-process web service (not set with `webProcess`). */
  web?: WebApp;
  browser!: Browser;
  webUrl = '';
  apiUrl = '';
  private readonly consoleProblems: string[] = [];
  private webChild?: ChildProcess;
  private readonly webLog: string[] = [];

  constructor(private readonly options: WebHarnessOptions = { worker: false }) {
    this.api = new ApiHarness(options.apiEnv ?? {}, { worker: options.worker, workerEnv: options.workerEnv });
  }

  async start(): Promise<void> {
    if (!this.options.sharedDatabase) {
      this.database = await createPrivateDatabase();
      // Before the API and the worker start: both log in as the runtime role, as in production.
      this.api.env.DATABASE_URL = this.database.runtimeUrl;
    }
    await this.api.start();
    await this.api.app.listen(0, '127.0.0.1');
    const apiAddress = (this.api.app.getHttpServer() as Server).address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${apiAddress.port}`;
    const webPort = this.options.webPort ?? (await getFreePort());
    this.webUrl = `http://127.0.0.1:${webPort}`;
    const env: Env = {
      ...this.api.env,
      WEB_API_URL: this.apiUrl,
      WEB_PORT: String(webPort),
      WEB_PUBLIC_URL: this.webUrl,
      ...this.options.webEnv,
    };
    if (this.options.webProcess) {
      this.webChild = await startWebProcess(env, this.webLog);
    } else {
      this.web = await createWebApp(loadWebAppConfig(env), false);
      await this.web.app.listen(webPort, '127.0.0.1');
    }
    this.browser = await launchChromium();
  }

  /** What the web service process has logged so far (with `webProcess`), one JSON line per entry. */
  webOutput(): string {
    return this.webLog.join('');
  }

  /** A fresh browser (its own cookies), as one person at one computer. */
  async newContext(options: { javaScript?: boolean; baseURL?: string } = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: options.baseURL ?? this.webUrl,
      javaScriptEnabled: options.javaScript ?? true,
    });
    // Playwright's 30 s default was too short once: CI's two cores also run Temporal, PostgreSQL, the worker and
    // Chromium, and a page behind a workflow update then took longer. Waiting longer costs nothing when it passes.
    context.setDefaultTimeout(90_000);
    context.on('page', (page) => this.watch(page));
    return context;
  }

  /** A page in a fresh browser. */
  async newPage(options: { javaScript?: boolean } = {}): Promise<Page> {
    const context = await this.newContext(options);
    return context.newPage();
  }

  /** A page in a fresh browser, signed in as the local user `name`. */
  async signedIn(name: string, options: { javaScript?: boolean } = {}): Promise<Page> {
    const page = await this.newPage(options);
    await this.signInAs(page, name);
    return page;
  }

  /** Signs in through the development sign-in page as a local user, by name. */
  async signInAs(page: Page, name: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: new RegExp(`^Sign in as ${name}\\b`) }).click();
    await page.waitForLoadState('load');
  }

  /** Console errors seen so far (CSP violations, failed scripts); tests assert there are none. */
  problems(): string[] {
    return [...this.consoleProblems];
  }

  private watch(page: Page): void {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      // A 403 or 404 page is itself an error status; a missing asset or a blocked script is not excused.
      if (message.location().url === page.url() && message.text().startsWith('Failed to load resource'))
        return;
      this.consoleProblems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleProblems.push(`${page.url()}: ${error.message}`));
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.web?.close();
    await stopProcess(this.webChild);
    await this.api.stop();
    await this.database?.drop();
  }
}

/** The web service's production entry point (apps/web/src/main.ts) as a process; resolves once it listens. */
export async function startWebProcess(env: Env, log: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, nodeEntryArgs('apps/web/src/main.ts'), {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_FORMAT: 'json', TS_NODE_PROJECT: 'tsconfig.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, 'web listening', log, 180_000, 'web service');
  return child;
}

/**
 * A form POST to the web service at `base` as a browser that has one of its pages open would send it: the session
 * and CSRF cookies of a first visit, and the CSRF token in the body. For routes that must not exist, so that a 404
 * cannot be the CSRF check's doing.
 */
export async function postWithCsrf(
  base: string,
  path: string,
  form: Record<string, string>,
): Promise<Response> {
  const statement = await fetch(`${base}/accessibility`);
  const cookies = statement.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const token = decodeURIComponent(
    (cookies.find((c) => c.startsWith('vetting-csrf=')) ?? '').split('=')[1] ?? '',
  );
  if (token === '') throw new Error('the web service set no CSRF cookie');
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ _csrf: token, ...form }).toString(),
    redirect: 'manual',
  });
}
