import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Task } from '@todo/api-contracts';
import type { App } from '../../src/app';

export const PASSWORD = 'correct horse battery';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

/** A signed-in user: requests carry their session cookie, as a browser's would. */
export class UserClient {
  constructor(
    private readonly app: App,
    readonly email: string,
    readonly cookie: string,
  ) {}

  request(options: InjectOptions): Promise<LightMyRequestResponse> {
    return this.app.inject({ ...options, headers: { cookie: this.cookie, ...options.headers } });
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
    return this.request({ method, url, ...(payload ? { payload } : {}) });
  }

  async createTask(fields: Partial<Task> & { title: string }): Promise<Task> {
    const response = await this.send('POST', '/api/tasks', fields);
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
    return response.json();
  }
}

/** Registers a new account and returns a client signed in as it. */
export async function signUp(app: App, email = uniqueEmail()): Promise<UserClient> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'todo_session');
  if (!cookie) throw new Error('register set no session cookie');
  return new UserClient(app, email.toLowerCase(), `todo_session=${cookie.value}`);
}
