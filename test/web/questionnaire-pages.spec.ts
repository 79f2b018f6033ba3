import type { Page } from 'playwright-core';
import { QUESTIONNAIRE_SECTIONS } from '../../apps/web/src/applicant/questionnaire-sections';
import type { Principal, Questionnaire } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { invitationFrom } from '../support/invite';
import { lead, officer } from '../support/principals';
import { completeQuestionnaire } from '../support/questionnaire-fixture';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { fillSection, press, QUESTIONNAIRE } from './support/questionnaire-steps';
import { WebHarness } from './support/web-harness';

// The DV questionnaire in a real browser against the real API, worker, Temporal and PostgreSQL: the task list,
// every section filled in through its page (rows added with the "Add another" buttons), errors in the GOV.UK
// error summary, check your answers, sending it, an officer returning it with an item to fix, the section shown
// as "Needs changing", corrected and sent again. Once with JavaScript off, once with it on and axe on every page.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000' },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };
const BASE = QUESTIONNAIRE;

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** A case for `applicant` through the local sponsor's invitation, waiting for their questionnaire, assigned. */
async function caseWaitingFor(applicant: Principal): Promise<string> {
  const invitationId = await invitationFrom(harness.api, sponsor, applicant);
  const res = await harness.api
    .as(applicant)
    .post('/applications', { ...eligibleApplication(), invitationId });
  if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
  const caseId = (res.body as { caseId: string }).caseId;
  await flow.waitForStage(caseId, 'BASELINE_CHECKS');
  await harness.api.enrol(officer);
  await flow.expectOk(lead, caseId, 'assignment', { officerId: officer.subject });
  await flow.toQuestionnaire(caseId, applicant, officer);
  return caseId;
}

async function statusOf(page: Page, title: string): Promise<string> {
  const item = page.locator('.govuk-task-list__item', { hasText: title });
  return (await item.locator('.govuk-task-list__status').innerText()).trim();
}

/**
 * The whole questionnaire through the pages: refusals first, then every section filled and saved, checked
 * and sent; returned by the officer with an item about addresses, corrected and sent again.
 */
