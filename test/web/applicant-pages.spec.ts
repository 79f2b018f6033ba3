import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { invitationFrom } from '../support/invite';
import { adjudicator } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The applicant's pages in a real browser against the real API, worker, Temporal and PostgreSQL: the coarse
// status (never the stage), the decision in words with only the reasons they may be told, their messages, and
// withdrawing with a confirmation. The applicants are the local users Alex Morgan and Jordan Reid, who apply
// through an invitation from the local sponsor, Sam Patel.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000' },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

/** `applicant` applies through an invitation from the local sponsor; the case id. */
async function applyAs(applicant: Principal): Promise<string> {
  const invitationId = await invitationFrom(harness.api, sponsor, applicant);
  const res = await harness.api
    .as(applicant)
    .post('/applications', { ...eligibleApplication(), invitationId });
  if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { caseId: string }).caseId;
}

test('an applicant follows their application, withdraws it with a confirmation; JavaScript off', async () => {
  const page = await harness.signedIn('Jordan Reid', { javaScript: false });
  expect(new URL(page.url()).pathname).toBe('/application');
  await expect(text(page, 'main')).resolves.toContain('You have not applied for security clearance yet');

  const caseId = await applyAs(jordan);
  await flow.toQuestionnaire(caseId, jordan);
  await page.goto('/application');
  expect(await text(page, '#application-status')).toBe('Action needed');
  const main = await text(page, 'main');
  expect(main).toContain('complete and send your security questionnaire');
  // The coarse words only: never the internal stage.
  expect(main).not.toMatch(/[A-Z]+_[A-Z]+|QUESTIONNAIRE/);
  expect(main).not.toMatch(/screening|record check|investigation/i);

  // Withdraw: the confirmation page asks why; nothing typed is an error next to the field.
  await page.getByRole('button', { name: 'Withdraw your application' }).click();
  await page.waitForURL(new RegExp(`/application/${caseId}/withdraw$`));
  expect(await h1(page)).toBe('Are you sure you want to withdraw your application?');
  await page.getByRole('button', { name: 'Yes, withdraw my application' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await text(page, '.govuk-error-summary')).toContain(
    'Enter why you are withdrawing your application',
  );
  expect(await text(page, '#reason-error')).toContain('Enter why you are withdrawing your application');

  // A POST without the CSRF token is refused, and withdraws nothing.
  const forged = await page.request.post(`/application/${caseId}/withdraw`, {
    form: { reason: 'forged' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('This form has expired');
  expect((await flow.inspect(caseId)).status).toBe('OPEN');

  await page.getByLabel('Why are you withdrawing?').fill('I have accepted another job');
  await page.getByRole('button', { name: 'Yes, withdraw my application' }).click();
  await page.waitForURL(new RegExp(`/application/${caseId}$`));
  expect(await text(page, '.govuk-notification-banner')).toContain('Your application has been withdrawn');
  expect(await text(page, '#application-status')).toBe('Closed');
  expect(await page.getByRole('button', { name: 'Withdraw your application' }).count()).toBe(0);
  expect((await flow.inspect(caseId)).stage).toBe('WITHDRAWN');
  // The confirmation page of a closed application goes back to its status.
  await page.goto(`/application/${caseId}/withdraw`);
  await page.waitForURL(new RegExp(`/application/${caseId}$`));
  await page.context().close();
}, 300_000);

test('the status, confirmation and messages pages pass axe, and a decision is told in words with its disclosable reasons only', async () => {
  const caseId = await applyAs(alex);
  await flow.toQuestionnaire(caseId, alex);
  const page = await harness.signedIn('Alex Morgan');
  await expectAccessible(page, 'applicant-status-action-needed');
  await page.getByRole('button', { name: 'Withdraw your application' }).click();
  await page.waitForURL(/\/withdraw$/);
  await expectAccessible(page, 'applicant-withdraw');
  await page.getByRole('button', { name: 'Yes, withdraw my application' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await expectAccessible(page, 'applicant-withdraw-error');
  await page.getByRole('link', { name: 'No, go back' }).click();
  await page.waitForURL(new RegExp(`/application/${caseId}$`));
  await expectAccessible(page, 'applicant-status-one');

  // Through the whole of vetting to a refusal with one reason they may be told and one they may not.
  await flow.toDecision(caseId, alex);
  await flow.expectOk(adjudicator, caseId, 'decision', {
    outcome: 'REFUSED',
    disclosableReasons: ['Unresolved concerns about undeclared debts'],
    nonDisclosableReasons: ['Closed source intelligence, not to be disclosed'],
  });
  await flow.waitForStage(caseId, 'REFUSED');
  await page.goto('/application');
  expect(await text(page, '#application-status')).toBe('Decision made');
  expect(await text(page, '#decision-message')).toBe('Your security clearance has not been granted.');
  expect(await text(page, '#decision-reasons')).toBe('Unresolved concerns about undeclared debts');
  expect(await text(page, 'main')).not.toContain('Closed source intelligence');
  expect(await page.getByRole('button', { name: 'Withdraw your application' }).count()).toBe(0);
  await expectAccessible(page, 'applicant-status-decided');

  // Their messages: discreet notices of the decision, marked read one by one or all at once.
  await until('a message about the decision', async () => {
    const res = await harness.api.as(alex).get('/inbox');
    return (res.body as { total: number }).total > 0 ? true : undefined;
  });
  await page.getByRole('link', { name: 'Messages' }).first().click();
  await page.waitForURL(/\/messages$/);
  expect(await h1(page)).toBe('Messages');
  await expectAccessible(page, 'applicant-messages');
  await expect(text(page, 'main')).resolves.not.toMatch(/refus|not been granted|undeclared debts/i);
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.locator('.govuk-notification-banner').waitFor();
  expect(await text(page, '.govuk-notification-banner')).toContain('All your messages are marked as read');
  expect(await page.locator('.govuk-tag', { hasText: 'New' }).count()).toBe(0);
  await expectAccessible(page, 'applicant-messages-read');
  await page.context().close();

  // The sponsor sees the outcome in their list.
  const sponsorPage = await harness.signedIn('Sam Patel');
  await sponsorPage.goto('/sponsor/cases?status=CLOSED');
  await expect(text(sponsorPage, `#case-${caseId}`)).resolves.toContain('Clearance refused');
  await sponsorPage.context().close();
}, 600_000);

test('an applicant reaches only their own pages and applications; other roles cannot reach them', async () => {
  const others = await flow.newCase(eligibleApplication());
  const checks: [string, string, number, string][] = [
    ['Sam Patel', '/application', 403, 'You do not have access to this page'],
    ['Olivia Hughes', '/application', 403, 'You do not have access to this page'],
    ['Hannah Wright', '/messages', 403, 'You do not have access to this page'],
    ['Ada Brooks', `/application/${others.caseId}`, 403, 'You do not have access to this page'],
    ['Alex Morgan', '/sponsor/cases', 403, 'You do not have access to this page'],
    ['Alex Morgan', `/application/${others.caseId}`, 404, 'Page not found'],
    ['Alex Morgan', `/application/${others.caseId}/withdraw`, 404, 'Page not found'],
    ['Alex Morgan', '/application/not-a-case-id', 404, 'Page not found'],
  ];
  for (const [name, path, status, heading] of checks) {
    const page = await harness.signedIn(name);
    const response = await page.goto(path);
    expect({ name, path, status: response?.status() }).toEqual({ name, path, status });
    expect(await h1(page)).toBe(heading);
    await page.context().close();
  }
  // Someone else's application cannot be withdrawn by posting to it either.
  const page = await harness.signedIn('Alex Morgan');
  await page.goto('/application');
  const token = await page.locator('input[name=_csrf]').first().inputValue();
  const response = await page.request.post(`/application/${others.caseId}/withdraw`, {
    form: { _csrf: token, reason: 'not mine' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  expect((await flow.inspect(others.caseId)).status).toBe('OPEN');
  await page.context().close();
}, 300_000);
