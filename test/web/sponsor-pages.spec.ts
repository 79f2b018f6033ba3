import type { Page } from 'playwright-core';
import { caseRef } from '../../apps/web/src/cases/case.types';
import type { Principal } from '../../libs/domain/src';
import { DvFlow } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { focusedId } from './support/keyboard';
import { WebHarness } from './support/web-harness';

// The sponsor's pages in a real browser against the real API, worker, Temporal and PostgreSQL: their applicants
// (stage in words, dates, outcome, never findings, paged), inviting an applicant, and the clearance lookup.
const harness = new WebHarness({ worker: true, apiEnv: { UPDATE_TIMEOUT_MS: '30000' } });
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function errorSummary(page: Page): Promise<string> {
  try {
    await page.locator('.govuk-error-summary').waitFor({ timeout: 10_000 });
  } catch {
    throw new Error(
      `no error summary on ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 500)}`,
    );
  }
  return (await page.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
}

test('a sponsor sees their applicants page by page, in words, with outcomes and no findings', async () => {
  // Eleven sponsored cases: more than one page of ten. One is withdrawn, so it has an outcome.
  const created: { caseId: string; applicant: Principal }[] = [];
  for (let i = 0; i < 11; i += 1) created.push(await flow.newCase(eligibleApplication(), sponsor));
  const [first] = created;
  if (!first) throw new Error('no case');
  await flow.expectOk(first.applicant, first.caseId, 'withdrawal', { reason: 'Took another job' });
  await until('the read-model to list every case', async () => {
    const res = await harness.api.as(sponsor).get('/sponsored-cases?pageSize=100');
    const items = (res.body as { items: { id: string; status: string }[] }).items;
    const ids = new Set(items.filter((c) => c.status === 'OPEN' || c.id === first.caseId).map((c) => c.id));
    return created.every((c) => ids.has(c.caseId)) &&
      items.find((c) => c.id === first.caseId)?.status === 'CLOSED'
      ? true
      : undefined;
  });

  const page = await harness.signedIn('Sam Patel');
  expect(new URL(page.url()).pathname).toBe('/sponsor/cases');
  expect(await h1(page)).toBe('Your applicants');
  await expectAccessible(page, 'sponsor-cases');
  const table = await page.locator('table').innerText();
  // Stages and outcomes in words: no internal codes, no findings.
  expect(table).not.toMatch(/[A-Z]+_[A-Z]+/);
  expect(table).not.toMatch(/finding|trace|risk/i);
  expect(await page.locator('tbody tr').count()).toBe(10);

  await page.locator('.govuk-pagination__next a').click();
  await page.waitForURL(/page=2/);
  await expectAccessible(page, 'sponsor-cases-page-2');

  await page.getByRole('link', { name: 'Closed' }).click();
  await page.waitForURL(/status=CLOSED$/);
  const closed = page.locator(`#case-${first.caseId}`);
  await expect(closed.innerText()).resolves.toContain('Withdrawn');
  await expect(closed.innerText()).resolves.toContain(`Case ${caseRef(first.caseId)}`);
  await expectAccessible(page, 'sponsor-cases-closed');
  await page.getByRole('link', { name: 'Open', exact: true }).click();
  await page.waitForURL(/status=OPEN$/);
  expect(await page.locator(`#case-${first.caseId}`).count()).toBe(0);
  await expect(page.locator('table').innerText()).resolves.toContain('Not decided yet');
  await page.context().close();
}, 300_000);

test('inviting an applicant: what is wrong is said next to the field, and the reference is given', async () => {
  const page = await harness.signedIn('Sam Patel', { javaScript: false });
  await page.getByRole('link', { name: 'Invite an applicant' }).first().click();
  expect(await h1(page)).toBe('Invite an applicant');

  // Nothing typed: the web service says so before asking the API.
  await page.getByRole('button', { name: 'Send invitation' }).click();
  expect(await errorSummary(page)).toContain('Enter the applicant’s user ID');
  await expect(page.locator('#applicantId-error').innerText()).resolves.toContain(
    'Enter the applicant’s user ID',
  );
  expect(await page.title()).toMatch(/^Error: /);

  // Too long: the API's 400 comes back as the same error summary and inline error, what was typed kept.
  const tooLong = 'x'.repeat(201);
  await page.getByLabel('Applicant’s user ID').fill(tooLong);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  // The previous page had an error summary too: wait for the new one.
  await page.locator('.govuk-error-summary', { hasText: 'up to 200 characters' }).waitFor();
  await expect(page.locator('#applicantId-error').innerText()).resolves.toContain('up to 200 characters');
  await expect(page.getByLabel('Applicant’s user ID').inputValue()).resolves.toBe(tooLong);

  const applicant = newApplicant();
  await page.getByLabel('Applicant’s user ID').fill(applicant.subject);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.waitForURL(/\/sponsor\/invite\/sent$/);
  expect(await h1(page)).toBe('Invitation sent');
  const reference = (await page.locator('#invitation-reference').innerText()).trim();
  expect(reference).toMatch(/^[0-9a-f-]{36}$/);
  // The reference is the invitation the applicant applies with.
  const seen = await harness.api.as(applicant).get(`/invitations/${reference}`);
  expect([200, 404]).toContain(seen.status);
  // Reloading the confirmation does not show it again (it was for that moment).
  await page.goto('/sponsor/invite/sent');
  await page.waitForURL(/\/sponsor\/invite$/);
  await page.context().close();

  // The same pages, scanned with JavaScript on.
  const scanned = await harness.signedIn('Sam Patel');
  await scanned.goto('/sponsor/invite');
  await expectAccessible(scanned, 'sponsor-invite');
  await scanned.getByRole('button', { name: 'Send invitation' }).click();
  // Wait for the answer before scanning: the click returns once the form is sent, not once the page is back.
  expect(await errorSummary(scanned)).toContain('Enter the applicant’s user ID');
  await expectAccessible(scanned, 'sponsor-invite-error');
  await scanned.getByRole('link', { name: 'Enter the applicant’s user ID' }).click();
  expect(await focusedId(scanned)).toBe('applicantId');
  await scanned.getByLabel('Applicant’s user ID').fill(newApplicant().subject);
  await scanned.getByRole('button', { name: 'Send invitation' }).click();
  await scanned.waitForURL(/\/sponsor\/invite\/sent$/);
  await expectAccessible(scanned, 'sponsor-invited');
  await scanned.context().close();
}, 300_000);

test('the clearance lookup answers for people the sponsor sponsors, and only for them', async () => {
  const { applicant } = await flow.newCase(eligibleApplication(), sponsor);
  const page = await harness.signedIn('Sam Patel');
  await page.goto('/sponsor/clearances');
  expect(await h1(page)).toBe('Check someone’s clearance');
  await expectAccessible(page, 'sponsor-clearances');

  await page.getByLabel('Their user ID').fill(newApplicant().subject);
  await page.getByRole('button', { name: 'Check clearance' }).click();
  expect(await errorSummary(page)).toContain('You can only look up people you sponsor');
  await expect(page.locator('#personId-error').innerText()).resolves.toContain('people you sponsor');
  await expectAccessible(page, 'sponsor-clearances-refused');

  await page.getByLabel('Their user ID').fill(applicant.subject);
  await page.getByRole('button', { name: 'Check clearance' }).click();
  await page.locator('#result').waitFor();
  // The id went in the form's body: it is not in the address.
  expect(page.url()).not.toContain(applicant.subject);
  await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('None');
  await expect(page.locator('main').innerText()).resolves.toContain(
    `${applicant.subject} does not hold a DV clearance.`,
  );
  await expectAccessible(page, 'sponsor-clearances-result');
  await page.context().close();
}, 300_000);

test('a sponsor reaches only the sponsor pages, and others cannot reach them; a CSRF-less post is refused', async () => {
  const checks: [string, string, number][] = [
    ['Sam Patel', '/work', 403],
    ['Alex Morgan', '/sponsor/cases', 403],
    ['Alex Morgan', '/sponsor/invite', 403],
    ['Alex Morgan', '/sponsor/clearances', 403],
    ['Olivia Hughes', '/sponsor/cases', 403],
    ['Hannah Wright', '/sponsor/clearances', 403],
  ];
  for (const [name, path, status] of checks) {
    const page = await harness.signedIn(name);
    const response = await page.goto(path);
    expect({ name, path, status: response?.status() }).toEqual({ name, path, status });
    expect(await h1(page)).toBe('You do not have access to this page');
    await page.context().close();
  }

  const page = await harness.signedIn('Sam Patel');
  const applicant = newApplicant();
  for (const [path, form] of [
    ['/sponsor/invite', { applicantId: applicant.subject }],
    ['/sponsor/clearances', { personId: applicant.subject }],
  ] as const) {
    const refused = await page.request.post(path, { form, maxRedirects: 0 });
    expect({ path, status: refused.status() }).toEqual({ path, status: 403 });
    expect(await refused.text()).toContain('This form has expired');
  }
  // The session carries on.
  await page.goto('/sponsor/invite');
  expect(await h1(page)).toBe('Invite an applicant');
  await page.context().close();
}, 300_000);
