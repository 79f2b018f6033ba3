import type { Page } from 'playwright-core';
import { caseRef } from '../../apps/web/src/cases/case.types';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The team lead's escalations and deadline extension, in a real browser against the real API, worker, Temporal
// and PostgreSQL. A second-scale clock (investigation due two seconds after it starts) makes a real breach: the
// stage clock escalates it to the lead, and the case shows on /team/escalations.
const S = 1000;
const HOUR = 3600 * S;
const CLOCK_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'web-escalations-seconds',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: { INVESTIGATION: { goal: 1 * S, deadline: 2 * S, repeatEvery: HOUR } },
  applicantChasers: {
    questionnaire: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
    invitation: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
  },
  refereeChasers: { chaseAt: [HOUR], decideAt: 2 * HOUR },
  targets: { DV: 10 * HOUR, CTC_SC: 10 * HOUR, DV_RENEWAL: 10 * HOUR },
};
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: {
    UPDATE_TIMEOUT_MS: '30000',
    CLOCK_POLICY: JSON.stringify(CLOCK_POLICY),
    TEAM_LEADS: JSON.stringify({ 'dv-team-1': 'lead-1' }),
  },
});
const flow = new DvFlow(harness.api);
const olivia: Principal = { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: 'dv-team-1' };

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor({ timeout: 10_000 });
  return (await page.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
}

test('a breached case is escalated to the lead, listed on Escalations, and its deadline extended with a reason', async () => {
  const breached = await flow.newCase();
  const waiting = await flow.newCase();
  await flow.toInvestigation(breached.caseId, breached.applicant, olivia);
  await until('the investigation deadline to pass and be escalated', async () => {
    const detail = await flow.inspect(breached.caseId);
    return detail.history.some(
      (e) => e.action === 'SEND_REMINDER' && e.payload.kind === 'DEADLINE_ESCALATION',
    )
      ? true
      : undefined;
  });
  const ref = caseRef(breached.caseId);

  // Without JavaScript (axe needs scripts, so it scans the page with them below): the table in the API's order,
  // most overdue first, with links and names.
  const plain = await harness.signedIn('Leah Davies', { javaScript: false });
  await plain.goto('/team/escalations');
  expect(await h1(plain)).toBe('Escalations');
  const row = plain.getByRole('row', { name: new RegExp(`Case ${ref}`) });
  await expect(row.innerText()).resolves.toMatch(/Investigation[\s\S]*Olivia Hughes[\s\S]*Breached/);
  await expect(plain.locator('#escalations').innerText()).resolves.not.toContain(caseRef(waiting.caseId));
  await plain.context().close();

  // With JavaScript: the sub navigation from the queue, the sortable table, the case and its extension form.
  const page = await harness.signedIn('Leah Davies');
  await page.getByRole('link', { name: 'Escalations' }).click();
  expect(await h1(page)).toBe('Escalations');
  await expect(page.locator('#escalations button').first().isVisible()).resolves.toBe(true);
  await expectAccessible(page, 'team-escalations');
  await page.getByRole('link', { name: `Case ${ref}` }).click();
  expect(await h1(page)).toBe('Overview');
  // Names, not ids: the officer in the case's facts.
  await expect(page.locator('.app-case-facts').innerText()).resolves.toContain('Olivia Hughes');
  await page.getByRole('link', { name: 'Extend the deadline' }).click();

  // No reason: the API's 400 comes back next to the field.
  await page.getByLabel('By how many working days').fill('1');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  expect(await errorSummary(page)).toMatch(/reason/i);
  await expectAccessible(page, 'case-extend-refused');

  await page.getByLabel('By how many working days').fill('300');
  await page.getByLabel('Reason').fill('Interview moved at the applicant’s request');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
    'Deadline extended',
  );
  await page.goto(`/cases/${breached.caseId}/timeline`);
  const timeline = await page.locator('.moj-timeline').innerText();
  expect(timeline).toContain('Escalated to the team lead');
  expect(timeline).toContain('Deadline extended');
  // Who did what, by name: the lead who assigned, the officer who accepted, the service's own clock.
  expect(timeline).toMatch(/Leah Davies/);
  expect(timeline).toMatch(/Olivia Hughes/);
  expect(timeline).toMatch(/Vetting service/);
  expect(timeline).not.toMatch(/officer-1|lead-1/);
  await expectAccessible(page, 'case-timeline-escalated');

  // A stale page: the case is withdrawn meanwhile, so the API's 409 is an error on the page, never JSON.
  await page.goto(`/cases/${breached.caseId}`);
  await flow.expectOk(breached.applicant, breached.caseId, 'withdrawal', { reason: 'Took another job' });
  await page.getByLabel('By how many working days').fill('1');
  await page.getByLabel('Reason').fill('More time for the referee');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  expect(await errorSummary(page)).toContain('That cannot be done now');
  expect(await page.content()).not.toMatch(/"statusCode"|ILLEGAL_TRANSITION"/);
  await expectAccessible(page, 'case-extend-conflict');
  await until('the withdrawn case to leave the escalations', async () => {
    await page.goto('/team/escalations');
    return (await page.locator('main').innerText()).includes(`Case ${ref}`) ? undefined : true;
  });
  await page.context().close();
}, 300_000);

test('only team leads (and admins) reach the escalations', async () => {
  for (const name of ['Olivia Hughes', 'Sam Patel']) {
    const page = await harness.signedIn(name);
    const response = await page.goto('/team/escalations');
    expect({ name, status: response?.status() }).toEqual({ name, status: 403 });
    expect(await h1(page)).toBe('You do not have access to this page');
    await page.context().close();
  }
}, 120_000);
