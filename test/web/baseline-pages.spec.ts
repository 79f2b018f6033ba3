import type { Page } from 'playwright-core';
import { BASELINE_SECTIONS } from '../../apps/web/src/applicant/baseline-sections';
import { formValuesOf } from '../../apps/web/src/applicant/questionnaire-form';
import type { FormValues } from '../../apps/web/src/applicant/questionnaire-form';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { invitationFrom } from '../support/invite';
import { lead, TEAM } from '../support/principals';
import { completeBaselineDeclaration } from '../support/questionnaire-fixture';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { press } from './support/questionnaire-steps';
import { WebHarness } from './support/web-harness';

// The baseline (BPSS) checks in a real browser against the real API, worker, Temporal and PostgreSQL: the
// applicant's declaration refused with an error summary, saved to come back to, then sent; the assigned officer asking for more; the
// applicant shown what was asked and sending again; the officer passing them on to the questionnaire. Then a
// fail: the officer's reason stays in the case file, and the applicant is told discreetly that it cannot go ahead.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: { UPDATE_TIMEOUT_MS: '30000' },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
// Jordan Reid, the second local applicant: their case fails (Alex's newest application is theirs to keep).
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };
// Olivia Hughes, the local officer the web service signs in as.
const olivia: Principal = { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: TEAM };
const FORM = '/application/baseline';

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The declaration as the page's fields hold it. */
function declarationValues(declaration: Record<string, unknown>): FormValues {
  return Object.assign(
    {},
    ...BASELINE_SECTIONS.map((spec) => formValuesOf(spec, declaration[spec.key])),
  ) as FormValues;
}

/** Types `values` into the declaration page (rows it needs beyond the first are not used here). */
async function fill(page: Page, values: FormValues): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (name.endsWith('-rows') || value === '') continue;
    const input = page.locator(`[name="${name}"]`);
    if ((await input.first().getAttribute('type')) === 'radio') {
      await page.locator(`[name="${name}"][value="${value}"]`).check();
    } else {
      await input.fill(value);
    }
  }
}

/** The case's baseline state, as the API's case detail has it (the test support's type predates it). */
async function baselineOf(caseId: string): Promise<unknown> {
  const detail = (await flow.inspect(caseId)) as unknown as { baseline?: unknown };
  return detail.baseline;
}

