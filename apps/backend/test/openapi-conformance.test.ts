import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { Task } from '@todo/api-contracts';
import { BODY_LIMIT_BYTES, type App } from '../src/app';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, uniqueEmail, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';
import { conformingApp, OpenApiDocument, type Exchange } from './helpers/openapi';
import { socketError, unreachableDatabase } from './helpers/outage';

/**
 * The OpenAPI document says exactly what the server does. Every request below goes through
 * `conformingApp`, which fails it when the answer is not documented for its operation (status,
 * media type, body schema, headers), when a 400 answers a request the document accepts, or when
 * a success answers one it refuses. The cases provoke every documented status of every
 * operation, and the last test fails for any documented status no request provoked, so a new
 * route or a new answer cannot go undocumented or untested.
 */

/** Low, so the rate-limit cases stay short; every other request comes from its own address. */
const ATTEMPTS = 3;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const NEW_PASSWORD = 'another good passphrase';

interface Fixture {
  /** Signed in with the session cookie; owns `task`. */
  user: UserClient;
  task: Task;
  /** A bearer token of `user`. */
  token: string;
  /** A new signed-in account, for cases that end its sessions or the account itself. */
  newUser(): Promise<UserClient>;
}

type Build = (fx: Fixture) => InjectOptions | Promise<InjectOptions>;

interface Case {
  status: number;
  when: string;
  request: Build;
  /** Sent this many times from one address; the last answer is the one expected. */
  times?: number;
}

interface OperationCases {
  /** The probes below start from this request. */
  success: Case;
  others: Case[];
}

const signedIn = (user: UserClient, request: InjectOptions): InjectOptions => ({
  ...request,
  headers: { cookie: user.cookie, ...request.headers },
});

const json = (method: InjectOptions['method'], url: string, payload: object): InjectOptions => ({
  method,
  url,
  payload,
});

/** The same request, until the address has used up the credential routes' shared budget. */
const exhausting = (success: Case): Case => ({
  status: 429,
  when: `the address already made ${ATTEMPTS} attempts`,
  request: success.request,
  times: ATTEMPTS + 1,
});

