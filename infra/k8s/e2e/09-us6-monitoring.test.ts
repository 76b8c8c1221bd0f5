import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { launchChromium } from '@todo/testing/browser';
import { ROOT, eventually, kubectl } from '../test/cluster';
import { figure } from './figures';
import { ApiClient } from './api-client';
import { underLoad } from './load';
import { rateChartPage, type RangeSeries } from './rate-chart';
import {
  NAMESPACE,
  RELEASE,
  helm,
  helmOk,
  kube,
  nameOf,
  nx,
  podsOf,
  restoreReleaseAfterwards,
  secondsSince,
  waitUntilEveryPodReady,
  upgradeArgs,
} from './release';

const { ARTIFACTS } = require('./paths.cjs') as { ARTIFACTS: string };

// US6 (SC-007): the chart's ServiceMonitor and dashboard against a real Prometheus, run by the
// Prometheus Operator on todo-local (`nx run cluster:monitoring-up`, infra/k8s/monitoring).
// Expects: the release deployed, every pod Ready, no monitoring. Leaves: the same (the release
// rolled back, monitoring removed with `nx run cluster:monitoring-down`).

const MONITORING_NAMESPACE = 'monitoring';
// kube-prometheus-stack's convention: Prometheus selects ServiceMonitors by its release name.
const MONITORING_RELEASE = 'kube-prometheus-stack';
const API_SERVICE = nameOf('backend');

