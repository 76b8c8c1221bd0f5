import { sql } from 'drizzle-orm';
import { TASK_RESTORE_WINDOW_SECONDS, type Task } from '@todo/api-contracts';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe.each(DATABASE_KINDS)('restoring deleted tasks (undo) on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  const restore = (user: UserClient, id: string) => user.send('POST', `/api/tasks/${id}/restore`);
  const remove = async (user: UserClient, id: string) =>
    expect((await user.send('DELETE', `/api/tasks/${id}`)).statusCode).toBe(204);

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    const result = (await t.app.database.db.execute(query)) as unknown as {
      rows: { n: number }[];
    };
    return Number(result.rows[0]?.n);
  }
  const inTrash = (id: string) =>
    count(sql`select count(*) as n from deleted_tasks where id = ${id}`);

  /** Moves a trash row's deletion this many seconds into the past, as if time had passed. */
  const deletedSecondsAgo = (id: string, seconds: number) =>
    t.app.database.db.execute(
      sql`update deleted_tasks set deleted_at = now() - make_interval(secs => ${seconds})
          where id = ${id}`,
    );

  /** A task with every field set and changed since its creation, so nothing is a default. */
  async function fullTask(user: UserClient): Promise<Task> {
    const task = await user.createTask({
      title: 'Renew passport',
      description: 'Photos first',
      priority: 'high',
      tags: ['admin', 'travel'],
      dueDate: '2027-05-01',
    });
    return (await user.send('PATCH', `/api/tasks/${task.id}`, { completed: true })).json();
  }

  it('puts a deleted task back exactly as it was, listed and counted again', async () => {
    const user = await signUp(t.app);
    const task = await fullTask(user);
    await remove(user, task.id);
    expect((await user.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await user.get('/api/tasks')).json()).toMatchObject({ total: 0, counts: { all: 0 } });

    const restored = await restore(user, task.id);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toEqual(task);
    expect((await user.get(`/api/tasks/${task.id}`)).json()).toEqual(task);
    const list = (await user.get('/api/tasks')).json();
    expect(list.items).toEqual([task]);
    expect(list.counts).toEqual({ all: 1, pending: 0, completed: 1 });
    expect(await inTrash(task.id)).toBe(0);
  });

  it('restores once: a second restore, or one of a task never deleted, is 404', async () => {
    const user = await signUp(t.app);
    const task = await user.createTask({ title: 'Once' });
    const notDeleted = await restore(user, task.id);
    expect(notDeleted.statusCode).toBe(404);
    expect(notDeleted.json()).toMatchObject({
      status: 404,
      detail: 'Task not found or no longer restorable',
    });

    await remove(user, task.id);
    expect((await restore(user, task.id)).statusCode).toBe(200);
    const twice = await restore(user, task.id);
    expect(twice.statusCode).toBe(404);
    expect(twice.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await user.get('/api/tasks')).json().total).toBe(1);
  });

  it('can delete and restore the same task again', async () => {
    const user = await signUp(t.app);
    const task = await user.createTask({ title: 'Back and forth' });
    for (let round = 0; round < 2; round++) {
      await remove(user, task.id);
      expect((await restore(user, task.id)).json()).toEqual(task);
    }
  });

  it('answers 404 for another user’s deleted task, which stays restorable by its owner', async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const task = await owner.createTask({ title: 'Mine' });
    await remove(owner, task.id);
    expect((await restore(other, task.id)).statusCode).toBe(404);
    expect((await other.get('/api/tasks')).json().total).toBe(0);
    expect((await restore(owner, task.id)).statusCode).toBe(200);
  });

  it('answers 404 for an id never used, 400 for one that is not a UUID, 401 without a session', async () => {
    const user = await signUp(t.app);
    expect((await restore(user, MISSING_ID)).statusCode).toBe(404);
    const bad = await restore(user, 'not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { location: 'params', field: 'id', message: 'Task id must be a UUID' },
    ]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${MISSING_ID}/restore`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it(`restores within ${TASK_RESTORE_WINDOW_SECONDS} s of the deletion, not after`, async () => {
    const user = await signUp(t.app);
    const young = await user.createTask({ title: 'Still in time' });
    const old = await user.createTask({ title: 'Too late' });
    await remove(user, young.id);
    await remove(user, old.id);
    await deletedSecondsAgo(young.id, TASK_RESTORE_WINDOW_SECONDS - 5);
    await deletedSecondsAgo(old.id, TASK_RESTORE_WINDOW_SECONDS + 1);

    expect((await restore(user, young.id)).statusCode).toBe(200);
    const late = await restore(user, old.id);
    expect(late.statusCode).toBe(404);
    expect(late.json().detail).toBe('Task not found or no longer restorable');
    expect((await user.get('/api/tasks')).json().items).toEqual([young]);
  });

  it('purges the user’s expired trash on their next delete, and nobody else’s', async () => {
    const user = await signUp(t.app);
    const other = await signUp(t.app);
    const expired = await user.createTask({ title: 'Long gone' });
    const othersExpired = await other.createTask({ title: 'Not yours to purge' });
    await remove(user, expired.id);
    await remove(other, othersExpired.id);
    await deletedSecondsAgo(expired.id, TASK_RESTORE_WINDOW_SECONDS + 1);
    await deletedSecondsAgo(othersExpired.id, TASK_RESTORE_WINDOW_SECONDS + 1);

    const next = await user.createTask({ title: 'Deleted next' });
    await remove(user, next.id);
    expect(await inTrash(expired.id)).toBe(0);
    expect(await inTrash(next.id)).toBe(1);
    expect(await inTrash(othersExpired.id)).toBe(1);
  });

  it('deleting the account deletes its trash too', async () => {
    const user = await signUp(t.app);
    const task = await user.createTask({ title: 'In the trash' });
    await remove(user, task.id);
    expect(await inTrash(task.id)).toBe(1);
    const deleted = await user.send('DELETE', '/api/auth/account', { password: PASSWORD });
    expect(deleted.statusCode).toBe(204);
    expect(await inTrash(task.id)).toBe(0);
  });
});
