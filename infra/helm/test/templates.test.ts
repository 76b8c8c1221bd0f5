import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chartDir,
  find,
  kinds,
  matchesSelector,
  podSpecs,
  render,
  renderError,
  renderText,
  ciValuesFiles,
  type K8sObject,
} from './render';

const backendOf = (objects: K8sObject[]) => find(objects, 'Deployment', '-backend');
const frontendOf = (objects: K8sObject[]) => find(objects, 'Deployment', '-frontend');
const container = (workload: K8sObject) => workload.spec.template.spec.containers[0];
type EnvVar = { name: string; value?: string; valueFrom?: unknown };
const envNamed = (c: { env?: EnvVar[] }, name: string) =>
  c.env?.find((entry) => entry.name === name);

describe('default render', () => {
  const objects = render();

  it('creates the app, its database and its guard rails', () => {
    expect(kinds(objects)).toEqual(
      [
        'ConfigMap/todo-backend',
        'ConfigMap/todo-frontend',
        'Deployment/todo-backend',
        'Deployment/todo-frontend',
        'Ingress/todo',
        'NetworkPolicy/todo-backend',
        'NetworkPolicy/todo-frontend',
        'NetworkPolicy/todo-postgresql',
        'NetworkPolicy/todo-test',
        'Pod/todo-test',
        'PodDisruptionBudget/todo-backend',
        'PodDisruptionBudget/todo-frontend',
        'PodDisruptionBudget/todo-postgresql',
        'Secret/todo-db',
        'Service/todo-backend',
        'Service/todo-frontend',
        'Service/todo-postgresql',
        'Service/todo-postgresql-hl',
        'ServiceAccount/todo',
        'StatefulSet/todo-postgresql',
      ].sort(),
    );
  });

  it('labels every object the recommended way and selects only on the stable subset', () => {
    for (const object of objects) {
      expect(Object.keys(object.metadata.labels).sort()).toEqual(
        expect.arrayContaining([
          'app.kubernetes.io/component',
          'app.kubernetes.io/instance',
          'app.kubernetes.io/managed-by',
          'app.kubernetes.io/name',
          'app.kubernetes.io/part-of',
          'app.kubernetes.io/version',
          'helm.sh/chart',
        ]),
      );
      const selector = object.spec?.selector?.matchLabels;
      if (selector) {
        expect(Object.keys(selector).sort()).toEqual([
          'app.kubernetes.io/component',
          'app.kubernetes.io/instance',
          'app.kubernetes.io/name',
        ]);
      }
    }
  });

  it('routes /api, /health and /ready to the API and / to the UI on todo.local, class nginx', () => {
    const ingress = find(objects, 'Ingress', 'todo');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toBeUndefined();
    const [rule] = ingress.spec.rules;
    expect(rule.host).toBe('todo.local');
    const routes = Object.fromEntries(
      rule.http.paths.map(
        (p: { path: string; pathType: string; backend: { service: { name: string } } }) => [
          `${p.pathType} ${p.path}`,
          p.backend.service.name,
        ],
      ),
    );
    expect(routes).toEqual({
      'Prefix /api': 'todo-backend',
      'Prefix /health': 'todo-backend',
      'Prefix /ready': 'todo-backend',
      'Prefix /': 'todo-frontend',
    });
  });

  it('probes with the plan defaults: liveness 10/10/5/3, readiness 5/5/3/3', () => {
    const timings = (probe: Record<string, number>) => [
      probe.initialDelaySeconds,
      probe.periodSeconds,
      probe.timeoutSeconds,
      probe.failureThreshold,
    ];
    for (const [workload, liveness, readiness] of [
      [backendOf(objects), '/health', '/ready'],
      [frontendOf(objects), '/api/health', '/signin'],
    ] as const) {
      const c = container(workload);
      expect(timings(c.livenessProbe)).toEqual([10, 10, 5, 3]);
      expect(timings(c.readinessProbe)).toEqual([5, 5, 3, 3]);
      expect(c.livenessProbe.httpGet).toEqual({ path: liveness, port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: readiness, port: 'http' });
      expect(c.startupProbe.httpGet.path).toBe(liveness);
    }
  });

  it('configures the API from its ConfigMap and the database password from the Secret', () => {
    const api = container(backendOf(objects));
    const configMap = find(objects, 'ConfigMap', '-backend');
    expect(api.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(configMap.data).toMatchObject({
      HOST: '0.0.0.0',
      PORT: '3000',
      METRICS_PORT: '9464',
      // One hop: the ingress controller appends the address it saw; the rest is the client's text.
      TRUST_PROXY: '1',
      MIGRATE_ON_START: 'false',
    });
    expect(envNamed(api, 'DATABASE_URL')).toEqual({
      name: 'DATABASE_URL',
      value: 'postgres://todo@todo-postgresql:5432/todo',
    });
    const secret = find(objects, 'Secret', '-db');
    expect(envNamed(api, 'PGPASSWORD')).toEqual({
      name: 'PGPASSWORD',
      valueFrom: { secretKeyRef: { name: secret.metadata.name, key: 'postgres-password' } },
    });
    expect(Buffer.from(secret.data['postgres-password'], 'base64').toString()).toMatch(
      /^[A-Za-z0-9]{32}$/,
    );
    // Secrets never land in a ConfigMap.
    for (const map of objects.filter((o) => o.kind === 'ConfigMap')) {
      expect(JSON.stringify(map.data)).not.toContain(secret.data['postgres-password']);
    }
  });

  it.each([
    [1, '1'],
    [false, 'false'],
    ['10.42.0.0/16, 10.43.0.10', '10.42.0.0/16, 10.43.0.10'],
  ])('passes trustProxy %j to the API as TRUST_PROXY', (trustProxy, variable) => {
    const configMap = find(
      render({ values: { backend: { config: { trustProxy } } } }),
      'ConfigMap',
      '-backend',
    );
    expect(configMap.data.TRUST_PROXY).toBe(variable);
  });

  it('gives the UI its title, banner and backend URL through its ConfigMap', () => {
    const ui = render({
      values: {
        frontend: { config: { appTitle: 'Team tasks', appBanner: 'Maintenance at 18:00' } },
      },
    });
    expect(find(ui, 'ConfigMap', '-frontend').data).toEqual({
      APP_TITLE: 'Team tasks',
      APP_BANNER: 'Maintenance at 18:00',
      BACKEND_URL: 'http://todo-backend:80',
    });
    expect(container(frontendOf(ui)).envFrom).toEqual([
      { configMapRef: { name: 'todo-frontend' } },
    ]);
  });

  it('migrates in an init container of each API pod that waits for the DB, not in a Helm hook', () => {
    // A hook would run before the release is applied: with the in-chart database scaled to 0,
    // `helm upgrade` could then never start it again.
    expect(objects.filter((o) => o.metadata.annotations?.['helm.sh/hook'] !== undefined)).toEqual([
      expect.objectContaining({
        kind: 'Pod',
        metadata: expect.objectContaining({ name: 'todo-test' }),
      }),
    ]);
    const api = backendOf(objects);
    const [init, ...others] = api.spec.template.spec.initContainers;
    expect(others).toEqual([]);
    expect(init.name).toBe('migrate');
    expect(init.image).toBe(container(api).image);
    expect(init.args).toEqual(['/app/main.js', 'migrate']);
    expect(envNamed(init, 'DATABASE_WAIT_TIMEOUT')?.value).toBe('5m');
    expect(envNamed(init, 'PGPASSWORD')).toEqual(envNamed(container(api), 'PGPASSWORD'));
    expect(init.securityContext).toEqual(container(api).securityContext);
    expect(init.resources.requests).toHaveProperty('ephemeral-storage');
    expect(init.resources.limits).toHaveProperty('memory');
    // The API itself then does not migrate again as it starts.
    expect(find(objects, 'ConfigMap', '-backend').data.MIGRATE_ON_START).toBe('false');
  });

  it('with migrations.enabled=false, the API migrates as it starts instead', () => {
    const rendered = render({ values: { migrations: { enabled: false } } });
    expect(backendOf(rendered).spec.template.spec.initContainers).toBeUndefined();
    expect(find(rendered, 'ConfigMap', '-backend').data.MIGRATE_ON_START).toBe('true');
  });

  it('rolls without losing capacity and drains before SIGTERM', () => {
    for (const workload of [backendOf(objects), frontendOf(objects)]) {
      expect(workload.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      expect(container(workload).lifecycle.preStop).toEqual({ sleep: { seconds: 5 } });
    }
    // preStop 5 s + SHUTDOWN_TIMEOUT 10 s + 5 s to exit.
    expect(backendOf(objects).spec.template.spec.terminationGracePeriodSeconds).toBe(20);
    expect(find(objects, 'ConfigMap', '-backend').data.SHUTDOWN_TIMEOUT).toBe('10s');
  });

  it('spreads replicas softly, so one node still schedules them all', () => {
    const affinity = backendOf(objects).spec.template.spec.affinity;
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    const [term] = affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(term.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(
      matchesSelector(
        backendOf(objects).spec.template.metadata.labels,
        term.podAffinityTerm.labelSelector,
      ),
    ).toBe(true);
  });

  it('guards every workload with a PDB that lets unhealthy pods be evicted', () => {
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      expect(pdb.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
      expect(pdb.spec.maxUnavailable).toBe(1);
      const targets = podSpecs(objects).filter(
        (pod) => pod.object.kind !== 'Pod' && matchesSelector(pod.labels, pdb.spec.selector),
      );
      expect(targets.map((t) => t.object.metadata.name)).toEqual([pdb.metadata.name]);
    }
  });

  it('keeps PostgreSQL on a PVC, governed by a headless Service, reached through a ClusterIP one', () => {
    const db = find(objects, 'StatefulSet', '-postgresql');
    const headless = find(objects, 'Service', '-postgresql-hl');
    expect(headless.spec.clusterIP).toBe('None');
    expect(db.spec.serviceName).toBe('todo-postgresql-hl');
    // Clients connect through a ClusterIP Service: its DNS name exists before the database is
    // Ready, so no resolver caches a negative answer while it starts.
    const service = objects.find(
      (o) => o.kind === 'Service' && o.metadata.name === 'todo-postgresql',
    ) as K8sObject;
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.clusterIP).toBeUndefined();
    expect(service.spec.selector).toEqual(headless.spec.selector);
    expect(envNamed(container(backendOf(objects)), 'DATABASE_URL')?.value).toBe(
      'postgres://todo@todo-postgresql:5432/todo',
    );
    expect(container(db).image).toBe('docker.io/library/postgres:17.6-bookworm');
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(db.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain');
    expect(find(objects, 'Secret', '-db').metadata.annotations['helm.sh/resource-policy']).toBe(
      'keep',
    );
  });
});

describe('pod security, for every pod of every ci values file', () => {
  it.each(ciValuesFiles)('%s', (file) => {
    const pods = podSpecs(render({ valuesFiles: [file] }));
    expect(pods.length).toBeGreaterThan(0);
    for (const { object, spec } of pods) {
      const where = `${object.kind}/${object.metadata.name}`;
      expect({ where, automount: spec.automountServiceAccountToken }).toEqual({
        where,
        automount: false,
      });
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
      expect(spec.securityContext.runAsGroup).toBeGreaterThanOrEqual(10000);
      for (const c of spec.containers) {
        expect({ where, ...c.securityContext }).toMatchObject({
          where,
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(c.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
        expect(c.resources.requests).toHaveProperty('ephemeral-storage');
        expect(c.resources.limits).toHaveProperty('memory');
      }
    }
  });
});

describe('switches', () => {
  it('turning autoscaling on adds an HPA and leaves replicas to it', () => {
    const objects = render({
      values: { backend: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 7 } } },
    });
    const hpa = find(objects, 'HorizontalPodAutoscaler', '-backend');
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'todo-backend' },
      minReplicas: 3,
      maxReplicas: 7,
    });
    expect(backendOf(objects).spec).not.toHaveProperty('replicas');
    expect(frontendOf(objects).spec.replicas).toBe(2);
    expect(render().some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('a config change rolls only the pods that read it; a new password rolls the API', () => {
    const checksums = (objects: K8sObject[]) => ({
      backend: backendOf(objects).spec.template.metadata.annotations,
      frontend: frontendOf(objects).spec.template.metadata.annotations,
    });
    const before = checksums(render());
    expect(checksums(render())).toEqual(before); // stable: a generated password does not roll pods
    const logLevel = checksums(render({ values: { backend: { config: { logLevel: 'debug' } } } }));
    expect(logLevel.backend['checksum/config']).not.toBe(before.backend['checksum/config']);
    expect(logLevel.frontend).toEqual(before.frontend);
    const title = checksums(render({ values: { frontend: { config: { appTitle: 'Renamed' } } } }));
    expect(title.frontend['checksum/config']).not.toBe(before.frontend['checksum/config']);
    expect(title.backend).toEqual(before.backend);
    const password = checksums(
      render({ values: { postgresql: { auth: { password: 'n3w-Secret' } } } }),
    );
    expect(password.backend['checksum/secret']).not.toBe(before.backend['checksum/secret']);
  });

  it('existingSecret: the chart creates no Secret and every consumer reads the named one', () => {
    const objects = render({
      values: {
        postgresql: { auth: { existingSecret: 'my-db', existingSecretPasswordKey: 'pw' } },
      },
    });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    const reference = { secretKeyRef: { name: 'my-db', key: 'pw' } };
    expect(envNamed(container(backendOf(objects)), 'PGPASSWORD')?.valueFrom).toEqual(reference);
    expect(
      envNamed(backendOf(objects).spec.template.spec.initContainers[0], 'PGPASSWORD')?.valueFrom,
    ).toEqual(reference);
    expect(
      envNamed(container(find(objects, 'StatefulSet', '-postgresql')), 'POSTGRES_PASSWORD')
        ?.valueFrom,
    ).toEqual(reference);
  });

  it('external database: no StatefulSet, DATABASE_URL from a Secret, egress to the DB port', () => {
    const objects = render({ valuesFiles: [ciValuesFiles[1] as string] });
    expect(
      objects.some((o) => o.kind === 'StatefulSet' || o.metadata.name.endsWith('-postgresql')),
    ).toBe(false);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    const url = { secretKeyRef: { name: 'todo-external-db', key: 'url' } };
    expect(envNamed(container(backendOf(objects)), 'DATABASE_URL')?.valueFrom).toEqual(url);
    expect(envNamed(container(backendOf(objects)), 'PGPASSWORD')).toBeUndefined();
    const egress = find(objects, 'NetworkPolicy', '-backend').spec.egress;
    expect(egress).toContainEqual({
      to: [{ ipBlock: { cidr: '10.96.0.0/12' } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    });

    const fromValue = render({
      values: {
        postgresql: { enabled: false },
        externalDatabase: { url: 'postgres://u:p@db.example:5432/todo' },
      },
    });
    const secret = find(fromValue, 'Secret', '-db');
    expect(Buffer.from(secret.data['database-url'], 'base64').toString()).toBe(
      'postgres://u:p@db.example:5432/todo',
    );
  });

  it('external database without a URL fails, naming the values to set', () => {
    expect(renderError({ values: { postgresql: { enabled: false } } })).toContain(
      'postgresql.enabled is false: set externalDatabase.url or externalDatabase.existingSecret',
    );
  });

  it('TLS and a custom ingress class', () => {
    const objects = render({
      values: {
        ingress: {
          className: 'traefik',
          host: 'todo.example.com',
          tls: { enabled: true, secretName: 'todo-tls' },
        },
      },
    });
    const ingress = find(objects, 'Ingress', 'todo');
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.tls).toEqual([{ hosts: ['todo.example.com'], secretName: 'todo-tls' }]);
    expect(renderError({ values: { ingress: { tls: { enabled: true } } } })).toContain(
      'ingress.tls.secretName',
    );
  });

  it('monitoring: a ServiceMonitor on /metrics and a Grafana dashboard ConfigMap, both off by default', () => {
    const objects = render({
      values: { metrics: { serviceMonitor: { enabled: true }, dashboard: { enabled: true } } },
    });
    const monitor = find(objects, 'ServiceMonitor', '-backend');
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics' }),
    ]);
    // The metrics port of its own: in the container, the Service, and nowhere near the ingress.
    expect(container(backendOf(objects)).ports).toContainEqual({
      name: 'metrics',
      containerPort: 9464,
      protocol: 'TCP',
    });
    expect(find(objects, 'Service', '-backend').spec.ports).toContainEqual({
      name: 'metrics',
      port: 9464,
      targetPort: 'metrics',
      protocol: 'TCP',
    });
    expect(JSON.stringify(find(objects, 'Ingress', 'todo'))).not.toContain('metrics');
    expect(
      matchesSelector(find(objects, 'Service', '-backend').metadata.labels, monitor.spec.selector),
    ).toBe(true);
    const dashboard = find(objects, 'ConfigMap', '-dashboard');
    expect(dashboard.metadata.labels.grafana_dashboard).toBe('1');
    const json = JSON.parse(dashboard.data['todo-api.json']);
    const queries = json.panels
      .flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr))
      .join('\n');
    expect(queries).toContain('rate(http_request_duration_seconds_count');
    expect(queries).toContain('status_code=~"5.."');
    expect(queries).toContain('histogram_quantile(0.99');
    // Importable into any Grafana: the data source is picked at import (a variable), never a
    // uid from the machine it was made on, and no database id is carried along.
    expect(json.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const datasources = [...json.panels, ...json.templating.list]
      .flatMap((item: { datasource?: unknown; targets?: { datasource?: unknown }[] }) => [
        item.datasource,
        ...(item.targets ?? []).map((target) => target.datasource),
      ])
      .filter(Boolean);
    expect(datasources.length).toBeGreaterThan(json.panels.length);
    for (const datasource of datasources)
      expect(datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(json.id ?? null).toBeNull();
    // Prometheus may reach the metrics port only when monitoring is on, and only that port.
    expect(find(objects, 'NetworkPolicy', '-backend').spec.ingress).toEqual([
      expect.objectContaining({ ports: [{ port: 'http', protocol: 'TCP' }] }),
      {
        from: [
          {
            namespaceSelector: {},
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          },
        ],
        ports: [{ port: 'metrics', protocol: 'TCP' }],
      },
    ]);
    expect(
      render().some(
        (o) =>
          ['ServiceMonitor', 'PrometheusRule'].includes(o.kind) ||
          o.metadata.name.endsWith('-dashboard'),
      ),
    ).toBe(false);
  });

  it('alerts: a PrometheusRule selected like the ServiceMonitor, each alert with a summary and a runbook', () => {
    const objects = render({
      values: {
        metrics: {
          serviceMonitor: { enabled: true, labels: { release: 'kube-prometheus-stack' } },
          prometheusRule: { enabled: true, labels: { team: 'todo' } },
        },
      },
    });
    const rule = find(objects, 'PrometheusRule', '-backend');
    expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack', team: 'todo' });
    const alerts = rule.spec.groups.flatMap((group: { rules: any[] }) => group.rules);
    expect(alerts.map((alert: { alert: string }) => alert.alert)).toEqual([
      'TodoApiNotReady',
      'TodoApiHighErrorRatio',
      'TodoApiHighLatency',
      'TodoApiRestarting',
    ]);
    const readme = readFileSync(join(chartDir, 'README.md'), 'utf8');
    for (const alert of alerts) {
      // Every series an alert reads is the API's own, as its ServiceMonitor labels it.
      const selectors: string[] = alert.expr.match(/\{[^}]*\}/g);
      expect(selectors.length).toBeGreaterThan(0);
      for (const selector of selectors)
        expect(selector).toContain('namespace="todo", service="todo-backend"');
      expect(alert.labels.severity).toMatch(/^(critical|warning)$/);
      expect(alert.annotations.summary).toEqual(expect.any(String));
      const anchor = alert.alert.toLowerCase();
      expect(alert.annotations.runbook_url).toMatch(new RegExp(`README\\.md#${anchor}$`));
      // The runbook the URL points at exists.
      expect(readme).toMatch(new RegExp(`^#### ${alert.alert}$`, 'm'));
    }
    // A rule without the scrape it reads would never fire: refused, naming both values.
    expect(renderError({ values: { metrics: { prometheusRule: { enabled: true } } } })).toContain(
      'metrics.prometheusRule.enabled is true: set metrics.serviceMonitor.enabled',
    );
  });

  it('the namespace object is off by default and on when asked', () => {
    expect(render().some((o) => o.kind === 'Namespace')).toBe(false);
    expect(
      find(render({ values: { namespace: { create: true } } }), 'Namespace', 'todo').metadata.name,
    ).toBe('todo');
  });

  it('volumePermissions: off by default; on, a root init container that may only chown the volume', () => {
    const initContainers = (values: Record<string, unknown>) =>
      find(render({ values }), 'StatefulSet', 'postgresql').spec.template.spec.initContainers;
    expect(initContainers({})).toBeUndefined();
    const [init, ...others] = initContainers({
      postgresql: { volumePermissions: { enabled: true } },
    });
    expect(others).toEqual([]);
    expect(init.command.join(' ')).toContain('chown 10001:10001 /var/lib/postgresql/data');
    expect(init.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }]);
    expect(init.securityContext).toMatchObject({
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'FOWNER'] },
    });
    // Without a PVC there is nothing to hand over.
    expect(
      initContainers({
        postgresql: { volumePermissions: { enabled: true }, persistence: { enabled: false } },
      }),
    ).toBeUndefined();
  });
});

