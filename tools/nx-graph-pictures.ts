// Draws the README's two pictures of the Nx graph, from the graph as it is now:
//   docs/screenshots/nx-project-graph.png      every project, each its own node (nested ones too)
//   docs/screenshots/nx-deploy-task-graph.png  the task graph of infra:deploy
// `npx nx run workspace:graph-pictures` runs it; or from anywhere in the repository:
//   TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx tools/nx-graph-pictures.ts
// How: `nx graph --file` writes the graph app as static HTML into a temporary directory; that
// directory is served on 127.0.0.1 (the app's scripts fail from file://), opened in headless
// Chromium, and the part of the graph canvas that has something drawn on it is captured.
// The functions given to page.evaluate run in the page: they need the DOM's types.
/// <reference lib="dom" />
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, runProcess } from '@todo/testing';
import { launchChromium } from '@todo/testing/browser';

const ROOT = resolve(__dirname, '..');
const OUT_DIR = join(ROOT, 'docs', 'screenshots');
const PROJECT_PNG = join(OUT_DIR, 'nx-project-graph.png');
const TASK_PNG = join(OUT_DIR, 'nx-deploy-task-graph.png');

const VIEWPORT = { width: 1400, height: 900 };
/** Rendered at twice the CSS pixels, so that the labels stay sharp in the README. */
const SCALE = 2;
/** CSS pixels of white kept around what is drawn. */
const MARGIN = 24;
const NX_TIMEOUT_MS = 180_000;
const RENDER_TIMEOUT_MS = 30_000;

/**
 * The renderer config the project graph opens with, as the app itself writes it into the URL.
 * The app's default `mode` is "composite" ("Grouped" in the toolbar), which folds the nested
 * projects (apps/backend/test, …) into folder nodes; "individual" ("Flat") draws every project as
 * its own node. ("none" is no mode of the app's: it crashes.) On start the app shows all projects.
 */
const PROJECT_GRAPH_CONFIG = {
  theme: 'light',
  rankDir: 'LR',
  query: '',
  autoExpand: 15,
  dependencyDistance: 1,
  mode: 'individual',
  showMode: 'all',
  showOnlyExternalDependencies: false,
  traceAlgorithm: 'shortest',
};
const TASK_GRAPH_CONFIG = { theme: 'light', rankDir: 'TB', query: '', groupByProject: false };

const say = (message: string) => console.error(` • ${message}`);
const ok = (message: string) => console.error(` ✓ ${message}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The app's `graph=` URL parameter: base64 of the URL-encoded JSON `{"c": config, "v": 1}`. */
function graphParam(config: object): string {
  const json = JSON.stringify({ c: config, v: 1 });
  return encodeURIComponent(Buffer.from(encodeURIComponent(json), 'latin1').toString('base64'));
}

async function nxGraph(args: string[]): Promise<void> {
  const command = `npx nx graph ${args.join(' ')}`;
  const nx = runProcess('npx', ['nx', 'graph', ...args], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
  const timer = setTimeout(() => void nx.stop(), NX_TIMEOUT_MS);
  const exit = await nx.exited.finally(() => clearTimeout(timer));
  if (exit.code !== 0) {
    const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with ${exit.code}`;
    throw new Error(`\`${command}\` ${how}:\n${nx.output.slice(-20).join('\n')}`);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Serves the files under `dir`, and nothing outside it, on 127.0.0.1:`port`. */
async function serveDir(dir: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = join(dir, path);
    if (file !== dir && !file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', listening);
  });
  return server;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The CSS-pixel box around everything drawn on the graph's canvases; null while nothing is. */
function drawnBox(page: Page): Promise<Box | null> {
  return page.evaluate(() => {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const rect = canvas.getBoundingClientRect();
      const scale = canvas.width / rect.width;
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (data[(y * width + x) * 4 + 3] === 0) continue;
          left = Math.min(left, rect.left + x / scale);
          right = Math.max(right, rect.left + (x + 1) / scale);
          top = Math.min(top, rect.top + y / scale);
          bottom = Math.max(bottom, rect.top + (y + 1) / scale);
        }
      }
    }
    if (right < left) return null;
    return { x: left, y: top, width: right - left, height: bottom - top };
  });
}

/** Waits until the graph is drawn and has stopped moving (the same box three times running). */
async function waitForGraph(page: Page, what: string, pageErrors: string[]): Promise<Box> {
  const deadline = Date.now() + RENDER_TIMEOUT_MS;
  let last = '';
  let same = 0;
  for (;;) {
    const box = await drawnBox(page);
    const key = JSON.stringify(box);
    if (box && key === last) {
      if (++same >= 2) return box;
    } else same = 0;
    last = key;
    if (Date.now() > deadline) {
      const errors = pageErrors.length ? ` Page errors: ${pageErrors.join(' | ')}` : '';
      throw new Error(
        `the ${what} was not drawn within ${RENDER_TIMEOUT_MS / 1000} s at ${page.url()}.${errors}`,
      );
    }
    await sleep(250);
  }
}

