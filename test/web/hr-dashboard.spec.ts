import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { grantedClearance } from '../../libs/domain/src';
import { ClearanceStore, createDataSource } from '../../libs/persistence/src';
import { fieldCipher } from '../support/field-cipher';
import { seedReadModelCase } from '../support/seed';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The HR dashboard in a real browser against the real API, worker, Temporal and PostgreSQL: charts with their
// tables beside them, equal-opportunity figures with small numbers suppressed, CSV downloads, and the numbers
// moving when a case is opened; aftercare figures (an overdue appraisal, renewals decided on time and late
// moving the renewal share beside the published 14%). Other roles are refused the page.
const harness = new WebHarness({ worker: true, workerEnv: FAST_CHECKS_ENV });
const flow = new DvFlow(harness.api);

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

async function openCases(page: Page): Promise<number> {
  await page.goto('/dashboard');
  return Number((await page.locator('#headline-open').innerText()).replace(/,/g, ''));
}

/** The trend table's figure for cases opened this week (its last row), on the page as loaded. */
async function openedThisWeek(page: Page): Promise<number> {
  const cells = page.locator('#table-trend tbody tr').last().locator('td');
  return Number((await cells.first().innerText()).replace(/,/g, ''));
}

test('HR sees the dashboard: charts with tables, suppressed cells, CSV downloads, numbers that move', async () => {
  const hr = await harness.signedIn('Hannah Wright');
  expect(new URL(hr.url()).pathname).toBe('/dashboard');
  const before = await openCases(hr);
  const openedBefore = await openedThisWeek(hr);

  const { caseId } = await flow.newCase();
  // Screened and open: a first DV application starts with its baseline (BPSS) checks.
  await flow.waitForStage(caseId, 'BASELINE_CHECKS');
  await until('the open-case count to move', async () => ((await openCases(hr)) > before ? true : undefined));
  // The weekly trend counts it among this week's openings.
  expect(await openedThisWeek(hr)).toBe(openedBefore + 1);

  expect((await hr.locator('h1').innerText()).trim()).toBe('Vetting dashboard');
  await expectAccessible(hr, 'hr-dashboard');

  // Every chart is an image with a text alternative, and its figures are in a table beside it.
  const charts = hr.locator('svg.app-chart');
  expect(await charts.count()).toBeGreaterThanOrEqual(4);
  for (const svg of await charts.all()) {
    await expect(svg.getAttribute('role')).resolves.toBe('img');
    const section = svg.locator('xpath=ancestor::section[1]');
    await expect(section.locator('table.govuk-table').count()).resolves.toBe(1);
  }
  await expect(hr.locator('#table-open-by-stage').innerText()).resolves.toContain('Baseline checks');
  await expect(hr.locator('#section-compliance').innerText()).resolves.toBe('Decided within the DV target');

  // Equal opportunity: with a handful of cases every group is below the threshold, so it says suppressed.
  const equal = hr.locator('#table-equal-opportunity');
  await expect(equal.innerText()).resolves.toContain('suppressed');
  await hr.getByLabel('Break the figures down by').selectOption('ethnicity');
  await hr.getByRole('button', { name: 'Show' }).click();
  await expect(equal.locator('caption').innerText()).resolves.toBe('Recruitment funnel by ethnicity');
  await expectAccessible(hr, 'hr-dashboard-ethnicity');

  // Every table downloads as CSV.
  const links = await hr.getByRole('link', { name: /Download this table \(CSV\)/ }).all();
  expect(links.length).toBeGreaterThanOrEqual(5);
  for (const link of links) {
    const href = (await link.getAttribute('href')) ?? '';
    const response = await hr.request.get(href);
    expect({ href, status: response.status() }).toEqual({ href, status: 200 });
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const text = await response.text();
    expect(text.split('\r\n').length).toBeGreaterThan(1);
  }
  const equalCsv = await (await hr.request.get('/dashboard/equal-opportunity.csv?category=ethnicity')).text();
  expect(equalCsv.split('\r\n')[0]).toBe(
    'Group,Applied,In progress,Decided,Granted,Refused,Closed without a decision,Success rate',
  );
  expect(equalCsv).toContain('suppressed');
  expect((await hr.request.get('/dashboard/no-such-table.csv')).status()).toBe(404);
  await hr.context().close();
}, 180_000);

/** The aftercare table's figures by measure, on the page as loaded. */
async function aftercareFigures(page: Page): Promise<Record<string, string>> {
  await page.goto('/dashboard');
  const figures: Record<string, string> = {};
  for (const row of await page.locator('#table-aftercare tbody tr').all()) {
    const [measure, figure] = await row.locator('th, td').allInnerTexts();
    figures[(measure ?? '').trim()] = (figure ?? '').trim();
  }
  return figures;
}

