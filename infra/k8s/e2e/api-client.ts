import { type Reply, type RequestOptions, viaIngress } from '../test/cluster';

/** An account used through the ingress with a bearer token, as an API client would. */
export class ApiClient {
  private constructor(
    readonly email: string,
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
    return new ApiClient(email, reply.json.token);
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
