import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { insertAppealRow } from '../support/appeal-rows';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { invitationFrom } from '../support/invite';
import { adjudicator } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { banner } from './support/casework-steps';
import { seedNotice } from './support/notices';
import { WebHarness } from './support/web-harness';

// The staff's appeal pages (issue 12) in a real browser against the real API, worker, Temporal and PostgreSQL.
// Alex Morgan's DV clearance is withdrawn by Ada Brooks, so Ada may not hear his appeal and Ayesha Malik does;
// Jordan Reid, a recruit refused, complains. The complaint's response target is three seconds long, and the
// statements of case two minutes, so the queue shows an overdue complaint and the panel's steps fit in a test.
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: {
    UPDATE_TIMEOUT_MS: '30000',
    APPEAL_PANEL_WINDOW_MS: '600000',
    APPEAL_ACKNOWLEDGE_MS: '600000',
    APPEAL_STATEMENT_MS: '120000',
    COMPLAINT_RESPONSE_MS: '3000',
  },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };
/** Ada Brooks: she withdraws Alex's clearance, so she took part in what he appeals. */
const ada: Principal = { subject: 'adjudicator-1', roles: ['SENIOR_ADJUDICATOR'] };
const secretary: Principal = { subject: 'secretary-1', roles: ['PANEL_SECRETARY'] };

interface AppealBody {
  appealId: string;
  status: string;
  effect?: { kind: string; done: boolean } | null;
  complaint?: { overdue: boolean } | null;
}

/** `person` applies through the local sponsor's invitation and reaches the decision; the case id. */
async function caseAtDecision(person: Principal): Promise<string> {
  const invitationId = await invitationFrom(harness.api, sponsor, person);
  const res = await harness.api.as(person).post('/applications', { ...eligibleApplication(), invitationId });
  if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
  const caseId = (res.body as { caseId: string }).caseId;
  await flow.toDecision(caseId, person);
  return caseId;
}

/** Alex's clearance granted, withdrawn by Ada, and appealed; the appeal's id. */
async function alexAppeals(): Promise<{ appealId: string; clearanceId: string }> {
  const caseId = await caseAtDecision(alex);
  await flow.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
  const clearanceId = await flow.heldClearanceId(alex);
  const withdrawn = await harness.api.as(ada).post(`/clearances/${clearanceId}/withdrawal`, {
    disclosableReasons: 'Undeclared foreign contact',
    closedReasons: 'Information from a partner agency',
  });
  if (withdrawn.status !== 200) throw new Error(`withdrawal refused: ${withdrawn.status}`);
  const lodged = await harness.api
    .as(alex)
    .post('/appeals', { kind: 'APPEAL', clearanceId, grounds: 'The contact was declared in 2019.' });
  if (lodged.status !== 201)
    throw new Error(`appeal refused: ${lodged.status} ${JSON.stringify(lodged.body)}`);
  return { appealId: (lodged.body as AppealBody).appealId, clearanceId };
}

/** Jordan, a recruit, refused and complaining; the complaint's id. */
async function jordanComplains(): Promise<string> {
  const caseId = await caseAtDecision(jordan);
  await flow.expectOk(adjudicator, caseId, 'decision', {
    outcome: 'REFUSED',
    disclosableReasons: ['undeclared debts'],
    nonDisclosableReasons: ['information from a third party'],
  });
  const lodged = await harness.api
    .as(jordan)
    .post('/appeals', { kind: 'COMPLAINT', caseId, grounds: 'Nobody told me what was missing.' });
  if (lodged.status !== 201) throw new Error(`complaint refused: ${lodged.status}`);
  return (lodged.body as AppealBody).appealId;
}

/** The appeal as the panel secretary reads it over the API, once `ready` says so. */
function appealWhen(appealId: string, ready: (a: AppealBody) => boolean, what: string): Promise<AppealBody> {
  return until(
    what,
    async () => {
      const res = await harness.api.as(secretary).get(`/appeals/${appealId}`);
      return res.status === 200 && ready(res.body as AppealBody) ? (res.body as AppealBody) : undefined;
    },
    30_000,
    250,
  );
}

