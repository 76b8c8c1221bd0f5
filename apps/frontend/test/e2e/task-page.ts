import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS } from './harness';

/** What the task page's list shows, in order. */
export const titlesOn = (page: Page) => page.locator('.task-list .task-title').allTextContents();

/** Waits until `test` holds on the page; on timeout, saves a screenshot and says what it shows. */
async function waitForList(
  wanted: string,
  page: Page,
  test: (arg: string) => boolean,
  arg: string,
) {
  try {
    await page.waitForFunction(test, arg, { timeout: 15_000 });
  } catch {
    await page.screenshot({ path: join(ARTIFACTS, `failure-${Date.now()}.png`), fullPage: true });
    throw new Error(
      `expected ${wanted} at ${page.url()}, the list shows ${JSON.stringify(await titlesOn(page))} `,
    );
  }
}

/** Waits until the list shows `count` tasks. */
export const expectTaskCount = (page: Page, count: number) =>
  waitForList(
    `${count} tasks`,
    page,
    (n: string) => document.querySelectorAll('.task-list .task').length === Number(n),
    String(count),
  );

/** Waits until the list shows exactly these titles, in this order. */
export const expectTitles = (page: Page, expected: string[]) =>
  waitForList(
    JSON.stringify(expected),
    page,
    (want: string) =>
      JSON.stringify(
        [...document.querySelectorAll('.task-list .task-title')].map((el) => el.textContent),
      ) === want,
    JSON.stringify(expected),
  );

/** Opens a collapsed section (the add form's details, the filters) unless it is open. */
export async function expand(details: Locator) {
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator('summary').click();
}

/** Picks a status tab: All, To do or Done. */
export const showStatus = (page: Page, name: 'All' | 'To do' | 'Done') =>
  page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name }).click();
