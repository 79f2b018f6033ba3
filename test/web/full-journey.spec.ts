import type { Page } from 'playwright-core';
import { QUESTIONNAIRE_SECTIONS } from '../../apps/web/src/applicant/questionnaire-sections';
import { caseRef } from '../../apps/web/src/cases/case.types';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { completeQuestionnaire } from '../support/questionnaire-fixture';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import {
  banner,
  closeOpenTasks,
  fillGrantWithConditions,
  recommendGrantWithConditions,
} from './support/casework-steps';
import { fillSection, press, QUESTIONNAIRE } from './support/questionnaire-steps';
import { WebHarness } from './support/web-harness';

// One case from invitation to outcome through nobody's pages but the web service's, every role in its own
// browser: the sponsor invites, the applicant applies and fills in the questionnaire, the team lead assigns, the
// officer accepts it, the checks come back, the officer closes the tasks and recommends, an adjudicator grants
// with conditions; then the applicant and the sponsor see the outcome, HR sees the numbers move and the auditor
// verifies the chain. The suite has a database of its own, so every figure it reads is this case's.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000' },
});
const flow = new DvFlow(harness.api);
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };
const olivia: Principal = { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: 'dv-team-1' };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Presses Continue (or `button`) and waits for the next question's page. */
async function next(page: Page, path: string, button = 'Continue'): Promise<void> {
  await Promise.all([
    page.waitForURL((url) => url.pathname === path),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

async function fillDate(page: Page, id: string, [day, month, year]: number[]): Promise<void> {
  await page.fill(`#${id}-day`, String(day));
  await page.fill(`#${id}-month`, String(month));
  await page.fill(`#${id}-year`, String(year));
}

test('a case from invitation to outcome through every role’s pages', async () => {
  const thisYear = new Date().getUTCFullYear();

  // HR before anything: no decisions yet.
  const hr = await harness.signedIn('Hannah Wright');
  expect(await text(hr, '#headline-decided')).toBe('0');

  // The sponsor invites the applicant and is given the reference to pass on.
  const sponsor = await harness.signedIn('Sam Patel');
  await sponsor.goto('/sponsor/invite');
  await sponsor.getByLabel('Applicant’s user ID').fill(jordan.subject);
  await sponsor.getByRole('button', { name: 'Send invitation' }).click();
  await sponsor.waitForURL(/\/sponsor\/invite\/sent$/);
  const invitation = await text(sponsor, '#invitation-reference');

  // The applicant applies, one question a page.
  const applicant = await harness.signedIn('Jordan Reid');
  await applicant.getByRole('button', { name: 'Apply for security clearance' }).click();
  await applicant.getByRole('button', { name: 'Start now' }).click();
  await applicant.getByLabel('Yes', { exact: true }).check();
  await next(applicant, '/application/apply/invitation-reference');
  await applicant.getByLabel('What is your invitation reference?').fill(invitation);
  await next(applicant, '/application/apply/name');
  await applicant.getByLabel('First name').fill('Jordan');
  await applicant.getByLabel('Last name').fill('Reid');
  await next(applicant, '/application/apply/email');
  await applicant.getByLabel('What is your email address?').fill('jordan.reid@example.org');
  await next(applicant, '/application/apply/date-of-birth');
  await fillDate(applicant, 'dateOfBirth', [12, 4, 1995]);
  await next(applicant, '/application/apply/start-date');
  await fillDate(applicant, 'intendedStartDate', [1, 3, thisYear + 1]);
  await next(applicant, '/application/apply/nationality');
  await applicant.getByLabel('Yes, from birth').check();
  await next(applicant, '/application/apply/other-nationalities');
  await applicant.getByLabel('No', { exact: true }).check();
  await next(applicant, '/application/apply/addresses/add');
  await applicant.getByLabel('Country').selectOption({ label: 'United Kingdom' });
  await fillDate(applicant, 'from', [1, 1, 2008]);
  await next(applicant, '/application/apply/addresses');
  await next(applicant, '/application/apply/discretion');
  await applicant.getByLabel('I understand, and I will keep my application discreet').check();
  await next(applicant, '/application/apply/check');
  await expectAccessible(applicant, 'journey-apply-check');
  await next(applicant, '/application/apply/sent', 'Accept and send');
  const ref = await text(applicant, '#application-ref');
  const mine = await harness.api.as(jordan).get('/applications');
  const caseId = (mine.body as { items: { id: string }[] }).items[0]?.id ?? '';
  expect(caseRef(caseId)).toBe(ref);
  await flow.waitForStage(caseId, 'BASELINE_CHECKS');

  // The team lead assigns it to an officer picked by name.
  const lead = await harness.signedIn('Leah Davies');
  await lead.getByLabel(`Select case ${ref}`).check();
  await lead.getByLabel('Assign the selected cases to').selectOption({ label: 'Olivia Hughes (dv-team-1)' });
  await lead.getByRole('button', { name: 'Assign' }).click();
  expect(await banner(lead)).toContain('1 case assigned to Olivia Hughes');

  // Baseline (BPSS) checks come first: the applicant declares and Olivia passes them (over the API here; the
  // baseline pages have their own suite).
  await flow.toQuestionnaire(caseId, jordan, olivia);

  // The applicant fills in every section of the questionnaire and sends it.
  await applicant.goto('/application');
  await applicant.getByRole('button', { name: 'Fill in your security questionnaire' }).click();
  await applicant.waitForURL((url) => url.pathname === QUESTIONNAIRE);
  const answers = completeQuestionnaire();
  for (const spec of QUESTIONNAIRE_SECTIONS) {
    await fillSection(applicant, spec, answers[spec.key]);
    await press(applicant, 'Save and continue');
    await applicant.waitForURL((url) => url.pathname === QUESTIONNAIRE);
  }
  expect(await text(applicant, '#sections-completed')).toBe('You have completed 10 of 10 sections.');
  await applicant.goto(`${QUESTIONNAIRE}/check-your-answers`);
  await press(applicant, 'Accept and send');
  await applicant.waitForURL((url) => url.pathname === '/application');
  expect(await text(applicant, '#application-status')).toBe('In progress');

  // The officer finds it in My work and accepts the questionnaire; the record checks run by themselves.
  const officer = await harness.signedIn('Olivia Hughes');
  await officer.getByRole('link', { name: `Case ${ref}` }).click();
  await officer.getByRole('link', { name: 'Review the questionnaire' }).click();
  await officer.getByRole('button', { name: 'Accept and start record checks' }).click();
  expect(await banner(officer)).toContain('Questionnaire accepted');
  await flow.waitForStage(caseId, 'INVESTIGATION');
  await officer.goto(`/cases/${caseId}/checks`);
  await expect(officer.locator('table').innerText()).resolves.toContain('Clear');

  // Investigation tasks closed, the investigation completed, a recommendation to grant with conditions.
  await officer.goto(`/cases/${caseId}/tasks`);
  await closeOpenTasks(officer, flow, caseId);
  await officer.getByLabel('Outcome', { exact: true }).fill('Investigation complete, no concerns');
  await officer.getByRole('button', { name: 'Complete investigation' }).click();
  expect(await banner(officer)).toContain('Investigation completed');
  await officer.getByRole('link', { name: 'Record the recommendation' }).click();
  await recommendGrantWithConditions(officer);

  // An adjudicator, not the officer who recommended, grants with conditions.
  const adjudicator = await harness.signedIn('Ayesha Malik');
  await adjudicator.getByRole('link', { name: `Decide case ${ref}` }).click();
  await fillGrantWithConditions(adjudicator, { day: 28, month: 2, year: thisYear + 2 });
  await adjudicator.getByRole('button', { name: 'Record decision' }).click();
  expect(await banner(adjudicator)).toContain('Decision recorded');
  await flow.waitForStage(caseId, 'GRANTED_WITH_CONDITIONS');

  // The applicant is told the outcome in words (their sponsor explains the conditions), never the closed reasons.
  await applicant.goto('/application');
  await until('the applicant’s page to show the decision', async () => {
    await applicant.reload();
    return (await applicant.locator('#decision-message').count()) > 0 ? true : undefined;
  });
  expect(await text(applicant, '#decision-message')).toBe(
    'Your security clearance has been granted with conditions. Your sponsor will explain them.',
  );
  expect(await text(applicant, 'main')).not.toContain('Family ties abroad');
  await expectAccessible(applicant, 'journey-applicant-outcome');

  // The sponsor sees the outcome, and no findings.
  await sponsor.goto('/sponsor/cases');
  const sponsored = await text(sponsor, `#case-${caseId}`);
  expect(sponsored).toMatch(/granted/i);
  expect(sponsored).not.toContain('Family ties abroad');

  // HR's numbers moved: one case decided.
  await hr.goto('/dashboard');
  expect(await text(hr, '#headline-decided')).toBe('1');

  // The auditor verifies the chain: every read and action of this journey is in it, intact.
  const auditor = await harness.signedIn('Aaron Lewis');
  await auditor.goto('/audit/verify');
  await expect(text(auditor, '#verification-result')).resolves.toContain('The audit chain is intact.');
  await expectAccessible(auditor, 'journey-audit-verified');

  for (const page of [hr, sponsor, applicant, lead, officer, adjudicator, auditor])
    await page.context().close();
}, 900_000);
