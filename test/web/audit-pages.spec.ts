import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { caseRef } from '../../apps/web/src/cases/case.types';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { admin } from '../support/principals';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The auditor's pages in a real browser against the real API and PostgreSQL: search the trail by case, actor,
// action and day; verify the chain, intact and then with a row changed behind the API's back.
const harness = new WebHarness();
let owner: DataSource;

beforeAll(async () => {
  await harness.start();
  owner = createDataSource(harness.database?.url ?? '');
  await owner.initialize();
}, 300_000);
afterAll(async () => {
  await owner?.destroy();
  await harness.stop();
});
afterEach(() => expect(harness.problems()).toEqual([]));

const today = new Date();
const day = {
  day: String(today.getUTCDate()),
  month: String(today.getUTCMonth() + 1),
  year: String(today.getUTCFullYear()),
};

test('an auditor searches the trail by case, actor, action and day', async () => {
  // An admin reads a case, giving a reason: one CASE_READ row about it (the answer, a 404 here, is audited too).
  const caseId = randomUUID();
  await harness.api.as(admin).get(`/cases/${caseId}`, { 'X-Access-Reason': 'audit page test' });
  const auditor = await harness.signedIn('Aaron Lewis');
  expect(new URL(auditor.url()).pathname).toBe('/audit');
  await expectAccessible(auditor, 'audit-trail');

  await auditor.getByLabel('Case ID').fill(caseId);
  await auditor.getByLabel('Actor').fill(admin.subject);
  await auditor.getByLabel('Action').fill('case_read');
  for (const prefix of ['From', 'To']) {
    const group = auditor.getByRole('group', { name: prefix, exact: true });
    await group.getByLabel('Day').fill(day.day);
    await group.getByLabel('Month').fill(day.month);
    await group.getByLabel('Year').fill(day.year);
  }
  await auditor.getByRole('button', { name: 'Search' }).click();
  const table = auditor.locator('table.app-audit-table');
  await expect(table.locator('caption').innerText()).resolves.toBe('1 row, newest first');
  const row = await table.locator('tbody tr').innerText();
  expect(row).toContain(admin.subject);
  expect(row).toContain('audit page test');
  expect(row).toContain(caseRef(caseId));
  expect(row).toContain('CASE_READ');
  await expect(auditor.locator('.govuk-form-group--error').count()).resolves.toBe(0);
  await expectAccessible(auditor, 'audit-trail-search');

  // Nothing on another day.
  await auditor.getByRole('group', { name: 'From', exact: true }).getByLabel('Year').fill('2020');
  await auditor.getByRole('group', { name: 'To', exact: true }).getByLabel('Year').fill('2020');
  await auditor.getByRole('button', { name: 'Search' }).click();
  await expect(auditor.locator('#no-rows').innerText()).resolves.toBe('No rows match this search.');
  await auditor.context().close();
});

test('a search the API would refuse is an error on the form, not an error page', async () => {
  const auditor = await harness.signedIn('Aaron Lewis');
  await auditor.goto('/audit?caseId=not-a-case&action=case%20read&from-day=31&from-month=2&from-year=2026');
  expect(await auditor.title()).toMatch(/^Error: Audit trail/);
  const summary = (await auditor.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
  expect(summary).toContain('Enter the case ID in full');
  expect(summary).toContain('Enter an action like CASE_READ');
  expect(summary).toContain('The ‘from’ date must be a real date');
  await expect(auditor.locator('#caseId-error').innerText()).resolves.toContain('Enter the case ID in full');
  await expect(auditor.locator('.govuk-form-group--error').count()).resolves.toBe(3);
  await expectAccessible(auditor, 'audit-trail-errors');
  await auditor.context().close();
});

test('the chain verifies, and a row changed behind the API’s back is named as the first bad row', async () => {
  const auditor = await harness.signedIn('Aaron Lewis');
  await auditor.getByRole('link', { name: 'Verify the audit chain' }).click();
  expect((await auditor.locator('h1').innerText()).trim()).toBe('Audit chain verification');
  await expect(auditor.locator('#verification-result').innerText()).resolves.toContain(
    'The audit chain is intact.',
  );
  await expectAccessible(auditor, 'audit-verify-ok');

  const [row] = await owner.query<{ id: string; actor: string }[]>(
    'SELECT id, actor FROM audit_log ORDER BY id DESC LIMIT 1',
  );
  if (!row) throw new Error('no audit rows');
  const setActor = (actor: string): Promise<void> =>
    owner.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_rewrite');
      await tx.query('UPDATE audit_log SET actor = $2 WHERE id = $1', [row.id, actor]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_rewrite');
    });
  await setActor('someone-else');
  try {
    await auditor.reload();
    const result = await auditor.locator('#verification-result').innerText();
    expect(result).toContain('First bad row');
    expect(result).toContain(String(row.id));
    await expect(auditor.locator('.govuk-warning-text').innerText()).resolves.toContain(
      'The audit chain is broken',
    );
    await expectAccessible(auditor, 'audit-verify-broken');
  } finally {
    await setActor(row.actor);
  }
  await auditor.reload();
  await expect(auditor.locator('#verification-result').innerText()).resolves.toContain(
    'The audit chain is intact.',
  );
  await auditor.context().close();
});

test('roles other than auditor and admin get the 403 page', async () => {
  for (const name of ['Alex Morgan', 'Olivia Hughes', 'Leah Davies', 'Hannah Wright']) {
    const page = await harness.signedIn(name);
    for (const path of ['/audit', '/audit/verify']) {
      const response = await page.goto(path);
      expect({ name, path, status: response?.status() }).toEqual({ name, path, status: 403 });
    }
    await page.context().close();
  }
  const admin = await harness.signedIn('Ash Turner');
  expect((await admin.goto('/audit'))?.status()).toBe(200);
  await admin.context().close();
});
