import type { Page } from 'playwright-core';
import type { Principal } from '../../libs/domain/src';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant } from '../support/principals';
import { until } from '../support/until';
import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The sponsor's invitations in a real browser against the real API, worker, Temporal and PostgreSQL: the list
// (sent, accepted, withdrawn; paged, by status) and withdrawing one with a confirmation page, JavaScript off.
const harness = new WebHarness({ worker: true, apiEnv: { UPDATE_TIMEOUT_MS: '30000' } });
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };

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

async function invite(applicant: Principal): Promise<string> {
  const res = await harness.api.as(sponsor).post('/invitations', { applicantId: applicant.subject });
  expect(res.status).toBe(201);
  return (res.body as { invitationId: string }).invitationId;
}

async function applyWith(applicant: Principal, invitationId: string): Promise<void> {
  const res = await harness.api
    .as(applicant)
    .post('/applications', { ...eligibleApplication({ sponsorId: null }), invitationId });
  expect(res.status).toBe(201);
  await until('the invitation to be accepted', async () => {
    const got = await harness.api.as(sponsor).get(`/invitations/${invitationId}`);
    return (got.body as { status: string }).status === 'ACCEPTED' ? true : undefined;
  });
}

function row(page: Page, invitationId: string) {
  return page.locator(`#invitation-${invitationId}`);
}

test('a sponsor sees the invitations they sent, page by page and by status, and withdraws one without JavaScript', async () => {
  // Eleven: more than a page of ten. The oldest is accepted, the next withdrawn, the rest sent.
  const applicants = Array.from({ length: 11 }, () => newApplicant());
  const ids: string[] = [];
  for (const applicant of applicants) ids.push(await invite(applicant));
  const [acceptedId, withdrawnId, openId, newestId] = [ids[0], ids[1], ids[2], ids[10]] as string[];
  const [firstApplicant] = applicants;
  if (!firstApplicant) throw new Error('no applicant');
  await applyWith(firstApplicant, acceptedId);
  expect((await harness.api.as(sponsor).post(`/invitations/${withdrawnId}/withdrawal`)).status).toBe(200);

  const page = await harness.signedIn('Sam Patel');
  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  expect(await h1(page)).toBe('Your invitations');
  await expect(page.locator('caption').innerText()).resolves.toBe('11 invitations');
  await expect(row(page, newestId).innerText()).resolves.toContain('Sent');
  await expect(
    row(page, newestId)
      .getByRole('link', { name: /Withdraw/ })
      .count(),
  ).resolves.toBe(1);
  await expectAccessible(page, 'sponsor-invitations');
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(row(page, acceptedId).innerText()).resolves.toMatch(/Accepted[\s\S]*case [0-9A-F]{8}/);
  await expect(
    row(page, acceptedId)
      .getByRole('link', { name: /Withdraw/ })
      .count(),
  ).resolves.toBe(0);
  await page.goto('/sponsor/invitations?status=WITHDRAWN');
  expect(await page.title()).toMatch(/^Your invitations \(withdrawn\)/);
  await expect(row(page, withdrawnId).innerText()).resolves.toContain('Withdrawn');
  await expect(page.locator('#invitations tbody tr').count()).resolves.toBe(1);
  await expectAccessible(page, 'sponsor-invitations-withdrawn');

  // The confirmation page, scanned; "No, go back" changes nothing.
  await page.goto(`/sponsor/invitations/${openId}/withdraw`);
  expect(await h1(page)).toBe('Are you sure you want to withdraw this invitation?');
  await expectAccessible(page, 'sponsor-withdraw-invitation');
  await page.getByRole('link', { name: 'No, go back' }).click();
  expect(await h1(page)).toBe('Your invitations');
  await page.context().close();

  // Without JavaScript: withdraw from the list, through the confirmation.
  const plain = await harness.signedIn('Sam Patel', { javaScript: false });
  await plain.goto('/sponsor/invitations?status=OPEN');
  await row(plain, openId)
    .getByRole('link', { name: /Withdraw/ })
    .click();
  await plain.getByRole('button', { name: 'Yes, withdraw the invitation' }).click();
  await expect(plain.locator('.govuk-notification-banner').innerText()).resolves.toContain(
    'Invitation withdrawn',
  );
  await plain.goto('/sponsor/invitations?status=WITHDRAWN');
  await expect(row(plain, openId).innerText()).resolves.toContain('Withdrawn');
  // A withdrawn (or accepted) invitation's confirmation page goes back to the list: nothing to withdraw.
  await plain.goto(`/sponsor/invitations/${acceptedId}/withdraw`);
  expect(await h1(plain)).toBe('Your invitations');
  await plain.context().close();
}, 300_000);

test('an invitation accepted while the confirmation page was open: the refusal is shown on the page', async () => {
  const applicant = newApplicant();
  const invitationId = await invite(applicant);
  const page = await harness.signedIn('Sam Patel');
  await page.goto(`/sponsor/invitations/${invitationId}/withdraw`);
  await applyWith(applicant, invitationId);
  await page.getByRole('button', { name: 'Yes, withdraw the invitation' }).click();
  expect(await h1(page)).toBe('Your invitations');
  expect(await errorSummary(page)).toMatch(/That cannot be done now.*accepted/);
  expect(await page.content()).not.toMatch(/"statusCode"|CASE_CLOSED/);
  await expect(row(page, invitationId).innerText()).resolves.toContain('Accepted');
  await expectAccessible(page, 'sponsor-withdraw-invitation-refused');
  await page.context().close();
}, 300_000);

test('only the sponsor reaches their invitations; a CSRF-less withdrawal is refused and changes nothing', async () => {
  const invitationId = await invite(newApplicant());
  for (const name of ['Alex Morgan', 'Olivia Hughes']) {
    const other = await harness.signedIn(name);
    const response = await other.goto('/sponsor/invitations');
    expect({ name, status: response?.status() }).toEqual({ name, status: 403 });
    await other.context().close();
  }
  const page = await harness.signedIn('Sam Patel');
  // Not an invitation id, or someone else's: the 404 page.
  expect((await page.goto('/sponsor/invitations/not-an-id/withdraw'))?.status()).toBe(404);
  const others = await harness.api
    .as({ subject: 'sponsor-other', roles: ['SPONSOR'] })
    .post('/invitations', { applicantId: newApplicant().subject });
  const theirs = (others.body as { invitationId: string }).invitationId;
  expect((await page.goto(`/sponsor/invitations/${theirs}/withdraw`))?.status()).toBe(404);

  const refused = await page.request.post(`/sponsor/invitations/${invitationId}/withdraw`, {
    form: {},
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('This form has expired');
  const still = await harness.api.as(sponsor).get(`/invitations/${invitationId}`);
  expect((still.body as { status: string }).status).toBe('OPEN');
  await page.context().close();
}, 300_000);
