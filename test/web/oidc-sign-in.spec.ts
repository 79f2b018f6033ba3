import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { getFreePort } from '../../scripts/lib/free-port';
import { expectAccessible } from './support/accessibility';
import type { OidcAccount } from './support/oidc-provider';
import { stopProcess } from '../support/child-process';
import { OidcProviderHarness } from './support/oidc-provider';
import { postWithCsrf, startWebProcess, WebHarness } from './support/web-harness';

// Production sign-in end to end: a real OpenID provider (oidc-provider, its own process), the API trusting its
// keys (AUTH_JWKS_URL), the web service as its production entry point (openid-client is an ES module Jest cannot
// load), and Chromium going through the provider's sign-in and consent pages.

const OFFICER: OidcAccount = {
  sub: 'oidc-officer-7',
  name: 'Priya Natarajan',
  roles: ['VETTING_OFFICER'],
  team: 'dv-team-1',
};
const HR: OidcAccount = { sub: 'oidc-hr-3', name: 'Samuel Okafor', roles: ['HR_ANALYST'] };
const NO_ROLE: OidcAccount = { sub: 'oidc-visitor-9', name: 'Robin Vale', roles: [] };

let provider: OidcProviderHarness;
let harness: WebHarness;
let shortUrl = '';
let shortWeb: ChildProcess | undefined;
const shortLog: string[] = [];

beforeAll(async () => {
  const [webPort, shortPort] = [await getFreePort(), await getFreePort()];
  shortUrl = `http://127.0.0.1:${shortPort}`;
  provider = new OidcProviderHarness({
    webUrls: [`http://127.0.0.1:${webPort}`, shortUrl],
    apiAudience: 'vetting-api',
    accounts: [OFFICER, HR, NO_ROLE],
  });
  await provider.start();
  harness = new WebHarness({
    worker: false,
    webProcess: true,
    webPort,
    apiEnv: provider.apiEnv,
    webEnv: provider.webEnv,
  });
  await harness.start();
  // A second web service on the same API and provider whose sessions go idle after 3 seconds.
  shortWeb = await startWebProcess(
    {
      ...harness.api.env,
      WEB_API_URL: harness.apiUrl,
      WEB_PORT: String(shortPort),
      WEB_PUBLIC_URL: shortUrl,
      WEB_SESSION_IDLE_SECONDS: '3',
      ...provider.webEnv,
    },
    shortLog,
  );
}, 400_000);

afterAll(async () => {
  await stopProcess(shortWeb);
  await harness?.stop();
  await provider?.stop();
});

// Only our own pages are held to a clean console: the provider's development pages are not ours to fix.
afterEach(() => expect(harness.problems().filter((p) => p.startsWith(harness.webUrl))).toEqual([]));

function onProvider(page: Page): boolean {
  return new URL(page.url()).origin === provider.issuer;
}

/**
 * Goes through whatever the provider asks (its sign-in form, then its consent page) until it sends the browser
 * back to `webUrl`. The provider's own session can make either page, or both, unnecessary.
 */
async function throughProvider(page: Page, account: OidcAccount, webUrl = harness.webUrl): Promise<void> {
  const back = (url: URL): boolean => url.origin === webUrl;
  for (let step = 0; step < 4 && onProvider(page); step += 1) {
    const login = page.locator('input[name=login]');
    if (await login.isVisible()) {
      await login.fill(account.sub);
      await page.locator('input[name=password]').fill('any password will do');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    } else {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL((url) => back(url) || url.pathname.startsWith('/interaction/'));
  }
  await page.waitForURL(back);
}

async function signIn(context: BrowserContext, account: OidcAccount): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  expect(onProvider(page)).toBe(true);
  // The session that kept the sign-in's state is not the one signed in: a new id, so a planted one is no use.
  const before = await sessionCookie(context);
  expect(before).toBeTruthy();
  await throughProvider(page, account);
  expect(await sessionCookie(context)).not.toBe(before);
  return page;
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === 'vetting-session')?.value;
}