test('aftercare figures: an overdue appraisal shows, renewals decided on time and late move the share', async () => {
  // Written straight into the read-model through the activities' own stores, as the workflows' writes land.
  const db = createDataSource(harness.database?.url ?? '');
  await db.initialize();
  const at = new Date().toISOString();
  const parties = { assignee: 'officer-1', team: 'dv-team-1', sponsorId: 'sponsor-1' };
  const hr = await harness.signedIn('Hannah Wright');
  try {
    const before = await aftercareFigures(hr);
    await expect(hr.locator('#headline-renewal-published').innerText()).resolves.toBe(
      'Published figure: 14% of DV renewals met their target',
    );
    const overdueBefore = Number(before['Annual appraisals overdue']);
    const decidedBefore = Number(before['Renewals decided']);
    const withinBefore = Number(before['Decided within 95 working days']);

    // A granted clearance whose appraisal has gone overdue.
    const caseId = randomUUID();
    const clearanceId = randomUUID();
    await seedReadModelCase(db, caseId, {
      ...parties,
      stage: 'GRANTED',
      applicantId: `holder-${caseId}`,
      snapshot: { status: 'CLOSED', outcome: 'GRANTED', closedAt: at },
    });
    const clearances = new ClearanceStore(db, fieldCipher);
    const facts = {
      clearanceId,
      caseId,
      holderId: `holder-${caseId}`,
      sponsorId: parties.sponsorId,
      grantedOn: '2025-01-10',
      renewalDue: '2032-01-10',
      conditions: [],
    };
    await clearances.record({ ...facts, personId: facts.holderId, level: 'DV', reviewDue: facts.renewalDue });
    await clearances.recordEvent(
      {
        clearanceId,
        seq: 1,
        action: 'APPRAISAL_OVERDUE',
        actorRole: 'SYSTEM',
        actorId: 'system',
        fromStatus: 'VALID',
        toStatus: 'VALID',
        at,
        detail: {},
      },
      { ...grantedClearance(facts, at), seq: 1, appraisal: { n: 1, status: 'OVERDUE', dueAt: at } },
    );
    await expect(hr.locator('#headline-appraisals-overdue').count()).resolves.toBe(1);
    expect(Number((await aftercareFigures(hr))['Annual appraisals overdue'])).toBe(overdueBefore + 1);
    await expect(hr.locator('#headline-appraisals-overdue').innerText()).resolves.toBe(
      String(overdueBefore + 1),
    );

    // Its renewal cases: one decided within the renewal target, then one decided late.
    const renewalDecided = async (targetMet: boolean): Promise<void> => {
      const renewalCase = randomUUID();
      await seedReadModelCase(db, renewalCase, {
        ...parties,
        stage: 'GRANTED',
        applicantId: facts.holderId,
        snapshot: {
          status: 'CLOSED',
          outcome: 'GRANTED',
          closedAt: at,
          renewalOf: clearanceId,
          clock: {
            policyVersion: 'test',
            stageGoalAt: null,
            stageAtRiskAt: null,
            stageDeadlineAt: null,
            pausedSince: null,
            pauseReason: null,
            vettingMs: 0,
            waitingMs: 0,
            segmentStartedAt: at,
            waitingSegments: [],
            sent: [],
            targetMet,
          },
        },
      });
    };
    await renewalDecided(true);
    const onTime = await aftercareFigures(hr);
    expect([onTime['Renewals decided'], onTime['Decided within 95 working days']]).toEqual([
      String(decidedBefore + 1),
      String(withinBefore + 1),
    ]);
    await renewalDecided(false);
    const late = await aftercareFigures(hr);
    expect([late['Renewals decided'], late['Decided within 95 working days']]).toEqual([
      String(decidedBefore + 2),
      String(withinBefore + 1),
    ]);
    const share = `${Math.round(((withinBefore + 1) / (decidedBefore + 2)) * 100)}%`;
    expect(late['Share decided within target']).toBe(share);
    await expect(hr.locator('#headline-renewal-share').innerText()).resolves.toBe(share);
    expect(late['Published share (DV renewals)']).toBe('14%');
    await expectAccessible(hr, 'hr-dashboard-aftercare');
  } finally {
    await hr.context().close();
    await db.destroy();
  }
}, 120_000);

test('a team lead sees their team’s figures but no equal-opportunity tables', async () => {
  const lead = await harness.signedIn('Leah Davies');
  await lead.goto('/dashboard');
  expect((await lead.locator('h1').innerText()).trim()).toBe('Vetting dashboard');
  await expect(lead.locator('.govuk-caption-l').innerText()).resolves.toBe('Team dv-team-1');
  await expect(lead.locator('#table-equal-opportunity').count()).resolves.toBe(0);
  expect((await lead.request.get('/dashboard/equal-opportunity.csv')).status()).toBe(404);
  await expectAccessible(lead, 'hr-dashboard-team-lead');
  await lead.context().close();
});

test('roles without the dashboard get the 403 page, for the page and its downloads', async () => {
  for (const name of ['Alex Morgan', 'Olivia Hughes', 'Ada Brooks', 'Aaron Lewis']) {
    const page = await harness.signedIn(name);
    const response = await page.goto('/dashboard');
    expect({ name, status: response?.status() }).toEqual({ name, status: 403 });
    expect((await page.locator('h1').innerText()).trim()).toBe('You do not have access to this page');
    expect((await page.request.get('/dashboard/open-by-stage.csv')).status()).toBe(403);
    await page.context().close();
  }
});
