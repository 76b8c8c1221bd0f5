import { randomBytes } from 'node:crypto';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { hashSessionToken } from '../src/lib/session-token';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, uniqueEmail, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';
import {
  DATABASE_HOST,
  failingQueries,
  getaddrinfoError,
  socketError,
  unreachableDatabase,
  type Affects,
  type Outage,
} from './helpers/outage';

const PROBLEM_KEYS = ['detail', 'instance', 'requestId', 'status', 'title', 'type'];

function expectProblem(
  response: {
    statusCode: number;
    headers: Record<string, unknown>;
    json(): Record<string, unknown>;
  },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(
    Object.keys(body)
      .filter((key) => key !== 'errors')
      .sort(),
  ).toEqual(PROBLEM_KEYS);
  expect(body).toMatchObject({ type: 'about:blank', status });
  expect(body['requestId']).toBe(response.headers['x-request-id']);
  return body;
}

describe.each(DATABASE_KINDS)('bad input on %s', (kind) => {
  let t: TestApp;
  let user: UserClient;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    user = await signUp(t.app);
  });
  afterAll(() => t.close());

  async function taskCount(): Promise<number> {
    const result = (await t.testDatabase.database.db.execute(
      sql`select count(*)::int as n from tasks`,
    )) as unknown as {
      rows: { n: number }[];
    };
    return result.rows[0]?.n ?? -1;
  }

  const raw = (
    payload: string,
    contentType = 'application/json',
    method: 'POST' | 'PATCH' = 'POST',
  ) =>
    user.request({ method, url: '/api/tasks', payload, headers: { 'content-type': contentType } });

  it('malformed JSON → 400 and nothing is written', async () => {
    const before = await taskCount();
    const body = expectProblem(await raw('{"title": "unterminated'), 400);
    expect(body['detail']).toBe('The request body is not valid JSON');
    expectProblem(await raw(''), 400);
    expect(await taskCount()).toBe(before);
  });

  it('schema violations → 400 naming each field at fault', async () => {
    const before = await taskCount();
    const response = await user.send('POST', '/api/tasks', {
      title: 'x'.repeat(201),
      description: 'd'.repeat(1001),
      priority: 'urgent',
      tags: ['ok', '', 'y'.repeat(31)],
      dueDate: '31/12/2026',
      completed: 'yes',
    });
    const body = expectProblem(response, 400);
    const errors = body['errors'] as { field: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { location: 'body', field: 'title', message: 'Title must be at most 200 characters' },
        {
          location: 'body',
          field: 'description',
          message: 'Description must be at most 1000 characters',
        },
        { location: 'body', field: 'priority', message: 'Priority must be low, medium or high' },
        { location: 'body', field: 'tags.1', message: 'Tags cannot be empty' },
        { location: 'body', field: 'tags.2', message: 'Each tag must be at most 30 characters' },
        { location: 'body', field: 'dueDate', message: 'Use a date in the form YYYY-MM-DD' },
        { location: 'body', field: 'completed', message: 'Unknown field' },
      ]),
    );
    expect(body['detail']).toMatch(/^Invalid body: /);
    expect(await taskCount()).toBe(before);
  });

  it('too many tags, wrong types and a non-object body → 400', async () => {
    const tags = expectProblem(
      await user.send('POST', '/api/tasks', {
        title: 't',
        tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
      }),
      400,
    );
    expect(tags['errors']).toEqual([
      { location: 'body', field: 'tags', message: 'At most 10 tags' },
    ]);
    expectProblem(await user.send('POST', '/api/tasks', { title: 42 }), 400);
    expectProblem(await raw('[1,2,3]'), 400);
    expectProblem(await raw('"just a string"'), 400);
    expectProblem(await raw('null'), 400);
  });

  it('text that PostgreSQL cannot store (NUL) or that would be altered (lone surrogates) → 400, not 500', async () => {
    const before = await taskCount();
    const title = expectProblem(await raw('{"title":"a\\u0000b"}'), 400);
    expect(title['errors']).toEqual([
      {
        location: 'body',
        field: 'title',
        message: 'Title contains characters that are not allowed',
      },
    ]);
    expectProblem(await raw('{"title":"ok","tags":["\\ud800"]}'), 400);
    expectProblem(await raw('{"title":"ok","description":"nul \\u0000 here"}'), 400);
    expectProblem(await user.get('/api/tasks?q=%00'), 400);
    expectProblem(await user.get('/api/tasks?tag=a%00'), 400);
    expect(await taskCount()).toBe(before);
  });

  it('unknown body fields → 400 naming them', async () => {
    const body = expectProblem(
      await user.send('POST', '/api/tasks', { title: 'ok', userId: 'someone-else', id: 'x' }),
      400,
    );
    expect(body['errors']).toEqual([
      { location: 'body', field: 'userId', message: 'Unknown field' },
      { location: 'body', field: 'id', message: 'Unknown field' },
    ]);
  });

  it('a body over 64 KiB → 413', async () => {
    const before = await taskCount();
    const body = expectProblem(
      await raw(JSON.stringify({ title: 'big', description: 'x'.repeat(70 * 1024) })),
      413,
    );
    expect(body['detail']).toBe('The request body is larger than 64 KiB');
    expect(await taskCount()).toBe(before);
  });

  it('a wrong content type → 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const body = expectProblem(await raw('title=hello', type), 415);
      expect(body['detail']).toBe('Send the request body as application/json');
    }
  });

  it('prototype pollution attempts → 400', async () => {
    expectProblem(await raw('{"title":"x","__proto__":{"admin":true}}'), 400);
    expectProblem(await raw('{"title":"x","constructor":{"prototype":{"admin":true}}}'), 400);
  });

  it('an unknown route → 404 problem, for any method', async () => {
    for (const [method, url] of [
      ['GET', '/nowhere'],
      ['POST', '/api/nowhere'],
      ['DELETE', '/api/tasks'],
      ['GET', '/api/tasks/00000000-0000-4000-8000-000000000000/extra'],
    ] as const) {
      const body = expectProblem(await user.request({ method, url }), 404);
      expect(body['detail']).toBe(`No route for ${method} ${url}`);
    }
  });

  it('documents the problem shape and every error status in the OpenAPI document', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(document.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(PROBLEM_KEYS),
    );
    const create = document.paths['/api/tasks'].post.responses;
    for (const status of ['400', '401', '413', '415']) {
      expect(create[status].content['application/problem+json'].schema.$ref).toBe(
        '#/components/schemas/Problem',
      );
    }
  });
});

