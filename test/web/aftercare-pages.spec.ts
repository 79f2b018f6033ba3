import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { grantedClearance } from '../../libs/domain/src';
import type { ClearanceState, Principal } from '../../libs/domain/src';
import { ClearanceStore, createDataSource } from '../../libs/persistence/src';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { fieldCipher } from '../support/field-cipher';
import { seedReadModelCase } from '../support/seed';
import { adjudicator } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The aftercare pages (issue 12) in a real browser against the real API, worker, Temporal and PostgreSQL: two
// local applicants, Alex Morgan and Jordan Reid, are granted DV clearances through the DV stages (sponsored by
// Sam Patel), then each role acts on them through its pages, with appraisal years two minutes long.
const YEAR_MS = 120_000;
const harness = new WebHarness({
  worker: true,
  workerEnv: FAST_CHECKS_ENV,
  apiEnv: {
    UPDATE_TIMEOUT_MS: '30000',
    AFTERCARE_YEAR_MS: String(YEAR_MS),
    APPRAISAL_REMINDER_MS: '40000',
    APPRAISAL_OVERDUE_MS: '80000',
  },
});
const flow = new DvFlow(harness.api);
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
const alex: Principal = { subject: 'applicant-1', roles: ['APPLICANT'] };
const jordan: Principal = { subject: 'applicant-2', roles: ['APPLICANT'] };

interface Held {
  clearanceId: string;
  status: string;
  appraisal: { n: number; status: string } | null;
}

let alexClearance = '';
let jordanClearance = '';

beforeAll(async () => {
  await harness.start();
  // One request first: the harness makes its signing key on first use, and two at once would make two.
  await harness.api.as(sponsor).get('/invitations');
  [alexClearance, jordanClearance] = await Promise.all([
    flow.grantedByInvitation(sponsor, alex),
    flow.grantedByInvitation(sponsor, jordan),
  ]);
}, 600_000);
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

/** A review task as staff read it; a change report's carries the record checks it re-ran. */
interface ReviewTask {
  taskId: string;
  kind: string;
  status: string;
  checks?: { checkType: string; status: string }[];
}

async function clearance(who: Principal, id: string): Promise<Held & { tasks?: ReviewTask[] }> {
  const res = await harness.api.as(who).get(`/clearances/${id}`);
  return res.body as Held & { tasks?: ReviewTask[] };
}

/**
 * A clearance of no one here whose change report's re-run check has not come back, written straight into the
 * read model as the workflow's write lands: the simulated checks here answer within a second, so the queue is
 * never seen in that moment otherwise (test/e2e/aftercare-checks.e2e.spec.ts holds a real one open for the
 * API's flag). `close` records the task's review, so the queue is as the rest of the suite expects.
 */
async function seedTaskAwaitingResults(): Promise<{ rowId: string; close: () => Promise<void> }> {
  const db = createDataSource(harness.database?.url ?? '');
  await db.initialize();
  const at = new Date().toISOString();
  const caseId = randomUUID();
  const clearanceId = randomUUID();
  const holderId = `holder-${caseId}`;
  // A sponsor no one signs in as, so no sponsor's list shows it.
  const sponsorId = 'sponsor-seeded';
  await seedReadModelCase(db, caseId, {
    stage: 'GRANTED',
    assignee: 'officer-2',
    team: 'dv-team-1',
    sponsorId,
    applicantId: holderId,
    snapshot: { status: 'CLOSED', outcome: 'GRANTED', closedAt: at },
  });
  const store = new ClearanceStore(db, fieldCipher);
  const facts = {
    clearanceId,
    caseId,
    holderId,
    sponsorId,
    grantedOn: at.slice(0, 10),
    renewalDue: '2036-01-10',
    conditions: [],
  };
  await store.record({ ...facts, personId: holderId, level: 'DV', reviewDue: facts.renewalDue });
  const granted = grantedClearance(facts, at);
  const task: ClearanceState['tasks'][number] = {
    taskId: 'task-1',
    kind: 'CHANGE_OF_CIRCUMSTANCES',
    openedAt: at,
    status: 'OPEN',
    outcome: null,
    reviewedBy: null,
    checks: [
      {
        checkType: 'SECURITY_SERVICE',
        runId: randomUUID(),
        status: 'RUNNING',
        outcome: null,
        startedAt: at,
        resolvedAt: null,
      },
    ],
  };
  const event = (seq: number, action: string) => ({
    clearanceId,
    seq,
    action,
    actorRole: seq === 1 ? 'HOLDER' : 'VETTING_OFFICER',
    actorId: seq === 1 ? holderId : 'officer-2',
    fromStatus: 'VALID' as const,
    toStatus: 'VALID' as const,
    at,
    detail: {},
  });
  await store.recordEvent(event(1, 'REPORT_CHANGE'), { ...granted, seq: 1, tasks: [task] });
  return {
    rowId: `task-${clearanceId}-${task.taskId}`,
    close: async () => {
      try {
        const closed = {
          ...task,
          status: 'CLOSED' as const,
          outcome: 'NO_CHANGE' as const,
          reviewedBy: 'officer-2',
        };
        await store.recordEvent(event(2, 'RECORD_REVIEW'), { ...granted, seq: 2, tasks: [closed] });
      } finally {
        await db.destroy();
      }
    },
  };
}

