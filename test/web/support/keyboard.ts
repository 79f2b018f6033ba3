import type { Page } from 'playwright-core';

/**
 * Moves focus with the Tab key alone until the focused element matches `selector` (as a keyboard user would),
 * failing if it is not reached within `maxTabs` presses. Never clicks.
 */
export async function tabTo(page: Page, selector: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    // A string, evaluated in the page: the tests compile without the DOM library.
    const reached = await page.evaluate<boolean>(
      `Boolean(document.activeElement && document.activeElement.matches(${JSON.stringify(selector)}))`,
    );
    if (reached) return;
  }
  throw new Error(`could not reach ${selector} with the Tab key in ${maxTabs} presses`);
}

/** The focused element shows a visible focus indicator (GOV.UK's yellow outline or box shadow). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = window.getComputedStyle(el);
    return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
  })()`);
}

/** The id of the focused element ('' when none). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}