const register: Case = {
  status: 201,
  when: 'a new email',
  request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD }),
};
const login: Case = {
  status: 200,
  when: 'the right password',
  request: ({ user }) => json('POST', '/api/auth/login', { email: user.email, password: PASSWORD }),
};
const tokens: Case = {
  status: 201,
  when: 'the right password',
  request: ({ user }) =>
    json('POST', '/api/auth/tokens', { email: user.email, password: PASSWORD }),
};
const changePassword: Case = {
  status: 204,
  when: 'the right current password',
  request: async ({ newUser }) =>
    signedIn(
      await newUser(),
      json('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ),
};
const deleteAccount: Case = {
  status: 204,
  when: 'the right password',
  request: async ({ newUser }) =>
    signedIn(await newUser(), json('DELETE', '/api/auth/account', { password: PASSWORD })),
};

const CASES: Record<string, OperationCases> = {
  'GET /health': {
    success: { status: 200, when: 'up', request: () => ({ url: '/health' }) },
    others: [],
  },
  'GET /ready': {
    success: { status: 200, when: 'the database answers', request: () => ({ url: '/ready' }) },
    others: [],
  },
  'POST /api/auth/register': {
    success: register,
    others: [
      {
        status: 400,
        when: 'the email is not an email address',
        request: () => json('POST', '/api/auth/register', { email: 'me@home', password: PASSWORD }),
      },
      {
        status: 400,
        when: 'the password is too short',
        request: () =>
          json('POST', '/api/auth/register', { email: uniqueEmail(), password: 'short' }),
      },
      {
        status: 400,
        when: 'an unknown field',
        request: () =>
          json('POST', '/api/auth/register', {
            email: uniqueEmail(),
            password: PASSWORD,
            admin: true,
          }),
      },
      {
        status: 409,
        when: 'the email is taken',
        request: ({ user }) =>
          json('POST', '/api/auth/register', { email: user.email, password: PASSWORD }),
      },
      exhausting(register),
    ],
  },
  'POST /api/auth/login': {
    success: login,
    others: [
      {
        status: 400,
        when: 'the email has no domain',
        request: () => json('POST', '/api/auth/login', { email: 'me@', password: PASSWORD }),
      },
      {
        status: 401,
        when: 'a wrong password',
        request: ({ user }) =>
          json('POST', '/api/auth/login', { email: user.email, password: 'wrong password' }),
      },
      exhausting(login),
    ],
  },
  'POST /api/auth/tokens': {
    success: tokens,
    others: [
      {
        status: 400,
        when: 'the password is missing',
        request: ({ user }) => json('POST', '/api/auth/tokens', { email: user.email }),
      },
      {
        status: 401,
        when: 'an unknown email',
        request: () =>
          json('POST', '/api/auth/tokens', { email: uniqueEmail(), password: PASSWORD }),
      },
      exhausting(tokens),
    ],
  },
  'POST /api/auth/logout': {
    success: {
      status: 204,
      when: 'signed in',
      request: async ({ newUser }) =>
        signedIn(await newUser(), { method: 'POST', url: '/api/auth/logout' }),
    },
    others: [
      {
        status: 204,
        when: 'not signed in',
        request: () => ({ method: 'POST', url: '/api/auth/logout' }),
      },
    ],
  },
  'GET /api/auth/me': {
    success: {
      status: 200,
      when: 'signed in',
      request: ({ user }) => signedIn(user, { url: '/api/auth/me' }),
    },
    others: [
      {
        status: 200,
        when: 'a bearer token',
        request: ({ token }) => ({
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        }),
      },
      {
        status: 401,
        when: 'an unknown bearer token',
        request: () => ({ url: '/api/auth/me', headers: { authorization: 'Bearer unknown' } }),
      },
    ],
  },
  'POST /api/auth/password': {
    success: changePassword,
    others: [
      {
        status: 400,
        when: 'the new password is too short',
        request: ({ user }) =>
          signedIn(
            user,
            json('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }),
          ),
      },
      {
        status: 403,
        when: 'a wrong current password',
        request: ({ user }) =>
          signedIn(
            user,
            json('POST', '/api/auth/password', {
              currentPassword: 'wrong password',
              newPassword: NEW_PASSWORD,
            }),
          ),
      },
      exhausting(changePassword),
    ],
  },
  'POST /api/auth/logout-everywhere': {
    success: {
      status: 204,
      when: 'signed in',
      request: async ({ newUser }) =>
        signedIn(await newUser(), { method: 'POST', url: '/api/auth/logout-everywhere' }),
    },
    others: [],
  },
  'DELETE /api/auth/account': {
    success: deleteAccount,
    others: [
      {
        status: 400,
        when: 'the password is missing',
        request: ({ user }) => signedIn(user, json('DELETE', '/api/auth/account', {})),
      },
      {
        status: 403,
        when: 'a wrong password',
        request: ({ user }) =>
          signedIn(user, json('DELETE', '/api/auth/account', { password: 'wrong password' })),
      },
      exhausting(deleteAccount),
    ],
  },
  'GET /api/auth/sessions': {
    success: {
      status: 200,
      when: 'signed in',
      request: ({ user }) => signedIn(user, { url: '/api/auth/sessions' }),
    },
    others: [],
  },
  'DELETE /api/auth/sessions/{id}': {
    success: {
      status: 204,
      when: 'one of yours',
      request: async ({ newUser }) => {
        const user = await newUser();
        const [session] = (await user.get('/api/auth/sessions')).json().items;
        return signedIn(user, { method: 'DELETE', url: `/api/auth/sessions/${session.id}` });
      },
    },
    others: [
      {
        status: 400,
        when: 'the id is not a UUID',
        request: ({ user }) => signedIn(user, { method: 'DELETE', url: '/api/auth/sessions/42' }),
      },
      {
        status: 404,
        when: 'no such session',
        request: ({ user }) =>
          signedIn(user, { method: 'DELETE', url: `/api/auth/sessions/${MISSING_ID}` }),
      },
    ],
  },
  'GET /api/tasks': {
    success: {
      status: 200,
      when: 'filters, a search and paging',
      request: ({ user }) =>
        signedIn(user, {
          url: '/api/tasks?status=pending&priority=high&q=milk&sort=title&limit=5',
        }),
    },
    others: [
      {
        status: 400,
        when: 'the search holds a control character',
        request: ({ user }) => signedIn(user, { url: '/api/tasks?q=bell%07' }),
      },
      {
        status: 400,
        when: 'the tag is blank',
        request: ({ user }) => signedIn(user, { url: '/api/tasks?tag=%20%20' }),
      },
      {
        status: 400,
        when: 'the page size is over 100',
        request: ({ user }) => signedIn(user, { url: '/api/tasks?limit=101' }),
      },
      {
        status: 400,
        when: 'an unknown query parameter',
        request: ({ user }) => signedIn(user, { url: '/api/tasks?colour=red' }),
      },
    ],
  },
  'POST /api/tasks': {
    success: {
      status: 201,
      when: 'every field',
      request: ({ user }) =>
        signedIn(
          user,
          json('POST', '/api/tasks', {
            title: 'Buy milk',
            description: 'Two litres\nsemi-skimmed',
            priority: 'high',
            tags: ['Home', 'errands'],
            dueDate: '2030-01-31',
          }),
        ),
    },
    others: [
      {
        status: 201,
        when: 'a title of 200 characters outside the BMP',
        request: ({ user }) =>
          signedIn(user, json('POST', '/api/tasks', { title: '🎉'.repeat(200) })),
      },
      {
        status: 400,
        when: 'a title of 201 characters',
        request: ({ user }) =>
          signedIn(user, json('POST', '/api/tasks', { title: 'x'.repeat(201) })),
      },
      {
        status: 400,
        when: 'a title of spaces only',
        request: ({ user }) => signedIn(user, json('POST', '/api/tasks', { title: ' \t ' })),
      },
      {
        status: 400,
        when: 'a control character in the title',
        request: ({ user }) => signedIn(user, json('POST', '/api/tasks', { title: 'bell\u0007' })),
      },
      {
        status: 400,
        when: 'NUL in the description',
        request: ({ user }) =>
          signedIn(user, json('POST', '/api/tasks', { title: 'ok', description: 'a\u0000b' })),
      },
      {
        status: 400,
        when: 'a lone surrogate in a tag',
        request: ({ user }) =>
          signedIn(user, json('POST', '/api/tasks', { title: 'ok', tags: ['\ud800'] })),
      },
    ],
  },
  'GET /api/tasks/{id}': {
    success: {
      status: 200,
      when: 'own task',
      request: ({ user, task }) => signedIn(user, { url: `/api/tasks/${task.id}` }),
    },
    others: [
      {
        status: 400,
        when: 'the id is not a UUID',
        request: ({ user }) => signedIn(user, { url: '/api/tasks/42' }),
      },
      {
        status: 404,
        when: 'no such task',
        request: ({ user }) => signedIn(user, { url: `/api/tasks/${MISSING_ID}` }),
      },
    ],
  },
  'PUT /api/tasks/{id}': {
    success: {
      status: 200,
      when: 'a whole task',
      request: ({ user, task }) =>
        signedIn(
          user,
          json('PUT', `/api/tasks/${task.id}`, { title: 'Replaced', completed: true }),
        ),
    },
    others: [
      {
        status: 400,
        when: 'the title is missing',
        request: ({ user, task }) =>
          signedIn(user, json('PUT', `/api/tasks/${task.id}`, { completed: true })),
      },
      {
        status: 404,
        when: 'no such task',
        request: ({ user }) =>
          signedIn(user, json('PUT', `/api/tasks/${MISSING_ID}`, { title: 'x' })),
      },
    ],
  },
  'PATCH /api/tasks/{id}': {
    success: {
      status: 200,
      when: 'one field',
      request: ({ user, task }) =>
        signedIn(user, json('PATCH', `/api/tasks/${task.id}`, { priority: 'low' })),
    },
    others: [
      {
        status: 400,
        when: 'no field at all',
        request: ({ user, task }) => signedIn(user, json('PATCH', `/api/tasks/${task.id}`, {})),
      },
      {
        status: 400,
        when: 'a title of spaces only',
        request: ({ user, task }) =>
          signedIn(user, json('PATCH', `/api/tasks/${task.id}`, { title: '   ' })),
      },
      {
        status: 404,
        when: 'no such task',
        request: ({ user }) =>
          signedIn(user, json('PATCH', `/api/tasks/${MISSING_ID}`, { completed: true })),
      },
    ],
  },
  'DELETE /api/tasks/{id}': {
    success: {
      status: 204,
      when: 'own task',
      request: async ({ user }) =>
        signedIn(user, {
          method: 'DELETE',
          url: `/api/tasks/${(await user.createTask({ title: 'Doomed' })).id}`,
        }),
    },
    others: [
      {
        status: 400,
        when: 'the id is not a UUID',
        request: ({ user }) => signedIn(user, { method: 'DELETE', url: '/api/tasks/not-a-uuid' }),
      },
      {
        status: 404,
        when: 'no such task',
        request: ({ user }) =>
          signedIn(user, { method: 'DELETE', url: `/api/tasks/${MISSING_ID}` }),
      },
    ],
  },
  'POST /api/tasks/{id}/restore': {
    success: {
      status: 200,
      when: 'own task deleted just now',
      request: async ({ user }) => {
        const { id } = await user.createTask({ title: 'Undone' });
        await user.send('DELETE', `/api/tasks/${id}`);
        return signedIn(user, { method: 'POST', url: `/api/tasks/${id}/restore` });
      },
    },
    others: [
      {
        status: 400,
        when: 'the id is not a UUID',
        request: ({ user }) => signedIn(user, { method: 'POST', url: '/api/tasks/x/restore' }),
      },
      {
        status: 404,
        when: 'no such deleted task',
        request: ({ user }) =>
          signedIn(user, { method: 'POST', url: `/api/tasks/${MISSING_ID}/restore` }),
      },
    ],
  },
  'PATCH /api/tasks/{id}/complete': {
    success: {
      status: 200,
      when: 'own task',
      request: ({ user, task }) =>
        signedIn(user, { method: 'PATCH', url: `/api/tasks/${task.id}/complete` }),
    },
    others: [
      {
        status: 400,
        when: 'the id is not a UUID',
        request: ({ user }) => signedIn(user, { method: 'PATCH', url: '/api/tasks/x/complete' }),
      },
      {
        status: 404,
        when: 'no such task',
        request: ({ user }) =>
          signedIn(user, { method: 'PATCH', url: `/api/tasks/${MISSING_ID}/complete` }),
      },
    ],
  },
};

const withBody = (request: InjectOptions, contentType: string, payload: string): InjectOptions => ({
  ...request,
  payload,
  headers: { ...request.headers, 'content-type': contentType },
});

/**
 * What any client may get wrong, tried on every operation from its success request. No status is
 * expected here: whatever the server answers must be documented, and the statuses these provoke
 * (401, 400, 413, 415) count for the coverage check at the end, as do the 414 and 503 below.
 */
const PROBES: Record<string, (request: InjectOptions) => InjectOptions> = {
  'without credentials': ({ headers = {}, ...request }) => ({
    ...request,
    headers: Object.fromEntries(
      Object.entries(headers).filter(([name]) => !['cookie', 'authorization'].includes(name)),
    ),
  }),
  'with a body that is not JSON': (request) => withBody(request, 'text/plain', 'Buy milk'),
  'with malformed JSON': (request) => withBody(request, 'application/json', '{"title":'),
  'with an empty JSON body': (request) => withBody(request, 'application/json', ''),
  'with a body over 64 KiB': (request) =>
    withBody(request, 'application/json', JSON.stringify({ title: 'x'.repeat(BODY_LIMIT_BYTES) })),
};

/** Text of every kind, short enough that no length limit applies: ASCII, any code point, controls. */
const shortText = (maxLength: number, { loneSurrogates = true } = {}) =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u007f', '\u00a0', '\u2028', 'a'),
      ...(loneSurrogates ? [fc.constantFrom('\ud800', '\udfff')] : []),
    ),
  });

