import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ConfigError, LOCAL_USERS, loadWebAppConfig } from '../../libs/config/src';
import { createWebApp } from '../../apps/web/src/web.factory';
import { getFreePort } from '../../scripts/lib/free-port';
import { expectAccessible } from './support/accessibility';
import { postWithCsrf, WebHarness } from './support/web-harness';

// The web service's frame: development sign-in, sessions, sign-out, CSRF, headers, error pages, production guard.
const harness = new WebHarness({ worker: false });

beforeAll(() => harness.start(), 240_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function headerText(page: Page): Promise<string> {
  return (await page.locator('header').innerText()).replace(/\s+/g, ' ');
}

test('the sign-in page lists local users by role, and one click signs in', async () => {
  const page = await harness.newPage();
  const response = await page.goto('/sign-in');
  expect(response?.status()).toBe(200);
  await expectAccessible(page, 'sign-in');
  for (const role of [
    'Applicant',
    'Sponsor',
    'Vetting officer',
    'Team lead',
    'Senior adjudicator',
    'HR analyst',
    'Auditor',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: role }).count()).resolves.toBe(1);
  }
  const officers = LOCAL_USERS.filter((u) => u.roles.includes('VETTING_OFFICER'));
  const byTeam = new Map<string, number>();
  for (const o of officers) byTeam.set(o.team ?? '', (byTeam.get(o.team ?? '') ?? 0) + 1);
  expect([...byTeam.values()].sort()).toEqual([1, 2]);

  await harness.signInAs(page, 'Olivia Hughes');
  expect(await headerText(page)).toContain('Olivia Hughes (Vetting officer)');
  expect(new URL(page.url()).pathname).toBe('/work');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'vetting-session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  await page.context().close();
});

test('strict security headers: a CSP without inline scripts, no framing, no sniffing', async () => {
  const response = await fetch(`${harness.webUrl}/sign-in`);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-powered-by')).toBeNull();
  // The page itself carries no inline script: every <script> has a src on this origin.
  const html = await response.text();
  expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
});

test('sign-out ends the session; its pages then send you to sign in', async () => {
  const page = await harness.newPage();
  await harness.signInAs(page, 'Omar Khan');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('You have signed out');
  await expectAccessible(page, 'signed-out');
  await page.goto('/work');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.context().close();
});

test('a POST without the CSRF token is refused, and the session carries on', async () => {
  const page = await harness.newPage();
  await harness.signInAs(page, 'Olivia Hughes');
  const refused = await page.request.post('/sign-out', { form: { anything: 'x' }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  const body = await refused.text();
  expect(body).toContain('This form has expired');
  expect(body).not.toMatch(/EBADCSRFTOKEN|at \w+ \(/);
  // A token from another session is refused too.
  const other = await harness.newPage();
  await other.goto('/sign-in');
  const foreignToken = await other.locator('input[name=_csrf]').first().inputValue();
  const forged = await page.request.post('/sign-out', { form: { _csrf: foreignToken }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  await page.goto('/');
  expect(await headerText(page)).toContain('Olivia Hughes');
  await page.context().close();
  await other.context().close();
});

test('liveness for the container health check answers without a session, and sets no cookie', async () => {
  const response = await fetch(`${harness.webUrl}/health/live`);
  expect(response.status).toBe(200);
  await expect(response.json()).resolves.toEqual({ status: 'ok' });
  expect(response.headers.getSetCookie()).toEqual([]);
});

test('unknown pages answer the 404 page; errors are pages, never JSON or a stack', async () => {
  const page = await harness.newPage();
  await harness.signInAs(page, 'Olivia Hughes');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
  await expectAccessible(page, 'not-found');
  expect(await page.content()).not.toMatch(/"statusCode"|NotFoundException/);
  await page.context().close();
});

test('a role cannot reach another role’s pages: the 403 page', async () => {
  const page = await harness.newPage();
  await harness.signInAs(page, 'Alex Morgan');
  const response = await page.goto('/work');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'You do not have access to this page',
  );
  await expectAccessible(page, 'forbidden');
  await page.context().close();
});

test('a session idle past its timeout goes back to sign-in and says why', async () => {
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadWebAppConfig({
    ...harness.api.env,
    WEB_API_URL: harness.apiUrl,
    WEB_PUBLIC_URL: url,
    WEB_SESSION_IDLE_SECONDS: '2',
  });
  const short = await createWebApp(config, false);
  await short.app.listen(port, '127.0.0.1');
  try {
    const context = await harness.browser.newContext({ baseURL: url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^Sign in as Olivia Hughes\b/ }).click();
    expect(new URL(page.url()).pathname).toBe('/work');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await page.goto('/work');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'You were signed out because your session ended',
    );
    await context.close();
  } finally {
    await short.close();
  }
});

test('production: the development sign-in refuses to exist', async () => {
  const production = {
    ...harness.api.env,
    NODE_ENV: 'production',
    WEB_SESSION_SECRET: 'x'.repeat(40),
    AUTH_JWKS_URL: 'https://id.example/jwks',
    DATA_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
  };
  // Without an identity provider, production refuses to start at all.
  expect(() => loadWebAppConfig(production)).toThrow(ConfigError);
  expect(() => loadWebAppConfig(production)).toThrow(/WEB_OIDC_ISSUER must be set in production/);
  expect(() =>
    loadWebAppConfig({ ...production, WEB_SESSION_SECRET: undefined, WEB_OIDC_ISSUER: 'https://id.example' }),
  ).toThrow(/WEB_SESSION_SECRET must be set in production/);
  // With one, POST /sign-in (the local one-click sign-in) does not exist.
  const port = await getFreePort();
  const config = loadWebAppConfig({
    ...production,
    WEB_OIDC_ISSUER: 'https://127.0.0.1:9/unreachable',
    WEB_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const web = await createWebApp(config, false);
  await web.app.listen(port, '127.0.0.1');
  try {
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/sign-in`, { redirect: 'manual' });
    // The issuer cannot be reached (nor, in Jest, openid-client loaded): the unavailable page, not a 500.
    expect(signIn.status).toBe(503);
    expect(await signIn.text()).not.toContain('Sign in as');
    // A well-formed POST, with a valid CSRF token and its cookies, still finds no local sign-in.
    const local = await postWithCsrf(base, '/sign-in', { subject: 'officer-1' });
    expect(local.status).toBe(404);
  } finally {
    await web.close();
  }
});
