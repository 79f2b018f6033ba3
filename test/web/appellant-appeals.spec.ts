import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { invitationFrom } from '../support/invite';
import { adjudicator } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The appellant's pages for appeals and complaints (issue 12) in a real browser against the real API, worker,
// Temporal and PostgreSQL. Jordan Reid, a recruit, is refused and complains (and reads the response); Alex
// Morgan, cleared, has no appeals in the navigation until the clearance is withdrawn, then appeals, is dismissed
// internally, goes to the panel and sends a statement of case; later Jordan, cleared and then withdrawn, misses the
// panel window. The panel window is a minute long here (28 days by policy).
const PANEL_WINDOW_MS = 60_000;
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: {
    UPDATE_TIMEOUT_MS: '30000',
    AFTERCARE_YEAR_MS: String(10 * 60_000),
    APPRAISAL_REMINDER_MS: '200000',
    APPRAISAL_OVERDUE_MS: '400000',
    APPEAL_PANEL_WINDOW_MS: String(PANEL_WINDOW_MS),
    APPEAL_STATEMENT_MS: '600000',
    // Half the panel window: the appellant is reminded ahead of it, well within the test.
    APPEAL_REMINDER_LEAD_MS: String(PANEL_WINDOW_MS / 2),
  },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };
/** Adjudicators with no part in any case here: may hear the appeals and answer the complaint. */
const appealOfficer: Principal = { subject: 'appeal-officer-1', roles: ['SENIOR_ADJUDICATOR'] };
const withdrawer: Principal = { subject: 'withdrawing-adjudicator-1', roles: ['SENIOR_ADJUDICATOR'] };
const secretary: Principal = { subject: 'panel-secretary-1', roles: ['PANEL_SECRETARY'] };

/** Words only staff see: the appellant's pages must never show them. */
const STAFF_WORDS =
  /Internal review|Upheld|Overturned|Registered with the panel|Acknowledged|Complaint open|PANEL_|COMPLAINT_/;

interface AppellantAppeal {
  appealId: string;
  kind: 'APPEAL' | 'COMPLAINT';
  status: string;
  panelWindowEndsAt: string | null;
  statementDueAt: string | null;
}

/** `who` applies through the local sponsor's invitation and the case is taken to the adjudicator's decision. */
async function decidedCase(who: Principal, outcome: 'GRANTED' | 'REFUSED'): Promise<string> {
  const invitationId = await invitationFrom(harness.api, sponsor, who);
  const res = await harness.api.as(who).post('/applications', { ...eligibleApplication(), invitationId });
  if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
  const caseId = (res.body as { caseId: string }).caseId;
  await flow.toDecision(caseId, who);
  await flow.expectOk(
    adjudicator,
    caseId,
    'decision',
    outcome === 'GRANTED'
      ? { outcome }
      : {
          outcome,
          disclosableReasons: ['Undeclared debts'],
          nonDisclosableReasons: ['Information from a third party'],
        },
  );
  return caseId;
}

/** `who` is granted a clearance and it is then withdrawn; its id once the holder sees it withdrawn. */
async function withdrawnClearance(who: Principal): Promise<string> {
  await decidedCase(who, 'GRANTED');
  return withdraw(who);
}

/** `who`'s held clearance is withdrawn; its id once the holder sees it withdrawn. */
async function withdraw(who: Principal): Promise<string> {
  const clearanceId = await flow.heldClearanceId(who);
  const res = await harness.api.as(withdrawer).post(`/clearances/${clearanceId}/withdrawal`, {
    disclosableReasons: 'Undeclared foreign contact',
    closedReasons: 'Information from a partner agency',
  });
  if (res.status !== 200) throw new Error(`withdrawal refused: ${res.status} ${JSON.stringify(res.body)}`);
  await until('the clearance withdrawn', async () => {
    const seen = await harness.api.as(who).get(`/clearances/${clearanceId}`);
    return (seen.body as { status: string }).status === 'WITHDRAWN' ? true : undefined;
  });
  return clearanceId;
}

/** `who`'s first appeal or complaint that `ready` accepts, as the API shows it to them (waiting for it). */
async function ownAppeal(
  who: Principal,
  ready: (a: AppellantAppeal) => boolean = () => true,
): Promise<AppellantAppeal> {
  return until(
    'the appeal as its appellant sees it',
    async () => {
      const res = await harness.api.as(who).get('/appeals/mine');
      return (res.body as { items: AppellantAppeal[] }).items.find(ready);
    },
    30_000,
    250,
  );
}

