import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { taskSchema, type Task } from '@todo/api-contracts';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const REQUESTS = 400;
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

const FIELD_NAMES = [
  'title',
  'description',
  'priority',
  'tags',
  'dueDate',
  'completed',
  'email',
  'password',
  'id',
  'userId',
];
const QUERY_NAMES = [
  'status',
  'priority',
  'tag',
  'q',
  'dueBefore',
  'dueAfter',
  'sort',
  'order',
  'limit',
  'offset',
  'x',
];

/** Text of every kind: ASCII, any code point (control characters, NUL), composed graphemes. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u0007', 'tab\there', 'new\nline'),
  );

const interestingValue = fc.oneof(
  fc.jsonValue(),
  anyText(250),
  fc.constantFrom(
    'low',
    'medium',
    'high',
    'urgent',
    '2027-01-01',
    '2027-02-30',
    '0000-12-31',
    '',
    ' ',
    '\u0000',
    '%',
    '_',
    "'; drop table tasks; --",
  ),
  fc.array(anyText(40), { maxLength: 14 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double(),
);

/** Mostly-valid task bodies with edge values, so that changes really happen and must stay consistent. */
const plausibleTask = fc
  .record(
    {
      title: fc.oneof(
        anyText(210),
        fc.constantFrom('  padded  ', 'x'.repeat(200), 'x'.repeat(201), '   '),
      ),
      description: fc.option(anyText(1010)),
      priority: fc.constantFrom('low', 'medium', 'high', 'urgent'),
      tags: fc.array(anyText(32), { maxLength: 11 }),
      dueDate: fc.option(
        fc.constantFrom(
          '2027-01-01',
          '2026-12-31',
          '2027-02-29',
          '0000-01-01',
          '9999-12-31',
          'tomorrow',
        ),
      ),
      completed: fc.boolean(),
    },
    { requiredKeys: ['title'] },
  )
  // `completed` is accepted by PUT and PATCH but not POST: keep it in some bodies only.
  .chain((task) => fc.constantFrom(task, { ...task, completed: undefined }, { title: task.title }))
  .map((value) => JSON.stringify(value));

const body = fc.oneof(
  { weight: 2, arbitrary: plausibleTask },
  fc
    .dictionary(fc.constantFrom(...FIELD_NAMES), interestingValue, { maxKeys: 6 })
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"title":', '{"title":"a"}}', '[]', 'null', '', '{"__proto__":{"x":1}}'),
  fc
    .nat({ max: 100 })
    .map((kb) => JSON.stringify({ title: 'big', description: 'x'.repeat(kb * 1024) })),
);

const query = fc
  .dictionary(
    fc.constantFrom(...QUERY_NAMES),
    fc.oneof(
      anyText(30),
      fc.integer().map(String),
      fc.constantFrom(
        'pending',
        'completed',
        'due',
        'asc',
        '100',
        '101',
        '-1',
        '1e3',
        '0000-01-01',
        '2027-01-01',
      ),
    ),
    { maxKeys: 5 },
  )
  .map((params) => new URLSearchParams(params).toString());

interface Ids {
  own: () => string | undefined;
  others: string;
}

function requestArbitrary(ids: Ids) {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constant('OWN') },
    fc.constant(ids.others),
    fc.uuid().map(String),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );
  const path = fc.oneof(
    { weight: 3, arbitrary: fc.constant('/api/tasks') },
    { weight: 4, arbitrary: id.map((value) => `/api/tasks/${value}`) },
    { weight: 2, arbitrary: id.map((value) => `/api/tasks/${value}/complete`) },
    { weight: 1, arbitrary: id.map((value) => `/api/tasks/${value}/restore`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/api/auth/register',
        '/api/auth/login',
        '/api/auth/tokens',
        '/api/auth/me',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('/health', '/ready', '/metrics', '/api/openapi.json') },
    { weight: 1, arbitrary: fc.webPath().map((value) => value || '/') },
  );
  const chaos = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<
      InjectOptions['method']
    >,
    path,
    query: fc.option(query, { freq: 2 }),
    body: fc.option(body, { freq: 3 }),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/xml',
      undefined,
    ),
    auth: fc.constantFrom('cookie', 'cookie', 'none', 'garbage-bearer'),
  });
  // Well-aimed changes to the user's own tasks: these must either apply whole or not at all.
  const taskChange = fc.record({
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<
      InjectOptions['method']
    >,
    path: fc.constantFrom('/api/tasks', '/api/tasks/OWN', '/api/tasks/OWN/complete'),
    query: fc.constant(null),
    body: fc.option(plausibleTask, { freq: 8 }),
    contentType: fc.constant('application/json'),
    auth: fc.constant('cookie'),
  });
  const listing = fc.record({
    method: fc.constant('GET') as fc.Arbitrary<InjectOptions['method']>,
    path: fc.constant('/api/tasks'),
    query: fc.option(query),
    body: fc.constant(null),
    contentType: fc.constant(undefined),
    auth: fc.constant('cookie'),
  });
  return fc.oneof(
    { weight: 4, arbitrary: taskChange },
    { weight: 2, arbitrary: listing },
    { weight: 4, arbitrary: chaos },
  );
}