test('an applicant sends the baseline declaration, is asked for more and sends it again; the officer passes them', async () => {
  const invitationId = await invitationFrom(harness.api, sponsor, alex);
  const created = await harness.api
    .as(alex)
    .post('/applications', { ...eligibleApplication(), invitationId });
  expect(created.status).toBe(201);
  const caseId = (created.body as { caseId: string }).caseId;
  await flow.waitForStage(caseId, 'BASELINE_CHECKS');
  await harness.api.enrol(olivia);
  await flow.expectOk(lead, caseId, 'assignment', { officerId: olivia.subject });

  // The applicant's task, and the form.
  const applicant = await harness.signedIn('Alex Morgan');
  await applicant.goto('/application');
  expect(await text(applicant, '#application-status')).toBe('Action needed');
  expect(await text(applicant, 'main')).not.toContain('Fill in your security questionnaire');
  await expectAccessible(applicant, 'baseline-status-action-needed');
  await applicant
    .getByRole('link', { name: 'Tell us about your identity, right to work and history' })
    .click();
  await applicant.waitForURL(new RegExp(`${FORM}$`));
  await expectAccessible(applicant, 'baseline-form');

  // Sent with answers missing: each named in the error summary, linked to its field; what was typed is kept.
  const answers = declarationValues(completeBaselineDeclaration());
  const partial = Object.fromEntries(
    Object.entries(answers).filter(
      ([name]) => !['identity-documentReference', 'convictions-hasUnspent'].includes(name),
    ),
  );
  await fill(applicant, partial);
  await press(applicant, 'Accept and send');
  await applicant.locator('.govuk-error-summary').waitFor();
  const summary = await text(applicant, '.govuk-error-summary');
  expect(summary).toContain('Enter document number');
  expect(summary).toContain('Answer “Do you have any unspent criminal convictions?”');
  expect(
    await applicant.locator('.govuk-error-summary a', { hasText: 'document number' }).getAttribute('href'),
  ).toBe('#identity-documentReference');
  expect(await text(applicant, '#identity-documentReference-error')).toContain('Enter document number');
  expect(await applicant.locator('#employment-periods-0-employer').inputValue()).toBe('Acme Ltd');
  await expectAccessible(applicant, 'baseline-form-refused');

  // Saved as it is to come back to (incomplete is fine), then found again on the form.
  await press(applicant, 'Save and come back later');
  await applicant.waitForURL(/\/application$/);
  expect(await text(applicant, '.govuk-notification-banner')).toContain(
    'Your answers for the baseline checks have been saved',
  );
  expect(await text(applicant, '.govuk-task-list')).toContain('In progress');
  await applicant.goto(FORM);
  expect(await text(applicant, '#baseline-saved')).toMatch(/^Your answers saved on .+ are filled in below/);
  expect(await applicant.locator('#employment-periods-0-employer').inputValue()).toBe('Acme Ltd');

  // Saved meanwhile from another tab (here the API): saving this page is refused with the error summary, what was
  // typed kept; saved again, knowingly, it replaces those answers.
  const elsewhere = await harness.api.as(alex).put(`/cases/${caseId}/baseline/draft`, { convictions: {} });
  expect(elsewhere.status).toBe(204);
  await press(applicant, 'Save and come back later');
  await applicant.locator('.govuk-error-summary').waitFor();
  expect(await text(applicant, '.govuk-error-summary')).toContain(
    'Your answers were changed in another tab or window after you opened this page',
  );
  expect(await applicant.locator('#employment-periods-0-employer').inputValue()).toBe('Acme Ltd');
  await expectAccessible(applicant, 'baseline-form-saved-elsewhere');
  await press(applicant, 'Save and come back later');
  await applicant.waitForURL(/\/application$/);
  await applicant.goto(FORM);
  expect(await applicant.locator('#employment-periods-0-employer').inputValue()).toBe('Acme Ltd');

  // "Add another" works without sending: a second stay abroad row, the answers still there; removed again.
  await applicant.locator('button[value="add:abroad-periods"]').click();
  await applicant.waitForLoadState('load');
  expect(await applicant.locator('input[name="abroad-periods-rows"]').inputValue()).toBe('2');
  expect(await applicant.locator('#employment-periods-0-employer').inputValue()).toBe('Acme Ltd');
  await applicant.locator('button[value="remove:abroad-periods:1"]').click();
  await applicant.waitForLoadState('load');
  expect(await applicant.locator('input[name="abroad-periods-rows"]').inputValue()).toBe('1');

  await fill(applicant, answers);
  await press(applicant, 'Accept and send');
  await applicant.waitForURL(/\/application$/);
  expect(await text(applicant, '.govuk-notification-banner')).toContain(
    'Your answers for the baseline checks have been sent',
  );
  expect(await text(applicant, '#application-status')).toBe('In progress');
  expect(await text(applicant, '.govuk-summary-list')).toContain('Baseline checks Submitted');
  await expectAccessible(applicant, 'baseline-status-submitted');
  // Nothing to send now: the form goes back to the status.
  await applicant.goto(FORM);
  await applicant.waitForURL(/\/application$/);
  expect(await baselineOf(caseId)).toMatchObject({ status: 'SUBMITTED', version: 1 });

  // The officer: the baseline page, a refused outcome, then more information asked for.
  await flow.waitForBaselineCheck(caseId);
  const officer = await harness.signedIn('Olivia Hughes');
  await officer.goto(`/cases/${caseId}`);
  await officer.getByRole('link', { name: 'Review the baseline checks and record the outcome' }).click();
  expect(await text(officer, 'h1')).toBe('Baseline checks');
  expect(await text(officer, '#baseline-status')).toBe('Declaration submitted: waiting for your review');
  expect(await text(officer, '#baseline-checks')).toContain('Basic criminal record');
  // The declaration itself, part by part, for the officer to review.
  expect(await text(officer, '#declaration-number')).toContain('Declaration 1');
  expect(await text(officer, '#declaration-employment')).toContain('Acme Ltd');
  await expectAccessible(officer, 'case-baseline');
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-error-summary')).toContain('Select the outcome of the baseline checks');
  await expectAccessible(officer, 'case-baseline-refused');
  await officer.getByLabel('Needs more information from the applicant').check();
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-error-summary')).toContain('Enter what the applicant needs to send');
  await officer.getByLabel('Needs more information from the applicant').check();
  await officer
    .getByLabel('If it needs more information: what does the applicant need to send?')
    .fill('A share code for your right to work');
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-notification-banner')).toContain('Baseline outcome recorded');
  expect(await text(officer, '#baseline-status')).toBe('More information asked for');
  expect(await text(officer, '#baseline-missing-items')).toContain('A share code for your right to work');
  await expectAccessible(officer, 'case-baseline-needs-information');

  // The applicant sees what was asked, and sends the declaration again with a share code.
  await applicant.goto('/application');
  expect(await text(applicant, '#application-status')).toBe('Action needed');
  expect(await text(applicant, '#baseline-missing-items')).toBe('A share code for your right to work');
  await expectAccessible(applicant, 'baseline-status-needs-information');
  await applicant
    .getByRole('link', { name: 'Tell us about your identity, right to work and history' })
    .click();
  await applicant.waitForURL(new RegExp(`${FORM}$`));
  expect(await text(applicant, '#baseline-missing-items')).toBe('A share code for your right to work');
  // The form opens with the declaration last sent, so only what was asked is changed.
  expect(await text(applicant, '#baseline-prefilled')).toMatch(/^Your answers from .+ are filled in below/);
  // Every answer of the last declaration is in its field (radios checked, dates split into day, month, year).
  for (const [name, value] of Object.entries(answers)) {
    if (name.endsWith('-rows') || value === '') continue;
    const input = applicant.locator(`[name="${name}"]`);
    const shown =
      (await input.first().getAttribute('type')) === 'radio'
        ? await applicant.locator(`[name="${name}"]:checked`).inputValue()
        : await input.inputValue();
    expect({ name, shown }).toEqual({ name, shown: value });
  }
  await expectAccessible(applicant, 'baseline-form-needs-information');
  // Only the applicant reads it back: not another applicant, not a sponsor, not the officer (who reads the history).
  const route = `/cases/${caseId}/baseline/declaration`;
  expect((await harness.api.as({ subject: 'applicant-2', roles: ['APPLICANT'] }).get(route)).status).toBe(
    404,
  );
  expect((await harness.api.as(sponsor).get(route)).status).toBe(403);
  expect((await harness.api.as(olivia).get(route)).status).toBe(403);
  await applicant.locator('[name="rightToWork-evidenceKind"][value="SHARE_CODE"]').check();
  await applicant.locator('[name="rightToWork-evidenceReference"]').fill('W6X4RK2DP');
  await press(applicant, 'Accept and send');
  await applicant.waitForURL(/\/application$/);
  expect(await text(applicant, '.govuk-summary-list')).toContain('Baseline checks Submitted');
  expect(await baselineOf(caseId)).toMatchObject({ status: 'SUBMITTED', version: 2 });

  // The officer passes them: the case moves on to the questionnaire, which the applicant is now asked for.
  await flow.waitForBaselineCheck(caseId);
  await officer.goto(`/cases/${caseId}/baseline`);
  expect(await text(officer, '#declaration-number')).toContain('Declaration 2');
  expect(await text(officer, '#declaration-rightToWork')).toContain('W6X4RK2DP');
  // What was not asked about went again unchanged.
  expect(await text(officer, '#declaration-identity')).toContain(
    answers['identity-documentReference'] ?? '?',
  );
  await officer.getByLabel('Pass: the applicant goes on to the security questionnaire').check();
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-notification-banner')).toContain('Baseline outcome recorded');
  expect(await text(officer, '#baseline-status')).toBe('Passed');
  await expectAccessible(officer, 'case-baseline-passed');
  await flow.waitForStage(caseId, 'QUESTIONNAIRE');
  await applicant.goto('/application');
  await applicant.getByRole('button', { name: 'Fill in your security questionnaire' }).waitFor();
  expect(await applicant.locator('#baseline-status, .govuk-task-list').count()).toBe(0);

  await applicant.context().close();
  await officer.context().close();
}, 600_000);

