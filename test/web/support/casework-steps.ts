import type { Page } from 'playwright-core';
import type { DvFlow } from '../../support/dv-flow';

/** The text of the page's success banner, spaces collapsed. */
export async function banner(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ');
}

/** On the case's tasks page: closes every open investigation task with a short outcome. */
export async function closeOpenTasks(officer: Page, flow: DvFlow, caseId: string): Promise<void> {
  for (const task of (await flow.inspect(caseId)).tasks.filter((t) => t.status === 'OPEN')) {
    await officer.locator(`#outcome-${task.id}`).fill('Done, no concerns');
    await officer.locator(`form[action$="/tasks/${task.id}/close"] button`).click();
    expect(await banner(officer)).toContain('Task closed');
  }
}

/** On the recommendation page: grant with a travel condition, low risk, recorded. */
export async function recommendGrantWithConditions(officer: Page): Promise<void> {
  await officer.getByLabel('Grant with conditions').check();
  await officer.getByLabel('Condition 1', { exact: true }).selectOption('TRAVEL_RESTRICTION');
  await officer.getByLabel('Condition 1 detail').fill('Notify before travel to listed countries');
  await officer.getByLabel('Assessment').fill('No security concerns; overseas family ties noted.');
  await officer.getByLabel('Low').check();
  await officer.getByRole('button', { name: 'Record recommendation' }).click();
  expect(await banner(officer)).toContain('Recommendation recorded');
}

/** On the decision form: grant with a travel condition, a review date, open and closed reasons; not sent. */
export async function fillGrantWithConditions(
  adjudicator: Page,
  review: { day: number; month: number; year: number },
): Promise<void> {
  await adjudicator.getByLabel('Grant with conditions').check();
  await adjudicator.getByLabel('Condition 1', { exact: true }).selectOption('TRAVEL_RESTRICTION');
  await adjudicator.getByLabel('Condition 1 detail').fill('Notify before travel to listed countries');
  await adjudicator.getByLabel('Day').fill(String(review.day));
  await adjudicator.getByLabel('Month').fill(String(review.month));
  await adjudicator.getByLabel('Year').fill(String(review.year));
  await adjudicator
    .getByLabel('Reasons the applicant may be told')
    .fill('Meets the standard with conditions');
  await adjudicator.getByLabel(/Closed reasons/).fill('Family ties abroad noted by the investigation');
}