async function headerText(page: Page): Promise<string> {
  return (await page.locator('header').innerText()).replace(/\s+/g, ' ');
}

/**
 * Nobody is signed in in this browser: our pages send it to sign in. (Following that on would go through the
 * provider, whose own session may sign the person straight back in: a real sign-in, not the refused one.)
 */
async function expectSignedOut(page: Page): Promise<void> {
  const work = await page.request.get('/work', { maxRedirects: 0 });
  expect(work.status()).toBe(303);
  expect(work.headers().location).toBe('/sign-in');
}

/** The response to the web service's callback (the provider's redirect back), however the browser got there. */
function callbackResponse(page: Page): Promise<{ status: () => number }> {
  return page.waitForResponse((response) => new URL(response.url()).pathname === '/sign-in/callback');
}

test('sign-in through the provider lands on the role’s start page, and the API accepts the provider’s token', async () => {
  const context = await harness.newContext();
  const page = await signIn(context, OFFICER);
  expect(new URL(page.url()).pathname).toBe('/work');
  // My work is read from the API with the provider's access token: a refusal would have ended the session.
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('My work');
  expect(await headerText(page)).toContain('Priya Natarajan (Vetting officer)');
  const cookie = (await context.cookies()).find((c) => c.name === 'vetting-session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await context.close();

  const hr = await harness.newContext();
  const dashboard = await signIn(hr, HR);
  expect(new URL(dashboard.url()).pathname).toBe('/dashboard');
  await expect(dashboard.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Vetting dashboard');
  await hr.close();
});

test('the development sign-in does not exist when OIDC is configured', async () => {
  const signInPage = await fetch(`${harness.webUrl}/sign-in`, { redirect: 'manual' });
  expect(signInPage.status).toBe(303);
  expect(new URL(signInPage.headers.get('location') ?? '').origin).toBe(provider.issuer);
  // A well-formed POST to the local one-click sign-in, CSRF token and all, finds nothing.
  const local = await postWithCsrf(harness.webUrl, '/sign-in', { subject: 'officer-1' });
  expect(local.status).toBe(404);
});

/**
 * Where the provider sends the browser back, without going there: signs in at the provider's page, then answers
 * its consent page over the browser's own connection (its cookies), following redirects by hand. (Playwright
 * cannot rewrite a request the browser makes by following a redirect, which the way back always is.)
 */
async function providerAnswer(page: Page, account: OidcAccount): Promise<URL> {
  await page.locator('input[name=login]').fill(account.sub);
  await page.locator('input[name=password]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  const action = (await page.locator('form[method=post]').getAttribute('action')) ?? '';
  let response = await page.request.post(new URL(action, page.url()).href, {
    form: { prompt: 'consent' },
    maxRedirects: 0,
  });
  for (let hop = 0; hop < 5; hop += 1) {
    const location = new URL(response.headers().location ?? '', provider.issuer);
    if (location.origin !== provider.issuer) return location;
    response = await page.request.get(location.href, { maxRedirects: 0 });
  }
  throw new Error('the provider did not send the browser back');
}

test('a tampered state is refused with a page that says so, and nobody is signed in', async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  const answer = await providerAnswer(page, OFFICER);
  expect(answer.pathname).toBe('/sign-in/callback');
  answer.searchParams.set('state', 'tampered-state');
  const refused = await page.goto(answer.href);
  expect(refused?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'Your sign-in could not be checked',
  );
  await expectAccessible(page, 'oidc-sign-in-refused');
  await expectSignedOut(page);
  await context.close();
});

// The sign-in starts here (state, nonce and PKCE verifier kept in the session), but the provider is asked with
// another sign-in's nonce (which its ID token then carries) or another verifier's challenge (so the code it
// gives cannot be exchanged with ours).
test.each([
  ['nonce', 'the ID token does not answer this sign-in', 'nonce-of-another-sign-in'],
  ['code_challenge', 'the code cannot be exchanged with our PKCE verifier', 'A'.repeat(43)],
])('a tampered %s is refused: %s', async (parameter, _why, value) => {
  const context = await harness.newContext();
  const page = await context.newPage();
  const start = await page.request.get('/sign-in', { maxRedirects: 0 });
  const authorize = new URL(start.headers().location ?? '');
  expect(authorize.searchParams.get(parameter)).toBeTruthy();
  authorize.searchParams.set(parameter, value);
  await page.goto(authorize.href);
  const answered = callbackResponse(page);
  await throughProvider(page, OFFICER);
  expect((await answered).status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'Your sign-in could not be checked',
  );
  await expectSignedOut(page);
  await context.close();
});

test('a replayed answer (the same code, state and nonce again) is refused, in the same browser or another', async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  let callback = '';
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/sign-in/callback') callback = request.url();
  });
  await page.goto('/sign-in');
  await throughProvider(page, OFFICER);
  expect(new URL(page.url()).pathname).toBe('/work');
  expect(callback).not.toBe('');

  const again = await page.goto(callback);
  expect(again?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Your sign-in has expired');
  await context.close();

  const elsewhere = await harness.newPage();
  const stolen = await elsewhere.goto(callback);
  expect(stolen?.status()).toBe(400);
  await expectSignedOut(elsewhere);
  await elsewhere.context().close();
});