test('a holder reads their clearance and reports a change of circumstances; JavaScript off', async () => {
  // axe needs JavaScript: the same pages are checked with it on in the appraisal test.
  const page = await harness.signedIn('Alex Morgan', { javaScript: false });
  await page.getByRole('link', { name: 'Your clearance' }).first().click();
  await page.waitForURL(/\/clearance$/);
  expect(await h1(page)).toBe('Your security clearance');
  expect(await text(page, '#clearance-status')).toBe('Valid');

  await page.getByRole('button', { name: 'Report a change of circumstances' }).click();
  await page.waitForURL(new RegExp(`/clearance/${alexClearance}/change$`));
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Select what has changed');
  await page.getByLabel('A new partner').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/details$/);
  expect(await h1(page)).toContain('Tell us about your new partner');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('Enter the details of the change');
  await page.locator('#summary').fill('Moved in with my partner, a British citizen');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/date$/);
  expect(await h1(page)).toBe('When did the relationship start?');
  await page.locator('#occurredOn-day').fill('31');
  await page.locator('#occurredOn-month').fill('2');
  await page.locator('#occurredOn-year').fill('2026');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('The date must be a real date');
  await page.locator('#occurredOn-day').fill('20');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/check$/);
  expect(await text(page, '#answers')).toContain('20 February 2026');

  // A POST without the CSRF token is refused, and reports nothing.
  const forged = await page.request.post(`/clearance/${alexClearance}/change/check`, { maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect((await clearance(adjudicator, alexClearance)).tasks).toEqual([]);

  await page.getByRole('button', { name: 'Report the change' }).click();
  await page.waitForURL(/\/change\/sent$/);
  expect(await h1(page)).toBe('Change of circumstances reported');
  await page.goto(`/clearance/${alexClearance}/change/sent`);
  await page.waitForURL(/\/clearance$/);
  const tasks = (await clearance(adjudicator, alexClearance)).tasks ?? [];
  expect(tasks.map((t) => t.kind)).toEqual(['CHANGE_OF_CIRCUMSTANCES']);
  await page.context().close();
}, 300_000);

test('a sponsor finds the clearance from the lookup and reports an incident', async () => {
  const page = await harness.signedIn('Sam Patel');
  await page.goto('/sponsor/clearances');
  await page.getByLabel('Their user ID').fill('applicant-1');
  await page.getByRole('button', { name: 'Check clearance' }).click();
  await page.locator('#clearance-link').click();
  await page.waitForURL(new RegExp(`/sponsor/clearances/${alexClearance}$`));
  expect(await text(page, '#clearance-status')).toBe('Valid');
  await expectAccessible(page, 'aftercare-sponsor-clearance');
  await page.getByRole('button', { name: 'Report an incident' }).click();
  await page.waitForURL(/\/incident$/);
  await page.getByRole('button', { name: 'Report the incident' }).click();
  expect(await errorSummary(page)).toContain('Enter what happened');
  await expectAccessible(page, 'aftercare-sponsor-incident-error');
  await page.locator('#summary').fill('Left a classified document on a train');
  await page.getByRole('button', { name: 'Report the incident' }).click();
  await page.waitForURL(/\/incident\/sent$/);
  expect(await h1(page)).toBe('Incident reported');
  await expectAccessible(page, 'aftercare-sponsor-incident-sent');
  await page.context().close();
}, 300_000);

