import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const PROBLEM_KEYS = ['detail', 'instance', 'requestId', 'status', 'title', 'type'];

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
