import { eventually, viaIngress } from '../test/cluster';
import { figure } from './figures';
import { ApiClient } from './api-client';
import { underLoad } from './load';
import {
  type Component,
  kube,
  podByName,
  podsOf,
  readyEndpoints,
  restartedAndReady,
  secondsSince,
  signalMainProcess,
  waitUntilEveryPodReady,
} from './release';

// US2 (T024): liveness and readiness probes as the plan sets them, and what they do when a
// process dies or freezes. The processes are found through the CRI and signalled from the node,
// as an operator on the node would.
// Expects: the release deployed with 2 API and 2 UI pods, all Ready. Leaves: the same, every
// pod Ready (the disturbed containers restarted once).

describe('US2: probes restart a broken pod', () => {
  beforeAll(() => waitUntilEveryPodReady(), 300_000);

  it.each([
    ['backend', '/health', '/ready'],
    ['frontend', '/api/health', '/signin'],
  ])(
    '%s pods carry the plan’s probes (liveness 10/10/5/3, readiness 5/5/3/3)',
    (component, live, ready) => {
      const [pod] = podsOf(component as Component);
      const described = kube(['describe', 'pod', pod!.name]);
      // kubectl pads the label column; the values are what the plan asks for.
      expect(described).toMatch(
        new RegExp(
          `Liveness:\\s+http-get http://:http${live} delay=10s timeout=5s period=10s #success=1 #failure=3\\n`,
        ),
      );
      expect(described).toMatch(
        new RegExp(
          `Readiness:\\s+http-get http://:http${ready} delay=5s timeout=3s period=5s #success=1 #failure=3\\n`,
        ),
      );
    },
  );

  it.each(['backend', 'frontend'] as const)(
    'a killed %s process is restarted and its pod Ready again',
    async (component) => {
      const [target] = podsOf(component);
      signalMainProcess(component, target!.name, 'SIGKILL');
      const seconds = await restartedAndReady(component, target!.name, target!.restarts);
      figure(`${component}: SIGKILL → restarted and Ready`, seconds);
      // The same pod (no reschedule), a new container, from the same image.
      const after = podByName(component, target!.name)!;
      expect([after.uid, after.imageID]).toEqual([target!.uid, target!.imageID]);
      expect(after.containerID).not.toBe(target!.containerID);
    },
  );

  it('a frozen API process leaves the Service by readiness, then liveness restarts it, while the other replica serves', async () => {
    const client = await ApiClient.forAccount(`probes-${Date.now()}@example.test`);
    await client.createTask('Survive a frozen replica');
    // The replica the kill test left alone: its first restart, so no crash-loop back-off.
    const [healthy, frozen] = podsOf('backend');
    expect(readyEndpoints('backend')).toEqual([healthy!.ip, frozen!.ip].sort());

    const started = Date.now();
    signalMainProcess('backend', frozen!.name, 'SIGSTOP');
    // Readiness: 3 failures 5 s apart, each after its 3 s timeout.
    await eventually(
      'the frozen pod to leave the EndpointSlice',
      () => (readyEndpoints('backend').includes(frozen!.ip) ? undefined : true),
      60_000,
    );
    const outOfService = secondsSince(started);
    expect(readyEndpoints('backend')).toEqual([healthy!.ip]);
    figure('frozen API process (SIGSTOP) → out of the EndpointSlice', outOfService);

    // From then until liveness replaces the process, every request lands on the other replica.
    const { load, result: replacedAfter } = await underLoad(
      [
        { name: 'GET /api/tasks', send: (agent) => client.send('/api/tasks', { agent }) },
        { name: 'GET /ready', send: (agent) => viaIngress('/ready', { agent }) },
      ],
      () => restartedAndReady('backend', frozen!.name, frozen!.restarts),
      { connections: 4, pauseMs: 25, maxRequests: 20_000, maxSeconds: 150 },
    );
    figure('frozen API process (SIGSTOP) → restarted by liveness and Ready', secondsSince(started));
    figure(
      'requests through the ingress while one API replica was frozen (sent/failed)',
      `${load.sent}/${load.failed}`,
      '',
    );
    expect(load.failures).toEqual([]);
    expect(load.sent).toBeGreaterThan(0);
    expect(replacedAfter).toBeGreaterThan(0);
    // Liveness, not a reschedule: the same pod, its container restarted once.
    const events = kube([
      'get',
      'events',
      '--field-selector',
      `involvedObject.name=${frozen!.name}`,
      '-o',
      'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}',
    ]);
    expect(events).toMatch(/Unhealthy: Liveness probe failed/);
    expect(events).toMatch(/Killing: Container backend failed liveness probe, will be restarted/);
    await eventually('both API pods back in the EndpointSlice', () =>
      readyEndpoints('backend').length === 2 ? true : undefined,
    );
    expect(podsOf('backend').map((p) => p.name)).toEqual([healthy!.name, frozen!.name]);
  });
});