test('an officer works the review queue; a task recorded meanwhile is refused on the page', async () => {
  const awaiting = await seedTaskAwaitingResults();
  const page = await harness.signedIn('Olivia Hughes');
  await page.getByRole('link', { name: 'Aftercare reviews' }).first().click();
  await page.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(page, '#review-tasks')).toContain('Change of circumstances');
  expect(await text(page, '#review-tasks')).toContain('Incident reported by the sponsor');
  // A task whose re-run checks are still out is tagged so (checked by axe with the tag on the page).
  expect(await text(page, `tr[id="${awaiting.rowId}"] [data-awaiting-results]`)).toBe(
    'Awaiting check results',
  );
  await expectAccessible(page, 'aftercare-review-queue');
  await awaiting.close();

  // Olivia takes the incident from the queue; the MOJ filter (a GET form) narrows it to hers or the unassigned.
  const row = (kind: string) => page.locator(`tr[id^="task-${alexClearance}-"]`, { hasText: kind });
  const incident = 'Incident reported by the sponsor';
  expect(await row(incident).locator('[data-assignee]').innerText()).toBe('Unassigned');
  await row(incident)
    .getByRole('button', { name: /Assign to me/ })
    .click();
  await page.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(page, '.govuk-notification-banner')).toContain('is assigned to you');
  expect(await row(incident).locator('[data-assignee]').innerText()).toBe('You');
  expect(
    await row(incident)
      .getByRole('button', { name: /Assign to me/ })
      .count(),
  ).toBe(0);
  await page.getByLabel('Assigned to me', { exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/\/aftercare\/reviews\?assignee=me$/);
  expect([await row(incident).count(), await row('Change of circumstances').count()]).toEqual([1, 0]);
  await expectAccessible(page, 'aftercare-review-queue-mine');
  await page.getByLabel('Unassigned', { exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/\/aftercare\/reviews\?assignee=none$/);
  expect([await row(incident).count(), await row('Change of circumstances').count()]).toEqual([0, 1]);
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  await page.waitForURL(/\/aftercare\/reviews$/);

  // Another officer sees whose it is, and is not offered the outcome.
  const omar = await harness.signedIn('Omar Khan', { javaScript: false });
  await omar.goto('/aftercare/reviews');
  await omar.locator(`tr[id^="task-${alexClearance}-"]`, { hasText: incident }).getByRole('link').click();
  expect(await text(omar, '#task-assigned-elsewhere')).toContain('assigned to officer-1');
  expect(await omar.getByRole('button', { name: 'Record the outcome' }).count()).toBe(0);
  await omar.context().close();

  // The team lead reassigns it from their view of the queue (their team's share, officers by name): no choice,
  // or one not offered (a forged officer of another team), is the error summary; Omar is then told discreetly.
  const leah = await harness.signedIn('Leah Davies');
  await leah.getByRole('link', { name: 'Aftercare reviews' }).first().click();
  await leah.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(leah, '#team-scope')).toContain('assigned to officers in your team');
  const leadRow = leah.locator(`tr[id^="task-${alexClearance}-"]`, { hasText: incident });
  expect(await leadRow.locator('[data-assignee]').innerText()).toBe('Olivia Hughes');
  await leadRow.getByRole('link', { name: /Reassign/ }).click();
  await leah.waitForURL(/\/aftercare\/reviews\/.+\/task-\d+\/assign$/);
  expect(await h1(leah)).toBe('Reassign this review task');
  expect(await text(leah, '#task-summary')).toContain('Olivia Hughes');
  expect(await leah.getByLabel('Olivia Hughes').count()).toBe(0);
  await leah.getByRole('button', { name: 'Reassign' }).click();
  expect(await errorSummary(leah)).toContain('Select the officer to review this task');
  await expectAccessible(leah, 'aftercare-review-assign-error');
  // (Typed by what it uses: the browser's DOM types are not this suite's.)
  const forge = (radio: { setAttribute(name: string, value: string): void }): void =>
    radio.setAttribute('value', 'officer-3');
  await leah.getByLabel('Omar Khan').evaluate(forge);
  await leah.getByLabel('Omar Khan').check();
  await leah.getByRole('button', { name: 'Reassign' }).click();
  expect(await errorSummary(leah)).toContain('Select an officer of your team from the list');
  await leah.getByLabel('Omar Khan').check();
  await leah.getByRole('button', { name: 'Reassign' }).click();
  await leah.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(leah, '.govuk-notification-banner')).toContain('is assigned to Omar Khan');
  expect(await leadRow.locator('[data-assignee]').innerText()).toBe('Omar Khan');
  const omarInbox = await harness.api.as({ subject: 'officer-2', roles: ['VETTING_OFFICER'] }).get('/inbox');
  expect((omarInbox.body as { items: { reason: string }[] }).items.map((m) => m.reason)).toContain(
    'REVIEW_TASK_ASSIGNED',
  );
  // Omar reads it on his Messages page, linked to the clearance it concerns (its id names nothing else).
  const omarMessages = await harness.signedIn('Omar Khan');
  await omarMessages.getByRole('navigation').getByRole('link', { name: 'Messages' }).click();
  await omarMessages.waitForURL(/\/messages$/);
  await omarMessages
    .locator('.app-message')
    .getByRole('link', { name: /Open the clearance/ })
    .first()
    .click();
  await omarMessages.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  expect(await h1(omarMessages)).toMatch(/^Clearance /);
  await omarMessages.context().close();
  // Back to Olivia (through the API: the page is covered above), who records it below.
  const taskId = (await leadRow.getAttribute('id'))?.split(`${alexClearance}-`)[1];
  await leah.context().close();
  const back = await harness.api
    .as({ subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'dv-team-1' })
    .post(`/clearances/${alexClearance}/review-tasks/${taskId}/assignment`, { officerId: 'officer-1' });
  expect(back.status).toBe(200);

  // The incident's page opened in a second tab before anyone records it.
  const stale = await page.context().newPage();
  await page.getByRole('link', { name: /Incident reported by the sponsor/ }).click();
  await page.waitForURL(/\/aftercare\/reviews\/.+\/task-\d+$/);
  await stale.goto(page.url());

  await page.getByRole('button', { name: 'Record the outcome' }).click();
  expect(await errorSummary(page)).toContain('Select the outcome of the review');
  await expectAccessible(page, 'aftercare-review-error');
  await page.getByLabel('Refer to a senior adjudicator').check();
  await page.locator('#notes').fill('Serious lapse; for the adjudicator');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await page.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(page, '.govuk-notification-banner')).toContain(
    'Review recorded: refer to a senior adjudicator',
  );

  await stale.getByLabel('No change').check();
  await stale.locator('#notes').fill('Nothing to add');
  await stale.getByRole('button', { name: 'Record the outcome' }).click();
  expect(await errorSummary(stale)).toContain('No open review task');
  expect(await stale.title()).toMatch(/^Error: /);
  await stale.reload();
  expect(await text(stale, '#task-closed')).toContain('Refer to a senior adjudicator');

  // The change of circumstances: the record checks a new partner calls for were re-run, and once their results
  // are back the page's table says each one's result in words (the incident's page had no such table).
  expect(await page.locator('#change-checks').count()).toBe(0);
  await until('the re-run checks’ results', async () => {
    const tasks = (await clearance(adjudicator, alexClearance)).tasks ?? [];
    const checks = tasks.find((t) => t.kind === 'CHANGE_OF_CIRCUMSTANCES')?.checks ?? [];
    return checks.length > 0 && checks.every((c) => c.status !== 'RUNNING') ? checks : undefined;
  });
  await page.getByRole('link', { name: /Change of circumstances/ }).click();
  await page.waitForURL(/\/aftercare\/reviews\/.+\/task-\d+$/);
  expect(await page.getByRole('heading', { name: 'Record checks re-run for this change' }).count()).toBe(1);
  const rows = page.locator('#change-checks tbody tr');
  const cells = await Promise.all(
    (await rows.all()).map(async (row) =>
      (await row.locator('th, td').allInnerTexts()).map((cell) => cell.trim()),
    ),
  );
  expect(cells.map(([check, result]) => [check, result])).toEqual([
    ['Third party', 'Clear'],
    ['Security service', 'Clear'],
    ['Financial review', 'Clear'],
  ]);
  // Started and ended, each a date and time: none is awaited, so nothing says so.
  for (const [, , started, ended] of cells) {
    expect(started).toMatch(/\d{4}/);
    expect(ended).toMatch(/\d{4}/);
  }
  expect(await page.locator('#checks-awaited').count()).toBe(0);
  await expectAccessible(page, 'aftercare-review-change-checks');

  // The change of circumstances adds a condition: the rows become the clearance's conditions.
  await page.getByLabel('Conditions added or changed').check();
  await page.getByLabel('Condition 1', { exact: true }).selectOption('TRAVEL_RESTRICTION');
  await page.getByLabel('Condition 1 detail').fill('Notify travel to the listed countries');
  await page.locator('#notes').fill('Partner checked; travel to be notified');
  await expectAccessible(page, 'aftercare-review-conditions');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await page.waitForURL(/\/aftercare\/reviews$/);
  expect(await text(page, 'main')).toContain('There are no open review tasks');
  const held = await harness.api.as(alex).get(`/clearances/${alexClearance}`);
  expect((held.body as { conditions: unknown[] }).conditions).toEqual(
    expect.arrayContaining([{ type: 'TRAVEL_RESTRICTION', detail: 'Notify travel to the listed countries' }]),
  );
  await page.context().close();
}, 300_000);

