import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, eventually, kubectl } from '../test/cluster';
import { figure } from './figures';
import { ApiClient } from './api-client';
import {
  NAMESPACE,
  helmOk,
  nameOf,
  nx,
  podsOf,
  restoreReleaseAfterwards,
  secondsSince,
  waitUntilEveryPodReady,
  upgradeArgs,
} from './release';

// US6 (SC-007): the chart's ServiceMonitor and dashboard against a real Prometheus, run by the
// Prometheus Operator on todo-local (`nx run infra:monitoring-up`, infra/k8s/monitoring).
// Expects: the release deployed, every pod Ready, no monitoring. Leaves: the same (the release
// rolled back, monitoring removed with `nx run infra:monitoring-down`).

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

describe('US6: the API’s metrics in a real Prometheus', () => {
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    const started = Date.now();
    nx(['run', 'infra:monitoring-up']);
    figure(
      'nx run infra:monitoring-up (operator, CRDs, Prometheus) → ready',
      secondsSince(started),
    );
  }, 900_000);
  afterAll(() => {
    nx(['run', 'infra:monitoring-down']);
  }, 300_000);

  describe('with the chart’s ServiceMonitor on', () => {
    restoreReleaseAfterwards();

    it('SC-007: both API pods are scraped targets, `up`, soon after the deploy', async () => {
      const started = Date.now();
      helmOk(
        upgradeArgs(
          'metrics.serviceMonitor.enabled=true',
          `metrics.serviceMonitor.labels.release=${MONITORING_RELEASE}`,
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
      figure(
        'helm upgrade with the ServiceMonitor → API targets up (SC-007)',
        secondsSince(started),
      );
      expect(up).toEqual(pods);
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
  });
});
