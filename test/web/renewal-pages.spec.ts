import { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { RetrySafeConnection } from '../../apps/api/src/temporal/retry-safe-connection';
import { codecKeyringFromEnv, createDataConverter } from '../../libs/codec/src';
import { clearanceHeldWorkflowId, renewalSuccessionAskedSignal } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { temporalAddress } from '../support/env';
import { lead, TEAM } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { press } from './support/questionnaire-steps';
import { WebHarness } from './support/web-harness';

// Renewal in a real browser against the real API, worker, Temporal and PostgreSQL: a local applicant, Alex
// Morgan, is granted a DV clearance sponsored by Sam Patel; Sam starts its renewal from the clearance's page (a
// second attempt is refused in plain words), the vetting team sees the renewal and its case, and Alex is pointed
// from their clearance to the renewal questionnaire, pre-filled, which they send.
// An accepted succession waits 30 s for its renewal's outcome here (an hour by default), so the last test sees
// it pending and then lapsed.
const SUCCESSION_WAIT = { RENEWAL_SUCCESSION_OUTCOME_WAIT_MS: '30000' };
const harness = new WebHarness({
  worker: true,
  workerEnv: { ...FAST_CHECKS_ENV, ...SUCCESSION_WAIT },
  apiEnv: { UPDATE_TIMEOUT_MS: '30000', ...SUCCESSION_WAIT },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const olivia: Principal = { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: TEAM };

interface Held {
  clearanceId: string;
  status: string;
  renewal?: { caseId: string; status: string; successionAcceptedAt?: string | null };
}

let clearanceId = '';
let renewalCaseId = '';

beforeAll(async () => {
  await harness.start();
  // One request first: the harness makes its signing key on first use, and two at once would make two.
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

async function held(who: Principal): Promise<Held> {
  return (await harness.api.as(who).get(`/clearances/${clearanceId}`)).body as Held;
}

const ALREADY = 'A renewal of this clearance is already under way. You cannot start another one.';

test('the sponsor starts the renewal; a second attempt is refused plainly', async () => {
  const page = await harness.signedIn('Sam Patel');
  await page.goto(`/sponsor/clearances/${clearanceId}`);
  expect(await text(page, '#renewal-detail')).toContain('No renewal has been started');
  await expectAccessible(page, 'renewal-sponsor-clearance-none');

  await page.getByRole('button', { name: 'Start renewal' }).click();
  await page.waitForURL(new RegExp(`/sponsor/clearances/${clearanceId}/renewal$`));
  expect(await text(page, 'h1')).toMatch(/^Start the renewal of clearance [0-9A-F]{8}$/);
  await expectAccessible(page, 'renewal-sponsor-confirm');

  // A POST without the CSRF token is refused, and opens nothing.
  const forged = await page.request.post(`/sponsor/clearances/${clearanceId}/renewal`, { maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect((await held(sponsor)).renewal).toBeUndefined();

  // The same confirmation, opened in a second tab before the renewal starts.
  const stale = await page.context().newPage();
  await stale.goto(page.url());

  await page.getByRole('button', { name: 'Start the renewal' }).click();
  await page.waitForURL(new RegExp(`/sponsor/clearances/${clearanceId}$`));
  expect(await text(page, '.govuk-notification-banner')).toMatch(
    /Renewal started \(renewal case [0-9A-F]{8}\)/,
  );
  expect(await text(page, '#renewal-status')).toBe('Under way');
  expect(await text(page, '#clearance-status')).toBe('Valid');
  expect(await page.getByRole('button', { name: 'Start renewal' }).count()).toBe(0);
  await expectAccessible(page, 'renewal-sponsor-clearance-under-way');
  const renewal = (await held(sponsor)).renewal;
  expect(renewal?.status).toBe('OPEN');
  renewalCaseId = renewal?.caseId ?? '';
  expect(await text(page, '#renewal-summary')).toContain(renewalCaseId.slice(0, 8).toUpperCase());

  // The second attempt: the API's 409, said in words on the clearance's page.
  await stale.getByRole('button', { name: 'Start the renewal' }).click();
  await stale.waitForURL(new RegExp(`/sponsor/clearances/${clearanceId}$`));
  expect(await errorSummary(stale)).toContain(ALREADY);
  expect(await stale.title()).toMatch(/^Error: /);
  await expectAccessible(stale, 'renewal-sponsor-refused');
  // The confirmation itself is not offered any more, and says why.
  await stale.goto(`/sponsor/clearances/${clearanceId}/renewal`);
  await stale.waitForURL(new RegExp(`/sponsor/clearances/${clearanceId}$`));
  expect(await errorSummary(stale)).toContain(ALREADY);
  // Still one renewal case.
  expect((await held(sponsor)).renewal?.caseId).toBe(renewalCaseId);
  await page.context().close();
}, 300_000);

test('staff see the renewal and its case; the lead assigns it and the officer opens it', async () => {
  expect(renewalCaseId).not.toBe('');
  const ref = renewalCaseId.slice(0, 8).toUpperCase();
  await flow.waitForStage(renewalCaseId, 'QUESTIONNAIRE', 60_000);

  // The team lead finds the renewal case in the team queue, unassigned.
  const leadPage = await harness.signedIn('Leah Davies');
  await leadPage.goto('/team');
  expect(await text(leadPage, '#cases')).toContain(ref);
  await leadPage.goto(`/cases/${renewalCaseId}`);
  expect(await leadPage.title()).toContain(`Case ${ref}`);
  // The clearance it renews, by reference: a team lead has no clearance pages, so it is not a link for them.
  const renews = `Clearance ${clearanceId.slice(0, 8).toUpperCase()}`;
  expect(await text(leadPage, '#renews-clearance')).toBe(renews);
  expect(await leadPage.locator('a#renews-clearance').count()).toBe(0);
  await leadPage.context().close();
  await harness.api.enrol(olivia);
  await flow.expectOk(lead, renewalCaseId, 'assignment', { officerId: olivia.subject });

  const officer = await harness.signedIn('Olivia Hughes');
  await officer.goto(`/aftercare/clearances/${clearanceId}`);
  expect(await text(officer, '#renewal-status')).toBe('Under way');
  expect(await text(officer, '#renewal-detail')).toContain('stays in force');
  // One is open: no second renewal is offered, and its confirmation says why.
  expect(await officer.getByRole('button', { name: 'Start renewal' }).count()).toBe(0);
  await expectAccessible(officer, 'renewal-staff-clearance-under-way');
  await officer.goto(`/aftercare/clearances/${clearanceId}/renewal`);
  await officer.waitForURL(new RegExp(`/aftercare/clearances/${clearanceId}$`));
  expect(await errorSummary(officer)).toContain(ALREADY);
  await expectAccessible(officer, 'renewal-staff-refused');

  await officer.locator('#renewal-case-link').click();
  await officer.waitForURL(new RegExp(`/cases/${renewalCaseId}$`));
  expect(await officer.title()).toContain(`Case ${ref}`);
  await expectAccessible(officer, 'renewal-staff-case');
  // And back from the renewal case to the clearance it renews.
  expect(await text(officer, '#renews-clearance')).toBe(renews);
  await officer.locator('a#renews-clearance').click();
  await officer.waitForURL(new RegExp(`/aftercare/clearances/${clearanceId}$`));
  await officer.context().close();

  // Senior adjudicators read the same renewal on the clearance's page, and are not offered to start one.
  const ada = await harness.signedIn('Ada Brooks');
  await ada.goto(`/aftercare/clearances/${clearanceId}`);
  expect(await text(ada, '#renewal-status')).toBe('Under way');
  expect(await ada.getByRole('button', { name: 'Start renewal' }).count()).toBe(0);
  const refused = await ada.goto(`/aftercare/clearances/${clearanceId}/renewal`);
  expect(refused?.status()).toBe(403);
  await ada.context().close();
}, 300_000);

test('the holder is told discreetly and sends the pre-filled renewal questionnaire', async () => {
  expect(renewalCaseId).not.toBe('');
  // The questionnaire is pre-filled just after the case is recorded.
  await until(
    'the pre-filled draft',
    async () => {
      const res = await harness.api.as(alex).get(`/cases/${renewalCaseId}/questionnaire/draft`);
      return res.status === 200 && (res.body as { version: number }).version > 0 ? true : undefined;
    },
    30_000,
    250,
  );
  const page = await harness.signedIn('Alex Morgan');
  await page.getByRole('link', { name: 'Your clearance' }).first().click();
  await page.waitForURL(/\/clearance$/);
  expect(await text(page, '#clearance-status')).toBe('Valid');
  expect(await text(page, '#renewal-detail')).toBe(
    'Your clearance is being renewed. It stays in force while the renewal is under way.',
  );
  // Discreet: nothing about who started it, or why. (The line manager row says the sponsor names one: that is
  // about the line manager, not the renewal.)
  const lineManagerRow = await text(page, '#line-manager');
  expect((await text(page, 'main')).replace(lineManagerRow, '')).not.toMatch(/sponsor|officer|Sam Patel/i);
  await expectAccessible(page, 'renewal-holder-under-way');

  await page.getByRole('button', { name: 'Complete your renewal questionnaire' }).click();
  await page.waitForURL(/\/application\/questionnaire$/);
  expect(await text(page, '#sections-completed')).toBe('You have completed 10 of 10 sections.');
  await expectAccessible(page, 'renewal-holder-questionnaire');
  await page.getByRole('button', { name: 'Check your answers' }).click();
  await page.waitForURL(/\/check-your-answers$/);
  await press(page, 'Accept and send');
  await page.waitForURL(/\/application$/);
  expect(await text(page, '#application-status')).toBe('In progress');
  // Said discreetly (the sentence is all): that it is the renewal of their clearance, not who started it or why.
  expect(await text(page, '#application-renewal')).toBe(
    'This is the renewal of your clearance. See your clearance',
  );
  // Their first application, listed under it, is not one.
  expect(await text(page, 'main')).toMatch(/Application [0-9A-F]{8}, started/);
  expect((await flow.inspect(renewalCaseId)).questionnaire?.status).toBe('SUBMITTED');

  // Sent: the clearance's page says where the renewal stands, with no questionnaire to fill in.
  await page.goto('/clearance');
  expect(await text(page, '#renewal')).toBe('Renewing your clearance');
  expect(await page.getByRole('button', { name: 'Complete your renewal questionnaire' }).count()).toBe(0);
  expect(await text(page, 'main')).toContain('Its status: In progress.');
  await expectAccessible(page, 'renewal-holder-sent');
  await page.locator('#renewal-link').click();
  await page.waitForURL(/\/application$/);
  await page.context().close();
}, 300_000);

test('staff see a pending succession: no withdrawal offered, until it lapses unconfirmed', async () => {
  expect(renewalCaseId).not.toBe('');
  // The granted case's request stood in for (this renewal is not decided, so no outcome follows): accepted.
  const connection = await RetrySafeConnection.connect({ address: temporalAddress() });
  try {
    const client = new Client({
      connection: connection.connection,
      dataConverter: createDataConverter(codecKeyringFromEnv()),
    });
    await client.workflow
      .getHandle(clearanceHeldWorkflowId(clearanceId))
      .signal(renewalSuccessionAskedSignal, { caseId: renewalCaseId });
  } finally {
    await connection.close();
  }
  const accepted = async (): Promise<string | null> =>
    (await held(sponsor)).renewal?.successionAcceptedAt ?? null;
  await until('the succession accepted', async () => ((await accepted()) ? true : undefined), 30_000, 250);

  const ada = await harness.signedIn('Ada Brooks');
  await ada.goto(`/aftercare/clearances/${clearanceId}`);
  expect(await text(ada, '#being-replaced')).toMatch(/^This clearance is being replaced by its renewal/);
  expect(await ada.getByRole('button', { name: 'Withdraw the clearance' }).count()).toBe(0);
  await expectAccessible(ada, 'renewal-staff-succession-pending');

  // No outcome within the bound, and no successor: it lapses, and the clearance is held as before.
  await until('the succession lapsed', async () => ((await accepted()) ? undefined : true), 90_000, 500);
  expect((await held(sponsor)).renewal?.status).toBe('OPEN');
  await ada.reload();
  expect(await ada.locator('#being-replaced').count()).toBe(0);
  expect(await ada.getByRole('button', { name: 'Withdraw the clearance' }).count()).toBe(1);
  await ada.context().close();
}, 300_000);