async function throughTheQuestionnaire(
  page: Page,
  caseId: string,
  applicant: Principal,
  a11y: (name: string) => Promise<void>,
): Promise<void> {
  await page.goto('/application');
  await a11y('questionnaire-status-action-needed');
  await page.getByRole('button', { name: 'Fill in your security questionnaire' }).click();
  await page.waitForURL(new RegExp(`${BASE}$`));
  expect(await text(page, '#sections-completed')).toBe('You have completed 0 of 10 sections.');
  expect(await statusOf(page, 'Your identity')).toBe('Not started');
  await a11y('questionnaire-task-list-new');

  // Sending it empty: the API's problems in the error summary, each linked to its section's page.
  await page.getByRole('button', { name: 'Check your answers' }).click();
  await page.waitForURL(new RegExp(`${BASE}/check-your-answers$`));
  await a11y('questionnaire-check-answers-empty');
  await press(page, 'Accept and send');
  await page.locator('.govuk-error-summary').waitFor();
  await expect(text(page, '.govuk-error-summary')).resolves.toContain(
    'Answer the questions in “Your identity”',
  );
  const firstLink = page.locator('.govuk-error-summary a').first();
  expect(await firstLink.getAttribute('href')).toMatch(new RegExp(`^${BASE}/identity#`));
  await a11y('questionnaire-check-answers-refused');

  // Every section's page before anything is saved.
  for (const spec of QUESTIONNAIRE_SECTIONS) {
    await page.goto(`${BASE}/${spec.key}`);
    expect(await text(page, 'h1')).toBe(spec.title);
    await a11y(`questionnaire-section-${spec.key}`);
  }

  // A date that is not real is refused on the page, with what was typed kept.
  await page.goto(`${BASE}/identity`);
  await page.locator('#identity-givenNames').fill('Sam');
  await page.locator('#identity-dateOfBirth-day').fill('31');
  await page.locator('#identity-dateOfBirth-month').fill('2');
  await page.locator('#identity-dateOfBirth-year').fill('1990');
  await press(page, 'Save and continue');
  await page.locator('.govuk-error-summary').waitFor();
  expect(await text(page, '.govuk-error-summary')).toContain('Date of birth must be a real date');
  expect(await text(page, '#identity-dateOfBirth-error')).toContain('Date of birth must be a real date');
  expect(await page.locator('#identity-dateOfBirth-day').inputValue()).toBe('31');
  expect(await page.locator('#identity-givenNames').inputValue()).toBe('Sam');
  await a11y('questionnaire-section-date-refused');

  // What the API refuses (a name over its 200 characters) comes back on the field, typed as it was, unsaved.
  await page.locator('#identity-dateOfBirth-day').fill('1');
  await page.locator('#identity-familyName').fill('x'.repeat(201));
  await press(page, 'Save and continue');
  await page.locator('.govuk-error-summary').waitFor();
  const refusal = page.locator('.govuk-error-summary a', { hasText: '200 characters' });
  expect(await refusal.getAttribute('href')).toBe('#identity-familyName');
  expect(await text(page, '#identity-familyName-error')).toContain('Family name must be');
  expect(await page.locator('#identity-familyName').inputValue()).toHaveLength(201);
  const unsaved = await harness.api.as(applicant).get(`/cases/${caseId}/questionnaire/draft`);
  expect((unsaved.body as { content: object }).content).toEqual({});
  await a11y('questionnaire-section-api-refused');

  // Saved with answers missing: "Save and continue" lists them; "Save and return" goes back to the task list.
  await page.goto(`${BASE}/referees`);
  await page.locator('#referees-0-name').fill('Only One');
  await press(page, 'Save and continue');
  await page.waitForURL(new RegExp(`${BASE}/referees$`));
  expect(await text(page, '.govuk-error-summary')).toContain('Referee 1: enter how they know you');
  expect(await text(page, '#referees-0-relationship-error')).toContain('Referee 1: enter how they know you');
  await a11y('questionnaire-section-problems');
  await press(page, 'Save and return to the task list');
  await page.waitForURL(new RegExp(`${BASE}$`));
  expect(await statusOf(page, 'Your referees')).toBe('In progress');

  // Every section, filled in and saved.
  const answers = completeQuestionnaire();
  for (const spec of QUESTIONNAIRE_SECTIONS) {
    await fillSection(page, spec, answers[spec.key]);
    await press(page, 'Save and continue');
    await page.waitForURL(new RegExp(`${BASE}$`));
    expect({ section: spec.key, status: await statusOf(page, spec.title) }).toEqual({
      section: spec.key,
      status: 'Completed',
    });
  }
  expect(await text(page, '#sections-completed')).toBe('You have completed 10 of 10 sections.');
  await a11y('questionnaire-task-list-complete');
  const saved = await harness.api.as(applicant).get(`/cases/${caseId}/questionnaire/draft`);
  expect(saved.body).toMatchObject({ submittable: true, content: answers });

  await page.goto(`${BASE}/check-your-answers`);
  const checked = await text(page, 'main');
  for (const answer of ['2 Sample Road', 'Referee One', 'Sample plc', 'By birth'])
    expect(checked).toContain(answer);
  await a11y('questionnaire-check-answers');
  await press(page, 'Accept and send');
  await page.waitForURL(/\/application$/);
  expect(await text(page, '.govuk-notification-banner')).toContain(
    'Your security questionnaire has been sent',
  );
  expect(await text(page, '#application-status')).toBe('In progress');
  expect((await flow.inspect(caseId)).questionnaire).toMatchObject({ status: 'SUBMITTED', version: 1 });
  // Nothing to fill in now: the questionnaire pages go back to the status.
  await page.goto(BASE);
  await page.waitForURL(/\/application$/);

  // The officer returns it with an item about the addresses: that section needs changing.
  await flow.expectOk(officer, caseId, 'questionnaire/return', {
    items: ['Address history: give the address you lived at before 1 Example Street'],
  });
  await page.goto('/application');
  expect(await text(page, '#application-status')).toBe('Action needed');
  await page.getByRole('button', { name: 'Fill in your security questionnaire' }).click();
  await page.waitForURL(new RegExp(`${BASE}$`));
  expect(await text(page, '#items-to-fix')).toContain('give the address you lived at before');
  expect(await statusOf(page, 'Where you have lived')).toBe('Needs changing');
  expect(await statusOf(page, 'Your identity')).toBe('Completed');
  await a11y('questionnaire-task-list-returned');

  const corrected: Questionnaire['addresses'] = {
    ...answers.addresses,
    periods: [
      {
        ...answers.addresses.periods[0],
        town: 'Bradford',
      },
      ...answers.addresses.periods.slice(1),
    ],
  };
  await fillSection(page, QUESTIONNAIRE_SECTIONS[1], corrected);
  await press(page, 'Save and continue');
  await page.waitForURL(new RegExp(`${BASE}$`));
  expect(await statusOf(page, 'Where you have lived')).toBe('Completed');
  await page.goto(`${BASE}/check-your-answers`);
  await press(page, 'Accept and send');
  await page.waitForURL(/\/application$/);
  expect((await flow.inspect(caseId)).questionnaire).toMatchObject({ status: 'SUBMITTED', version: 2 });

  // Accepted, the case moves on to the checks.
  await flow.expectOk(officer, caseId, 'questionnaire/acceptance');
  await until('the case to leave the questionnaire stage', async () =>
    (await flow.inspect(caseId)).stage !== 'QUESTIONNAIRE' ? true : undefined,
  );
}

