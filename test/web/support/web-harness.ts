import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { loadWebAppConfig } from '../../../libs/config/src';
import type { Env } from '../../../libs/config/src';
import { createWebApp } from '../../../apps/web/src/web.factory';
import type { WebApp } from '../../../apps/web/src/web.factory';
import { ApiHarness } from '../../support/api-harness';
import { getFreePort } from '../../../scripts/lib/free-port';
import { launchChromium } from './chromium';

/**
 * The whole stack for browser tests: the API (in-process, listening on a port) and, when asked, the worker as a
 * real process on a real Temporal and PostgreSQL; the web service in-process on its own port, calling the API
 * over HTTP; and a headless Chromium. Each page the tests open records what the console says, so a blocked
 * script (a CSP violation) fails the test that caused it.
 */
export class WebHarness {
  readonly api: ApiHarness;
  web!: WebApp;
  browser!: Browser;
  webUrl = '';
  apiUrl = '';
  private readonly consoleProblems: string[] = [];

  constructor(
    private readonly options: { worker: boolean; webEnv?: Env; apiEnv?: Env; workerEnv?: Env } = {
      worker: false,
    },
  ) {
    this.api = new ApiHarness(options.apiEnv ?? {}, { worker: options.worker, workerEnv: options.workerEnv });
  }

  async start(): Promise<void> {
    await this.api.start();
    await this.api.app.listen(0, '127.0.0.1');
    const apiAddress = (this.api.app.getHttpServer() as Server).address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${apiAddress.port}`;
    const webPort = await getFreePort();
    this.webUrl = `http://127.0.0.1:${webPort}`;
    const config = loadWebAppConfig({
      ...this.api.env,
      WEB_API_URL: this.apiUrl,
      WEB_PORT: String(webPort),
      WEB_PUBLIC_URL: this.webUrl,
      ...this.options.webEnv,
    });
    this.web = await createWebApp(config, false);
    await this.web.app.listen(webPort, '127.0.0.1');
    this.browser = await launchChromium();
  }

  /** A fresh browser (its own cookies), as one person at one computer. */
  async newContext(options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: this.webUrl,
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
    await this.api.stop();
  }
}
