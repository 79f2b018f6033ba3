import type { Page } from 'playwright-core';
import { StaffDirectoryService } from '../../apps/api/src/staff/staff-directory.service';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { officer } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The line manager in aftercare, in a real browser against the real API, worker, Temporal and PostgreSQL: the local
// applicant Alex Morgan is granted a DV clearance sponsored by Sam Patel, who finds Maya Collins (a local line
// manager) by name and names her on the clearance's page; Alex sees her name on his clearance; when the year's
// appraisal falls due she completes her part, raising a concern.
const YEAR_MS = 60_000;
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: {
    UPDATE_TIMEOUT_MS: '30000',
    AFTERCARE_YEAR_MS: String(YEAR_MS),
    APPRAISAL_REMINDER_MS: '40000',
    APPRAISAL_OVERDUE_MS: '55000',
  },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const maya: Principal = { subject: 'manager-1', roles: ['LINE_MANAGER'] };

interface Held {
  appraisal: {
    n: number;
    status: string;
    parts?: { holder: string | null; lineManager: string | null };
  } | null;
  lineManagerId?: string;
}

let clearanceId = '';

beforeAll(async () => {
  await harness.start();
  await harness.api.as(sponsor).get('/invitations');
  clearanceId = await flow.grantedByInvitation(sponsor, alex);
}, 600_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor({ timeout: 30_000 });
  return text(page, '.govuk-error-summary');
}

test('the sponsor finds the line manager by name, chooses them and checks who they are before saving', async () => {
  // Eleven line managers of one name (accented), so a search lists ten and says there are more.
  const directory = harness.api.app.get(StaffDirectoryService);
  for (let i = 0; i <= 10; i++)
    await directory.seen(
      { subject: `lm-web-${String(i).padStart(2, '0')}`, roles: ['LINE_MANAGER'] },
      'Zoë Quennellard',
    );

  // With JavaScript for axe; the journey is walked again below without it (plain forms).
  const page = await harness.signedIn('Sam Patel');
  await page.goto(`/sponsor/clearances/${clearanceId}`);
  expect(await text(page, '#line-manager')).toBe('Not named');
  await page.getByRole('link', { name: 'Name the line manager' }).click();
  await page.waitForURL(/\/line-manager$/);
  await page.getByRole('button', { name: 'Search' }).click();
  expect(await errorSummary(page)).toContain("Enter the line manager's name");
  await expectAccessible(page, 'line-manager-search-error');
  await page.locator('#term').fill('M');
  await page.getByRole('button', { name: 'Search' }).click();
  expect(await errorSummary(page)).toContain("Enter at least 2 letters of the line manager's name");
  expect(await page.locator('#term').inputValue()).toBe('M');
  await page.locator('#term').fill('Nobody Atall');
  await page.getByRole('button', { name: 'Search' }).click();
  expect(await errorSummary(page)).toContain('No line manager you can name has that name');
  expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#term');
  // An officer is not a line manager: not found by name either.
  await page.locator('#term').fill('Olivia');
  await page.getByRole('button', { name: 'Search' }).click();
  expect(await errorSummary(page)).toContain('No line manager you can name has that name');

  // Accents and case ignored; ten of the eleven listed, and the page says there are more.
  await page.locator('#term').fill('zoe QUENNELLARD');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/line-manager\/choose$/);
  expect(await page.locator('#line-manager-results input[type=radio]').count()).toBe(10);
  expect(await text(page, '#line-manager-capped')).toContain('More people have that name');
  await expectAccessible(page, 'line-manager-choose-capped');
  // Nothing chosen, or a choice the search did not offer: refused in the error summary.
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Select the line manager');
  await expectAccessible(page, 'line-manager-choose-error');
  const first = page.locator('#line-manager-results input[type=radio]').first();
  // (Typed by what it uses: the browser's DOM types are not this suite's.)
  const forge = (radio: { setAttribute(name: string, value: string): void }): void =>
    radio.setAttribute('value', 'officer-1');
  await first.evaluate(forge);
  await first.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Select the line manager');

  await page.getByRole('link', { name: /Search again/ }).click();
  await page.waitForURL(/\/line-manager$/);
  await page.locator('#term').fill('maya');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/line-manager\/choose$/);
  expect(await text(page, '#line-manager-results')).toContain('Maya Collins');
  expect(await page.locator('#line-manager-capped').count()).toBe(0);
  await expectAccessible(page, 'line-manager-choose');
  await page.getByLabel('Maya Collins').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/line-manager\/check$/);
  expect(await text(page, '#line-manager-candidate')).toContain('Maya Collins');
  await expectAccessible(page, 'line-manager-check');
  // Nothing is saved until the sponsor has checked who it is.
  expect(
    ((await harness.api.as(sponsor).get(`/clearances/${clearanceId}`)).body as Held).lineManagerId,
  ).toBeUndefined();

  const plain = await harness.signedIn('Sam Patel', { javaScript: false });
  await plain.goto(`/sponsor/clearances/${clearanceId}/line-manager`);
  // Part of the surname, without JavaScript: the results as radios, then the check page (name and ID).
  await plain.locator('#term').fill('Coll');
  await plain.getByRole('button', { name: 'Search' }).click();
  await plain.waitForURL(/\/line-manager\/choose$/);
  await plain.getByLabel('Maya Collins').check();
  await plain.getByRole('button', { name: 'Continue' }).click();
  await plain.waitForURL(/\/line-manager\/check$/);
  const checked = await text(plain, '#line-manager-candidate');
  expect(checked).toContain('Maya Collins');
  expect(checked).toContain(maya.subject);
  // Change goes back to the search with the name searched for.
  await plain.locator('#line-manager-candidate a', { hasText: 'Change' }).click();
  await plain.waitForURL(/\/line-manager$/);
  expect(await plain.locator('#term').inputValue()).toBe('Coll');
  await plain.getByRole('button', { name: 'Search' }).click();
  await plain.waitForURL(/\/line-manager\/choose$/);
  await plain.getByLabel('Maya Collins').check();
  await plain.getByRole('button', { name: 'Continue' }).click();
  await plain.waitForURL(/\/line-manager\/check$/);
  await plain.getByRole('button', { name: 'Save the line manager' }).click();
  await plain.waitForURL(new RegExp(`/sponsor/clearances/${clearanceId}$`));
  expect(await text(plain, '#line-manager')).toBe(`Maya Collins (${maya.subject})`);
  expect(((await harness.api.as(sponsor).get(`/clearances/${clearanceId}`)).body as Held).lineManagerId).toBe(
    maya.subject,
  );
  // The check and choice pages with nothing chosen (used up once saved) go back to the search.
  for (const step of ['check', 'choose']) {
    await plain.goto(`/sponsor/clearances/${clearanceId}/line-manager/${step}`);
    await plain.waitForURL(/\/line-manager$/);
  }
  await plain.context().close();
  await page.goto(`/sponsor/clearances/${clearanceId}`);
  expect(await text(page, '#line-manager')).toBe(`Maya Collins (${maya.subject})`);
  await expectAccessible(page, 'line-manager-named');

  // The holder sees their line manager by name, never by sign-in id.
  const holderPage = await harness.signedIn('Alex Morgan');
  await holderPage.goto('/clearance');
  expect(await text(holderPage, '#line-manager')).toBe('Maya Collins');
  expect(await text(holderPage, '#clearance')).not.toContain(maya.subject);
  await expectAccessible(holderPage, 'holder-clearance-line-manager');
  await holderPage.context().close();
});

