import { Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { INGRESS_PORT } from '../test/cluster';

/** Requests to http://todo.local, sent to the ingress controller on loopback with that Host. */
export const HOST = 'todo.local';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: any;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  agent?: Agent;
  timeoutMs?: number;
}

/** One HTTP request through the ingress; rejects on a connection error or timeout. */
export function viaIngress(path: string, options: RequestOptions = {}): Promise<Reply> {
  const { method = 'GET', body, headers = {}, agent, timeoutMs = 10_000 } = options;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: INGRESS_PORT,
        path,
        method,
        agent,
        headers: {
          host: HOST,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** An account used through the ingress with a bearer token, as an API client would. */
export class ApiClient {
  private constructor(
    readonly email: string,
    readonly password: string,
    readonly token: string,
  ) {}

  /** Registers (or, when the account exists, signs in) and takes a bearer token. */
  static async forAccount(email: string, password = 'correct horse battery'): Promise<ApiClient> {
    const registered = await viaIngress('/api/auth/register', {
      method: 'POST',
      body: { email, password },
    });
    if (registered.status !== 201 && registered.status !== 409)
      throw new Error(`register ${email}: ${registered.status} ${registered.body}`);
    return ApiClient.signIn(email, password);
  }

  static async signIn(email: string, password = 'correct horse battery'): Promise<ApiClient> {
    const reply = await viaIngress('/api/auth/tokens', {
      method: 'POST',
      body: { email, password },
    });
    if (reply.status !== 201 && reply.status !== 200)
      throw new Error(`token for ${email}: ${reply.status} ${reply.body}`);
    return new ApiClient(email, password, reply.json.token);
  }

  /** The same account with a token from an earlier session (to prove sessions survive). */
  withToken(token: string): ApiClient {
    return new ApiClient(this.email, this.password, token);
  }

  send(path: string, options: RequestOptions = {}): Promise<Reply> {
    return viaIngress(path, {
      ...options,
      headers: { authorization: `Bearer ${this.token}`, ...options.headers },
    });
  }

  async createTask(title: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
    const reply = await this.send('/api/tasks', { method: 'POST', body: { title, ...extra } });
    if (reply.status !== 201) throw new Error(`create "${title}": ${reply.status} ${reply.body}`);
    return reply.json;
  }

  /** Every task of the account (pages through the list). */
  async allTasks(): Promise<{ id: string; title: string }[]> {
    const tasks: { id: string; title: string }[] = [];
    for (let offset = 0; ; offset += 100) {
      const reply = await this.send(`/api/tasks?status=all&limit=100&offset=${offset}`);
      if (reply.status !== 200) throw new Error(`list tasks: ${reply.status} ${reply.body}`);
      tasks.push(...reply.json.items);
      if (tasks.length >= reply.json.total || reply.json.items.length === 0) return tasks;
    }
  }
}