/** The appeal's workflow has the hearing: the refusal stands. */
async function dismissInternally(appealId: string): Promise<void> {
  const res = await harness.api.as(appealOfficer).post(`/appeals/${appealId}/hearing`, {
    outcome: 'UPHELD',
    reviewOfDecision: 'The decision followed from the findings.',
    reviewOfProcess: 'The process was followed.',
    reviewOfDisclosure: 'The disclosable reasons were given.',
    reasons: 'No new information.',
  });
  if (res.status !== 200) throw new Error(`hearing refused: ${res.status} ${JSON.stringify(res.body)}`);
}

let jordanRefusedCase = '';

beforeAll(async () => {
  await harness.start();
  // One request first: the harness makes its signing key on first use, and two at once would make two.
  await harness.api.as(sponsor).get('/invitations');
  [jordanRefusedCase] = await Promise.all([decidedCase(jordan, 'REFUSED'), decidedCase(alex, 'GRANTED')]);
}, 600_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

/** The links in the service navigation (not the page's own links). */
async function navigation(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Menu' }).getByRole('link');
  return (await links.allInnerTexts()).map((t) => t.trim());
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor({ timeout: 30_000 });
  return text(page, '.govuk-error-summary');
}

test('a refused recruit makes a complaint from their application, and reads its status and answer', async () => {
  const page = await harness.signedIn('Jordan Reid');
  await page.waitForURL(/\/application$/);
  expect(await text(page, 'main')).toContain('If you think the decision is wrong');
  // Refused: their appeals and complaints are in the navigation from the start page on.
  expect(await navigation(page)).toContain('Your appeals and complaints');
  await expectAccessible(page, 'appellant-application-refused');

  await page.getByRole('button', { name: 'Make a complaint about the decision' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/new/refusal/${jordanRefusedCase}$`));
  expect(await h1(page)).toBe('Make a complaint about the decision');
  await expectAccessible(page, 'appellant-complaint-grounds');

  // Validated as the API validates grounds: required, at most 4000 characters; the error on the field.
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Enter your grounds');
  expect(await text(page, '#grounds-error')).toContain('Enter your grounds');
  await expectAccessible(page, 'appellant-complaint-grounds-blank');
  await page.locator('#grounds').fill('x'.repeat(4001));
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Your grounds must be 4000 characters or fewer');
  // What was typed comes back.
  expect((await page.locator('#grounds').inputValue()).length).toBe(4001);
  await expectAccessible(page, 'appellant-complaint-grounds-too-long');

  await page.locator('#grounds').fill('My debts were declared and settled before I applied.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  expect(await h1(page)).toBe('Check your complaint before sending it');
  expect(await text(page, '#grounds-answer')).toBe('My debts were declared and settled before I applied.');
  await expectAccessible(page, 'appellant-complaint-check');

  // A POST without the CSRF token is refused, and makes nothing.
  const forged = await page.request.post(`/your-appeals/new/refusal/${jordanRefusedCase}/check`, {
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  const none = await harness.api.as(jordan).get('/appeals/mine');
  expect((none.body as { items: unknown[] }).items).toEqual([]);

  await page.getByRole('button', { name: 'Send your complaint' }).click();
  await page.waitForURL(/\/your-appeals\/sent$/);
  expect(await h1(page)).toBe('Complaint sent');
  await expectAccessible(page, 'appellant-complaint-sent');
  // The confirmation is shown once; reached again, it is the list.
  await page.goto('/your-appeals/sent');
  await page.waitForURL(/\/your-appeals$/);
  expect(await h1(page)).toBe('Your appeals and complaints');
  expect(await text(page, 'main')).toContain('Complaint sent');
  expect(await text(page, '#appeal-1')).toMatch(/Status (Received|In progress)/);
  expect(await text(page, '#appeal-1')).toContain('Someone who had no part in the decision');
  expect(await text(page, 'main')).not.toMatch(STAFF_WORDS);
  await expectAccessible(page, 'appellant-list-complaint');

  // One complaint per decision: the application's page shows what was made instead of the route.
  await page.goto('/application');
  expect(await page.getByRole('button', { name: 'Make a complaint about the decision' }).count()).toBe(0);
  expect(await text(page, '#appeal-made')).toContain('You sent a complaint about this decision on');
  expect(await text(page, 'main')).toMatch(/Status: (Received|In progress)/);
  await expectAccessible(page, 'appellant-application-complaint-made');
  // The route's address, typed or from an old tab, goes back to the decision and what was made about it.
  await page.goto(`/your-appeals/new/refusal/${jordanRefusedCase}`);
  await page.waitForURL(new RegExp(`/application/${jordanRefusedCase}$`));
  expect(await text(page, '#appeal-made')).toContain('You sent a complaint about this decision');
  await page.goto(`/your-appeals/new/refusal/${jordanRefusedCase}/check`);
  await page.waitForURL(new RegExp(`/application/${jordanRefusedCase}$`));

  const { appealId } = await ownAppeal(jordan);
  const answered = await harness.api.as(appealOfficer).post(`/appeals/${appealId}/complaint-response`, {
    outcome: 'NOT_UPHELD',
    response: 'The debts were taken into account.',
  });
  expect(answered.status).toBe(200);
  await ownAppeal(jordan, (a) => a.status === 'DECISION_MADE');
  await page.goto('/your-appeals');
  expect(await text(page, '#appeal-1')).toContain('Decision made');
  expect(await text(page, '#appeal-1')).toContain('Your complaint has been answered');
  // The written response is theirs to read; who answered and the staff's outcome code stay with the team.
  expect(await text(page, '#appeal-1')).toContain('Our response');
  expect(await text(page, '#response-1')).toBe('The debts were taken into account.');
  expect(await text(page, 'main')).not.toMatch(STAFF_WORDS);
  expect(await text(page, 'main')).not.toMatch(/appeal-officer|not upheld/i);
  await expectAccessible(page, 'appellant-list-complaint-answered');
  await page.context().close();
}, 300_000);

test('a withdrawn holder appeals, goes to the independent panel and sends a statement of case', async () => {
  const page = await harness.signedIn('Alex Morgan');
  await page.waitForURL(/\/application$/);
  // Cleared, with nothing to appeal: no appeals in the navigation.
  expect(await navigation(page)).toContain('Your clearance');
  expect(await navigation(page)).not.toContain('Your appeals and complaints');
  const alexClearance = await withdraw(alex);
  await page.getByRole('link', { name: 'Your clearance' }).first().click();
  await page.waitForURL(/\/clearance$/);
  expect(await text(page, '#clearance-status')).toBe('Withdrawn');
  // Withdrawn during the session: the page that shows it puts their appeals in the navigation.
  expect(await navigation(page)).toContain('Your appeals and complaints');
  await expectAccessible(page, 'appellant-clearance-withdrawn');

  await page.getByRole('button', { name: 'Appeal against the withdrawal' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/new/withdrawal/${alexClearance}$`));
  expect(await h1(page)).toBe('Appeal against the decision');
  expect(await text(page, '#about')).toContain('withdrawal of your security clearance');
  await page.locator('#grounds').fill('The contact was declared in 2019.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  await page.locator('#answers a').first().click();
  await page.waitForURL(new RegExp(`/withdrawal/${alexClearance}$`));
  expect(await page.locator('#grounds').inputValue()).toBe('The contact was declared in 2019.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  await expectAccessible(page, 'appellant-appeal-check');
  await page.getByRole('button', { name: 'Send your appeal' }).click();
  await page.waitForURL(/\/your-appeals\/sent$/);
  expect(await h1(page)).toBe('Appeal sent');
  await expectAccessible(page, 'appellant-appeal-sent');

  const { appealId } = await ownAppeal(alex);
  // The clearance's page shows the appeal made instead of the route to make another.
  await page.goto('/clearance');
  expect(await page.getByRole('button', { name: 'Appeal against the withdrawal' }).count()).toBe(0);
  expect(await text(page, '#appeal-made')).toContain('You sent an appeal against this decision on');
  await expectAccessible(page, 'appellant-clearance-appeal-made');
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Your appeals and complaints' })
    .click();
  await page.waitForURL(/\/your-appeals$/);
  expect(await text(page, '#appeal-1')).toMatch(/Appeal sent .* Status (Received|In progress)/);
  expect(await page.getByRole('button', { name: /independent panel/ }).count()).toBe(0);

  // The review upholds the withdrawal: the panel window opens, with its deadline on the page.
  await dismissInternally(appealId);
  await ownAppeal(alex, (a) => a.panelWindowEndsAt !== null);
  await page.goto('/your-appeals');
  expect(await text(page, '#appeal-1')).toContain('Independent panel deadline');
  expect(await text(page, '#appeal-1')).toContain('The review did not change the decision');
  expect(await text(page, 'main')).not.toMatch(STAFF_WORDS);
  await page.getByRole('button', { name: 'Tell us you want to go to the independent panel' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/${appealId}/panel$`));
  expect(await h1(page)).toBe('Tell us you want to go to the independent panel');
  expect(await text(page, '#panel-deadline')).toContain('You must tell us by');
  await page.getByRole('button', { name: 'Go to the independent panel' }).click();
  await page.waitForURL(/\/your-appeals$/);
  expect(await text(page, '.govuk-notification-banner')).toContain(
    'You have told us you want to go to the independent panel',
  );
  await expectAccessible(page, 'appellant-list-panel-registered');

  // The panel secretary acknowledges: the statement of case falls due.
  await until('the acknowledgement', async () => {
    const res = await harness.api.as(secretary).post(`/appeals/${appealId}/acknowledgement`);
    return res.status === 200 ? true : undefined;
  });
  await ownAppeal(alex, (a) => a.statementDueAt !== null);
  await page.goto('/your-appeals');
  expect(await text(page, '#appeal-1')).toContain('Action needed');
  expect(await text(page, '#appeal-1')).toContain('Statement of case due');
  await expectAccessible(page, 'appellant-list-statement-due');
  await page.getByRole('button', { name: 'Send your statement of case' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/${appealId}/statement$`));
  expect(await text(page, '#statement-deadline')).toContain('It must reach us by');
  await expectAccessible(page, 'appellant-statement');
  await page.getByRole('button', { name: 'Send your statement' }).click();
  expect(await errorSummary(page)).toContain('Enter your statement of case');
  expect(await text(page, '#statement-error')).toContain('Enter your statement of case');
  await expectAccessible(page, 'appellant-statement-blank');
  await page.locator('#statement').fill('The contact was declared in my 2019 questionnaire.');
  await page.getByRole('button', { name: 'Send your statement' }).click();
  await page.waitForURL(/\/your-appeals$/);
  expect(await text(page, '.govuk-notification-banner')).toContain('Your statement of case has been sent');
  const file = await harness.api.as(secretary).get(`/appeals/${appealId}`);
  const statements = (file.body as { panel: { statements: { APPELLANT: { submittedAt: string | null } } } })
    .panel.statements;
  expect(statements.APPELLANT.submittedAt).toEqual(expect.any(String));
  // Sent: nothing more to send; the page goes back to the list.
  await ownAppeal(alex, (a) => a.statementDueAt === null);
  await page.goto(`/your-appeals/${appealId}/statement`);
  await page.waitForURL(/\/your-appeals$/);
  expect(await text(page, '#appeal-1')).toContain('In progress');
  await page.context().close();
}, 300_000);

test('after the panel window, registering intent says plainly that the deadline has passed', async () => {
  // Jordan, refused before, is cleared on a new application and then withdrawn; this time Jordan may appeal.
  const clearanceId = await withdrawnClearance(jordan);
  const page = await harness.signedIn('Jordan Reid');
  await page.goto('/clearance');
  await page.getByRole('button', { name: 'Appeal against the withdrawal' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/new/withdrawal/${clearanceId}$`));
  await page.locator('#grounds').fill('The contact ended years ago.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  await page.getByRole('button', { name: 'Send your appeal' }).click();
  await page.waitForURL(/\/your-appeals\/sent$/);

  const lodged = await ownAppeal(jordan, (a) => a.kind === 'APPEAL');
  await dismissInternally(lodged.appealId);
  const upheld = await ownAppeal(jordan, (a) => a.kind === 'APPEAL' && a.panelWindowEndsAt !== null);
  await page.goto(`/your-appeals/${upheld.appealId}/panel`);
  expect(await h1(page)).toBe('Tell us you want to go to the independent panel');
  await expectAccessible(page, 'appellant-panel-open');

  // The window passes with the page open; pressing the button then is the API's 409, said plainly.
  const endsAt = Date.parse(upheld.panelWindowEndsAt ?? '');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now()) + 1_000));
  await page.getByRole('button', { name: 'Go to the independent panel' }).click();
  await page.waitForURL(new RegExp(`/your-appeals/${upheld.appealId}/panel$`));
  expect(await h1(page)).toBe('The deadline to go to the independent panel has passed');
  expect(await text(page, '#panel-message')).toContain('You did not tell us in time');
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  await expectAccessible(page, 'appellant-panel-closed');

  // Once the clock has closed it, the list says so and offers nothing.
  await ownAppeal(jordan, (a) => a.appealId === upheld.appealId && a.status === 'CLOSED');
  await page.goto('/your-appeals');
  const closed = page.locator('.app-appeal', { hasText: 'Closed' });
  expect(await closed.count()).toBe(1);
  expect(await page.getByRole('button', { name: /independent panel/ }).count()).toBe(0);
  await expectAccessible(page, 'appellant-list-closed');

  // Reminded ahead of the deadline, discreetly: their messages say there is something to sign in for, not what.
  const reminder = await until(
    'the reminder ahead of the panel deadline',
    async () => {
      const res = await harness.api.as(jordan).get('/inbox');
      const items = (
        res.body as { items: { id: string; caseId: string | null; reason: string; createdAt: string }[] }
      ).items;
      return items.find((m) => m.caseId === upheld.appealId && m.reason === 'REMINDER');
    },
    30_000,
    250,
  );
  expect(Date.parse(reminder.createdAt)).toBeLessThan(endsAt);
  await page.goto('/messages');
  const shown = page.locator(`#message-${reminder.id}`);
  expect(await shown.locator('h2').innerText()).toContain('Reminder: you have a message waiting');
  expect(await shown.innerText()).not.toMatch(/appeal|panel|deadline|withdraw|clearance/i);
  await expectAccessible(page, 'appellant-messages-reminded-ahead');
  await page.context().close();
}, 300_000);
