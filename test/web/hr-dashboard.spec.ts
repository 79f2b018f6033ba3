import type { Page } from 'playwright-core';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The HR dashboard in a real browser against the real API, worker, Temporal and PostgreSQL: charts with their
// tables beside them, equal-opportunity figures with small numbers suppressed, CSV downloads, and the numbers
// moving when a case is opened. Other roles are refused the page.
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
  await flow.waitForStage(caseId, 'QUESTIONNAIRE');
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
  await expect(hr.locator('#table-open-by-stage').innerText()).resolves.toContain('Questionnaire');
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