test('an officer fails the baseline checks; the applicant is told only that the application cannot go ahead', async () => {
  // Up to the officer's review over HTTP (the declaration's pages are the test above).
  const invitationId = await invitationFrom(harness.api, sponsor, jordan);
  const created = await harness.api
    .as(jordan)
    .post('/applications', { ...eligibleApplication(), invitationId });
  expect(created.status).toBe(201);
  const caseId = (created.body as { caseId: string }).caseId;
  await flow.waitForStage(caseId, 'BASELINE_CHECKS');
  await harness.api.enrol(olivia);
  await flow.expectOk(lead, caseId, 'assignment', { officerId: olivia.subject });
  await flow.expectOk(jordan, caseId, 'baseline/submission', completeBaselineDeclaration());
  await flow.waitForBaselineCheck(caseId);

  // A fail needs the officer's reason: refused without one, on the page, before the API is asked.
  const officer = await harness.signedIn('Olivia Hughes');
  await officer.goto(`/cases/${caseId}/baseline`);
  await officer.getByLabel('Fail: the applicant does not meet the baseline standard').check();
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-error-summary')).toContain(
    'Enter why the applicant does not meet the baseline standard',
  );
  expect(
    await officer.locator('.govuk-error-summary a', { hasText: 'baseline standard' }).getAttribute('href'),
  ).toBe('#failNotes');
  await expectAccessible(officer, 'case-baseline-fail-refused');
  expect(await baselineOf(caseId)).toMatchObject({ status: 'SUBMITTED' });

  const reason = 'Identity document reported lost and stolen';
  await officer.getByLabel('Fail: the applicant does not meet the baseline standard').check();
  await officer
    .getByLabel('If it fails: why does the applicant not meet the baseline standard?')
    .fill(reason);
  await press(officer, 'Record the outcome');
  expect(await text(officer, '.govuk-notification-banner')).toContain('Baseline outcome recorded');
  expect(await text(officer, '#baseline-status')).toBe('Failed');
  await expectAccessible(officer, 'case-baseline-failed');
  // The case closes: nothing more to record on it.
  await flow.waitForStage(caseId, 'BASELINE_FAILED');
  await officer.goto(`/cases/${caseId}/baseline`);
  expect(await officer.getByRole('button', { name: 'Record the outcome' }).count()).toBe(0);

  // The applicant: a decision, in plain words, with neither the officer's reason nor the form to declare again.
  const applicant = await harness.signedIn('Jordan Reid');
  await applicant.goto('/application');
  expect(await text(applicant, '#application-status')).toBe('Decision made');
  expect(await text(applicant, '#decision-message')).toBe(
    'Your application cannot go ahead because it did not pass the baseline checks.',
  );
  const main = await text(applicant, 'main');
  expect(main).not.toContain('stolen');
  expect(main).not.toContain('Tell us about your identity, right to work and history');
  await expectAccessible(applicant, 'baseline-status-failed');
  await applicant.goto(FORM);
  await applicant.waitForURL(/\/application$/);

  // Their messages say only that there is an update to sign in for.
  await until('a message about the outcome', async () => {
    const res = await harness.api.as(jordan).get('/inbox');
    return (res.body as { total: number }).total > 0 ? true : undefined;
  });
  await applicant.getByRole('link', { name: 'Messages' }).first().click();
  await applicant.waitForURL(/\/messages$/);
  expect(await text(applicant, 'main')).not.toMatch(/baseline|fail|stolen|cannot go ahead/i);
  await expectAccessible(applicant, 'baseline-failed-messages');

  await applicant.context().close();
  await officer.context().close();
}, 600_000);