/**
 * Waits for the graph, then has the app fit it into the view once more (its "Reset graph pan and
 * zoom" button) and waits again: the first fit can land a fraction of a pixel off, from run to run.
 */
async function settledGraph(page: Page, what: string, pageErrors: string[]): Promise<Box> {
  await waitForGraph(page, what, pageErrors);
  await page.locator('button[title^="Reset graph pan and zoom"]').click({ timeout: 5_000 });
  return waitForGraph(page, what, pageErrors);
}

/** Hides everything but the graph's canvases, then captures the drawn part with a margin. */
async function captureGraph(page: Page, box: Box, what: string, path: string): Promise<void> {
  const { width, height } = VIEWPORT;
  if (box.x < 2 || box.y < 2 || box.x + box.width > width - 2 || box.y + box.height > height - 2) {
    throw new Error(
      `the ${what} reaches the edge of the ${width}x${height} viewport and would be cut off; ` +
        'make VIEWPORT larger',
    );
  }
  await page.addStyleTag({
    content: '#app *:not(canvas):not(:has(canvas)) { visibility: hidden !important; }',
  });
  const x = Math.max(0, Math.floor(box.x - MARGIN));
  const y = Math.max(0, Math.floor(box.y - MARGIN));
  const clip = {
    x,
    y,
    width: Math.min(width, Math.ceil(box.x + box.width + MARGIN)) - x,
    height: Math.min(height, Math.ceil(box.y + box.height + MARGIN)) - y,
  };
  await page.screenshot({ path, clip, animations: 'disabled' });
}

async function openGraph(browser: Browser, url: string, pageErrors: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: SCALE,
    colorScheme: 'light',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

async function projectGraph(browser: Browser, base: string): Promise<void> {
  const what = 'project graph';
  const pageErrors: string[] = [];
  const url = `${base}/projects.html#/projects?graph=${graphParam(PROJECT_GRAPH_CONFIG)}`;
  const page = await openGraph(browser, url, pageErrors);
  const box = await settledGraph(page, what, pageErrors);

  const mode = await page
    .locator('button[title^="Choose how projects are displayed"]')
    .getAttribute('title', { timeout: 5_000 })
    .catch(() => null);
  if (!mode?.endsWith('Current: Flat')) {
    throw new Error(
      `the ${what} is not in its flat ("individual") mode (toolbar says: ${mode ?? 'nothing'}); ` +
        'the graph app no longer reads the mode from the URL the way this script writes it',
    );
  }
  const projects = await page.evaluate(() =>
    (
      window as unknown as { projectGraphResponse: { projects: { name: string }[] } }
    ).projectGraphResponse.projects.map((project) => project.name),
  );
  const hidden: string[] = [];
  for (const name of projects) {
    if ((await page.locator(`button[title="Hide ${name}"]`).count()) === 0) hidden.push(name);
  }
  if (projects.length === 0 || hidden.length > 0) {
    throw new Error(`the ${what} does not show every project; not shown: ${hidden.join(', ')}`);
  }
  await captureGraph(page, box, what, PROJECT_PNG);
  await page.context().close();
  say(`project graph: ${projects.length} projects → ${relative(ROOT, PROJECT_PNG)}`);
}

async function taskGraph(browser: Browser, base: string): Promise<void> {
  const what = 'task graph of infra:deploy';
  const pageErrors: string[] = [];
  const query = `targets=deploy&projects=infra&graph=${graphParam(TASK_GRAPH_CONFIG)}`;
  const page = await openGraph(browser, `${base}/tasks.html#/tasks?${query}`, pageErrors);
  const box = await settledGraph(page, what, pageErrors);
  if ((await page.locator('button[title="Deselect infra"]').count()) === 0) {
    throw new Error(`the ${what} page has not selected the project infra (at ${page.url()})`);
  }
  await captureGraph(page, box, what, TASK_PNG);
  await page.context().close();
  say(`task graph of infra:deploy → ${relative(ROOT, TASK_PNG)}`);
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(` ✗ ${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);

  try {
    const dir = await mkdtemp(join(tmpdir(), 'nx-graph-pictures-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));

    say('writing the project graph app (npx nx graph)');
    await nxGraph([`--file=${join(dir, 'projects.html')}`]);
    say('writing the task graph app (npx nx graph --targets=deploy --projects=infra)');
    await nxGraph([`--file=${join(dir, 'tasks.html')}`, '--targets=deploy', '--projects=infra']);

    const port = await freePort();
    const server = await serveDir(dir, port);
    cleanups.push(() => new Promise((closed) => server.close(closed)));
    const base = `http://127.0.0.1:${port}`;
    say(`serving it on ${base}; starting Chromium`);

    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    await mkdir(OUT_DIR, { recursive: true });
    await projectGraph(browser, base);
    await taskGraph(browser, base);

    const sizes = await Promise.all(
      [PROJECT_PNG, TASK_PNG].map(async (png) => `${Math.round((await stat(png)).size / 1024)} KB`),
    );
    await cleanUp();
    ok(`pictures of the Nx graph in ${relative(ROOT, OUT_DIR)}/ (${sizes.join(', ')})`);
  } catch (error) {
    await cleanUp();
    console.error(` ✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