test('the holder answers the annual appraisal when it falls due, raising a concern', async () => {
  await until(
    'the first appraisal to fall due',
    async () => {
      const held = await clearance(alex, alexClearance);
      return held.appraisal && held.appraisal.status !== 'SUBMITTED' ? held : undefined;
    },
    YEAR_MS + 60_000,
    1000,
  );
  const page = await harness.signedIn('Alex Morgan');
  await page.goto('/clearance');
  await expectAccessible(page, 'aftercare-holder-clearance');
  // The change pages and their errors, with JavaScript on (the report itself is sent in the first test).
  await page.goto(`/clearance/${alexClearance}/change`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await errorSummary(page);
  await expectAccessible(page, 'aftercare-change-kind-error');
  await page.getByLabel('Foreign travel of note').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/details$/);
  await expectAccessible(page, 'aftercare-change-details');
  await page.locator('#summary').fill('A conference in another country');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/date$/);
  await page.locator('#occurredOn-year').fill('2026');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorSummary(page)).toContain('The date must include a day and a month');
  await expectAccessible(page, 'aftercare-change-date-error');
  await page.locator('#occurredOn-day').fill('3');
  await page.locator('#occurredOn-month').fill('3');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/change\/check$/);
  await expectAccessible(page, 'aftercare-change-check');
  await page.goto('/clearance');
  expect(await text(page, '#appraisal-due')).toMatch(/^Your appraisal for year \d+ is (due|overdue)/);
  await page.getByRole('button', { name: 'Complete your appraisal' }).click();
  await page.waitForURL(/\/appraisal$/);
  await expectAccessible(page, 'aftercare-appraisal');
  await page.getByRole('button', { name: 'Send your appraisal' }).click();
  expect(await errorSummary(page)).toContain(
    'Select yes if you or your line manager have a concern to raise',
  );
  await expectAccessible(page, 'aftercare-appraisal-error');
  await page.getByLabel('Yes').check();
  await page.locator('#summary').fill('My line manager is concerned about my new debts');
  await page.getByRole('button', { name: 'Send your appraisal' }).click();
  await page.waitForURL(/\/clearance$/);
  expect(await text(page, '.govuk-notification-banner')).toContain(
    'Your annual security appraisal has been sent',
  );
  expect(await page.locator('#appraisal-due').count()).toBe(0);
  await page.context().close();
  const tasks = (await clearance(adjudicator, alexClearance)).tasks ?? [];
  expect(tasks.filter((t) => t.status === 'OPEN').map((t) => t.kind)).toEqual(['APPRAISAL_CONCERN']);
}, 300_000);