/** Prometheus' HTTP API, reached through the Kubernetes API server's service proxy. */
function prometheus<T = any>(path: string, params: Record<string, string> = {}): T {
  const query = new URLSearchParams(params).toString();
  const raw = kubectl([
    'get',
    '--raw',
    `/api/v1/namespaces/${MONITORING_NAMESPACE}/services/prometheus-operated:9090/proxy${path}${query ? `?${query}` : ''}`,
  ]);
  const body = JSON.parse(raw);
  if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${raw}`);
  return body.data as T;
}

type Sample = { metric: Record<string, string>; value: [number, string] };
const instant = (expr: string) =>
  prometheus<{ result: Sample[] }>('/api/v1/query', { query: expr }).result;

type Alert = { labels: Record<string, string>; state: 'pending' | 'firing'; activeAt: string };
const alertsNamed = (name: string) =>
  prometheus<{ alerts: Alert[] }>('/api/v1/alerts').alerts.filter(
    (alert) => alert.labels['alertname'] === name && alert.labels['namespace'] === NAMESPACE,
  );

/** promtool, built with Prometheus by the monitoring set of the cluster binaries (cached). */
function promtool(args: string[], cwd: string): { status: number; output: string } {
  const binDir = execFileSync(
    'bash',
    [join(ROOT, 'infra/k8s/scripts/build-binaries.sh'), 'monitoring'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  ).trim();
  try {
    return {
      status: 0,
      output: execFileSync(join(binDir, 'promtool'), args, { cwd, encoding: 'utf8' }),
    };
  } catch (error: any) {
    return { status: error.status ?? 1, output: `${error.stdout}${error.stderr}` };
  }
}

/** The dashboard's queries with Grafana's variables filled in as Grafana would on this cluster. */
function dashboardQueries(): { panel: string; expr: string }[] {
  const dashboard = JSON.parse(
    readFileSync(join(ROOT, 'infra/helm/todo/dashboards/todo-api.json'), 'utf8'),
  );
  return dashboard.panels.flatMap((panel: any) =>
    (panel.targets ?? []).map((target: any) => ({
      panel: panel.title,
      expr: target.expr
        .replaceAll('$namespace', NAMESPACE)
        .replaceAll('$service', API_SERVICE)
        // Grafana's $__rate_interval: at least four scrape intervals (15 s here).
        .replaceAll('$__rate_interval', '1m'),
    })),
  );
}

/** What monitoring costs the node: the working set of every pod in its namespace (operator,
 * Prometheus and its config reloader), from the kubelet's summary API. */
function monitoringMemoryMiB(): number {
  const node = kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}']);
  const summary = JSON.parse(
    kubectl(['get', '--raw', `/api/v1/nodes/${node}/proxy/stats/summary`]),
  );
  const bytes = summary.pods
    .filter((pod: any) => pod.podRef.namespace === MONITORING_NAMESPACE)
    .reduce((sum: number, pod: any) => sum + (pod.memory?.workingSetBytes ?? 0), 0);
  return Math.round(bytes / 2 ** 20);
}

describe('US6: the API’s metrics in a real Prometheus', () => {
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    const started = Date.now();
    nx(['run', 'cluster:monitoring-up']);
    figure(
      'nx run cluster:monitoring-up (operator, CRDs, Prometheus) → ready',
      secondsSince(started),
    );
    figure(
      'monitoring stack memory right after monitoring-up (working set)',
      monitoringMemoryMiB(),
      'MiB',
    );
  }, 900_000);
  afterAll(() => {
    figure('monitoring stack memory after the tests (working set)', monitoringMemoryMiB(), 'MiB');
    nx(['run', 'cluster:monitoring-down']);
  }, 300_000);

  it('the chart’s alerts pass `promtool check rules` and their unit tests', () => {
    const rendered = helm([
      'template',
      RELEASE,
      'infra/helm/todo',
      '--set',
      'metrics.serviceMonitor.enabled=true',
      '--set',
      'metrics.prometheusRule.enabled=true',
      '--show-only',
      'templates/prometheusrule.yaml',
    ]);
    expect(rendered.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'todo-alerts-'));
    try {
      // A PrometheusRule's spec is a Prometheus rules file.
      writeFileSync(join(dir, 'todo-backend.rules.yaml'), stringify(parse(rendered.output).spec));
      copyFileSync(
        join(ROOT, 'infra/helm/test/alerts.promtool.yaml'),
        join(dir, 'alerts.promtool.yaml'),
      );
      const checked = promtool(['check', 'rules', 'todo-backend.rules.yaml'], dir);
      expect(checked).toEqual({
        status: 0,
        output: expect.stringContaining('SUCCESS: 4 rules found'),
      });
      const tested = promtool(['test', 'rules', 'alerts.promtool.yaml'], dir);
      expect(tested).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('with the chart’s ServiceMonitor and alerts on', () => {
    restoreReleaseAfterwards();

    it('SC-007: both API pods are scraped targets, `up`, soon after the deploy', async () => {
      const started = Date.now();
      helmOk(
        upgradeArgs(
          'metrics.serviceMonitor.enabled=true',
          `metrics.serviceMonitor.labels.release=${MONITORING_RELEASE}`,
          'metrics.prometheusRule.enabled=true',
        ),
      );
      const pods = podsOf('backend')
        .map((pod) => pod.name)
        .sort();
      const up = await eventually(
        'both API pods up in Prometheus',
        () => {
          const samples = instant(`up{namespace="${NAMESPACE}", service="${API_SERVICE}"}`);
          const upPods = samples
            .filter((s) => s.value[1] === '1')
            .map((s) => s.metric['pod'])
            .sort();
          return upPods.length === pods.length ? upPods : undefined;
        },
        240_000,
      );
      // Printed, not asserted: how long the operator, the config reload and the first scrape
      // take after `helm upgrade` returns (the plan asks for 30 s).
      const targetsUp = secondsSince(started);
      // Where the time goes: the operator writes the config into a Secret, the kubelet updates the
      // Secret's volume in the Prometheus pod (at its next pod sync), the reloader reloads it.
      const { lastConfigTime } = prometheus<{ lastConfigTime: string }>(
        '/api/v1/status/runtimeinfo',
      );
      figure(
        'helm upgrade with the ServiceMonitor → Prometheus configuration reloaded',
        Math.round((Date.parse(lastConfigTime) - started) / 100) / 10,
      );
      figure('helm upgrade with the ServiceMonitor → API targets up (SC-007)', targetsUp);
      expect(up).toEqual(pods);
    });

    it('Prometheus loads the chart’s four alerts, healthy and inactive', async () => {
      // A rule's health is "unknown" until its first evaluation (every 15 s).
      const rules = await eventually(
        'the chart’s rules loaded and evaluated',
        () => {
          const group = prometheus<{ groups: { name: string; rules: any[] }[] }>(
            '/api/v1/rules',
          ).groups.find((g) => g.name === API_SERVICE);
          return group?.rules.every((rule) => rule.health !== 'unknown') ? group.rules : undefined;
        },
        120_000,
      );
      expect(rules.map((rule) => [rule.name, rule.type, rule.health, rule.state])).toEqual(
        ['TodoApiNotReady', 'TodoApiHighErrorRatio', 'TodoApiHighLatency', 'TodoApiRestarting'].map(
          (name) => [name, 'alerting', 'ok', 'inactive'],
        ),
      );
    });

    it('the request histogram counts this suite’s own requests, by route template', async () => {
      const client = await ApiClient.forAccount(`metrics-${Date.now()}@example.test`);
      const task = await client.createTask('Counted by Prometheus');
      for (let i = 0; i < 20; i++) await client.send(`/api/tasks/${task.id}`);
      const byRoute = await eventually(
        'the task requests in Prometheus',
        () => {
          const samples = instant(
            `sum by (route) (http_request_duration_seconds_count{namespace="${NAMESPACE}", service="${API_SERVICE}"})`,
          );
          const counts = Object.fromEntries(
            samples.map((s) => [s.metric['route'], Number(s.value[1])]),
          );
          return (counts['/api/tasks/:id'] ?? 0) >= 20 ? counts : undefined;
        },
        120_000,
      );
      // Routes are templates, never raw URLs with IDs (bounded label values).
      expect(Object.keys(byRoute)).toEqual(
        expect.arrayContaining(['/api/tasks', '/api/tasks/:id']),
      );
      expect(Object.keys(byRoute).filter((route) => route.includes(task.id))).toEqual([]);
    });

    it('every query of the chart’s Grafana dashboard returns data', async () => {
      // The dashboard's variables resolve on this Prometheus as Grafana would list them.
      const namespaces = prometheus<string[]>('/api/v1/label/namespace/values', {
        'match[]': 'http_request_duration_seconds_count',
      });
      const services = prometheus<string[]>('/api/v1/label/service/values', {
        'match[]': `http_request_duration_seconds_count{namespace="${NAMESPACE}"}`,
      });
      expect([namespaces, services]).toEqual([
        expect.arrayContaining([NAMESPACE]),
        expect.arrayContaining([API_SERVICE]),
      ]);

      const queries = dashboardQueries();
      expect(queries.length).toBeGreaterThanOrEqual(6);
      // rate() needs two samples in its window: give the scrapes time, then ask every panel.
      const answers = await eventually(
        'every dashboard query to return data',
        () => {
          const results = queries.map((q) => ({ ...q, samples: instant(q.expr).length }));
          return results.every((r) => r.samples > 0) ? results : undefined;
        },
        120_000,
      ).catch(() => queries.map((q) => ({ ...q, samples: instant(q.expr).length })));
      expect(answers.filter((a) => a.samples === 0)).toEqual([]);
    });

    it('draws the request rate of a bounded load from Prometheus’ range query (the README picture)', async () => {
      const LOAD_SECONDS = 45;
      const client = await ApiClient.forAccount(`rate-${Date.now()}@example.test`);
      const task = await client.createTask('Drawn in the picture');
      const started = Date.now() / 1000;
      const { load } = await underLoad(
        [
          {
            name: 'GET /api/tasks',
            send: (agent) => client.send('/api/tasks?limit=20', { agent }),
          },
          {
            name: 'GET /api/tasks/:id',
            send: (agent) => client.send(`/api/tasks/${task.id}`, { agent }),
          },
          {
            name: 'POST /api/tasks',
            send: (agent) =>
              client.send('/api/tasks', { method: 'POST', body: { title: 'Load' }, agent }),
          },
        ],
        () => new Promise((resolve) => setTimeout(resolve, LOAD_SECONDS * 1000)),
        { connections: 3, pauseMs: 100, maxRequests: 3_000, maxSeconds: LOAD_SECONDS + 15 },
      );
      expect(load.failures).toEqual([]);
      // A rate window after the load, so its end is in the picture.
      await new Promise((resolve) => setTimeout(resolve, 65_000));
      const series = prometheus<{ result: RangeSeries[] }>('/api/v1/query_range', {
        query: `sum by (method, route) (rate(http_request_duration_seconds_count{namespace="${NAMESPACE}", service="${API_SERVICE}", route=~"/api/tasks.*"}[1m]))`,
        start: String(Math.floor(started - 60)),
        end: String(Math.ceil(Date.now() / 1000)),
        step: '10s',
      }).result;
      const peak = (method: string, route: string) =>
        Math.max(
          0,
          ...(
            series.find((s) => s.metric['method'] === method && s.metric['route'] === route)
              ?.values ?? []
          ).map(([, v]) => Number(v)),
        );
      // Each of the load's requests shows, at a rate near what was sent (spread evenly over them).
      const sentPerRequestPerSecond = load.sent / 3 / LOAD_SECONDS;
      figure(
        'request rate drawn: sent per request kind',
        Math.round(sentPerRequestPerSecond * 10) / 10,
        'req/s',
      );
      for (const [method, route] of [
        ['GET', '/api/tasks'],
        ['GET', '/api/tasks/:id'],
        ['POST', '/api/tasks'],
      ] as const)
        expect({ method, route, seen: peak(method, route) > sentPerRequestPerSecond / 2 }).toEqual({
          method,
          route,
          seen: true,
        });

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 960, height: 420 } });
        await page.setContent(
          rateChartPage(
            `API requests per second during a test load, namespace ${NAMESPACE}`,
            series,
            (metric) => `${metric['method']} ${metric['route']}`,
          ),
        );
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.locator('svg').screenshot({ path: join(ARTIFACTS, 'us6-request-rate.png') });
      } finally {
        await browser.close();
      }
    });

    it('TodoApiNotReady fires while the database is down and resolves when it is back', async () => {
      const apiPods = podsOf('backend')
        .map((pod) => pod.name)
        .sort();
      kube(['scale', 'statefulset', nameOf('postgresql'), '--replicas=0']);
      const down = Date.now();
      try {
        const firing = await eventually(
          'TodoApiNotReady firing for every API pod',
          () => {
            const pods = alertsNamed('TodoApiNotReady')
              .filter((alert) => alert.state === 'firing')
              .map((alert) => alert.labels['pod'])
              .sort();
            return pods.length === apiPods.length ? pods : undefined;
          },
          300_000,
        );
        figure('database scaled to 0 → TodoApiNotReady firing', secondsSince(down));
        expect(firing).toEqual(apiPods);
        expect(alertsNamed('TodoApiNotReady')[0]?.labels['severity']).toBe('critical');
      } finally {
        kube(['scale', 'statefulset', nameOf('postgresql'), '--replicas=1']);
      }
      const back = Date.now();
      await eventually(
        'TodoApiNotReady resolved',
        () => (alertsNamed('TodoApiNotReady').length === 0 ? true : undefined),
        300_000,
      );
      figure('database back → TodoApiNotReady resolved', secondsSince(back));
      await waitUntilEveryPodReady();
      // The outage restarted nothing, so the restart alert stays quiet.
      expect(alertsNamed('TodoApiRestarting')).toEqual([]);
    });
  });
});
