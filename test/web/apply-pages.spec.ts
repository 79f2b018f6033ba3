import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { invitationFrom } from '../support/invite';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { focusIsVisible, tabTo } from './support/keyboard';
import { WebHarness } from './support/web-harness';

// The application journey in a real browser against the real API, worker, Temporal and PostgreSQL: one question
// a page, errors in the GOV.UK error summary, "Check your answers" with change links, and a case the API
// created at the end. The applicants are the local users Jordan Reid (with an invitation from the local
// sponsor, Sam Patel, and JavaScript off) and Alex Morgan (no invitation, time abroad, JavaScript on).
const harness = new WebHarness({ worker: true, apiEnv: { UPDATE_TIMEOUT_MS: '30000' } });
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

const thisYear = Number(new Date().toISOString().slice(0, 4));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

/** Submits the page's form and waits for the next page (every answer is POST-redirect-GET). */
async function continueTo(page: Page, path: string | RegExp, button = 'Continue'): Promise<void> {
  await Promise.all([
    page.waitForURL(typeof path === 'string' ? (url) => url.pathname === path : path),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

/** Submits and expects the same page back with these errors in the error summary. */
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

async function addCountry(page: Page, country: string, from: string[], to: string[] | null): Promise<void> {
  await page.getByLabel('Country').selectOption({ label: country });
  await fillDate(page, 'from', from[0] ?? '', from[1] ?? '', from[2] ?? '');
  if (to) await fillDate(page, 'to', to[0] ?? '', to[1] ?? '', to[2] ?? '');
  await continueTo(page, '/application/apply/addresses');
}

test('an invited applicant applies with JavaScript off: every question, its errors, check your answers, a created case', async () => {
  const invitationId = await invitationFrom(harness.api, sponsor, jordan);
  const page = await harness.signedIn('Jordan Reid', { javaScript: false });
  expect(new URL(page.url()).pathname).toBe('/application');
  await Promise.all([
    page.waitForURL('**/application/apply'),
    page.getByRole('button', { name: 'Apply for security clearance' }).click(),
  ]);
  expect(await h1(page)).toBe('Apply for security clearance');
  await Promise.all([
    page.waitForURL('**/application/apply/invitation'),
    page.getByRole('button', { name: 'Start now' }).click(),
  ]);

  // Invitation: nothing chosen, then a reference that is not theirs, then theirs.
  await expectErrors(page, 'Select yes if your sponsor gave you an invitation reference');
  await page.getByLabel('Yes').check();
  await continueTo(page, '/application/apply/invitation-reference');
  await expectErrors(page, 'Enter your invitation reference');
  await page.getByLabel('What is your invitation reference?').fill('00000000-0000-4000-8000-000000000000');
  await expectErrors(page, 'We cannot find that invitation for you');
  expect(await text(page, '#invitationId-error')).toContain('We cannot find that invitation');
  await page.getByLabel('What is your invitation reference?').fill(invitationId);
  await continueTo(page, '/application/apply/name');

  // A POST without the CSRF token is refused, and changes nothing.
  const forged = await page.request.post('/application/apply/name', {
    form: { givenName: 'Forged', familyName: 'Name' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('This form has expired');

  await expectErrors(page, 'Enter your first name', 'Enter your last name');
  expect(await page.getByLabel('First name').inputValue()).toBe('');
  await page.getByLabel('First name').fill('Jordan');
  await page.getByLabel('Last name').fill('Reid');
  await continueTo(page, '/application/apply/email');
  await page.getByLabel('What is your email address?').fill('jordan.reid@');
  await expectErrors(page, 'Enter an email address in the correct format');
  // What was typed comes back, to correct.
  expect(await page.getByLabel('What is your email address?').inputValue()).toBe('jordan.reid@');
  await page.getByLabel('What is your email address?').fill('jordan.reid@example.org');
  await continueTo(page, '/application/apply/date-of-birth');

  await expectErrors(page, 'Enter your date of birth');
  await fillDate(page, 'dateOfBirth', '31', '2', '1990');
  await expectErrors(page, 'Date of birth must be a real date');
  await fillDate(page, 'dateOfBirth', '12', '', '1990');
  await expectErrors(page, 'Date of birth must include a month');
  await fillDate(page, 'dateOfBirth', '12', '4', String(thisYear - 10));
  await expectErrors(page, 'You must be 18 or over on the date you start the job');
  await fillDate(page, 'dateOfBirth', '12', '4', '1995');
  await continueTo(page, '/application/apply/start-date');

  await fillDate(page, 'intendedStartDate', '1', '3', String(thisYear + 5));
  await expectErrors(page, 'The date you start must be within 2 years from today');
  await fillDate(page, 'intendedStartDate', '1', '3', String(thisYear + 1));
  await continueTo(page, '/application/apply/nationality');

  await expectErrors(page, 'Select whether you are a British citizen');
  await page.getByLabel('Yes, from birth').check();
  await continueTo(page, '/application/apply/other-nationalities');
  await page.getByLabel('No', { exact: true }).check();
  await continueTo(page, '/application/apply/addresses/add');

  // Addresses: where they live now, then a gap the summary names, then the missing months.
  expect(await h1(page)).toBe('Where do you live now?');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await text(page, '.govuk-error-summary')).toContain('Select the country you lived in');
  expect(await text(page, '.govuk-error-summary')).toContain('Enter the date you started living there');
  await addCountry(page, 'United Kingdom', ['1', '3', '2020'], null);
  await page.getByRole('button', { name: 'Add another country' }).click();
  await page.waitForURL('**/addresses/add');
  await page.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await fillDate(page, 'from', '1', '1', '2008');
  await fillDate(page, 'to', '1', '1', '2007');
  await expectErrors(page, 'The date you stopped living there must be after the date you started');
  await addCountry(page, 'United Kingdom', ['1', '1', '2008'], ['31', '12', '2019']);
  expect(await text(page, '#still-missing')).toContain(
    'Add where you lived from 1 January 2020 to 29 February 2020',
  );
  await expectErrors(page, 'Add where you lived from 1 January 2020 to 29 February 2020');
  await page.getByRole('button', { name: 'Add another country' }).click();
  await page.waitForURL('**/addresses/add');
  await addCountry(page, 'United Kingdom', ['1', '1', '2020'], ['29', '2', '2020']);
  expect(await page.locator('#still-missing').count()).toBe(0);
  // All in the UK: the reason for time abroad is not asked.
  await continueTo(page, '/application/apply/discretion');

  await expectErrors(page, 'Confirm that you will keep your application discreet');
  await page.getByLabel('I understand, and I will keep my application discreet').check();
  await continueTo(page, '/application/apply/check');

  expect(await h1(page)).toBe('Check your answers before sending your application');
  const answers = await text(page, '#answers');
  expect(answers).toContain(invitationId);
  expect(answers).toContain('Jordan Reid');
  expect(answers).toContain('12 April 1995');
  expect(answers).toContain('United Kingdom: 1 January 2008 to 31 December 2019');
  // Change an answer: back to the question, then straight back to the check page.
  await page.getByRole('link', { name: 'Change email address' }).click();
  await page.waitForURL('**/application/apply/email');
  await page.getByLabel('What is your email address?').fill('j.reid@example.org');
  await continueTo(page, '/application/apply/check');
  expect(await text(page, '#answers')).toContain('j.reid@example.org');

  // The sponsor withdraws that invitation before Jordan sends: the refusal is on the page, linked to the answer
  // to change, and nothing is created. A new invitation's reference, and it goes.
  const withdrawn = await harness.api.as(sponsor).post(`/invitations/${invitationId}/withdrawal`);
  expect(withdrawn.status).toBe(200);
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(new URL(page.url()).pathname).toBe('/application/apply/check');
  expect(await text(page, '.govuk-error-summary')).toContain('That invitation can no longer be used');
  expect(((await harness.api.as(jordan).get('/applications')).body as { total: number }).total).toBe(0);
  const secondInvitation = await invitationFrom(harness.api, sponsor, jordan);
  await page.getByRole('link', { name: 'That invitation can no longer be used' }).click();
  await page.waitForURL('**/application/apply/invitation-reference');
  await page.getByLabel('What is your invitation reference?').fill(secondInvitation);
  await continueTo(page, '/application/apply/check');
  expect(await text(page, '#answers')).toContain(secondInvitation);

  await continueTo(page, '/application/apply/sent', 'Accept and send');
  expect(await text(page, '.govuk-panel')).toContain('Application sent');
  const ref = await text(page, '#application-ref');

  // The case exists, through Jordan's invitation (so Sam Patel sponsors it), with the answers given.
  const list = await harness.api.as(jordan).get('/applications');
  const items = (list.body as { items: { id: string }[] }).items;
  expect(items).toHaveLength(1);
  expect(items[0]?.id.slice(0, 8).toUpperCase()).toBe(ref);
  const sponsored = await harness.api.as(sponsor).get('/sponsored-cases');
  expect((sponsored.body as { items: { id: string }[] }).items.map((c) => c.id)).toContain(items[0]?.id);

  await page.getByRole('link', { name: 'See where your application is' }).click();
  await page.waitForURL((url) => url.pathname === '/application');
  await page.locator('#application-status').waitFor();
  // Applying again while it is worked on goes to its status; the confirmation is shown once only.
  await page.goto('/application/apply/name');
  await page.waitForURL((url) => url.pathname === '/application');
  await page.goto('/application/apply/sent');
  await page.waitForURL((url) => url.pathname === '/application');
  await page.context().close();
}, 600_000);

test('every page of the journey passes axe, with and without errors; time abroad asks for its reason', async () => {
  const page = await harness.signedIn('Alex Morgan');
  await page.goto('/application/apply');
  await expectAccessible(page, 'apply-start');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.waitForURL('**/invitation');
  await expectAccessible(page, 'apply-invitation');
  await expectErrors(page, 'Select yes');
  await expectAccessible(page, 'apply-invitation-error');
  await page.getByLabel('Yes', { exact: true }).check();
  await continueTo(page, '/application/apply/invitation-reference');
  await expectAccessible(page, 'apply-invitation-reference');
  await page.getByLabel('What is your invitation reference?').fill('not a reference');
  await expectErrors(page, 'Enter the invitation reference exactly as your sponsor gave it');
  await expectAccessible(page, 'apply-invitation-reference-error');
  // Changed their mind: back, and no invitation after all.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/application/apply/invitation');
  await page.getByLabel('No', { exact: true }).check();
  // Without an invitation, their sponsor's reference (this suite's API screens such applications at once).
  await continueTo(page, '/application/apply/sponsor-reference');
  await page.getByLabel("What is your sponsor's reference?").fill('sponsor-1');
  await continueTo(page, '/application/apply/name');
  await expectAccessible(page, 'apply-name');
  await expectErrors(page, 'Enter your first name');
  await expectAccessible(page, 'apply-name-error');
  await page.getByLabel('First name').fill('Alex');
  await page.getByLabel('Last name').fill('Morgan');
  await continueTo(page, '/application/apply/email');
  await expectAccessible(page, 'apply-email');
  await page.getByLabel('What is your email address?').fill('alex.morgan@example.org');
  await continueTo(page, '/application/apply/date-of-birth');
  await expectAccessible(page, 'apply-date-of-birth');
  await fillDate(page, 'dateOfBirth', '30', '2', '1990');
  await expectErrors(page, 'Date of birth must be a real date');
  await expectAccessible(page, 'apply-date-of-birth-error');
  await fillDate(page, 'dateOfBirth', '17', '5', '1990');
  await continueTo(page, '/application/apply/start-date');
  await expectAccessible(page, 'apply-start-date');
  await fillDate(page, 'intendedStartDate', '1', '6', String(thisYear + 1));
  await continueTo(page, '/application/apply/nationality');
  await expectAccessible(page, 'apply-nationality');
  await page.getByLabel('Yes, by naturalisation').check();
  await continueTo(page, '/application/apply/other-nationalities');
  await expectAccessible(page, 'apply-other-nationalities');
  await expectErrors(page, 'Select yes if you hold another nationality');
  await expectAccessible(page, 'apply-other-nationalities-error');
  await page.getByLabel('Yes', { exact: true }).check();
  await continueTo(page, '/application/apply/which-nationalities');
  await expectAccessible(page, 'apply-which-nationalities');
  await expectErrors(page, 'Select your other nationality');
  await expectAccessible(page, 'apply-which-nationalities-error');
  await page.getByLabel('Other nationality', { exact: true }).selectOption({ label: 'France' });
  await continueTo(page, '/application/apply/addresses/add');
  await expectAccessible(page, 'apply-address-first');
  await addCountry(page, 'United Kingdom', ['1', '7', String(thisYear - 4)], null);
  await expectAccessible(page, 'apply-addresses');
  await expectErrors(page, 'Add where you lived from');
  await expectAccessible(page, 'apply-addresses-gap');
  await page.getByRole('button', { name: 'Add another country' }).click();
  await page.waitForURL('**/addresses/add');
  await expectAccessible(page, 'apply-address-another');
  await addCountry(page, 'France', ['1', '1', '2008'], ['30', '6', String(thisYear - 4)]);
  await continueTo(page, '/application/apply/time-abroad');
  await expectAccessible(page, 'apply-time-abroad');
  expect(await text(page, 'main')).toContain('at least 9 of the last 10 years');
  await expectErrors(page, 'Select why you lived outside the UK');
  await expectAccessible(page, 'apply-time-abroad-error');
  await page.getByLabel('Studying abroad').check();
  await continueTo(page, '/application/apply/discretion');
  await expectAccessible(page, 'apply-discretion');
  await expectErrors(page, 'Confirm that you will keep your application discreet');
  await expectAccessible(page, 'apply-discretion-error');
  await page.getByLabel('I understand, and I will keep my application discreet').check();
  await continueTo(page, '/application/apply/check');
  await expectAccessible(page, 'apply-check');
  const answers = await text(page, '#answers');
  expect(answers).toContain('British citizen by naturalisation');
  expect(answers).toContain('France');
  expect(answers).toContain('Studying abroad');

  // Removing an address from the list reopens the gap, and the check page sends them back to fill it.
  await page.getByRole('link', { name: 'Change where you have lived' }).click();
  await page.waitForURL('**/application/apply/addresses');
  await page.getByRole('button', { name: /^Remove France/ }).click();
  await page.locator('.govuk-notification-banner').waitFor();
  await page.goto('/application/apply/check');
  await page.waitForURL('**/application/apply/addresses');
  await page.getByRole('button', { name: 'Add another country' }).click();
  await page.waitForURL('**/addresses/add');
  await addCountry(page, 'France', ['1', '1', '2008'], ['30', '6', String(thisYear - 4)]);
  await continueTo(page, '/application/apply/check');

  await continueTo(page, '/application/apply/sent', 'Accept and send');
  await expectAccessible(page, 'apply-sent');
  await until('the application listed', async () => {
    const res = await harness.api.as(alex).get('/applications');
    return (res.body as { total: number }).total === 1 ? true : undefined;
  });
  await page.context().close();
}, 600_000);

/** Tabs to the page's main button (Continue, Accept and send) and presses Enter, as a keyboard user would. */
async function submitByKeyboard(page: Page, path: string): Promise<void> {
  await tabTo(page, 'main button.govuk-button:not(.govuk-button--secondary)');
  expect(await focusIsVisible(page)).toBe(true);
  await Promise.all([page.waitForURL((url) => url.pathname === path), page.keyboard.press('Enter')]);
}

async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(value);
}

async function typeDate(page: Page, id: string, day: string, month: string, year: string): Promise<void> {
  await typeInto(page, `#${id}-day`, day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

test('after a withdrawn application, the applicant applies again with the keyboard alone', async () => {
  // Alex's application from the test before, withdrawn: they may apply again.
  const list = await harness.api.as(alex).get('/applications');
  const first = (list.body as { items: { id: string }[] }).items[0]?.id ?? '';
  const withdrawn = await harness.api
    .as(alex)
    .post(`/cases/${first}/withdrawal`, { reason: 'Applied with the wrong dates' });
  expect(withdrawn.status).toBeLessThan(300);
  await until('the application closed', async () => {
    const res = await harness.api.as(alex).get('/applications', {});
    const items = (res.body as { items: { status: string }[] }).items;
    return items[0]?.status === 'CLOSED' ? true : undefined;
  });

  const page = await harness.signedIn('Alex Morgan');
  await tabTo(page, 'a[href="/application/apply"]');
  await Promise.all([page.waitForURL('**/application/apply'), page.keyboard.press('Enter')]);
  await tabTo(page, 'a.govuk-button--start');
  await Promise.all([page.waitForURL('**/application/apply/invitation'), page.keyboard.press('Enter')]);
  await tabTo(page, '#hasInvitation');
  // Arrow keys move between radios and choose the one reached (Yes, then No).
  await page.keyboard.press('ArrowRight');
  await submitByKeyboard(page, '/application/apply/sponsor-reference');
  await typeInto(page, '#sponsorReference', 'sponsor-1');
  await submitByKeyboard(page, '/application/apply/name');
  await typeInto(page, '#givenName', 'Alex');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Morgan');
  await submitByKeyboard(page, '/application/apply/email');
  await typeInto(page, '#email', 'alex.morgan@example.org');
  await submitByKeyboard(page, '/application/apply/date-of-birth');
  await typeDate(page, 'dateOfBirth', '17', '5', '1990');
  await submitByKeyboard(page, '/application/apply/start-date');
  await typeDate(page, 'intendedStartDate', '1', '9', String(thisYear + 1));
  await submitByKeyboard(page, '/application/apply/nationality');
  await tabTo(page, '#nationality');
  await page.keyboard.press('Space');
  await submitByKeyboard(page, '/application/apply/other-nationalities');
  await tabTo(page, '#hasOther');
  await page.keyboard.press('ArrowRight');
  await submitByKeyboard(page, '/application/apply/addresses/add');
  // A select chooses by typing the start of an option.
  await typeInto(page, '#country', 'United Kingdom');
  await typeDate(page, 'from', '1', '1', '2008');
  await submitByKeyboard(page, '/application/apply/addresses');
  expect(await text(page, 'main table')).toContain('United Kingdom');
  await submitByKeyboard(page, '/application/apply/discretion');
  await tabTo(page, '#discretionAcknowledged');
  await page.keyboard.press('Space');
  await submitByKeyboard(page, '/application/apply/check');
  expect(await text(page, '#answers')).toContain('United Kingdom: 1 January 2008 to now');
  await submitByKeyboard(page, '/application/apply/sent');
  expect(await text(page, '.govuk-panel')).toContain('Application sent');
  const after = await harness.api.as(alex).get('/applications');
  expect((after.body as { total: number }).total).toBe(2);
  await page.context().close();
}, 600_000);