test('the line manager completes their part of the appraisal, with errors first, raising a concern', async () => {
  const page = await harness.signedIn('Maya Collins');
  await page.waitForURL(/\/line-manager\/clearances$/);
  await page.locator(`#clearance-${clearanceId}`).waitFor();
  // The holder by name (from their application), not by their opaque sign-in id.
  expect(await text(page, `#clearance-${clearanceId} [data-holder]`)).toBe('Test Applicant');
  expect(await text(page, `#clearance-${clearanceId}`)).not.toContain(alex.subject);
  await expectAccessible(page, 'line-manager-clearances');
  await until(
    'the first appraisal to fall due',
    async () => {
      const held = (await harness.api.as(maya).get(`/clearances/${clearanceId}`)).body as Held;
      return held.appraisal && held.appraisal.status !== 'SUBMITTED' ? held : undefined;
    },
    YEAR_MS + 30_000,
    1000,
  );
  await page.reload();
  await page.getByRole('link', { name: /Complete your part/ }).click();
  await page.waitForURL(/\/appraisal$/);
  expect(await text(page, '#holder-name')).toBe('Holder: Test Applicant');
  await expectAccessible(page, 'line-manager-appraisal');

  await page.getByRole('button', { name: 'Send your part' }).click();
  const both = await errorSummary(page);
  expect(both).toContain('Select yes if you confirm the holder');
  expect(both).toContain('Select yes if you have a security concern');
  await expectAccessible(page, 'line-manager-appraisal-errors');

  await page.locator('#conductConfirmed').check();
  await page.locator('#raisesConcern').check();
  await page.getByRole('button', { name: 'Send your part' }).click();
  expect(await errorSummary(page)).toContain('Enter the details of your concern');
  // The answers given stay checked.
  expect(await page.locator('#conductConfirmed').isChecked()).toBe(true);
  await page.locator('#concernDetails').fill('Discussed classified work in a public place');
  await page.getByRole('button', { name: 'Send your part' }).click();
  await page.waitForURL(/\/line-manager\/clearances$/);
  expect(await text(page, '.govuk-notification-banner')).toContain(
    'Your part of the appraisal has been sent',
  );
  expect(await text(page, `#clearance-${clearanceId}`)).toContain('your part sent');
  await expectAccessible(page, 'line-manager-appraisal-sent');

  const held = (await harness.api.as(maya).get(`/clearances/${clearanceId}`)).body as Held;
  expect(held.appraisal?.parts?.lineManager).toEqual(expect.any(String));
  const queue = await harness.api.as(officer).get('/clearances/review-tasks?pageSize=100');
  const tasks = (queue.body as { items: { clearanceId: string; kind: string }[] }).items;
  expect(tasks.filter((t) => t.clearanceId === clearanceId).map((t) => t.kind)).toEqual([
    'APPRAISAL_CONCERN',
  ]);
  // Another clearance's appraisal page is not there for her.
  const other = await page.goto('/line-manager/clearances/7a0c1f7e-2f6b-4d0e-9a55-3f3c1b2a9d10/appraisal');
  expect(other?.status()).toBe(404);
});
