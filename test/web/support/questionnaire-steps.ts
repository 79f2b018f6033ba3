import type { Page } from 'playwright-core';
import { formValuesOf, groupId } from '../../../apps/web/src/applicant/questionnaire-form';
import type { SectionSpec } from '../../../apps/web/src/applicant/questionnaire-sections';

/** Where the applicant's questionnaire pages live. */
export const QUESTIONNAIRE = '/application/questionnaire';

/** Presses a button on the page and waits for what it loads (every form is POST-redirect-GET). */
export async function press(page: Page, button: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  await page.waitForLoadState('load');
}

/** Fills a section's page with `answers`, adding rows with its "Add" buttons first; does not save. */
export async function fillSection(page: Page, spec: SectionSpec, answers: unknown): Promise<void> {
  const values = formValuesOf(spec, answers);
  await page.goto(`${QUESTIONNAIRE}/${spec.key}`);
  for (const group of spec.groups.filter((g) => g.list)) {
    const id = groupId(spec, group);
    const rows = (): Promise<number> => page.locator(`input[name="${id}-rows"]`).inputValue().then(Number);
    while ((await rows()) < Number(values[`${id}-rows`])) {
      await page.locator(`button[value="add:${id}"]`).click();
      await page.waitForLoadState('load');
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (name.endsWith('-rows')) continue;
    const input = page.locator(`[name="${name}"]`);
    if ((await input.first().getAttribute('type')) === 'radio') {
      if (value !== '') await page.locator(`[name="${name}"][value="${value}"]`).check();
    } else {
      await input.fill(value);
    }
  }
}