describe('NetworkPolicies', () => {
  const objects = render();
  const pods = podSpecs(objects);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const podsMatching = (selector: object) =>
    pods
      .filter((pod) => matchesSelector(pod.labels, selector))
      .map((pod) => pod.object.metadata.name);
  const allowedFrom = (component: string) =>
    find(objects, 'NetworkPolicy', `-${component}`)
      .spec.ingress.flatMap((rule: { from: object[] }) => rule.from)
      .filter((peer: { namespaceSelector?: object }) => !peer.namespaceSelector)
      .flatMap((peer: { podSelector: object }) => podsMatching(peer.podSelector))
      .sort();

  it('every pod is selected by exactly one policy that limits ingress and egress', () => {
    for (const pod of pods) {
      const selecting = policies.filter((p) => matchesSelector(pod.labels, p.spec.podSelector));
      expect({ pod: pod.object.metadata.name, policies: selecting.length }).toEqual({
        pod: pod.object.metadata.name,
        policies: 1,
      });
      expect(selecting[0]?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    }
  });

  it('the database takes connections only from the API pods (their migrate init container too)', () => {
    expect(allowedFrom('postgresql')).toEqual(['todo-backend']);
  });

  it('the API takes traffic only from the UI, the ingress controller and the helm test', () => {
    expect(allowedFrom('backend')).toEqual(['todo-frontend', 'todo-test']);
    expect(find(objects, 'NetworkPolicy', '-backend').spec.ingress).toHaveLength(1);
    const controller = find(objects, 'NetworkPolicy', '-backend').spec.ingress[0].from.find(
      (peer: { namespaceSelector?: object }) => peer.namespaceSelector,
    );
    expect(controller.namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
    });
  });

  it('every pod may resolve names through the cluster DNS', () => {
    for (const policy of policies.filter((p) => !p.metadata.name.endsWith('-postgresql'))) {
      expect(policy.spec.egress).toContainEqual(
        expect.objectContaining({
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        }),
      );
    }
  });
});

