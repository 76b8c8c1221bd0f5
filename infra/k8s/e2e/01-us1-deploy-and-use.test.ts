import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { localIsoDate } from '@todo/testing';
import { launchChromium } from '@todo/testing/browser';
import {
  INGRESS_PORT,
  eventually,
  imagePullEvents,
  kubectl,
  APP_HOST,
  viaIngress,
} from '../test/cluster';
import { figure } from './figures';
import {
  NAMESPACE,
  RELEASE,
  everyPodReady,
  helm,
  kube,
  kubeJson,
  loadImages,
  nx,
  podsOf,
  releaseExists,
  secondsSince,
} from './release';

// US1 (T020, T038; SC-001, SC-002): from no release at all, the install brings every pod to
// Ready, and a person in a real browser uses the app at http://todo.local.
// Expects: a running cluster with the images built. Removes any release and its retained data
// first. Leaves: the release installed by `nx run infra:deploy`, in use by two accounts.

const { ARTIFACTS } = require('./paths.cjs') as { ARTIFACTS: string };
const PASSWORD = 'correct horse battery';
const ALICE = `alice-${Date.now()}@example.test`;

describe('US1: deploy the app and use it at http://todo.local', () => {
  beforeAll(() => {
    // "From no release at all": no release, no retained Secret or volume.
    if (releaseExists()) helm(['uninstall', RELEASE, '--wait']);
    kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait', '--timeout=180s']);
    loadImages();
  }, 600_000);

  it('installs from nothing: every pod Ready, migrations applied, helm test passing', () => {
    // The user's command; its build and load steps are done (the images are loaded above).
    const started = Date.now();
    const output = nx(['run', 'chart:deploy', '--exclude-task-dependencies']);
    const installSeconds = secondsSince(started);
    expect(output).toContain('revision 1, deployed');
    expect(everyPodReady()).toBe(true);
    figure('nx run infra:deploy (install) → every pod Ready (SC-002)', installSeconds);

    // Every component runs the number of pods it asks for, from images loaded, never pulled.
    expect(podsOf('backend').filter((p) => p.ready)).toHaveLength(2);
    expect(podsOf('frontend').filter((p) => p.ready)).toHaveLength(2);
    expect(podsOf('postgresql').filter((p) => p.ready)).toHaveLength(1);
    expect(imagePullEvents(NAMESPACE)).toEqual([]);
    // Each API pod ran its migrate init container to completion before the API started; the
    // first applied the migrations, the other found nothing left to do.
    const migrations = kubeJson<{ items: any[] }>([
      'get',
      'pods',
      '-l',
      `app.kubernetes.io/component=backend,app.kubernetes.io/instance=${RELEASE}`,
    ]).items.map((pod) => {
      const [init] = pod.status.initContainerStatuses;
      return {
        name: init.name,
        exitCode: init.state.terminated?.exitCode,
        log: kube(['logs', pod.metadata.name, '-c', 'migrate']).includes('migrations applied'),
      };
    });
    expect(migrations).toEqual([
      { name: 'migrate', exitCode: 0, log: true },
      { name: 'migrate', exitCode: 0, log: true },
    ]);
    // No Job or finished pod is left to clean up.
    expect(kubeJson<{ items: unknown[] }>(['get', 'jobs']).items).toEqual([]);

    const test = helm(['test', RELEASE, '--timeout', '3m']);
    expect({ status: test.status, output: test.output }).toMatchObject({ status: 0 });
    expect(test.output).toMatch(/Phase:\s+Succeeded/);
  });

  it('answers /health, /ready and /api through the ingress on todo.local', async () => {
    expect(await viaIngress('/health').then((r) => [r.status, r.json])).toEqual([
      200,
      { status: 'healthy' },
    ]);
    expect(await viaIngress('/ready').then((r) => [r.status, r.json])).toEqual([
      200,
      { status: 'ready', checks: { database: 'connected' } },
    ]);
    const docs = await viaIngress('/api/openapi.json');
    expect([docs.status, docs.json?.info?.title]).toEqual([200, 'Todo API']);
    const me = await viaIngress('/api/auth/me');
    expect([me.status, me.headers['content-type']]).toEqual([
      401,
      expect.stringContaining('application/problem+json'),
    ]);
  });

  describe('in a real browser', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      // todo.local resolves to the ingress controller's loopback port, as an /etc/hosts line would.
      browser = await launchChromium([
        `--host-resolver-rules=MAP ${APP_HOST} 127.0.0.1:${INGRESS_PORT}`,
      ]);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    });
    afterAll(() => browser?.close());

    const url = (path: string) => `http://${APP_HOST}${path}`;
    const titles = () => page.locator('.task-list .task-title').allTextContents();
    const showAll = () =>
      page
        .getByRole('navigation', { name: 'Filter by status' })
        .getByRole('link', { name: 'All' })
        .click();

    async function signUp(email: string) {
      await page.goto(url('/signup'));
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(url('/'));
    }

    it('signs up, adds a task with a tag and a due date, completes it, and still sees it after a reload', async () => {
      await page.goto(url('/'));
      await page.waitForURL(/\/signin\?next=/);
      await signUp(ALICE);
      await page.getByText('No tasks yet').first().waitFor();

      const form = page.getByRole('form', { name: 'Add a task' });
      await form.getByLabel('Title').fill('Deploy to Kubernetes');
      await form.getByText('Details').click(); // the one-line add row opens for the rest
      await form.getByLabel('Tags').fill('cluster');
      await form.getByLabel('Due date').fill(localIsoDate(3));
      await form.getByRole('button', { name: 'Add task' }).click();
      const task = page.locator('.task', { hasText: 'Deploy to Kubernetes' });
      await task.waitFor();
      expect(await task.textContent()).toContain('cluster');

      await page.getByRole('checkbox', { name: 'Deploy to Kubernetes' }).check();
      await page.getByText('All 1 done').waitFor();

      await page.reload();
      await showAll();
      await page.locator('.task-title', { hasText: 'Deploy to Kubernetes' }).waitFor();
      expect(await page.getByRole('checkbox', { name: 'Deploy to Kubernetes' }).isChecked()).toBe(
        true,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'us1-task-list.png'), fullPage: true });
    });

    it('signs out, and a second account sees none of the first one’s tasks', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin/);
      await page.goto(url('/'));
      await page.waitForURL(/\/signin/);

      await signUp(`bob-${Date.now()}@example.test`);
      await page.getByText('No tasks yet').first().waitFor();
      await showAll();
      await page.getByText('No tasks yet').first().waitFor();
      expect(await titles()).toEqual([]);
    });
  });

  it('serves the same account through the API as through the UI', async () => {
    const tokens = await viaIngress('/api/auth/tokens', {
      method: 'POST',
      body: { email: ALICE, password: PASSWORD },
    });
    expect(tokens.status).toBe(201);
    const list = await eventually('the task list', async () => {
      const reply = await viaIngress('/api/tasks?status=all', {
        headers: { authorization: `Bearer ${tokens.json.token}` },
      });
      return reply.status === 200 ? reply.json : undefined;
    });
    expect(list.items).toEqual([
      expect.objectContaining({
        title: 'Deploy to Kubernetes',
        completed: true,
        tags: ['cluster'],
        dueDate: localIsoDate(3),
      }),
    ]);
  });
});