test('cancelling at the provider comes back as a page that says so, not an error', async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  const answered = callbackResponse(page);
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  expect((await answered).status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'You have not been signed in',
  );
  await expectSignedOut(page);
  await context.close();
});

test('someone the provider knows but who holds no role here is told so, not signed in', async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  const answered = callbackResponse(page);
  await throughProvider(page, NO_ROLE);
  expect((await answered).status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'You do not have access to this service',
  );
  await context.close();
});

test('sign-out ends the session here and at the provider', async () => {
  const context = await harness.newContext();
  const page = await signIn(context, OFFICER);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks to confirm its own sign-out, then sends the browser back to our page.
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL(`${harness.webUrl}/signed-out`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('You have signed out');
  await expectAccessible(page, 'oidc-signed-out');
  // Our pages send you to sign in, and the provider asks who you are again.
  await page.goto('/work');
  expect(onProvider(page)).toBe(true);
  await expect(page.locator('input[name=login]').isVisible()).resolves.toBe(true);
  await context.close();
});

test('an idle session ends: back to the sign-in page, which says why and signs in again', async () => {
  const context = await harness.newContext({ baseURL: shortUrl });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await throughProvider(page, OFFICER, shortUrl);
  expect(new URL(page.url()).pathname).toBe('/work');
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await page.goto('/work');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
    'You were signed out because your session ended',
  );
  await expectAccessible(page, 'oidc-sign-in-expired');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin !== shortUrl || url.pathname !== '/sign-in');
  await throughProvider(page, OFFICER, shortUrl);
  expect(new URL(page.url()).pathname).toBe('/work');
  await context.close();
});

test('nothing personal in the web service’s logs: no names, subjects or tokens, only why a sign-in was refused', () => {
  const logs = harness.webOutput() + shortLog.join('');
  expect(logs).toContain('sign-in refused');
  for (const reason of ['invalid', 'expired', 'cancelled', 'no-role'])
    expect(logs).toContain(`"reason":"${reason}"`);
  // The provider's own refusal of the code exchange (the PKCE check), by its fixed error code.
  expect(logs).toContain('"code":"invalid_grant"');
  for (const account of [OFFICER, HR, NO_ROLE]) {
    expect(logs).not.toContain(account.name);
    expect(logs).not.toContain(account.sub);
  }
  expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(logs).not.toMatch(/[?&](code|state|nonce)=/);
  expect(logs).not.toContain('page failed');
});
