import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const RESULTS = path.resolve(__dirname, '../../../test-results/web');

/** The WCAG 2.2 AA rule sets (and everything they build on). */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Every page the tests visit goes through here: a full-page screenshot under test-results/web/<name>.png, and
 * an axe-core scan against WCAG 2.2 AA that must find nothing. Violations are listed with the elements hit.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect({ page: name, problems }).toEqual({ page: name, problems: [] });
  // Every page says where you are: a title of its own and exactly one h1.
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.title()).toMatch(/ – Vetting case management$/);
}
