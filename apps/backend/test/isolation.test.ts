import { buildTestApp, type TestApp } from './helpers/app';
import { signUp } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

describe.each(DATABASE_KINDS)('two users on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  it('never see or change each other’s tasks: the other user’s ids answer 404, like missing ones', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const secret = await alice.createTask({
      title: 'Alice only',
      tags: ['private'],
      priority: 'high',
    });
    await bob.createTask({ title: 'Bob only', tags: ['private'] });

    const attempts = [
      bob.get(`/api/tasks/${secret.id}`),
      bob.send('PATCH', `/api/tasks/${secret.id}`, { title: 'hacked' }),
      bob.send('PUT', `/api/tasks/${secret.id}`, { title: 'hacked' }),
      bob.send('PATCH', `/api/tasks/${secret.id}/complete`),
      bob.send('DELETE', `/api/tasks/${secret.id}`),
    ];
    const missing = await bob.get('/api/tasks/00000000-0000-4000-8000-000000000000');
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(404);
      expect({ ...response.json(), instance: '', requestId: '' }).toEqual({
        ...missing.json(),
        instance: '',
        requestId: '',
      });
    }

    // Alice's task is exactly as she left it.
    expect((await alice.get(`/api/tasks/${secret.id}`)).json()).toEqual(secret);

    // Lists, searches and tag filters show each user only their own.
    for (const query of ['', '?tag=private', '?q=only', '?status=all&limit=100']) {
      const aliceTitles = (await alice.get(`/api/tasks${query}`))
        .json()
        .items.map((task: { title: string }) => task.title);
      const bobTitles = (await bob.get(`/api/tasks${query}`))
        .json()
        .items.map((task: { title: string }) => task.title);
      expect(aliceTitles).toEqual(['Alice only']);
      expect(bobTitles).toEqual(['Bob only']);
    }
  });
});
