import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localIsoDate } from '@todo/testing';
import { launchChromium } from '@todo/testing/browser';
import { seriousViolations } from './axe';
import { ARTIFACTS, runUiUntilExit, startApi, startUi, type Api, type Ui } from './harness';
import {
  expand,
  expectTaskCount as expectTaskCountOn,
  expectTitles as expectTitlesOn,
  showStatus as showStatusOn,
  titlesOn,
} from './task-page';

const PASSWORD = 'correct horse battery';

describe('the web app in a real browser, against the real API', () => {
  let api: Api;
  let ui: Ui;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `alice-${Date.now()}@example.test`;

  beforeAll(async () => {
    api = await startApi();
    ui = await startUi(api.url, {
      APP_TITLE: 'Team Tasks',
      APP_BANNER: 'Maintenance on Sunday 02:00 UTC',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    await api?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  /** Presses Tab until the locator has focus (at most 40 times), failing otherwise. */
  async function tabUntil(target: ReturnType<Page['locator']>) {
    for (let i = 0; i < 40; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('Tab never reached the element');
  }

  const expectTaskCount = (count: number) => expectTaskCountOn(page, count);
  const expectTitles = (expected: string[]) => expectTitlesOn(page, expected);
  const titles = () => titlesOn(page);
  const showStatus = (name: 'All' | 'To do' | 'Done') => showStatusOn(page, name);

  async function signIn(who: string) {
    await page.getByLabel('Email').fill(who);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function addTask(fields: {
    title: string;
    description?: string;
    priority?: string;
    tags?: string;
    due?: string;
  }) {
    const form = page.getByRole('form', { name: 'Add a task' });
    await form.getByLabel('Title').fill(fields.title);
    if (fields.description || fields.priority || fields.tags || fields.due)
      await expand(form.locator('details'));
    if (fields.description) await form.getByLabel('Description').fill(fields.description);
    if (fields.priority) await form.getByLabel('Priority').selectOption(fields.priority);
    if (fields.tags) await form.getByLabel('Tags').fill(fields.tags);
    if (fields.due) await form.getByLabel('Due date').fill(fields.due);
    await form.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.task-list .task-title', { hasText: fields.title }).waitFor();
  }

  it('signs up, manages tasks end to end, signs out and back in, and keeps users apart', async () => {
    // Signed out, the list redirects to sign-in and remembers where the user was going.
    await page.goto(`${ui.url}/?status=pending`);
    await page.waitForURL(/\/signin\?next=/);
    expect(await page.title()).toBe('Sign in · Team Tasks');
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Team Tasks');
    expect(await page.locator('.banner').textContent()).toBe('Maintenance on Sunday 02:00 UTC');
    expect(await seriousViolations(page)).toEqual([]);

    // Client-side validation speaks the API's words and keeps what was typed.
    await page.getByRole('link', { name: /Create an account/ }).click();
    await page.waitForURL(/\/signup/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Password must be at least 8 characters').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ui.url}/?status=pending`);
    await page.getByText('No tasks yet').first().waitFor();

    await showStatus('All');
    await addTask({
      title: 'Pay rent',
      priority: 'high',
      tags: 'home, money',
      due: localIsoDate(-2),
      description: 'Transfer before noon',
    });
    await addTask({ title: 'Book dentist', priority: 'low', tags: 'health', due: localIsoDate(5) });
    await addTask({ title: 'Buy milk', priority: 'medium', tags: 'home', due: localIsoDate(1) });
    await expectTitles(['Buy milk', 'Book dentist', 'Pay rent']);
    await page.getByText('3 of 3 left').waitFor();

    // Overdue is marked, for people and for screen readers.
    const rent = page.locator('.task', { hasText: 'Pay rent' });
    expect(await rent.getAttribute('class')).toContain('overdue');
    expect(await rent.locator('.due').textContent()).toMatch(/^Overdue since .* \(overdue\)$/);
    expect(await page.locator('.task', { hasText: 'Buy milk' }).locator('.due').textContent()).toBe(
      'Due tomorrow',
    );
    expect(await seriousViolations(page)).toEqual([]);

    // Search, filter and sort.
    await page.getByLabel('Search tasks').fill('MILK');
    await expectTitles(['Buy milk']);
    expect(page.url()).toContain('q=MILK');
    await page.getByLabel('Search tasks').fill('');
    await expand(page.locator('details.filters'));
    await page.getByLabel('Filter by tag').fill('home');
    await expectTaskCount(2);
    await page.getByLabel('Filter by tag').fill('');
    await page.getByLabel('Filter by priority').selectOption('high');
    await expectTitles(['Pay rent']);
    await page.getByLabel('Filter by priority').selectOption('');
    await page.getByLabel('Sort by').selectOption('due');
    await page.getByLabel('Order').selectOption('asc');
    await expectTitles(['Pay rent', 'Buy milk', 'Book dentist']);

    // Complete, edit, delete with undo, delete for real.
    await page.getByRole('checkbox', { name: 'Pay rent' }).check();
    await page.getByText('2 of 3 left').waitFor();
    await page.getByRole('button', { name: 'Edit Book dentist' }).click();
    const edit = page.getByRole('form', { name: 'Edit Book dentist' });
    await edit.getByLabel('Title').fill('Book dentist for June');
    await edit.getByLabel('Priority').selectOption('high');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('.task-title', { hasText: 'Book dentist for June' }).waitFor();
    expect(
      await page
        .locator('.task', { hasText: 'Book dentist for June' })
        .locator('.priority')
        .textContent(),
    ).toBe('high priority');

    await page.getByRole('button', { name: 'Delete Buy milk' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.task-title', { hasText: 'Buy milk' }).waitFor();
    await page.getByRole('button', { name: 'Delete Buy milk' }).click();
    await page.getByText('1 of 2 left').waitFor({ timeout: 15_000 });
    await expectTitles(['Pay rent', 'Book dentist for June']);

    // Light and dark, desktop and phone (the README's pictures). A fresh load at phone width
    // shows the first tasks on the first screen: the add row is one line, filters are folded.
    await page.goto(`${ui.url}/`);
    await expectTaskCount(2);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 1280, height: 720 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `tasks-desktop-${colorScheme}.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(ARTIFACTS, `tasks-phone-${colorScheme}.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      const firstTask = await page.locator('.task-list .task').first().boundingBox();
      expect(firstTask && firstTask.y + firstTask.height).toBeLessThanOrEqual(844);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Sign out, sign in again: the same tasks are there.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${ui.url}/`);
    await page.waitForURL(/\/signin/);
    await signIn(email);
    await page.waitForURL(`${ui.url}/`);
    await expectTaskCount(2);
    expect((await titles()).sort()).toEqual(['Book dentist for June', 'Pay rent']);

    // Another user sees none of them.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.getByRole('link', { name: /Create an account/ }).click();
    await page.getByLabel('Email').fill(`bob-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ui.url}/`);
    await page.getByText('No tasks yet').first().waitFor();
    expect(await titles()).toEqual([]);
  });

  it('can be used with the keyboard alone', async () => {
    const keyboardUser = `keys-${Date.now()}@example.test`;
    await page.request.post(`${ui.url}/api/auth/register`, {
      data: { email: keyboardUser, password: PASSWORD },
    });
    await context.clearCookies();

    await page.goto(`${ui.url}/signin`);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand link
    await page.keyboard.press('Tab');
    await page.keyboard.type(keyboardUser);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${ui.url}/`);
    await page.getByText('No tasks yet').first().waitFor();

    // A fresh load: the skip link comes first and moves focus to the content.
    await page.goto(`${ui.url}/`);
    await page.getByText('No tasks yet').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tab on to the add form's title; Enter submits.
    const title = page.getByRole('form', { name: 'Add a task' }).getByLabel('Title');
    await tabUntil(title);
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.locator('.task-title', { hasText: 'Typed without a mouse' }).waitFor();

    // Tab reaches the new task's checkbox; Space completes it.
    const checkbox = page.getByRole('checkbox', { name: 'Typed without a mouse' });
    await tabUntil(checkbox);
    await page.keyboard.press('Space');
    await page.getByText('All 1 done').waitFor();
    expect(await checkbox.isChecked()).toBe(true);

    // Edit opens in place with Enter; its Cancel closes it again.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Edit Typed without a mouse',
    );
    await page.keyboard.press('Enter');
    const edit = page.getByRole('form', { name: 'Edit Typed without a mouse' });
    await tabUntil(edit.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Enter');
    await edit.waitFor({ state: 'detached' });

    // Delete with Enter, then Undo with the keyboard.
    await tabUntil(page.getByRole('button', { name: 'Delete Typed without a mouse' }));
    await page.keyboard.press('Enter');
    await tabUntil(page.getByRole('button', { name: 'Undo' }));
    await page.keyboard.press('Enter');
    await expectTitles(['Typed without a mouse']);
  });
});

describe('when the API goes away', () => {
  it('says what happened and keeps what the user typed', async () => {
    const api = await startApi();
    const ui = await startUi(api.url);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${ui.url}/signup`);
      await page.getByLabel('Email').fill(`outage-${Date.now()}@example.test`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(`${ui.url}/`);
      await page.getByText('No tasks yet').first().waitFor();

      await api.stop();
      const form = page.getByRole('form', { name: 'Add a task' });
      await form.getByLabel('Title').fill('Do not lose me');
      await expand(form.locator('details'));
      await form.getByLabel('Description').fill('Typed while the API was down');
      await form.getByRole('button', { name: 'Add task' }).click();
      await form
        .getByRole('alert')
        .getByText('The API is unreachable; try again shortly')
        .waitFor();
      expect(await form.getByLabel('Title').inputValue()).toBe('Do not lose me');
      expect(await form.getByLabel('Description').inputValue()).toBe(
        'Typed while the API was down',
      );

      await showStatusOn(page, 'Done');
      await page
        .getByRole('alert')
        .getByText(/Could not load your tasks: The API is unreachable/)
        .waitFor();
      await page.getByRole('button', { name: 'Try again' }).waitFor();
    } finally {
      await browser.close();
      await ui.stop();
    }
  });
});

describe('runtime configuration', () => {
  it('refuses to start with a bad setting, naming the variable (exit 2)', async () => {
    const { code, output } = await runUiUntilExit({
      APP_TITLE: 'x'.repeat(81),
      BACKEND_URL: 'backend:3000',
    });
    expect(code).toBe(2);
    expect(output).toContain('APP_TITLE: must be at most 80 characters');
    expect(output).toContain('BACKEND_URL: must be an origin such as http://backend:3000');
  });

  it('the same build shows whatever APP_TITLE its environment gives it', async () => {
    const api = await startApi();
    const browser = await launchChromium();
    try {
      for (const title of ['Acme Tasks', 'Staging Todo']) {
        const ui = await startUi(api.url, { APP_TITLE: title });
        try {
          const page = await browser.newPage();
          await page.goto(`${ui.url}/signin`);
          expect(await page.title()).toBe(`Sign in · ${title}`);
          expect(await page.locator('.brand').textContent()).toBe(title);
          expect(await page.locator('.banner').count()).toBe(0);
          await page.close();
        } finally {
          await ui.stop();
        }
      }
    } finally {
      await browser.close();
      await api.stop();
    }
  });
});