test('adjudicators suspend and restore; four eyes refuse the reviewer, another leaves the referral valid, then withdraws', async () => {
  const page = await harness.signedIn('Ada Brooks');
  await page.getByRole('link', { name: 'Clearances' }).first().click();
  await page.waitForURL(/\/aftercare\/clearances$/);
  await page.getByLabel('Find a clearance').fill('not-an-id');
  await page.getByRole('button', { name: 'Find the clearance' }).click();
  expect(await errorSummary(page)).toContain('Enter the clearance ID in full');
  await expectAccessible(page, 'aftercare-find-error');
  await page.getByLabel('Find a clearance').fill(alexClearance);
  await page.getByRole('button', { name: 'Find the clearance' }).click();
  await page.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  expect(await page.getByRole('button', { name: 'Restore the clearance' }).count()).toBe(0);
  // The officer's referral (the review queue's test) is open: she may leave it valid, or decide otherwise.
  expect(await page.getByRole('button', { name: 'Leave the clearance valid' }).count()).toBe(1);
  // With the review's notes, opened for her from its sealed event.
  expect(await text(page, '#referral-notes')).toBe('Why it was referred');
  expect(await text(page, 'main')).toContain('Serious lapse; for the adjudicator');
  await expectAccessible(page, 'aftercare-staff-clearance');

  await page.getByRole('button', { name: 'Suspend the clearance' }).click();
  await page.getByRole('button', { name: 'Suspend this clearance' }).click();
  expect(await errorSummary(page)).toContain('Enter the reason');
  await expectAccessible(page, 'aftercare-suspend-error');
  await page.locator('#reason').fill('Pending the incident review');
  await page.getByRole('button', { name: 'Suspend this clearance' }).click();
  await page.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  expect(await text(page, '#clearance-status')).toBe('Suspended');
  expect(await page.getByRole('button', { name: 'Suspend the clearance' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Restore the clearance' }).click();
  await page.locator('#reason').fill('Incident explained');
  await page.getByRole('button', { name: 'Restore this clearance' }).click();
  await page.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  expect(await text(page, '#clearance-status')).toBe('Valid');
  // Restoring decided the referral: there is none left to leave valid.
  expect(await page.getByRole('button', { name: 'Leave the clearance valid' }).count()).toBe(0);

  // Ada opens the withdrawal; meanwhile she records the appraisal's review sitting as an officer.
  await page.getByRole('button', { name: 'Withdraw the clearance' }).click();
  await page.waitForURL(/\/withdraw$/);
  await expectAccessible(page, 'aftercare-withdraw');
  const task = ((await clearance(adjudicator, alexClearance)).tasks ?? []).find((t) => t.status === 'OPEN');
  const asOfficer: Principal = { subject: 'adjudicator-1', roles: ['VETTING_OFFICER'] };
  const reviewed = await harness.api
    .as(asOfficer)
    .post(`/clearances/${alexClearance}/review-tasks/${task?.taskId ?? ''}/outcome`, {
      outcome: 'REFER_TO_ADJUDICATOR',
      notes: 'Debts a concern',
    });
  expect(reviewed.status).toBe(200);
  await page.locator('#disclosableReasons').fill('Unmanaged debts');
  await page.locator('#closedReasons').fill('Source reporting');
  await page.getByRole('button', { name: 'Withdraw this clearance' }).click();
  expect(await errorSummary(page)).toContain('a senior adjudicator who did not review it must withdraw it');
  expect(await page.getByRole('button', { name: 'Withdraw the clearance' }).count()).toBe(0);
  // The referral is hers to decide no more than the withdrawal is.
  expect(await page.getByRole('button', { name: 'Leave the clearance valid' }).count()).toBe(0);
  await expectAccessible(page, 'aftercare-four-eyes');
  await page.context().close();

  // The referral waits in the adjudicators' queue, for another adjudicator: never the one who reviewed it.
  const reviewerQueue = await harness.signedIn('Ada Brooks');
  await reviewerQueue.getByRole('link', { name: 'Referrals' }).first().click();
  await reviewerQueue.waitForURL(/\/aftercare\/referrals$/);
  expect(await reviewerQueue.locator(`#referral-${alexClearance}`).count()).toBe(0);
  await reviewerQueue.context().close();
  const other = await harness.signedIn('Ayesha Malik');
  await other.getByRole('link', { name: 'Referrals' }).first().click();
  await other.waitForURL(/\/aftercare\/referrals$/);
  expect(await text(other, `#referral-${alexClearance}`)).toContain('Referred by an aftercare review');
  await expectAccessible(other, 'aftercare-referrals');
  await other.locator(`#referral-${alexClearance} a`).click();
  await other.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  // She decides it needs no action: the clearance stays valid and leaves the queue.
  expect(await text(other, '#referral-open')).toContain('referred this clearance to a senior adjudicator');
  await other.getByRole('button', { name: 'Leave the clearance valid' }).click();
  await other.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}/leave-valid$`));
  expect(await h1(other)).toBe('Leave this clearance valid');
  // The notes of this referral only: the one restoration decided is not shown again.
  expect(await text(other, 'main')).toContain('Debts a concern');
  expect(await text(other, 'main')).not.toContain('Serious lapse');
  await other.getByRole('button', { name: 'Leave this clearance valid' }).click();
  expect(await errorSummary(other)).toContain('Enter the reason');
  await expectAccessible(other, 'aftercare-leave-valid-error');
  await other.locator('#reason').fill('Debts now managed; no further action');
  await other.getByRole('button', { name: 'Leave this clearance valid' }).click();
  await other.waitForURL(/\/aftercare\/referrals$/);
  expect(await text(other, '.govuk-notification-banner')).toContain(
    'the referral is closed and the clearance stays valid',
  );
  expect(await other.locator(`#referral-${alexClearance}`).count()).toBe(0);
  await other.goto(`/aftercare/clearances/${alexClearance}`);
  expect(await text(other, '#clearance-status')).toBe('Valid');
  expect(await other.getByRole('button', { name: 'Leave the clearance valid' }).count()).toBe(0);
  await other.getByRole('button', { name: 'Withdraw the clearance' }).click();
  await other.locator('#disclosableReasons').fill('Unmanaged debts');
  await other.locator('#closedReasons').fill('Source reporting');
  await other.getByRole('button', { name: 'Withdraw this clearance' }).click();
  await other.waitForURL(new RegExp(`/aftercare/clearances/${alexClearance}$`));
  expect(await text(other, '#clearance-status')).toBe('Withdrawn');
  expect(await text(other, '#withdrawal')).toContain('Unmanaged debts');
  await other.goto('/aftercare/referrals');
  expect(await other.locator(`#referral-${alexClearance}`).count()).toBe(0);
  await other.context().close();

  const holder = await harness.signedIn('Alex Morgan');
  await holder.goto('/clearance');
  expect(await text(holder, '#clearance-status')).toBe('Withdrawn');
  expect(await text(holder, 'main')).not.toContain('Source reporting');
  expect(await holder.getByRole('button', { name: 'Report a change of circumstances' }).count()).toBe(0);
  await holder.context().close();
}, 300_000);

test('a sponsor hands a clearance to another sponsor; an officer records it back', async () => {
  const page = await harness.signedIn('Sam Patel');
  await page.goto(`/sponsor/clearances/${jordanClearance}`);
  await page.getByRole('button', { name: 'Transfer to another sponsor' }).click();
  await page.waitForURL(/\/transfer$/);
  expect(await h1(page)).toBe('Transfer to another sponsor');
  await expectAccessible(page, 'aftercare-transfer');
  await page.getByRole('button', { name: 'Transfer the clearance' }).click();
  expect(await errorSummary(page)).toContain('Enter the new sponsor’s reference');
  await expectAccessible(page, 'aftercare-transfer-error');
  // The rules' refusal comes back from the API onto the field.
  await page.locator('#toSponsorId').fill('sponsor-1');
  await page.locator('#reason').fill('Moved to a post in another directorate');
  await page.getByRole('button', { name: 'Transfer the clearance' }).click();
  expect(await errorSummary(page)).toContain('already the sponsor');
  expect(await page.locator('#reason').inputValue()).toBe('Moved to a post in another directorate');
  await page.locator('#toSponsorId').fill('sponsor-elsewhere');
  await page.getByRole('button', { name: 'Transfer the clearance' }).click();
  await page.waitForURL(/\/sponsor\/clearances$/);
  expect(await text(page, '.govuk-notification-banner')).toContain('now sponsored by sponsor-elsewhere');
  const gone = await page.goto(`/sponsor/clearances/${jordanClearance}`);
  expect(gone?.status()).toBe(404);

  const officer = await harness.signedIn('Olivia Hughes');
  await officer.goto(`/aftercare/clearances/${jordanClearance}`);
  expect(await text(officer, '#clearance')).toContain('sponsor-elsewhere');
  await officer.getByRole('button', { name: 'Transfer to another sponsor' }).click();
  await officer.waitForURL(new RegExp(`/aftercare/transfers/${jordanClearance}$`));
  await expectAccessible(officer, 'aftercare-transfer-officer');
  await officer.locator('#toSponsorId').fill('sponsor-1');
  await officer.locator('#reason').fill('Came back to the first post');
  await officer.getByRole('button', { name: 'Transfer the clearance' }).click();
  await officer.waitForURL(new RegExp(`/aftercare/clearances/${jordanClearance}$`));
  expect(await text(officer, '#clearance')).toContain('sponsor-1');
  await officer.context().close();

  const back = await page.goto(`/sponsor/clearances/${jordanClearance}`);
  expect(back?.status()).toBe(200);
  await page.context().close();
}, 300_000);

test('a sponsor reports that a holder has left; the clearance ends', async () => {
  const page = await harness.signedIn('Sam Patel');
  await page.goto(`/sponsor/clearances/${jordanClearance}`);
  await page.getByRole('button', { name: 'Report that they have left' }).click();
  await page.waitForURL(/\/leaver$/);
  await expectAccessible(page, 'aftercare-leaver');
  await page.getByRole('button', { name: 'Report that they have left' }).click();
  expect(await errorSummary(page)).toContain('Enter their last day in the post');
  await page.locator('#leftOn-day').fill('30');
  await page.locator('#leftOn-month').fill('11');
  await page.locator('#leftOn-year').fill('2026');
  await page.getByRole('button', { name: 'Report that they have left' }).click();
  await page.waitForURL(/\/leaver\/sent$/);
  expect(await h1(page)).toBe('Leaver reported');
  await expectAccessible(page, 'aftercare-leaver-sent');
  await page.goto(`/sponsor/clearances/${jordanClearance}`);
  expect(await text(page, '#clearance-status')).toBe('Ended');
  expect(await page.getByRole('button', { name: 'Report an incident' }).count()).toBe(0);
  // The form of a clearance that no longer takes reports goes back to it.
  await page.goto(`/sponsor/clearances/${jordanClearance}/incident`);
  await page.waitForURL(new RegExp(`/sponsor/clearances/${jordanClearance}$`));
  await page.context().close();
}, 300_000);

test('other roles get the 403 page, and a clearance not theirs is the 404 page', async () => {
  const unknown = '7a0c1f7e-2f6b-4d0e-9a55-3f3c1b2a9d10';
  const checks: [string, string, number, string][] = [
    ['Alex Morgan', '/aftercare/reviews', 403, 'You do not have access to this page'],
    ['Sam Patel', '/clearance', 403, 'You do not have access to this page'],
    ['Ada Brooks', '/aftercare/reviews', 403, 'You do not have access to this page'],
    [
      'Olivia Hughes',
      `/aftercare/clearances/${alexClearance}/suspend`,
      403,
      'You do not have access to this page',
    ],
    ['Leah Davies', '/aftercare/clearances', 403, 'You do not have access to this page'],
    ['Jordan Reid', `/clearance/${alexClearance}/change`, 404, 'Page not found'],
    ['Jordan Reid', `/clearance/${alexClearance}/appraisal`, 404, 'Page not found'],
    ['Sam Patel', `/sponsor/clearances/${unknown}`, 404, 'Page not found'],
    ['Olivia Hughes', `/aftercare/reviews/${alexClearance}/not-a-task`, 404, 'Page not found'],
    ['Olivia Hughes', '/aftercare/clearances/not-a-uuid', 404, 'Page not found'],
  ];
  for (const [name, path, status, heading] of checks) {
    const page = await harness.signedIn(name);
    const response = await page.goto(path);
    expect({ name, path, status: response?.status() }).toEqual({ name, path, status });
    expect(await h1(page)).toBe(heading);
    await page.context().close();
  }
}, 300_000);