let appealId = '';
let clearanceId = '';
let complaintId = '';

beforeAll(async () => {
  await harness.start();
  // One request first: the harness makes its signing key on first use, and two at once would make two.
  await harness.api.as(sponsor).get('/invitations');
  const [appeal, complaint] = await Promise.all([alexAppeals(), jordanComplains()]);
  ({ appealId, clearanceId } = appeal);
  complaintId = complaint;
  await appealWhen(appealId, () => true, 'the appeal stored');
  // Past its three-second target, the queue says the complaint is overdue.
  await appealWhen(complaintId, (a) => !!a.complaint?.overdue, 'the complaint overdue');
}, 900_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor({ timeout: 30_000 });
  return text(page, '.govuk-error-summary');
}

/** The case references of the queue's rows, top to bottom. */
async function queueKinds(page: Page): Promise<string[]> {
  return page.locator('#appeals tbody tr td:nth-child(2)').allInnerTexts();
}

/** A London calendar date `days` from today, as the date input's three fields. */
function dateParts(days: number): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = new Date(Date.now() + days * 86_400_000)
    .toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

test('the queue sorts and filters without JavaScript, and each row opens the appeal’s page', async () => {
  // axe needs JavaScript: the queue and its filtered state are checked with it on, then walked with it off.
  const checked = await harness.signedIn('Priya Shah');
  await expect(checked.locator('#appeals tbody tr').count()).resolves.toBe(2);
  await expectAccessible(checked, 'appeal-staff-queue');
  await checked.goto('/appeals?kind=COMPLAINT&sort=deadline&order=descending');
  await expectAccessible(checked, 'appeal-staff-queue-filtered');
  await checked.context().close();

  const page = await harness.signedIn('Priya Shah', { javaScript: false });
  expect(new URL(page.url()).pathname).toBe('/appeals');
  await expect(page.locator('#appeals tbody tr').count()).resolves.toBe(2);
  // The complaint's three-second target has passed: its deadline says so.
  await expect(text(page, '#appeals')).resolves.toContain('Overdue');

  await page.getByRole('link', { name: 'Kind', exact: true }).click();
  expect(new URL(page.url()).search).toBe('?sort=kind&order=ascending');
  await expect(queueKinds(page)).resolves.toEqual(['Appeal', 'Complaint']);
  await expect(page.locator('th[aria-sort="ascending"]').innerText()).resolves.toBe('Kind');
  await page.getByRole('link', { name: 'Kind', exact: true }).click();
  await expect(queueKinds(page)).resolves.toEqual(['Complaint', 'Appeal']);
  await expect(page.locator('th[aria-sort="descending"]').innerText()).resolves.toBe('Kind');

  await page.locator('#kind').selectOption('COMPLAINT');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(queueKinds(page)).resolves.toEqual(['Complaint']);
  await expect(text(page, '#appeals caption')).resolves.toBe('1 open matching');
  // The MOJ filter's selected-filter tag: a link to the list without that filter.
  await expect(text(page, '.moj-filter__selected')).resolves.toContain('Complaint');
  await page.locator('.moj-filter__selected a.moj-filter__tag', { hasText: 'Complaint' }).click();
  await expect(page.locator('#appeals tbody tr').count()).resolves.toBe(2);
  await page.locator('#kind').selectOption('COMPLAINT');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('#status').selectOption('INTERNAL_REVIEW');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No open appeals or complaints match.').count()).resolves.toBe(1);
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  // "Named secretary" (the API's secretary filter): no secretary is named on either yet.
  await page.getByLabel('None named', { exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  expect(new URL(page.url()).searchParams.get('secretary')).toBe('none');
  await expect(page.locator('#appeals tbody tr').count()).resolves.toBe(2);
  await page.getByLabel('Me', { exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No open appeals or complaints match.').count()).resolves.toBe(1);
  await page.getByRole('link', { name: 'Clear filters' }).first().click();

  await page.locator('#appeals a[href^="/appeals/"]', { hasText: /./ }).first().click();
  await expect(h1(page)).resolves.toMatch(/^(Appeal against a withdrawal|Complaint about a refusal)$/);
  await page.context().close();
}, 300_000);

test('a panel secretary follows a notice from their messages to the appeal it concerns', async () => {
  // Stored as the appeal's reminder would be (this suite's clocks are too long to send one): its id is the appeal's.
  await seedNotice(harness.database?.url ?? '', {
    recipient: secretary.subject,
    caseId: appealId,
    reason: 'REMINDER',
    role: 'PANEL_SECRETARY',
  });
  const page = await harness.signedIn('Priya Shah', { javaScript: false });
  await page.getByRole('navigation').getByRole('link', { name: 'Messages' }).click();
  await page.waitForURL(/\/messages$/);
  const link = page.locator('.app-message').getByRole('link', { name: /Open the appeal/ });
  expect(await link.getAttribute('href')).toBe(`/appeals/${appealId}`);
  await link.click();
  await page.waitForURL(new RegExp(`/appeals/${appealId}$`));
  await expect(h1(page)).resolves.toBe('Appeal against a withdrawal');
  await page.context().close();
}, 120_000);

test('an adjudicator who withdrew the clearance is told they may not hear the appeal', async () => {
  const page = await harness.signedIn('Ada Brooks');
  await page.goto(`/appeals/${appealId}`);
  await expect(h1(page)).resolves.toBe('Appeal against a withdrawal');
  await expect(text(page, '#appeal-status')).resolves.toBe('Internal review');
  // Told before trying: who took part (her first), and no hearing offered.
  await expect(text(page, '#prior-involvement')).resolves.toMatch(
    /You took part in this case or clearance.*no prior involvement/,
  );
  await expect(text(page, '#appeal-summary')).resolves.toMatch(/Prior involvement \(may not hear it\) you/);
  await expect(page.getByRole('button', { name: 'Record the internal hearing' }).count()).resolves.toBe(0);
  await expect(text(page, '#appeal-timeline')).resolves.toContain('Appeal lodged');
  await expectAccessible(page, 'appeal-staff-prior-involvement');
  // The form's address goes back to the appeal's page.
  await page.goto(`/appeals/${appealId}/hearing`);
  expect(new URL(page.url()).pathname).toBe(`/appeals/${appealId}`);
  await page.context().close();
}, 300_000);

test('an appeal upheld, taken to the panel, extended, stated and recommended, and carried out', async () => {
  const ayesha = await harness.signedIn('Ayesha Malik');
  await ayesha.goto(`/appeals/${appealId}/hearing`);
  await expect(h1(ayesha)).resolves.toBe('Record the internal hearing');
  await expectAccessible(ayesha, 'appeal-staff-hearing');
  // Nothing filled in: the API's 400 names each field, and the page says each in words.
  await ayesha.getByRole('button', { name: 'Record the hearing' }).click();
  const summary = await errorSummary(ayesha);
  for (const message of [
    'Select the outcome of the hearing',
    'Enter your review of the decision',
    'Enter your review of the process',
    'Enter your review of what was disclosed',
    'Enter the reasons for the outcome',
  ])
    expect(summary).toContain(message);
  await expect(text(ayesha, '#reasons-error')).resolves.toContain('Enter the reasons for the outcome');
  expect(await ayesha.title()).toMatch(/^Error: /);
  await expectAccessible(ayesha, 'appeal-staff-hearing-errors');
  // The error summary's links go to the fields.
  await ayesha.locator('.govuk-error-summary a[href="#reviewOfProcess"]').click();
  await ayesha.getByLabel('Upheld: the decision stands').check();
  await ayesha.locator('#reviewOfDecision').fill('The decision followed from the findings.');
  await ayesha.locator('#reviewOfProcess').fill('The process was followed.');
  await ayesha.locator('#reviewOfDisclosure').fill('The disclosable reasons were given.');
  await ayesha.locator('#reasons').fill('No new information.');
  await ayesha.getByRole('button', { name: 'Record the hearing' }).click();
  await expect(banner(ayesha)).resolves.toContain('Hearing recorded: the decision is upheld');
  await expect(text(ayesha, '#appeal-status')).resolves.toBe('Upheld (panel window open)');
  await expect(text(ayesha, '#appeal-summary')).resolves.toContain('Panel window ends');
  await expect(text(ayesha, '#appeal-timeline')).resolves.toContain('Internal hearing: upheld by you');
  await expectAccessible(ayesha, 'appeal-staff-upheld');

  // Alex registers intent within the window (his own pages are another's work: over the API here).
  expect((await harness.api.as(alex).post(`/appeals/${appealId}/panel-intent`)).status).toBe(200);

  const priya = await harness.signedIn('Priya Shah');
  await priya.goto(`/appeals/${appealId}`);
  await expect(text(priya, '#appeal-status')).resolves.toBe('Registered with the panel');
  await expect(priya.getByRole('button', { name: 'Record the internal hearing' }).count()).resolves.toBe(0);
  await expectAccessible(priya, 'appeal-staff-registered');
  // Nobody named yet: Priya names herself, so the clock's reminders of this appeal come to her.
  await expect(text(priya, '#appeal-summary')).resolves.toContain('Panel secretary Not named yet');
  await priya.getByRole('button', { name: 'Name the panel secretary' }).click();
  await expect(h1(priya)).resolves.toBe('Name the panel secretary');
  await expectAccessible(priya, 'appeal-staff-secretary');
  // The candidates are the API's: Priya herself among them.
  await expect(priya.getByLabel('Priya Shah (you)', { exact: true }).count()).resolves.toBe(1);
  await priya.getByRole('button', { name: 'Name the panel secretary' }).click();
  await expect(errorSummary(priya)).resolves.toContain('Select the panel secretary');
  await expectAccessible(priya, 'appeal-staff-secretary-errors');
  // The same page without JavaScript: the error summary, then the choice, posted as a plain form.
  const noScript = await harness.signedIn('Priya Shah', { javaScript: false });
  await noScript.goto(`/appeals/${appealId}/secretary`);
  await noScript.getByRole('button', { name: 'Name the panel secretary' }).click();
  await expect(errorSummary(noScript)).resolves.toContain('Select the panel secretary');
  await expect(noScript.locator('.govuk-error-summary a[href="#secretaryId"]').count()).resolves.toBe(1);
  await noScript.getByLabel('Priya Shah (you)', { exact: true }).check();
  await noScript.getByRole('button', { name: 'Name the panel secretary' }).click();
  await expect(banner(noScript)).resolves.toContain('You are the panel secretary for this appeal');
  await noScript.context().close();
  await priya.goto(`/appeals/${appealId}`);
  await expect(text(priya, '#appeal-summary')).resolves.toContain('Panel secretary you');
  await expect(text(priya, '#appeal-timeline')).resolves.toContain('Panel secretary named by you');
  await expect(priya.getByRole('button', { name: 'Name the panel secretary' }).count()).resolves.toBe(0);
  await priya.getByRole('button', { name: 'Acknowledge the registration' }).click();
  await expect(banner(priya)).resolves.toContain('Registration acknowledged');
  await expect(text(priya, '#appeal-summary')).resolves.toMatch(/The department’s statement of case Due by/);
  // Not before both statements are in, or past their deadlines.
  await expect(
    priya.getByRole('button', { name: 'Record the panel’s recommendation' }).count(),
  ).resolves.toBe(0);

  await priya.getByRole('button', { name: 'Grant an extension' }).click();
  await expect(h1(priya)).resolves.toBe('Grant an extension');
  await expectAccessible(priya, 'appeal-staff-extension');
  await priya.getByRole('button', { name: 'Grant the extension' }).click();
  const missing = await errorSummary(priya);
  expect(missing).toContain('Select whose statement of case the extension is for');
  expect(missing).toContain('Enter the new due date');
  expect(missing).toContain('Enter the reasons for the extension');
  await expectAccessible(priya, 'appeal-staff-extension-errors');
  // A date that does not exist is the date input's own error.
  await priya.getByLabel('The department').check();
  await priya.locator('#dueAt-day').fill('31');
  await priya.locator('#dueAt-month').fill('2');
  await priya.locator('#dueAt-year').fill('2027');
  await priya.locator('#reason').fill('Partner agency papers requested');
  await priya.getByRole('button', { name: 'Grant the extension' }).click();
  await expect(errorSummary(priya)).resolves.toContain('The new due date must be a real date');
  await expect(priya.locator('#reason').inputValue()).resolves.toBe('Partner agency papers requested');
  // A date before the current deadline: the API refuses it, and the page links the refusal to the date.
  await priya.locator('#dueAt-day').fill('1');
  await priya.locator('#dueAt-month').fill('1');
  await priya.locator('#dueAt-year').fill('2020');
  await priya.getByRole('button', { name: 'Grant the extension' }).click();
  await expect(errorSummary(priya)).resolves.toContain('An extension must move the deadline later');
  await expect(priya.locator('.govuk-error-summary a[href="#dueAt-day"]').count()).resolves.toBe(1);
  const later = dateParts(30);
  await priya.locator('#dueAt-day').fill(later.day);
  await priya.locator('#dueAt-month').fill(later.month);
  await priya.locator('#dueAt-year').fill(later.year);
  await priya.getByRole('button', { name: 'Grant the extension' }).click();
  await expect(banner(priya)).resolves.toContain(
    'Extension granted: the department’s statement of case is now due by',
  );
  await expect(text(priya, '#appeal-summary')).resolves.toContain('Partner agency papers requested');
  await expect(text(priya, '#appeal-timeline')).resolves.toContain('Extension granted');

  // Alex's statement over the API; the department's from Ayesha's page, by its (extended) deadline.
  expect(
    (await harness.api.as(alex).post(`/appeals/${appealId}/statements`, { statement: 'My case.' })).status,
  ).toBe(200);
  await ayesha.goto(`/appeals/${appealId}`);
  await ayesha.getByRole('button', { name: 'Submit the department’s statement of case' }).click();
  await expectAccessible(ayesha, 'appeal-staff-statement');
  await ayesha.getByRole('button', { name: 'Submit the statement' }).click();
  await expect(errorSummary(ayesha)).resolves.toContain('Enter the department’s statement of case');
  await expectAccessible(ayesha, 'appeal-staff-statement-errors');
  await ayesha.locator('#statement').fill('The withdrawal followed the partner agency’s information.');
  await ayesha.getByRole('button', { name: 'Submit the statement' }).click();
  await expect(banner(ayesha)).resolves.toContain('The department’s statement of case is submitted');
  await ayesha.context().close();

  await priya.goto(`/appeals/${appealId}`);
  await priya.getByRole('button', { name: 'Record the panel’s recommendation' }).click();
  await expectAccessible(priya, 'appeal-staff-recommendation');
  await priya.getByRole('button', { name: 'Record the recommendation' }).click();
  const blank = await errorSummary(priya);
  expect(blank).toContain('Select the panel’s recommendation');
  expect(blank).toContain('Enter the panel’s reasons');
  await expectAccessible(priya, 'appeal-staff-recommendation-errors');
  await priya.getByLabel('Clearance granted or restored').check();
  await priya.locator('#reasons').fill('The contact had been declared.');
  await priya.getByRole('button', { name: 'Record the recommendation' }).click();
  await expect(banner(priya)).resolves.toContain('The panel’s recommendation is recorded');
  await expect(text(priya, '#appeal-status')).resolves.toBe('Panel recommended');

  // The system carries it out: the clearance is valid again, and the appeal's page says so.
  await appealWhen(appealId, (a) => !!a.effect?.done, 'the recommendation carried out');
  await priya.reload();
  await expect(text(priya, '#appeal-summary')).resolves.toContain('Restore the clearance: carried out');
  await expect(text(priya, '#appeal-timeline')).resolves.toContain(
    'Panel recommendation: clearance granted or restored by you',
  );
  await expectAccessible(priya, 'appeal-staff-decided');
  const held = await harness.api.as(alex).get(`/clearances/${clearanceId}`);
  expect((held.body as { status: string }).status).toBe('VALID');
  // Decided: out of the open queue.
  await priya.goto('/appeals');
  await expect(priya.locator(`a[href="/appeals/${appealId}"]`).count()).resolves.toBe(0);
  await priya.context().close();
}, 600_000);

test('a complaint is answered by an adjudicator; other roles are refused', async () => {
  const page = await harness.signedIn('Ada Brooks');
  await page.goto(`/appeals/${complaintId}`);
  await expect(h1(page)).resolves.toBe('Complaint about a refusal');
  await expect(text(page, '#appeal-summary')).resolves.toContain('(overdue)');
  // The clock's mark is an event of its own in the history.
  await expect(text(page, '#appeal-timeline')).resolves.toContain(
    'Complaint response overdue by Vetting service',
  );
  await page.getByRole('button', { name: 'Answer the complaint' }).click();
  await expectAccessible(page, 'appeal-staff-complaint');
  await page.getByRole('button', { name: 'Send the response' }).click();
  const summary = await errorSummary(page);
  expect(summary).toContain('Select whether the complaint is upheld');
  expect(summary).toContain('Enter the response to the complainant');
  await expectAccessible(page, 'appeal-staff-complaint-errors');
  await page.getByLabel('Not upheld').check();
  await page.locator('#response').fill('The application was handled correctly.');
  await page.getByRole('button', { name: 'Send the response' }).click();
  await expect(banner(page)).resolves.toContain('Complaint answered');
  await expect(text(page, '#appeal-status')).resolves.toBe('Complaint answered');
  await expect(text(page, '#appeal-timeline')).resolves.toContain('Complaint answered: not upheld by you');
  await expectAccessible(page, 'appeal-staff-complaint-answered');
  // Answered: the form is no longer offered, and its address goes back to the complaint's page.
  await page.goto(`/appeals/${complaintId}/complaint-response`);
  expect(new URL(page.url()).pathname).toBe(`/appeals/${complaintId}`);
  await page.context().close();

  const officer = await harness.signedIn('Olivia Hughes');
  expect((await officer.goto(`/appeals/${complaintId}`))?.status()).toBe(403);
  await officer.context().close();
  const priya = await harness.signedIn('Priya Shah');
  expect((await priya.goto('/appeals/not-an-appeal'))?.status()).toBe(404);
  await priya.context().close();
}, 300_000);

test('the queue pages through the API’s list with GOV.UK pagination, keeping the filter', async () => {
  // Twenty-two complaints written into the read-model (lodged in 2020), more than a page of twenty.
  const db = createDataSource(harness.database?.url ?? '');
  await db.initialize();
  const ids: string[] = [];
  try {
    for (let minute = 0; minute < 22; minute++) {
      ids.push(
        await insertAppealRow(db, {
          minute,
          kind: 'COMPLAINT',
          appellantId: `paged-appellant-${minute}`,
          secretaryId: null,
        }),
      );
    }
    const page = await harness.signedIn('Priya Shah', { javaScript: false });
    await page.goto('/appeals?kind=COMPLAINT');
    await expect(text(page, '#appeals caption')).resolves.toBe('22 open matching');
    await expect(page.locator('#appeals tbody tr').count()).resolves.toBe(20);
    await page.locator('.govuk-pagination__next a').click();
    const url = new URL(page.url());
    expect([url.searchParams.get('kind'), url.searchParams.get('page')]).toEqual(['COMPLAINT', '2']);
    await expect(page.locator('#appeals tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('.govuk-pagination__item--current').innerText()).resolves.toContain('2');
    await page.context().close();
    const checked = await harness.signedIn('Priya Shah');
    await checked.goto('/appeals?kind=COMPLAINT&page=2');
    await expectAccessible(checked, 'appeal-staff-queue-paged');
    await checked.context().close();
  } finally {
    await db.query(`DELETE FROM appeal WHERE id = ANY($1)`, [ids]);
    await db.destroy();
  }
}, 300_000);