describe.each(DATABASE_KINDS)('the OpenAPI document on %s', (kind) => {
  let t: TestApp;
  let app: App;
  let document: OpenApiDocument;
  let fx: Fixture;
  const seen: Exchange[] = [];

  beforeAll(async () => {
    t = await buildTestApp(kind, { AUTH_RATE_LIMIT_MAX: String(ATTEMPTS) });
    document = await OpenApiDocument.servedBy(t.app);
    app = conformingApp(t.app, document, seen);
    const user = await signUp(app);
    const task = await user.createTask({ title: 'Buy milk', priority: 'high' });
    const tokenResponse = await app.inject(
      json('POST', '/api/auth/tokens', { email: user.email, password: PASSWORD }),
    );
    fx = { user, task, token: tokenResponse.json().token, newUser: () => signUp(app) };
  });
  afterAll(() => t.close());

  let repeatingAddresses = 0;

  /** Sends a case's request (`times` times from one address); returns the last answer. */
  async function send(build: Build, times = 1) {
    const remoteAddress = `192.0.2.${++repeatingAddresses}`;
    let response;
    for (let sent = 0; sent < times; sent++) {
      const request = await build(fx);
      response = await app.inject(times > 1 ? { ...request, remoteAddress } : request);
    }
    return response!;
  }

  it('lists exactly the operations this test has cases for', () => {
    expect(document.operations.map((op) => op.key).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (operation, { success, others }) => {
    it.each([success, ...others].map((c) => [`${c.status} for ${c.when}`, c] as const))(
      'answers %s',
      async (_, { status, request, times }) => {
        expect((await send(request, times)).statusCode).toBe(status);
      },
    );

    it.each(Object.keys(PROBES))('answers as documented %s', async (probe) => {
      const response = await send(async (fixture) =>
        PROBES[probe]!(await success.request(fixture)),
      );
      expect(response.statusCode).toBeLessThan(500);
    });

    const path = operation.split(' ')[1] ?? '';
    if (path.includes('{')) {
      it('answers as documented with a path parameter over 100 characters', async () => {
        const longParameters = path.replace(/\{[^}]+\}/g, 'x'.repeat(101));
        const response = await send(async (fixture) => ({
          ...(await success.request(fixture)),
          url: longParameters,
        }));
        expect(response.statusCode).toBe(414);
      });
    }

    it('answers as documented while the database is out of reach', async () => {
      const request = await success.request(fx);
      const outage = unreachableDatabase(t.testDatabase.database, () =>
        socketError('ECONNREFUSED'),
      );
      try {
        const response = await app.inject(request);
        // Only what needs no database still succeeds; the rest is the documented 503.
        expect(response.statusCode === 503 || response.statusCode < 300).toBe(true);
      } finally {
        await outage.end();
      }
    });
  });

  // conformingApp fails any 400 the document does not predict and any success it forbids, so
  // each run checks that the document's patterns and the server's checks agree on this text.
  describe('its rules for text fields agree with the server on any input', () => {
    it.each(['title', 'description', 'tags'])('PATCH /api/tasks/{id} %s', async (field) => {
      await fc.assert(
        fc.asyncProperty(shortText(30), async (text) => {
          const value = field === 'tags' ? [text] : text;
          const response = await app.inject(
            signedIn(fx.user, json('PATCH', `/api/tasks/${fx.task.id}`, { [field]: value })),
          );
          expect([200, 400]).toContain(response.statusCode);
        }),
        { numRuns: 150 },
      );
    });

    it.each(['q', 'tag'])('GET /api/tasks?%s=', async (name) => {
      await fc.assert(
        fc.asyncProperty(shortText(30, { loneSurrogates: false }), async (text) => {
          const response = await app.inject(
            signedIn(fx.user, { url: `/api/tasks?${name}=${encodeURIComponent(text)}` }),
          );
          expect([200, 400]).toContain(response.statusCode);
        }),
        { numRuns: 150 },
      );
    });
  });

  it('saw every documented status of every operation answered', () => {
    const missing = document.operations.flatMap((op) =>
      Object.keys(op.spec.responses ?? {})
        .filter(
          (status) => !seen.some((s) => s.operation === op.key && String(s.status) === status),
        )
        .map((status) => `${op.key} ${status}`),
    );
    expect(missing).toEqual([]);
  });
});
