import type { Page } from 'playwright-core';
import { caseRef } from '../../apps/web/src/cases/case.types';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { assignWithRefusedWrite } from '../support/refused-write';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { focusedId, focusIsVisible, tabTo } from './support/keyboard';
import {
  banner,
  closeOpenTasks,
  fillGrantWithConditions,
  recommendGrantWithConditions,
} from './support/casework-steps';
import { seedNotice } from './support/notices';
import { WebHarness } from './support/web-harness';

// The staff who work cases, in a real browser against the real API, worker, Temporal and PostgreSQL: a team
// lead assigns, the officer works the case from questionnaire to recommendation, an adjudicator who did not
// investigate decides. Every page is scanned with axe-core; one journey is done with the keyboard alone.
// Updates get a generous bound: on a loaded machine the default 4 s answer becomes a 503 page mid-journey.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000' },
});
const flow = new DvFlow(harness.api);
const officer1: Principal = { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: 'dv-team-1' };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function errorSummary(page: Page): Promise<string> {
  return (await page.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
}

/** A new case, screened and waiting for its baseline checks (the questionnaire comes after them). */
async function newCase(): Promise<{ caseId: string; applicant: Principal }> {
  const created = await flow.newCase();
  await flow.waitForStage(created.caseId, 'BASELINE_CHECKS');
  return created;
}

test('a case from assignment to decision, through the pages of the lead, the officer and the adjudicator', async () => {
  const { caseId, applicant } = await newCase();
  const ref = caseRef(caseId);

  // Team lead: the team queue, assign one case to an officer picked by name.
  const lead = await harness.signedIn('Leah Davies');
  expect(new URL(lead.url()).pathname).toBe('/team');
  await expectAccessible(lead, 'team-queue');
  await lead.getByLabel(`Select case ${ref}`).check();
  await lead.getByLabel('Assign the selected cases to').selectOption({ label: 'Olivia Hughes (dv-team-1)' });
  await lead.getByRole('button', { name: 'Assign' }).click();
  expect(await banner(lead)).toContain('1 case assigned to Olivia Hughes');
  await expect(lead.getByRole('row', { name: new RegExp(`Case ${ref}`) }).innerText()).resolves.toContain(
    'Olivia Hughes',
  );
  await expectAccessible(lead, 'team-queue-assigned');

  await flow.submitQuestionnaire(applicant, caseId, undefined, officer1);

  // Officer: My work, the case, the questionnaire.
  const officer = await harness.signedIn('Olivia Hughes');
  await expectAccessible(officer, 'my-work');
  await expect(officer.locator('table').innerText()).resolves.toMatch(/On track|At risk|Breached/);
  await officer.getByRole('link', { name: `Case ${ref}` }).click();
  expect(await h1(officer)).toBe('Overview');
  await expectAccessible(officer, 'case-overview');
  await officer.getByRole('link', { name: 'Review the questionnaire' }).click();
  expect(await h1(officer)).toBe('Questionnaire');
  await expectAccessible(officer, 'case-questionnaire');

  // Returning with no items is refused by the API, and said on the page.
  await officer.getByRole('button', { name: 'Return to the applicant' }).click();
  expect(await errorSummary(officer)).toContain('There is a problem');
  expect(await errorSummary(officer)).toMatch(/items/i);
  expect(await officer.title()).toMatch(/^Error: /);
  await expectAccessible(officer, 'case-questionnaire-error');

  // A stale second tab: the accept from the first lands, the second one's 409 is shown on its page.
  const stale = await officer.context().newPage();
  await stale.goto(`/cases/${caseId}/questionnaire`);
  await officer.getByRole('button', { name: 'Accept and start record checks' }).click();
  expect(await banner(officer)).toContain('Questionnaire accepted');
  await stale.getByRole('button', { name: 'Accept and start record checks' }).click();
  expect(await errorSummary(stale)).toContain('That cannot be done now');
  expect(await stale.content()).not.toMatch(/"statusCode"|ILLEGAL_TRANSITION"|at \w+ \(/);
  await expectAccessible(stale, 'case-conflict');
  await stale.close();

  // Checks run by themselves (simulated provider, all clear); then the officer's investigation tasks.
  await flow.waitForStage(caseId, 'INVESTIGATION');
  await officer.goto(`/cases/${caseId}/checks`);
  await expectAccessible(officer, 'case-checks');
  await expect(officer.locator('table').innerText()).resolves.toContain('Clear');
  await officer.goto(`/cases/${caseId}/tasks`);
  await expectAccessible(officer, 'case-tasks');
  await closeOpenTasks(officer, flow, caseId);
  await officer.getByLabel('Referee').check();
  await officer.getByLabel('Title').fill('Referee enquiry: former manager');
  await officer.getByRole('button', { name: 'Open task' }).click();
  expect(await banner(officer)).toContain('Task opened');
  const referee = (await flow.inspect(caseId)).tasks.find(
    (t) => t.title === 'Referee enquiry: former manager',
  );
  expect(referee?.status).toBe('OPEN');
  await officer.locator(`#outcome-${referee?.id ?? ''}`).fill('Referee supportive');
  await officer.locator(`form[action$="/tasks/${referee?.id ?? ''}/close"] button`).click();
  expect(await banner(officer)).toContain('Task closed');
  await officer.getByLabel('Outcome', { exact: true }).fill('Investigation complete, no concerns');
  await officer.getByRole('button', { name: 'Complete investigation' }).click();
  expect(await banner(officer)).toContain('Investigation completed');

  // Recommendation, with a proposed condition.
  await officer.getByRole('link', { name: 'Record the recommendation' }).click();
  await expectAccessible(officer, 'case-recommendation');
  await recommendGrantWithConditions(officer);
  await officer.goto(`/cases/${caseId}/timeline`);
  await expectAccessible(officer, 'case-timeline');
  await expect(officer.locator('.moj-timeline').innerText()).resolves.toContain('Recommendation recorded');

  // Adjudicator: cases awaiting decision, the decision form.
  const adjudicator = await harness.signedIn('Ada Brooks');
  expect(new URL(adjudicator.url()).pathname).toBe('/decisions');
  await expectAccessible(adjudicator, 'decisions');
  await adjudicator.getByRole('link', { name: `Decide case ${ref}` }).click();
  await expectAccessible(adjudicator, 'decision-form');
  // An impossible review date is caught before the API is asked.
  await fillGrantWithConditions(adjudicator, { day: 31, month: 2, year: new Date().getUTCFullYear() + 2 });
  await adjudicator.getByRole('button', { name: 'Record decision' }).click();
  expect(await errorSummary(adjudicator)).toContain('Review date must be a real date');
  await expectAccessible(adjudicator, 'decision-form-error');
  // What was typed came back; fix the date and decide.
  await expect(adjudicator.getByLabel('Condition 1 detail').inputValue()).resolves.toBe(
    'Notify before travel to listed countries',
  );
  await adjudicator.getByLabel('Day').fill('28');
  await adjudicator.getByRole('button', { name: 'Record decision' }).click();
  expect(await banner(adjudicator)).toContain('Decision recorded');
  const decided = await until('the decision to be recorded', async () => {
    const c = await flow.inspect(caseId);
    return c.stage === 'GRANTED_WITH_CONDITIONS' ? c : undefined;
  });
  expect(decided.decision?.disclosableReasons).toEqual(['Meets the standard with conditions']);
  expect(decided.decision?.nonDisclosableReasons).toEqual(['Family ties abroad noted by the investigation']);

  for (const page of [lead, officer, adjudicator]) await page.context().close();
}, 600_000);

test('each role reaches only its own pages, and another officer cannot see the case', async () => {
  const { caseId } = await newCase();
  await flow.expectOk({ subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'dv-team-1' }, caseId, 'assignment', {
    officerId: officer1.subject,
  });
  const checks: [string, string][] = [
    ['Olivia Hughes', '/team'],
    ['Olivia Hughes', '/decisions'],
    ['Leah Davies', '/decisions'],
    ['Ada Brooks', '/work'],
    ['Ada Brooks', '/team'],
    ['Hannah Wright', '/work'],
    ['Aaron Lewis', `/cases/${caseId}`],
    ['Sam Patel', `/cases/${caseId}`],
  ];
  for (const [name, path] of checks) {
    const page = await harness.signedIn(name);
    const response = await page.goto(path);
    expect({ name, path, status: response?.status() }).toEqual({ name, path, status: 403 });
    expect(await h1(page)).toBe('You do not have access to this page');
    await page.context().close();
  }
  // Another officer: the API says the case does not exist for them, and so does the page.
  const other = await harness.signedIn('Omar Khan');
  const response = await other.goto(`/cases/${caseId}`);
  expect(response?.status()).toBe(404);
  expect(await h1(other)).toBe('Page not found');
  const bad = await other.goto('/cases/not-a-case-id');
  expect(bad?.status()).toBe(404);
  await other.context().close();
}, 300_000);

test('staff read their discreet notices on the Messages page, linked to the case; with none, an empty page', async () => {
  const { caseId } = await newCase();
  await flow.expectOk({ subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'dv-team-1' }, caseId, 'assignment', {
    officerId: officer1.subject,
  });
  await seedNotice(harness.database?.url ?? '', {
    recipient: officer1.subject,
    caseId,
    reason: 'REMINDER',
    role: 'OFFICER',
  });

  // JavaScript off: from the navigation to the message, to the case it is about, and marked read.
  const page = await harness.signedIn('Olivia Hughes', { javaScript: false });
  await page.getByRole('navigation').getByRole('link', { name: 'Messages' }).click();
  await page.waitForURL(/\/messages$/);
  expect(await h1(page)).toBe('Messages');
  const message = page.locator('.app-message').first();
  expect(await message.innerText()).toContain('There is an update for you. Please sign in to read it');
  expect(await message.locator('.govuk-tag').innerText()).toBe('New');
  const link = message.getByRole('link', { name: /Open the case/ });
  expect(await link.getAttribute('href')).toBe(`/cases/${caseId}`);
  await link.click();
  await page.waitForURL(new RegExp(`/cases/${caseId}$`));
  expect(await h1(page)).toBe('Overview');
  await page.goto('/messages');
  await page
    .locator('.app-message')
    .first()
    .getByRole('button', { name: /Mark as read/ })
    .click();
  await page.waitForURL(/\/messages$/);
  expect(await banner(page)).toContain('Message marked as read');
  expect(await page.locator('.app-message .govuk-tag').count()).toBe(0);
  await page.context().close();

  // axe runs as a script, so the same page is scanned with JavaScript on.
  const scanned = await harness.signedIn('Olivia Hughes');
  await scanned.goto('/messages');
  await expectAccessible(scanned, 'staff-messages');
  await scanned.context().close();

  // A line manager with no notices: the empty page, reached from their navigation.
  const manager = await harness.signedIn('Maya Collins');
  await manager.getByRole('navigation').getByRole('link', { name: 'Messages' }).click();
  await manager.waitForURL(/\/messages$/);
  expect(await manager.locator('main').innerText()).toContain('You have no messages.');
  await expectAccessible(manager, 'staff-messages-empty');
  await manager.context().close();

  // Roles that get no notices have no Messages page.
  const analyst = await harness.signedIn('Hannah Wright');
  expect((await analyst.goto('/messages'))?.status()).toBe(403);
  await analyst.context().close();
}, 300_000);

test('My work filters by stage and deadline, and pages', async () => {
  const page = await harness.signedIn('Olivia Hughes');
  await page.goto('/work');
  await page.getByLabel('Stage').selectOption('QUESTIONNAIRE');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  expect(new URL(page.url()).search).toContain('stage=QUESTIONNAIRE');
  await expectAccessible(page, 'my-work-filtered');
  await expect(page.locator('.moj-filter__selected').innerText()).resolves.toContain('Questionnaire');
  for (const stage of await page.locator('tbody tr td:nth-child(2)').allInnerTexts()) {
    expect(stage).toBe('Questionnaire');
  }
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  expect(new URL(page.url()).search).toBe('');
  await page.context().close();
}, 300_000);

test('keyboard alone: sign in, assign a case from the team queue, and see it done; JavaScript off', async () => {
  const { caseId } = await newCase();
  const ref = caseRef(caseId);
  const page = await harness.newPage({ javaScript: false });
  await page.goto('/sign-in');
  await tabTo(page, 'form:has(input[value="lead-1"]) button');
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/team$/);
  await tabTo(page, `#case-${caseId}`);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Space');
  await tabTo(page, '#officerId');
  await page.keyboard.type('Omar');
  await tabTo(page, 'form[action="/team/assignments"] button.govuk-button');
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load');
  expect(await banner(page)).toContain('1 case assigned to Omar Khan');
  // No axe scan here: axe runs as a script in the page, which this page (JavaScript off) never runs, so the scan
  // would wait for ever. The same page is scanned with JavaScript on in the journey above (team-queue-assigned).
  await page.screenshot({ path: 'test-results/web/team-queue-keyboard.png', fullPage: true });
  // The queue is in urgency order and paged, so the case may have moved to a later page: follow Next until its
  // row shows (a bare locator would wait for ever for a row on another page).
  let row = '';
  for (let pageNumber = 1; pageNumber <= 20 && !row; pageNumber += 1) {
    const match = page.locator('tbody tr', { hasText: `Case ${ref}` });
    if ((await match.count()) > 0) row = await match.first().innerText();
    else {
      const next = page.locator('.govuk-pagination__next a');
      if ((await next.count()) === 0) break;
      await next.first().click();
      await page.waitForLoadState('load');
    }
  }
  expect(row).toContain('Omar Khan');
  await page.context().close();
}, 600_000);

test('an assignment with nothing selected says what is missing', async () => {
  const page = await harness.signedIn('Leah Davies');
  await page.getByRole('button', { name: 'Assign' }).click();
  const summary = await errorSummary(page);
  expect(summary).toContain('Select at least one case');
  expect(summary).toContain('Choose an officer');
  await page.getByRole('link', { name: 'Choose an officer' }).click();
  expect(await focusedId(page)).toBe('officerId');
  await page.context().close();
}, 300_000);

test('a refused write is said on every page of the case, in words, to the officers who can see it', async () => {
  const { caseId, applicant } = await newCase();
  await harness.api.enrol(officer1);
  // The assignment's read-model write is refused for good (test/support/refused-write.ts); the next write, the
  // submitted questionnaire, brings the assignment into the read-model with the rest of the snapshot.
  await assignWithRefusedWrite(caseId, officer1.subject);
  await until('the refused write recorded', async () =>
    (await flow.inspect(caseId)).alerts.length > 0 ? true : undefined,
  );
  await flow.submitQuestionnaire(applicant, caseId, undefined, officer1);
  await until('the case assigned in the read-model', async () =>
    (await flow.inspect(caseId)).assignee === officer1.subject ? true : undefined,
  );

  const page = await harness.signedIn('Olivia Hughes');
  await page.goto(`/cases/${caseId}`);
  const alerts = page.locator('[data-case-alerts]');
  const text = (await alerts.innerText()).replace(/\s+/g, ' ');
  expect(text).toContain("Part of this case's record could not be saved");
  expect(text).toContain('An action on this case was carried out but could not be saved to the case record.');
  expect(text).toContain('Tell the service support team');
  expect(text).not.toMatch(/poisoned|SQLSTATE|22\d\d\d|INSERT/);
  await expect(alerts.getAttribute('role')).resolves.toBe('region');
  await expectAccessible(page, 'case-overview-alert');
  // Every section of the case says it, not only the overview.
  await page.goto(`/cases/${caseId}/tasks`);
  expect(await page.locator('[data-case-alerts]').count()).toBe(1);
  await expectAccessible(page, 'case-tasks-alert');
  await page.context().close();
}, 300_000);
