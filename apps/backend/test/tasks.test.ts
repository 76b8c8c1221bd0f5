import type { Task } from '@todo/api-contracts';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

describe.each(DATABASE_KINDS)('tasks on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  describe('create and read', () => {
    it('creates a task with defaults and normalised fields (201)', async () => {
      const user = await signUp(t.app);
      const response = await user.send('POST', '/api/tasks', {
        title: '  Water the plants ',
        tags: ['Home', 'home', 'garden'],
      });
      expect(response.statusCode).toBe(201);
      const task = response.json();
      expect(task).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Water the plants',
        description: null,
        completed: false,
        priority: 'medium',
        tags: ['home', 'garden'],
        dueDate: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: task.createdAt,
      });
      expect(Math.abs(Date.parse(task.createdAt) - Date.now())).toBeLessThan(60_000);
      expect((await user.get(`/api/tasks/${task.id}`)).json()).toEqual(task);
    });

    it('accepts every field', async () => {
      const user = await signUp(t.app);
      const task = await user.createTask({
        title: 'File taxes',
        description: 'Forms are in the drawer',
        priority: 'high',
        tags: ['admin'],
        dueDate: '2027-04-15',
      });
      expect(task).toMatchObject({
        title: 'File taxes',
        description: 'Forms are in the drawer',
        priority: 'high',
        tags: ['admin'],
        dueDate: '2027-04-15',
      });
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      const user = await signUp(t.app);
      const missing = await user.get('/api/tasks/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().detail).toBe('No task with this id');
      const malformed = await user.get('/api/tasks/not-a-uuid');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().errors).toEqual([
        { location: 'params', field: 'id', message: 'Task id must be a UUID' },
      ]);
    });

    it('needs a session', async () => {
      for (const [method, url] of [
        ['GET', '/api/tasks'],
        ['POST', '/api/tasks'],
        ['GET', '/api/tasks/00000000-0000-4000-8000-000000000000'],
        ['DELETE', '/api/tasks/00000000-0000-4000-8000-000000000000'],
      ] as const) {
        const response = await t.app.inject({ method, url });
        expect(response.statusCode).toBe(401);
      }
    });
  });

  describe('change', () => {
    let user: UserClient;
    let task: Task;
    beforeEach(async () => {
      user = await signUp(t.app);
      task = await user.createTask({
        title: 'Original',
        description: 'Keep me',
        priority: 'high',
        tags: ['a', 'b'],
        dueDate: '2027-01-01',
      });
    });

    it('PATCH changes only the given fields and moves updatedAt', async () => {
      const response = await user.send('PATCH', `/api/tasks/${task.id}`, {
        title: 'Renamed',
        dueDate: null,
      });
      expect(response.statusCode).toBe(200);
      const patched = response.json();
      expect(patched).toMatchObject({
        title: 'Renamed',
        description: 'Keep me',
        priority: 'high',
        tags: ['a', 'b'],
        dueDate: null,
        createdAt: task.createdAt,
      });
      expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    });

    it('PATCH with no field is a 400 that changes nothing', async () => {
      const response = await user.send('PATCH', `/api/tasks/${task.id}`, {});
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].message).toBe('Send at least one field to change');
      expect((await user.get(`/api/tasks/${task.id}`)).json()).toEqual(task);
    });

    it('PUT replaces the task: fields left out return to their defaults', async () => {
      const response = await user.send('PUT', `/api/tasks/${task.id}`, {
        title: 'Replaced',
        completed: true,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: task.id,
        title: 'Replaced',
        description: null,
        priority: 'medium',
        tags: [],
        dueDate: null,
        completed: true,
      });
    });

    it('PUT without a title is a 400', async () => {
      const response = await user.send('PUT', `/api/tasks/${task.id}`, { priority: 'low' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { location: 'body', field: 'title', message: 'Title is required' },
      ]);
    });

    it('PATCH …/complete toggles completion back and forth', async () => {
      const first = await user.send('PATCH', `/api/tasks/${task.id}/complete`);
      expect(first.statusCode).toBe(200);
      expect(first.json().completed).toBe(true);
      const second = await user.send('PATCH', `/api/tasks/${task.id}/complete`);
      expect(second.json().completed).toBe(false);
    });

    it('DELETE removes the task (204), then it is gone (404)', async () => {
      expect((await user.send('DELETE', `/api/tasks/${task.id}`)).statusCode).toBe(204);
      expect((await user.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
      expect((await user.send('DELETE', `/api/tasks/${task.id}`)).statusCode).toBe(404);
    });
  });

  describe('list', () => {
    let user: UserClient;
    const titles = (response: { json(): { items: Task[] } }) =>
      response.json().items.map((task) => task.title);

    beforeAll(async () => {
      user = await signUp(t.app);
      // Created in this order, so "created" order is known.
      const seeds: (Partial<Task> & { title: string })[] = [
        { title: 'Buy milk', priority: 'low', tags: ['home', 'shopping'], dueDate: '2027-03-01' },
        {
          title: 'alpha report',
          description: 'Quarterly numbers, 100% done',
          priority: 'high',
          tags: ['work'],
          dueDate: '2027-01-10',
        },
        { title: 'Call mum', priority: 'medium', tags: ['home'] },
        {
          title: 'Zebra crossing paint',
          description: 'ask the council about MILK_CRATES',
          priority: 'high',
          dueDate: '2027-02-20',
        },
        { title: 'Book dentist', priority: 'medium', tags: ['health'], dueDate: '2026-12-01' },
      ];
      for (const seed of seeds)
        await user.createTask({ ...seed, tags: seed.tags ? [...seed.tags] : [] });
      const list = (await user.get('/api/tasks?sort=title&order=asc')).json().items as Task[];
      const callMum = list.find((task) => task.title === 'Call mum') as Task;
      await user.send('PATCH', `/api/tasks/${callMum.id}/complete`);
    });

    it('lists newest first by default with the total', async () => {
      const response = await user.get('/api/tasks');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ total: 5, limit: 20, offset: 0 });
      expect(titles(response)).toEqual([
        'Book dentist',
        'Zebra crossing paint',
        'Call mum',
        'alpha report',
        'Buy milk',
      ]);
    });

    it('filters by status', async () => {
      expect(titles(await user.get('/api/tasks?status=completed'))).toEqual(['Call mum']);
      const pending = await user.get('/api/tasks?status=pending');
      expect(pending.json().total).toBe(4);
      expect(titles(pending)).not.toContain('Call mum');
    });

    it('filters by priority and by tag (case-insensitive)', async () => {
      expect(titles(await user.get('/api/tasks?priority=high&sort=title&order=asc'))).toEqual([
        'alpha report',
        'Zebra crossing paint',
      ]);
      expect(titles(await user.get('/api/tasks?tag=HOME&sort=title&order=asc'))).toEqual([
        'Buy milk',
        'Call mum',
      ]);
    });

    it('searches title and description case-insensitively, with % and _ taken literally', async () => {
      expect(titles(await user.get('/api/tasks?q=MILK&sort=title&order=asc'))).toEqual([
        'Buy milk',
        'Zebra crossing paint',
      ]);
      expect(titles(await user.get('/api/tasks?q=100%25'))).toEqual(['alpha report']);
      expect(titles(await user.get('/api/tasks?q=k_c'))).toEqual(['Zebra crossing paint']);
      expect((await user.get('/api/tasks?q=%25')).json().total).toBe(1);
    });

    it('filters by due date, strictly before and after', async () => {
      expect(titles(await user.get('/api/tasks?dueBefore=2027-02-20&sort=due&order=asc'))).toEqual([
        'Book dentist',
        'alpha report',
      ]);
      expect(titles(await user.get('/api/tasks?dueAfter=2027-01-10&sort=due&order=asc'))).toEqual([
        'Zebra crossing paint',
        'Buy milk',
      ]);
    });

    it('combines filters', async () => {
      const response = await user.get('/api/tasks?status=pending&tag=home&q=milk&priority=low');
      expect(titles(response)).toEqual(['Buy milk']);
      expect(response.json().total).toBe(1);
    });

    it.each([
      [
        'title',
        'asc',
        ['alpha report', 'Book dentist', 'Buy milk', 'Call mum', 'Zebra crossing paint'],
      ],
      [
        'title',
        'desc',
        ['Zebra crossing paint', 'Call mum', 'Buy milk', 'Book dentist', 'alpha report'],
      ],
      [
        'due',
        'asc',
        ['Book dentist', 'alpha report', 'Zebra crossing paint', 'Buy milk', 'Call mum'],
      ],
      [
        'due',
        'desc',
        ['Buy milk', 'Zebra crossing paint', 'alpha report', 'Book dentist', 'Call mum'],
      ],
      [
        'priority',
        'desc',
        ['Zebra crossing paint', 'alpha report', 'Book dentist', 'Call mum', 'Buy milk'],
      ],
      [
        'priority',
        'asc',
        ['Buy milk', 'Book dentist', 'Call mum', 'Zebra crossing paint', 'alpha report'],
      ],
      [
        'created',
        'asc',
        ['Buy milk', 'alpha report', 'Call mum', 'Zebra crossing paint', 'Book dentist'],
      ],
      [
        'updated',
        'desc',
        ['Call mum', 'Book dentist', 'Zebra crossing paint', 'alpha report', 'Buy milk'],
      ],
    ])('sorts by %s %s (ties newest first; no due date last)', async (sort, order, expected) => {
      expect(titles(await user.get(`/api/tasks?sort=${sort}&order=${order}`))).toEqual(expected);
    });

    it('pages with limit and offset and keeps the total', async () => {
      const first = await user.get('/api/tasks?sort=title&order=asc&limit=2');
      const second = await user.get('/api/tasks?sort=title&order=asc&limit=2&offset=2');
      const last = await user.get('/api/tasks?sort=title&order=asc&limit=2&offset=4');
      expect(titles(first)).toEqual(['alpha report', 'Book dentist']);
      expect(titles(second)).toEqual(['Buy milk', 'Call mum']);
      expect(titles(last)).toEqual(['Zebra crossing paint']);
      expect([first, second, last].map((page) => page.json().total)).toEqual([5, 5, 5]);
      expect(last.json()).toMatchObject({ limit: 2, offset: 4 });
      const beyond = await user.get('/api/tasks?offset=50');
      expect(beyond.json()).toMatchObject({ items: [], total: 5 });
    });

    it('counts all the user’s tasks and the pending and completed ones, whatever the filters', async () => {
      const counts = { all: 5, pending: 4, completed: 1 };
      for (const [query, total] of [
        ['', 5],
        ['?status=completed', 1],
        ['?status=pending&priority=high', 2],
        ['?tag=home', 2],
        ['?q=milk', 2],
        ['?dueBefore=2027-02-20', 2],
        ['?q=nothing%20like%20it', 0],
        ['?offset=50', 5],
      ] as const) {
        const page = (await user.get(`/api/tasks${query}`)).json();
        expect([query, page.total, page.counts]).toEqual([query, total, counts]);
      }
    });

    it('counts zeros for a user without tasks, and never another user’s tasks', async () => {
      const newcomer = await signUp(t.app);
      expect((await newcomer.get('/api/tasks')).json()).toEqual({
        items: [],
        total: 0,
        limit: 20,
        offset: 0,
        counts: { all: 0, pending: 0, completed: 0 },
      });
    });

    it('counts the same for a bearer token', async () => {
      const tokens = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        payload: { email: user.email, password: PASSWORD },
      });
      const response = await t.app.inject({
        url: '/api/tasks?status=completed',
        headers: { authorization: `Bearer ${tokens.json().token}` },
      });
      expect(response.json()).toMatchObject({
        total: 1,
        counts: { all: 5, pending: 4, completed: 1 },
      });
    });

    it('rejects bad query parameters, naming each', async () => {
      const response = await user.get(
        '/api/tasks?limit=101&offset=-1&sort=random&status=done&dueBefore=tomorrow&extra=1',
      );
      expect(response.statusCode).toBe(400);
      expect(
        response
          .json()
          .errors.map((error: { field: string }) => error.field)
          .sort(),
      ).toEqual(['dueBefore', 'extra', 'limit', 'offset', 'sort', 'status']);
    });
  });
});