describe.each(DATABASE_KINDS)('random requests on %s', (kind) => {
  let t: TestApp;
  let alice: UserClient;
  let bob: UserClient;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    alice = await signUp(t.app);
    bob = await signUp(t.app);
  });
  afterAll(() => t.close());

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return ((await t.testDatabase.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  it(`never answers 5xx and leaves no partial writes (${REQUESTS} requests, seed ${SEED})`, async () => {
    // What the database must hold: Alice's tasks as the API last returned them.
    const expected = new Map<string, Task>();
    for (const title of ['one', 'two', 'three']) {
      const task = await alice.createTask({ title, tags: ['seed'] });
      expected.set(task.id, task);
    }
    const bobsTask = await bob.createTask({ title: 'Bob keeps this' });
    let usersRegistered = 2;

    const ids: Ids = { own: () => [...expected.keys()][0], others: bobsTask.id };
    const samples = fc.sample(requestArbitrary(ids), { numRuns: REQUESTS, seed: SEED });
    const deadline = Date.now() + 45_000;
    const serverErrors: string[] = [];

    for (const sample of samples) {
      if (Date.now() > deadline) break;
      const url =
        sample.path.replace('OWN', ids.own() ?? '00000000-0000-4000-8000-000000000000') +
        (sample.query ? `?${sample.query}` : '');
      const headers: Record<string, string> = {};
      if (sample.contentType && sample.body !== null) headers['content-type'] = sample.contentType;
      if (sample.auth === 'cookie') headers['cookie'] = alice.cookie;
      if (sample.auth === 'garbage-bearer') headers['authorization'] = 'Bearer not-a-real-token';
      const response = await t.app.inject({
        method: sample.method,
        url,
        headers,
        ...(sample.body !== null ? { payload: sample.body } : {}),
      });
      const described = `${sample.method} ${url} ${headers['content-type'] ?? ''} ${String(sample.body).slice(0, 200)}`;
      if (response.statusCode >= 500) serverErrors.push(`${response.statusCode} ← ${described}`);

      // Record every successful change, as a client would see it.
      const isTaskPath = /^\/api\/tasks(\/|$|\?)/.test(url) && sample.auth === 'cookie';
      if (isTaskPath && response.statusCode === 201)
        expected.set(response.json().id, response.json());
      if (isTaskPath && response.statusCode === 200 && sample.method !== 'GET')
        expected.set(response.json().id, response.json());
      if (isTaskPath && response.statusCode === 204)
        expected.delete(url.split('/')[3]?.split('?')[0] as string);
      if (url.startsWith('/api/auth/register') && response.statusCode === 201) usersRegistered++;
    }
    expect(serverErrors).toEqual([]);
    const stored = await rows<{ id: string }>(
      sql`select id from tasks t where t.user_id = (select id from users where email = ${alice.email})`,
    );
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(expected.keys()));
    for (const [id, task] of expected) {
      const current = (await alice.get(`/api/tasks/${id}`)).json();
      expect(taskSchema.parse(current)).toEqual(task);
    }
    expect((await bob.get(`/api/tasks/${bobsTask.id}`)).json()).toEqual(bobsTask);
    const [users] = await rows<{ n: number }>(sql`select count(*)::int as n from users`);
    expect(users?.n).toBe(usersRegistered);
  });
});
