import { expectAccessible } from './support/accessibility';
import { WebHarness } from './support/web-harness';

// The appeals queue in a real browser against the real API: the panel secretary starts there, a senior
// adjudicator reaches it from their navigation, and other roles are refused.
const harness = new WebHarness();

beforeAll(() => harness.start(), 300_000);
afterAll(() => harness.stop());
afterEach(() => expect(harness.problems()).toEqual([]));

test('the panel secretary starts at the appeals queue; an adjudicator reaches it; others are refused', async () => {
  const secretary = await harness.signedIn('Priya Shah');
  expect(new URL(secretary.url()).pathname).toBe('/appeals');
  await expect(secretary.locator('h1').innerText()).resolves.toBe('Appeals and complaints');
  await expect(secretary.getByText('No appeals or complaints are open.').count()).resolves.toBe(1);
  await expectAccessible(secretary, 'appeals-queue');
  await secretary.context().close();

  const adjudicator = await harness.signedIn('Ada Brooks');
  await adjudicator.getByRole('link', { name: 'Appeals', exact: true }).click();
  expect(new URL(adjudicator.url()).pathname).toBe('/appeals');
  await adjudicator.context().close();

  const officer = await harness.signedIn('Olivia Hughes');
  const refused = await officer.goto('/appeals');
  expect(refused?.status()).toBe(403);
  await officer.context().close();
});