describe('helm test pod', () => {
  it('checks /ready of the API and /api/health of the UI through their Services', () => {
    const pod = find(render(), 'Pod', '-test');
    expect(pod.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'test',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const checks = JSON.parse(pod.spec.containers[0].env[0].value);
    expect(checks).toEqual([
      ['http://todo-backend:80/ready', 'ready'],
      ['http://todo-frontend:80/api/health', 'ok'],
    ]);
  });
});

describe('images', () => {
  it('default to the appVersion tag; tags and digests can be set', () => {
    expect(container(backendOf(render())).image).toBe('todo-backend:0.1.0');
    const objects = render({
      values: {
        backend: { image: { registry: 'registry.example:5000', tag: 'abc123' } },
        frontend: { image: { digest: `sha256:${'a'.repeat(64)}` } },
      },
    });
    expect(container(backendOf(objects)).image).toBe('registry.example:5000/todo-backend:abc123');
    expect(container(frontendOf(objects)).image).toBe(`todo-frontend@sha256:${'a'.repeat(64)}`);
    expect(backendOf(objects).spec.template.spec.initContainers[0].image).toBe(
      'registry.example:5000/todo-backend:abc123',
    );
  });
});

describe('values.schema.json rejects bad values with a readable message', () => {
  it.each([
    [{ backend: { replicas: -1 } }, 'backend', 'replicas'],
    [{ backend: { replicas: 'two' } }, 'backend', 'replicas'],
    // The Kubernetes field name is the key; a look-alike is refused, not silently ignored.
    [{ backend: { replicaCount: 3 } }, 'backend', 'replicaCount'],
    [{ unknownKey: true }, 'unknownKey'],
    [{ frontend: { image: { tag: 'v1:latest' } } }, 'frontend', 'tag'],
    [{ backend: { image: { pullPolicy: 'Sometimes' } } }, 'backend', 'pullPolicy'],
    [{ backend: { config: { logLevel: 'verbose' } } }, 'backend', 'logLevel'],
    // Trusting every hop would let clients forge the address their sign-in budget counts against.
    [{ backend: { config: { trustProxy: true } } }, 'backend', 'trustProxy'],
    [{ backend: { config: { trustProxy: 'the ingress' } } }, 'backend', 'trustProxy'],
    [{ ingress: { enabled: 'sometimes' } }, 'ingress', 'enabled'],
    [{ postgresql: { persistence: { size: 'big' } } }, 'postgresql', 'size'],
    [{ externalDatabase: { url: 'mysql://db' } }, 'externalDatabase', 'url'],
    // Prometheus durations need a unit; the operator's CRD would refuse the object.
    [{ metrics: { prometheusRule: { notReady: { for: '60' } } } }, 'notReady', 'for'],
    [{ metrics: { prometheusRule: { errorRatio: { threshold: 5 } } } }, 'errorRatio', 'threshold'],
  ])('%j', (values, ...path) => {
    for (const helm of [3, 4] as const) {
      const message = renderError({ values, helm });
      expect(message).toContain("values don't meet the specifications of the schema");
      for (const part of path) expect(message).toContain(part);
    }
  });
});

describe('Helm 3 and Helm 4', () => {
  // Generated passwords differ per render; everything else must be byte-identical.
  const masked = (text: string) =>
    text.replace(/postgres-password: .*/g, 'postgres-password: <random>');

  it.each(ciValuesFiles)('render %s identically', (file) => {
    expect(masked(renderText({ valuesFiles: [file], helm: 4 }))).toBe(
      masked(renderText({ valuesFiles: [file], helm: 3 })),
    );
  });
});
