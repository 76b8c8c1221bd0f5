import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '@todo/testing/browser';
import { seriousViolations } from './axe';
import { ARTIFACTS, startApi, startUi, type Api, type Ui } from './harness';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'new staple battery horse';

describe('the account page in a real browser, against the real API', () => {
  let api: Api;
  let ui: Ui;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await startApi();
    ui = await startUi(api.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    await api?.stop();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A page in a browser context of its own: its own cookies, like another device. */
  async function newDevice(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  let accounts = 0;
  const uniqueEmail = (name: string) => `${name}-${Date.now()}-${++accounts}@example.test`;

  async function signUp(page: Page, email: string) {
    await page.goto(`${ui.url}/signup`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ui.url}/`);
    await page.getByText('No tasks yet').first().waitFor();
  }

  /** Fills in the sign-in form the page shows and submits it. */
  async function submitSignIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${ui.url}/signin`);
    await submitSignIn(page, email, password);
    await page.waitForURL(`${ui.url}/`);
  }

  /** The task list sends a page whose session has ended to sign-in. */
  async function expectSignedOut(page: Page) {
    await page.goto(`${ui.url}/`);
    await page.waitForURL(/\/signin\?next=/);
  }

  /** Opens the account page the way a user does: from the task list's header. */
  async function openAccount(page: Page) {
    await page.goto(`${ui.url}/`);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.waitForURL(`${ui.url}/account`);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
  }

  it('changes the password: this browser stays signed in, others are signed out, only the new password works', async () => {
    const email = uniqueEmail('change');
    const here = await newDevice();
    await signUp(here, email);
    const elsewhere = await newDevice();
    await signIn(elsewhere, email, PASSWORD);

    await openAccount(here);
    expect(await here.title()).toBe('Your account · Todo');
    await here.getByText(`Signed in as ${email}`).waitFor();
    expect(await seriousViolations(here)).toEqual([]);

    const form = here.getByRole('form', { name: 'Change password' });
    const current = form.getByLabel('Current password');
    const next = form.getByLabel('New password', { exact: true });
    const again = form.getByLabel('New password again');
    const submit = form.getByRole('button', { name: 'Change password' });

    // Checked in the browser first, with the API's own rules and words.
    await current.fill(PASSWORD);
    await next.fill('short');
    await again.fill('short');
    await submit.click();
    await form.getByText('Password must be at least 8 characters').waitFor();
    expect(await next.getAttribute('aria-invalid')).toBe('true');
    await next.fill(NEW_PASSWORD);
    await again.fill(`${NEW_PASSWORD}!`);
    await submit.click();
    await form.getByText('The two new passwords do not match').waitFor();
    expect(await again.getAttribute('aria-describedby')).toBe('confirm-password-error');
    expect(await seriousViolations(here)).toEqual([]);

    // The API's refusal is announced, and nothing typed is lost.
    await current.fill('not my password');
    await again.fill(NEW_PASSWORD);
    await submit.click();
    await form.getByRole('alert').getByText('Current password is incorrect').waitFor();
    expect(await next.inputValue()).toBe(NEW_PASSWORD);
    await elsewhere.goto(`${ui.url}/`);
    await elsewhere.getByText('No tasks yet').first().waitFor();
    expect(elsewhere.url()).toBe(`${ui.url}/`);

    await current.fill(PASSWORD);
    await submit.click();
    await form
      .getByRole('status')
      .getByText(/^Password changed\./)
      .waitFor();
    expect(await current.inputValue()).toBe('');
    expect(await form.getByRole('alert').count()).toBe(0); // the earlier error is gone
    await here.screenshot({ path: join(ARTIFACTS, 'account-desktop.png'), fullPage: true });

    // This browser is still signed in.
    await here.reload();
    await here.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(here.url()).toBe(`${ui.url}/account`);

    // The other one was signed out; the account page sends it to sign in and back.
    await elsewhere.goto(`${ui.url}/account`);
    await elsewhere.waitForURL(`${ui.url}/signin?next=%2Faccount`);
    await submitSignIn(elsewhere, email, PASSWORD);
    await elsewhere.getByRole('alert').getByText('Email or password is incorrect').waitFor();
    await submitSignIn(elsewhere, email, NEW_PASSWORD);
    await elsewhere.waitForURL(`${ui.url}/account`);
    await elsewhere.getByText(`Signed in as ${email}`).waitFor();

    // Usable at phone width, with no sideways scrolling.
    await here.setViewportSize({ width: 390, height: 844 });
    await here.screenshot({ path: join(ARTIFACTS, 'account-phone.png'), fullPage: true });
    expect(await here.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });

  it('signs out everywhere once confirmed: this browser and every other one', async () => {
    const email = uniqueEmail('everywhere');
    const here = await newDevice();
    await signUp(here, email);
    const elsewhere = await newDevice();
    await signIn(elsewhere, email, PASSWORD);
    await openAccount(here);

    // Asking first; Cancel changes nothing. Focus follows the buttons for keyboard users.
    const ask = here.getByRole('button', { name: 'Sign out everywhere…' });
    await ask.click();
    const focused = () => here.evaluate(() => document.activeElement?.textContent);
    expect(await focused()).toBe('Yes, sign out everywhere');
    expect(await seriousViolations(here)).toEqual([]);
    await here.getByRole('button', { name: 'Cancel' }).click();
    expect(await focused()).toBe('Sign out everywhere…');
    await elsewhere.goto(`${ui.url}/`);
    await elsewhere.getByText('No tasks yet').first().waitFor();

    await ask.click();
    await here.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await here.waitForURL(`${ui.url}/signin?notice=signed-out-everywhere`);
    await here.getByRole('status').getByText('You have been signed out on every device.').waitFor();
    expect(await seriousViolations(here)).toEqual([]);

    await expectSignedOut(here);
    await expectSignedOut(elsewhere);
    // The account itself is untouched: signing in again works.
    await signIn(elsewhere, email, PASSWORD);
  });

  it('deletes the account only with the password and a tick; the email then starts afresh', async () => {
    const email = uniqueEmail('delete');
    const here = await newDevice();
    await signUp(here, email);
    const addForm = here.getByRole('form', { name: 'Add a task' });
    await addForm.getByLabel('Title').fill('Left behind');
    await addForm.getByRole('button', { name: 'Add task' }).click();
    await here.locator('.task-title', { hasText: 'Left behind' }).waitFor();
    const elsewhere = await newDevice();
    await signIn(elsewhere, email, PASSWORD);
    await openAccount(here);

    const form = here.getByRole('form', { name: 'Delete my account' });
    const password = form.getByLabel('Password', { exact: true });
    const understood = form.getByRole('checkbox', { name: /^I understand/ });
    const submit = form.getByRole('button', { name: 'Delete my account' });

    // Not without the explicit tick.
    await password.fill(PASSWORD);
    await submit.click();
    await form.getByText('Tick this box to confirm').waitFor();
    expect(await understood.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(here)).toEqual([]);

    // Not with a wrong password; the account and its task are still there.
    await understood.check();
    await password.fill('not my password');
    await submit.click();
    await form.getByRole('alert').getByText('Password is incorrect').waitFor();
    await elsewhere.goto(`${ui.url}/`);
    await elsewhere.locator('.task-title', { hasText: 'Left behind' }).waitFor();

    await password.fill(PASSWORD);
    await submit.click();
    await here.waitForURL(`${ui.url}/signin?notice=account-deleted`);
    await here
      .getByRole('status')
      .getByText('Your account and all its tasks have been deleted.')
      .waitFor();
    await expectSignedOut(elsewhere);

    // The old credentials no longer sign in.
    await submitSignIn(here, email, PASSWORD);
    await here.getByRole('alert').getByText('Email or password is incorrect').waitFor();

    // The same email can register again: a new, empty account.
    await signUp(here, email);
    expect(await here.locator('.task-list .task').count()).toBe(0);
  });
});