const UNAVAILABLE = 'The database is unavailable; try again shortly';
const TASKS_TABLE: Affects = (text) => text.includes('"tasks"');
const SESSIONS_TABLE: Affects = (text) => text.includes('"sessions"');

describe.each(DATABASE_KINDS)('database out of reach on %s', (kind) => {
  let t: TestApp;
  let user: UserClient;
  let outage: Outage | undefined;
  beforeAll(async () => {
    t = await buildTestApp(kind, { LOG_LEVEL: 'info' });
    user = await signUp(t.app);
  });
  afterEach(async () => {
    await outage?.end();
    outage = undefined;
  });
  afterAll(() => t.close());

  const database = () => t.testDatabase.database;

  function expectUnavailable(response: Parameters<typeof expectProblem>[0]) {
    const body = expectProblem(response, 503);
    expect(response.headers['retry-after']).toBe('5');
    expect(body['detail']).toBe(UNAVAILABLE);
  }

  async function endOutage() {
    await outage?.end();
    outage = undefined;
  }

  it.each(['ENOTFOUND', 'EAI_AGAIN'] as const)(
    'its host name does not resolve (%s) → GET and POST /api/tasks answer 503 with Retry-After, and work again once it is back',
    async (code) => {
      outage = unreachableDatabase(database(), () => getaddrinfoError(code), TASKS_TABLE);
      expectUnavailable(await user.get('/api/tasks'));
      expectUnavailable(await user.send('POST', '/api/tasks', { title: 'While it is gone' }));

      await endOutage();
      expect((await user.get('/api/tasks')).statusCode).toBe(200);
      expect((await user.send('POST', '/api/tasks', { title: 'Once it is back' })).statusCode).toBe(
        201,
      );
    },
  );

  it('a session lookup that cannot reach it → 503, not 401 (which would sign the user out)', async () => {
    outage = unreachableDatabase(database(), () => getaddrinfoError('ENOTFOUND'), SESSIONS_TABLE);
    expectUnavailable(await user.get('/api/tasks'));
    expectUnavailable(await user.get('/api/auth/me'));
    const token = user.cookie.split('=')[1] as string;
    expectUnavailable(
      await t.app.inject({ url: '/api/tasks', headers: { authorization: `Bearer ${token}` } }),
    );
  });

  it('sign-in, tokens and sign-up that cannot reach it → 503', async () => {
    outage = unreachableDatabase(database(), () => getaddrinfoError('EAI_AGAIN'));
    const credentials = { email: user.email, password: PASSWORD };
    for (const url of ['/api/auth/login', '/api/auth/tokens']) {
      expectUnavailable(await t.app.inject({ method: 'POST', url, payload: credentials }));
    }
    expectUnavailable(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: uniqueEmail('outage'), password: PASSWORD },
      }),
    );
  });

  it.each([
    ['EHOSTUNREACH', () => socketError('EHOSTUNREACH')],
    ['ENETUNREACH', () => socketError('ENETUNREACH')],
    ['ECONNREFUSED', () => socketError('ECONNREFUSED')],
    ['ECONNABORTED', () => socketError('ECONNABORTED')],
    ['EPIPE', () => socketError('EPIPE', 'write')],
  ])('a connection that fails with %s → 503', async (_code, error) => {
    outage = unreachableDatabase(database(), error, TASKS_TABLE);
    expectUnavailable(await user.get('/api/tasks'));
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
  ])('node-postgres’s "%s" → 503', async (message) => {
    outage = failingQueries(database(), () => new Error(message), TASKS_TABLE);
    expectUnavailable(await user.get('/api/tasks'));
  });

  it('a bug (a TypeError) stays a 500 without Retry-After, even when the data mentions an outage', async () => {
    outage = failingQueries(
      database(),
      () => new TypeError("Cannot read properties of undefined (reading 'rows')"),
      TASKS_TABLE,
    );
    for (const response of [
      await user.get('/api/tasks'),
      // The failed query's message carries this title; it must not pass for the driver's words.
      await user.send('POST', '/api/tasks', { title: 'Connection terminated unexpectedly' }),
    ]) {
      const body = expectProblem(response, 500);
      expect(response.headers['retry-after']).toBeUndefined();
      expect(body['detail']).toBe('Something went wrong on our side; try again later');
    }
  });

  it('logs the SQL text and the driver’s code and message, never the query parameters', async () => {
    const title = `Private title ${randomBytes(6).toString('hex')}`;
    const tokenHash = hashSessionToken(user.cookie.split('=')[1] as string);
    t.logs.length = 0;

    outage = unreachableDatabase(database(), () => getaddrinfoError('ENOTFOUND'), TASKS_TABLE);
    expectUnavailable(await user.send('POST', '/api/tasks', { title }));
    await endOutage();
    outage = unreachableDatabase(database(), () => getaddrinfoError('ENOTFOUND'), SESSIONS_TABLE);
    expectUnavailable(await user.get('/api/tasks'));
    await endOutage();
    outage = failingQueries(database(), () => new TypeError('no rows'), TASKS_TABLE);
    expectProblem(await user.send('POST', '/api/tasks', { title }), 500);
    await endOutage();
    // Errors logged outside a request go through the same serializer (server.ts logs the one
    // that stops the process this way).
    const outside = new DrizzleQueryError(
      'select "user_id" from "sessions" where "token_hash" = $1',
      [tokenHash],
      getaddrinfoError('EAI_AGAIN'),
    );
    t.app.log.error({ err: outside }, 'shutting down after an unexpected error');

    for (const line of t.logs) {
      expect(line).not.toContain(title);
      expect(line).not.toContain(tokenHash);
      expect(line).not.toContain('params');
    }
    const failures = t.logs
      .map((line) => JSON.parse(line) as { msg: string; err?: Record<string, any> })
      .filter((entry) => entry.err);
    expect(failures.map((entry) => entry.msg)).toEqual([
      'database unavailable',
      'database unavailable',
      'request failed',
      'shutting down after an unexpected error',
    ]);
    const [insert, lookup, bug, shutdown] = failures.map((entry) => entry.err ?? {});
    expect(insert?.['query']).toMatch(/^insert into "tasks" /);
    expect(lookup?.['query']).toMatch(/^select .* from "sessions" /s);
    expect(bug?.['query']).toMatch(/^insert into "tasks" /);
    expect(shutdown?.['query']).toBe(outside.query);
    for (const err of [insert, lookup]) {
      expect(err?.['message']).toBe(`Failed query: ${err?.['query']}`);
      expect(err?.['cause']).toMatchObject({
        type: 'Error',
        message: `getaddrinfo ENOTFOUND ${DATABASE_HOST}`,
        code: 'ENOTFOUND',
        errno: getaddrinfoError('ENOTFOUND').errno,
        syscall: 'getaddrinfo',
        hostname: DATABASE_HOST,
      });
    }
    expect(bug?.['cause']).toMatchObject({ type: 'TypeError', message: 'no rows' });
    expect(shutdown?.['cause']).toMatchObject({ code: 'EAI_AGAIN' });
  });
});
