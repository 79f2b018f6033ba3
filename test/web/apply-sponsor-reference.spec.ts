import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// Applying without an invitation under the production default (APPLICATIONS_WITHOUT_INVITATION=HOLD): the
// applicant is asked for their sponsor's reference, the application waits for that sponsor, and the sponsor's
// confirmation on /sponsor/requests starts the vetting. Alex Morgan applies, naming the local sponsor Sam Patel
// by the reference Sam's requests page shows.
const harness = new WebHarness({
  worker: true,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000', APPLICATIONS_WITHOUT_INVITATION: 'HOLD' },
});
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const QUESTION = "What is your sponsor's reference?";

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

const thisYear = Number(new Date().toISOString().slice(0, 4));

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

async function continueTo(page: Page, path: string, button = 'Continue'): Promise<void> {
  await Promise.all([
    page.waitForURL((url) => url.pathname === path),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

async function expectErrors(page: Page, ...errors: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.locator('.govuk-error-summary').waitFor();
  const summary = await text(page, '.govuk-error-summary');
  for (const error of errors) expect(summary).toContain(error);
  expect(await page.title()).toMatch(/^Error: /);
}

async function fillDate(page: Page, id: string, day: string, month: string, year: string): Promise<void> {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

async function applicationStatus(): Promise<string | undefined> {
  const res = await harness.api.as(alex).get('/applications');
  return (res.body as { items: { status: string }[] }).items[0]?.status;
}

test("without an invitation, the sponsor's reference is asked, checked and sent; the application waits for that sponsor", async () => {
  // The reference to give is the one Sam Patel's requests page shows.
  const sam = await harness.signedIn('Sam Patel');
  await sam.goto('/sponsor/requests');
  const reference = await text(sam, '#sponsor-reference');
  expect(reference).toBe('sponsor-1');

  // JavaScript on: axe runs in the page.
  const page = await harness.signedIn('Alex Morgan');
  await page.goto('/application/apply/invitation');
  await page.getByLabel('No', { exact: true }).check();
  await continueTo(page, '/application/apply/sponsor-reference');

  // The question: GOV.UK text input, its hint, errors in the summary and beside the field.
  expect(await text(page, 'h1')).toBe(QUESTION);
  expect(await text(page, '#sponsorReference-hint')).toBe(
    'Your sponsor gave you this when they offered you the post. It is not your invitation reference.',
  );
  expect(await page.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(
    '/application/apply/invitation',
  );
  await expectAccessible(page, 'apply-sponsor-reference');
  await expectErrors(page, "Enter your sponsor's reference");
  expect(await text(page, '#sponsorReference-error')).toContain("Enter your sponsor's reference");
  await expectAccessible(page, 'apply-sponsor-reference-error');
  await page.getByLabel(QUESTION).fill('sponsor 1/2');
  await expectErrors(page, "Sponsor's reference must only include letters, numbers");
  // What was typed comes back, to correct.
  expect(await page.getByLabel(QUESTION).inputValue()).toBe('sponsor 1/2');
  await page.getByLabel(QUESTION).fill('x'.repeat(201));
  await expectErrors(page, "Sponsor's reference must be 200 characters or fewer");
  await page.getByLabel(QUESTION).fill('sponsor-2');
  await continueTo(page, '/application/apply/name');
  expect(await page.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(
    '/application/apply/sponsor-reference',
  );

  await page.getByLabel('First name').fill('Alex');
  await page.getByLabel('Last name').fill('Morgan');
  await continueTo(page, '/application/apply/email');
  await page.getByLabel('What is your email address?').fill('alex.morgan@example.org');
  await continueTo(page, '/application/apply/date-of-birth');
  await fillDate(page, 'dateOfBirth', '17', '5', '1990');
  await continueTo(page, '/application/apply/start-date');
  await fillDate(page, 'intendedStartDate', '1', '6', String(thisYear + 1));
  await continueTo(page, '/application/apply/nationality');
  await page.getByLabel('Yes, from birth').check();
  await continueTo(page, '/application/apply/other-nationalities');
  await page.getByLabel('No', { exact: true }).check();
  await continueTo(page, '/application/apply/addresses/add');
  await page.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await fillDate(page, 'from', '1', '1', '2008');
  await continueTo(page, '/application/apply/addresses');
  await continueTo(page, '/application/apply/discretion');
  await page.getByLabel('I understand, and I will keep my application discreet').check();
  await continueTo(page, '/application/apply/check');

  // On "Check your answers", with a Change link back to the question, which keeps the answer to change.
  expect(await text(page, '#answers')).toContain("Sponsor's reference sponsor-2");
  await page.getByRole('link', { name: "Change sponsor's reference" }).click();
  await page.waitForURL('**/application/apply/sponsor-reference');
  expect(await page.getByLabel(QUESTION).inputValue()).toBe('sponsor-2');
  await page.getByLabel(QUESTION).fill(reference);
  await continueTo(page, '/application/apply/check');
  expect(await text(page, '#answers')).toContain(`Sponsor's reference ${reference}`);
  await expectAccessible(page, 'apply-check-sponsor-reference');

  // Sent: it waits for the sponsor, as the confirmation and the status page say.
  await continueTo(page, '/application/apply/sent', 'Accept and send');
  expect(await text(page, '#waiting-for-sponsor')).toContain(
    'Your sponsor needs to confirm your application',
  );
  expect(await applicationStatus()).toBe('WAITING_FOR_SPONSOR');
  await page.getByRole('link', { name: 'See where your application is' }).click();
  await page.waitForURL((url) => url.pathname === '/application');
  expect(await text(page, '#application-status')).toContain('Waiting for your sponsor');

  // Sam Patel sees the request and confirms it: vetting starts, and Alex is no longer waiting for the sponsor.
  await sam.goto('/sponsor/requests');
  const request = sam.locator('#requests tbody tr', { hasText: 'Alex Morgan' });
  await request.waitFor();
  await Promise.all([
    sam.waitForURL((url) => url.pathname === '/sponsor/requests'),
    request.getByRole('button', { name: /^Confirm/ }).click(),
  ]);
  expect(await text(sam, '.govuk-notification-banner')).toContain('Sponsorship confirmed');
  await until(
    'the application past the sponsor',
    async () => ((await applicationStatus()) !== 'WAITING_FOR_SPONSOR' ? true : undefined),
    60_000,
    500,
  );
  await page.reload();
  expect(await text(page, '#application-status')).not.toContain('Waiting for your sponsor');
  await sam.context().close();
  await page.context().close();
}, 600_000);
