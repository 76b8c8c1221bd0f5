import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from '@todo/testing';
import { KUBECONFIG, ROOT, binDir, eventually } from '../test/cluster';
import { figure } from './figures';
import {
  NAMESPACE,
  kube,
  podsOf,
  restartedAndReady,
  secondsSince,
  signalMainProcess,
  waitUntilEveryPodReady,
} from './release';

// US4 (SC-005), the part that runs here: the tool layer through which an AI assistant operates
// the cluster. kubectl-ai and kagent cannot be built here (infra/k8s/mcp/README.md), and no model
// is involved: an MCP client calls the tools the way an assistant answering the plan's questions
// would, and the test checks what the tools return from the real cluster.
// Expects: the release deployed, every pod Ready. Leaves: the same (one API container restarted).

// The server runs against the project's cluster whatever the current context is, and writes the
// viewer's kubeconfig where the test can use it too.
const VIEWER_KUBECONFIG = join(mkdtempSync(join(tmpdir(), 'todo-mcp-')), 'viewer.kubeconfig');
const SERVER_ENV = {
  ...process.env,
  KUBECONFIG,
  TODO_MCP_KUBECONFIG: VIEWER_KUBECONFIG,
} as Record<string, string>;

/** The text an MCP tool answered; throws when the tool reported an error. */
async function ask(client: Client, tool: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name: tool, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text?: string }[];
  };
  const text = result.content.map((part) => part.text ?? '').join('\n');
  if (result.isError) throw new Error(`${tool} failed: ${text}`);
  return text;
}

async function connectOverStdio(): Promise<Client> {
  const client = new Client({ name: 'todo-e2e', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: 'bash',
      args: [join(ROOT, 'infra/k8s/scripts/mcp-server.sh')],
      cwd: ROOT,
      env: SERVER_ENV,
      stderr: 'inherit', // the script's progress lines, in the test output
    }),
  );
  return client;
}

describe('US4: the MCP tools an AI assistant uses, read-only, on the real cluster', () => {
  let client: Client;
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    const started = Date.now();
    client = await connectOverStdio();
    figure('MCP server (stdio, token issued) started and connected', secondsSince(started));
  }, 300_000);
  afterAll(() => client?.close());

  it('exposes only read-only tools, among them pods, logs and events', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining(['pods_list_in_namespace', 'pods_get', 'pods_log', 'events_list']),
    );
    expect(tools.filter((tool) => tool.annotations?.readOnlyHint !== true)).toEqual([]);
    for (const write of [
      'resources_scale',
      'resources_create_or_update',
      'pods_delete',
      'pods_exec',
    ])
      expect(names).not.toContain(write);
  });

  it('"show me all pods in the todo namespace": the API, UI and database pods', async () => {
    const answer = await ask(client, 'pods_list_in_namespace', { namespace: NAMESPACE });
    const pods = [...podsOf('backend'), ...podsOf('frontend'), ...podsOf('postgresql')];
    expect(pods).toHaveLength(5);
    for (const pod of pods) expect(answer).toContain(pod.name);
  });

  it('reads the API pod’s logs: its JSON request lines', async () => {
    const [api] = podsOf('backend');
    const log = await ask(client, 'pods_log', { namespace: NAMESPACE, name: api!.name });
    // The kubelet's readiness probe alone makes a request every 5 s.
    expect(log).toMatch(/"url":"\/ready"/);
  });

  it('"why is the backend pod restarting": after a kill, the pod and its events tell', async () => {
    const [target] = podsOf('backend');
    signalMainProcess('backend', target!.name, 'SIGKILL');
    await restartedAndReady('backend', target!.name, target!.restarts);

    const pod = await ask(client, 'pods_get', { namespace: NAMESPACE, name: target!.name });
    // The killed container's last state: SIGKILL is exit code 137.
    expect(pod).toMatch(/lastState:\s+terminated:[\s\S]*?exitCode: 137/);
    expect(pod).toMatch(new RegExp(`restartCount: ${target!.restarts + 1}\\b`));
    const events = await eventually('the restart in the events', async () => {
      const text = await ask(client, 'events_list', { namespace: NAMESPACE });
      return text.includes(target!.name) && /Started/.test(text) ? text : undefined;
    });
    expect(events).toContain(target!.name);
    const previous = await ask(client, 'pods_log', {
      namespace: NAMESPACE,
      name: target!.name,
      previous: true,
    });
    // The killed container's last log line (the tool returns the log's tail, and the earlier
    // tests leave long logs), as kubectl reads it: not the running container's log.
    const lastLine = kube(['logs', target!.name, '--previous', '--tail=1']).trim();
    expect(lastLine).toMatch(/^\{"level"/);
    expect(previous.trim().split('\n')).toContain(lastLine);
  });

  it('"scale the frontend to 3 replicas" is refused: no such tool, and the identity may not', async () => {
    const replicas = podsOf('frontend').length;
    await expect(
      ask(client, 'resources_scale', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: NAMESPACE,
        name: 'todo-frontend',
        scale: 3,
      }),
    ).rejects.toThrow(/resources_scale/);
    // Even a server started without --read-only could not: its token has the `view` role.
    const canI = (verb: string, resource: string) =>
      spawnSync(
        join(binDir(), 'kubectl'),
        ['--kubeconfig', VIEWER_KUBECONFIG, '-n', NAMESPACE, 'auth', 'can-i', verb, resource],
        { encoding: 'utf8' },
      ).stdout.trim();
    expect(canI('get', 'pods/log')).toBe('yes');
    for (const [verb, resource] of [
      ['patch', 'deployments.apps/scale'],
      ['delete', 'pods'],
      ['get', 'secrets'],
    ] as const)
      expect({ verb, resource, answer: canI(verb, resource) }).toEqual({
        verb,
        resource,
        answer: 'no',
      });
    expect(podsOf('frontend')).toHaveLength(replicas);
  });
});

describe('nx run cluster:mcp-server --port: the same server over Streamable HTTP on loopback', () => {
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (!server?.pid || server.exitCode !== null) return;
    // 'close': every process holding the output pipes (the server under npx and Nx) is gone.
    const exited = new Promise((resolve) => server!.once('close', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  });

  it('answers an MCP client at http://127.0.0.1:PORT/mcp with the same read-only tools', async () => {
    const port = await freePort();
    let output = '';
    server = spawn(
      'npx',
      ['nx', 'run', 'cluster:mcp-server', `--port=${port}`, '--outputStyle=static'],
      {
        cwd: ROOT,
        detached: true,
        env: { ...SERVER_ENV, NX_DAEMON: 'false', NX_TUI: 'false' },
      },
    );
    server.stdout?.on('data', (chunk) => (output += chunk));
    server.stderr?.on('data', (chunk) => (output += chunk));
    const client = await eventually(
      `the MCP server on port ${port}`,
      async () => {
        if (server?.exitCode !== null) throw new Error(`the server exited:\n${output}`);
        const candidate = new Client({ name: 'todo-e2e', version: '1.0.0' });
        return candidate
          .connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)))
          .then(
            () => candidate,
            () => candidate.close().then(() => undefined),
          );
      },
      120_000,
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(5);
      expect(tools.filter((tool) => tool.annotations?.readOnlyHint !== true)).toEqual([]);
      const answer = await ask(client, 'pods_list_in_namespace', { namespace: NAMESPACE });
      expect(answer).toContain(podsOf('backend')[0]!.name);
    } finally {
      await client.close();
    }
  });
});