test('an applicant fills in, sends, corrects and resends the questionnaire with JavaScript off; forged posts are refused', async () => {
  const caseId = await caseWaitingFor(jordan);
  const page = await harness.newPage({ javaScript: false });
  await harness.signInAs(page, 'Jordan Reid');

  // A POST without the CSRF token is refused, and saves or sends nothing.
  for (const path of [`${BASE}/identity`, `${BASE}/submission`]) {
    const forged = await page.request.post(path, {
      form: { 'identity-givenNames': 'Forged', action: 'save' },
      maxRedirects: 0,
    });
    expect({ path, status: forged.status() }).toEqual({ path, status: 403 });
    expect(await forged.text()).toContain('This form has expired');
  }
  const draft = await harness.api.as(jordan).get(`/cases/${caseId}/questionnaire/draft`);
  expect(draft.body).toMatchObject({ version: 0, content: {} });

  await throughTheQuestionnaire(page, caseId, jordan, () => Promise.resolve());
  await page.context().close();
}, 900_000);

test('every questionnaire page passes axe, in every state, with JavaScript on; an unknown section is a 404', async () => {
  const caseId = await caseWaitingFor(alex);
  const page = await harness.newPage();
  await harness.signInAs(page, 'Alex Morgan');
  const missing = await page.goto(`${BASE}/not-a-section`);
  expect(missing?.status()).toBe(404);
  await throughTheQuestionnaire(page, caseId, alex, (name) => expectAccessible(page, name));
  await page.context().close();
}, 900_000);

test('a long list posts as one form: 70 trips abroad are saved', async () => {
  const caseId = await caseWaitingFor(jordan);
  const page = await harness.newPage({ javaScript: false });
  await harness.signInAs(page, 'Jordan Reid');
  await page.goto(`${BASE}/travel`);
  const form: Record<string, string> = {
    _csrf: await page.locator('input[name=_csrf]').first().inputValue(),
    action: 'return',
    'travel-rows': '70',
  };
  for (let row = 0; row < 70; row += 1) {
    Object.assign(form, {
      [`travel-${row}-country`]: 'FR',
      [`travel-${row}-from-day`]: '1',
      [`travel-${row}-from-month`]: '3',
      [`travel-${row}-from-year`]: '2024',
      [`travel-${row}-to-day`]: '8',
      [`travel-${row}-to-month`]: '3',
      [`travel-${row}-to-year`]: '2024',
      [`travel-${row}-purpose`]: `Trip ${row + 1}`,
    });
  }
  const saved = await page.request.post(`${BASE}/travel`, { form, maxRedirects: 0 });
  expect(saved.status()).toBe(303);
  expect(saved.headers().location).toBe(BASE);
  const draft = await harness.api.as(jordan).get(`/cases/${caseId}/questionnaire/draft`);
  expect((draft.body as { content: { travel: unknown[] } }).content.travel).toHaveLength(70);
  await page.context().close();
}, 300_000);
