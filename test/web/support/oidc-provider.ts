import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Role } from '../../../libs/domain/src';
import { getFreePort } from '../../../scripts/lib/free-port';
import { stopProcess, waitForLine } from '../../support/child-process';
import { nodeEntryArgs } from '../../support/node-entry';

const ROOT = path.resolve(__dirname, '../../..');

/** Someone who can sign in at the test provider (login: `sub`, any password), with the claims our roles need. */
export interface OidcAccount {
  sub: string;
  name: string;
  roles: Role[];
  team?: string;
}

/** What oidc-provider.process.ts is started with. */
export interface OidcProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The API's AUTH_AUDIENCE: the access token's `aud`. */
  apiAudience: string;
  accounts: OidcAccount[];
}

/**
 * A real OpenID provider (`oidc-provider`) as a child process, with one client registered for the web service
 * (at each of `webUrls`) and the given accounts. `apiEnv` and `webEnv` are the settings that make the API trust it
 * and the web service sign in with it.
 */
export class OidcProviderHarness {
  readonly clientId = 'vetting-web';
  readonly clientSecret = 'test-client-secret-0123456789abcdef';
  issuer = '';
  private child?: ChildProcess;
  private readonly output: string[] = [];

  constructor(
    private readonly options: { webUrls: string[]; apiAudience: string; accounts: OidcAccount[] },
  ) {}

  async start(): Promise<void> {
    this.issuer = `http://127.0.0.1:${await getFreePort()}`;
    const settings: OidcProviderSettings = {
      issuer: this.issuer,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      redirectUris: this.options.webUrls.map((url) => `${url}/sign-in/callback`),
      postLogoutRedirectUris: this.options.webUrls.map((url) => `${url}/signed-out`),
      apiAudience: this.options.apiAudience,
      accounts: this.options.accounts,
    };
    const child = spawn(process.execPath, nodeEntryArgs('test/web/support/oidc-provider.process.ts'), {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TS_NODE_PROJECT: 'tsconfig.json',
        OIDC_PROVIDER_SETTINGS: JSON.stringify(settings),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await waitForLine(child, 'oidc-provider listening', this.output, 120_000, 'oidc-provider');
  }

  /** The API's settings: tokens from this provider, verified with its published keys. */
  get apiEnv(): Record<string, string> {
    return {
      AUTH_ISSUER: this.issuer,
      AUTH_JWKS_URL: `${this.issuer}/jwks`,
      AUTH_AUDIENCE: this.options.apiAudience,
    };
  }

  /** The web service's settings: sign in here, as the registered client. */
  get webEnv(): Record<string, string> {
    return {
      WEB_OIDC_ISSUER: this.issuer,
      WEB_OIDC_CLIENT_ID: this.clientId,
      WEB_OIDC_CLIENT_SECRET: this.clientSecret,
      WEB_OIDC_SCOPE: 'openid profile roles',
    };
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
  }
}
