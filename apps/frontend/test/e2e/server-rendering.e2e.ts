import { createServer } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@todo/testing';
import { launchChromium } from '@todo/testing/browser';
import { startApi, startSlowLink, startUi, type Api, type SlowLink, type Ui } from './harness';
import { expand, expectTitles, showStatus } from './task-page';

const PASSWORD = 'correct horse battery';

// The UI reaches the real API through a hop that can hold requests back, to replay the races the
// old client-side list had to guard against with request counters.
describe('the server-rendered task page', () => {
  let api: Api;
  let link: SlowLink;
  let ui: Ui;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    api = await startApi();
    link = await startSlowLink(api.url);
    ui = await startUi(link.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    await link?.stop();
    await api?.stop();
  });
  afterEach(() => context?.close());

  /** A new user in a new browser context, signed in; tasks are created through the API. */
  async function newUser(options: { javaScriptEnabled?: boolean } = {}, tasks: object[] = []) {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    page = await context.newPage();
    const email = `race-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    await page.request.post(`${ui.url}/api/auth/register`, { data: { email, password: PASSWORD } });
    for (const task of tasks) await page.request.post(`${ui.url}/api/tasks`, { data: task });
    return email;
  }

  it('works without JavaScript: sign in, add, complete and delete with plain forms', async () => {
    const email = await newUser({ javaScriptEnabled: false });
    await context.clearCookies();
    await page.goto(`${ui.url}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${ui.url}/`);
    await page.getByText('No tasks yet').first().waitFor();

    const form = page.getByRole('form', { name: 'Add a task' });
    await form.getByLabel('Title').fill('Written without JavaScript');
    await form.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.task-title', { hasText: 'Written without JavaScript' }).waitFor();
    await page.getByText('1 of 1 left').waitFor();

    // Editing in place needs JavaScript, so it is not offered without.
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Written without JavaScript' }).click();
    await page.getByText('All 1 done').waitFor();
    expect(await page.getByRole('checkbox').getAttribute('aria-checked')).toBe('true');

    await page.getByRole('button', { name: 'Delete Written without JavaScript' }).click();
    await page.getByText('No tasks yet').first().waitFor();
    const left = await page.request.get(`${ui.url}/api/tasks`);
    expect((await left.json()).total).toBe(0);
  });

  it('keeps what is typed into the add form while the task before is being saved', async () => {
    await newUser();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const release = link.delay((method, path) => method === 'POST' && path === '/api/tasks', 1500);
    await page.goto(`${ui.url}/`);
    const title = page.getByRole('form', { name: 'Add a task' }).getByLabel('Title');
    await title.fill('Saved first');
    await title.press('Enter');
    await title.fill('Typed during the save');
    await expectTitles(page, ['Saved first']);
    expect(await title.inputValue()).toBe('Typed during the save');
    release();

    // Untouched during its save, the form is cleared for the next task.
    await title.press('Enter');
    await expectTitles(page, ['Typed during the save', 'Saved first']);
    await page.waitForFunction(
      () =>
        (document.querySelector('.add-task input[name=title]') as HTMLInputElement).value === '',
    );
    // Hydration included: the page's scripts logged no error.
    expect(errors).toEqual([]);
  });

  it('shows the last filter chosen when the answers arrive out of order', async () => {
    await newUser({}, [
      { title: 'High one', priority: 'high' },
      { title: 'Low one', priority: 'low' },
    ]);
    link.delay((method, path) => method === 'GET' && path.includes('priority=high'), 2000);
    await page.goto(`${ui.url}/`);
    await expectTitles(page, ['Low one', 'High one']);
    await expand(page.locator('details.filters'));
    const priority = page.getByLabel('Filter by priority');
    await priority.selectOption('high');
    await priority.selectOption('low');
    await expectTitles(page, ['Low one']);
    await page.waitForTimeout(2500); // the slow answer for "high" has arrived by now
    await expectTitles(page, ['Low one']);
    expect(page.url()).toContain('priority=low');
    expect(await priority.inputValue()).toBe('low');
  });

  it('undoes a delete after the view has changed, and a slow delete shows the current view', async () => {
    await newUser({}, [
      { title: 'Keep me', priority: 'high' },
      { title: 'Finished', priority: 'low' },
    ]);
    await page.goto(`${ui.url}/`);
    await page.getByRole('checkbox', { name: 'Finished' }).check();
    await page.getByText('1 of 2 left').waitFor();

    const release = link.delay((method) => method === 'DELETE', 1500);
    await page.getByRole('button', { name: 'Delete Keep me' }).click();
    await expectTitles(page, ['Finished']);
    await showStatus(page, 'Done');
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    // The delete's answer (held back 1.5 s) must not bring the older view back.
    await page.waitForURL(/status=completed/);
    await expectTitles(page, ['Finished']);
    await page.waitForTimeout(1000);
    expect(page.url()).toContain('status=completed');
    await expectTitles(page, ['Finished']);
    release();

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached' });
    await showStatus(page, 'To do');
    await expectTitles(page, ['Keep me']);
    await page.getByText('1 of 2 left').waitFor();
  });

  it('refuses a server action posted from another site (no sign-in, no cookie)', async () => {
    const email = await newUser();
    await context.clearCookies();
    // Another origin serves a copy of the sign-in form, filled in, posting to the UI.
    const signIn = await (await fetch(`${ui.url}/signin`)).text();
    const form = signIn.match(/<form[^>]*>[\s\S]*?<\/form>/)?.[0];
    // The form names its server action in hidden fields; the no-JavaScript test above shows the
    // same form signing in when it is posted from the UI's own page.
    expect(form).toContain('name="$ACTION_');
    const forged = (form as string)
      .replace(/<form/, `<form method="post" action="${ui.url}/signin"`)
      .replace(/name="email"/, `name="email" value="${email}"`)
      .replace(/name="password"/, `name="password" value="${PASSWORD}"`);
    const port = await freePort();
    const site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><title>elsewhere</title>${forged}`);
    });
    await new Promise<void>((resolve) => site.listen(port, 'localhost', resolve));
    try {
      await page.goto(`http://localhost:${port}/`);
      const answer = page.waitForResponse((response) => response.url().startsWith(ui.url));
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await answer).status()).toBeGreaterThanOrEqual(400);
      const cookies = await context.cookies(ui.url);
      expect(cookies.map((cookie) => cookie.name)).not.toContain('todo_session');
    } finally {
      site.close();
    }
  });
});
