'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { taskSortFields, type Task, type TaskPage } from '@todo/api-contracts';
import { api, ApiError } from '../../lib/api-client';
import { describeProgress } from '../../lib/format';
import {
  apiQuery,
  DEFAULT_VIEW,
  isFiltered,
  viewFromParams,
  viewToParams,
  type ListView,
} from '../../lib/query-state';
import { PriorityOptions } from './priority-options';
import { TaskForm } from './task-form';
import { TaskItem } from './task-item';

const PAGE_SIZE = 20;
const UNDO_MS = 6000;
const SORT_LABELS: Record<ListView['sort'], string> = {
  created: 'Date created',
  updated: 'Last changed',
  due: 'Due date',
  priority: 'Priority',
  title: 'Title',
};

type Load = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

export function TaskBoard({ email }: { email: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [view, setView] = useState<ListView>(() =>
    viewFromParams(new URLSearchParams(searchParams.toString())),
  );
  const [search, setSearch] = useState(view.q);
  const [items, setItems] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  const [progress, setProgress] = useState<{ pending: number; total: number } | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [pendingDelete, setPendingDelete] = useState<Task | null>(null);
  const deleteTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Responses can arrive out of order; only the latest request of each kind may update the page.
  const listRequest = useRef(0);
  const progressRequest = useRef(0);

  const refreshProgress = useCallback(async () => {
    const request = ++progressRequest.current;
    const [all, pending] = await Promise.all([
      api<TaskPage>('/api/tasks?limit=1'),
      api<TaskPage>('/api/tasks?status=pending&limit=1'),
    ]);
    if (request === progressRequest.current)
      setProgress({ pending: pending.total, total: all.total });
  }, []);

  const fetchPage = useCallback(
    async (offset: number, signal?: AbortSignal) => {
      const request = ++listRequest.current;
      setLoad({ state: 'loading' });
      try {
        const page = await api<TaskPage>(`/api/tasks?${apiQuery(view, PAGE_SIZE, offset)}`, {
          signal,
        });
        if (request !== listRequest.current) return;
        setItems((current) => (offset === 0 ? page.items : [...current, ...page.items]));
        setTotal(page.total);
        setLoad({ state: 'ready' });
      } catch (error) {
        if ((error as Error).name === 'AbortError' || request !== listRequest.current) return;
        if (error instanceof ApiError && error.status === 401) {
          router.replace(
            `/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
          );
          return;
        }
        setLoad({ state: 'error', message: (error as Error).message });
      }
    },
    [view, router],
  );

  // The view lives in the URL (bookmarkable), updated without a server round trip.
  useEffect(() => {
    const query = viewToParams(view).toString();
    window.history.replaceState(null, '', query ? `/?${query}` : '/');
    const controller = new AbortController();
    void fetchPage(0, controller.signal);
    return () => controller.abort();
  }, [view, fetchPage]);

  useEffect(() => {
    void refreshProgress().catch(() => undefined);
  }, [refreshProgress]);

  // Typing in the search box filters after a short pause, not on every key.
  useEffect(() => {
    if (search === view.q) return;
    const timer = setTimeout(() => setView((current) => ({ ...current, q: search })), 300);
    return () => clearTimeout(timer);
  }, [search, view.q]);

  const change = (patch: Partial<ListView>) => setView((current) => ({ ...current, ...patch }));

  // Timers (the undo window) outlive renders: they must refresh with the view shown by then.
  const latestFetchPage = useRef(fetchPage);
  latestFetchPage.current = fetchPage;

  async function afterChange(text: string) {
    setAnnouncement(text);
    await Promise.all([latestFetchPage.current(0), refreshProgress()]).catch(() => undefined);
  }

  // The form is free again as soon as the task is saved; the list refreshes behind it.
  async function create(fields: Parameters<Parameters<typeof TaskForm>[0]['onSubmit']>[0]) {
    const task = await api<Task>('/api/tasks', { method: 'POST', body: fields });
    void afterChange(`Added “${task.title}”.`);
  }

  async function save(
    task: Task,
    fields: Parameters<Parameters<typeof TaskForm>[0]['onSubmit']>[0],
  ) {
    const saved = await api<Task>(`/api/tasks/${task.id}`, { method: 'PATCH', body: fields });
    await afterChange(`Saved “${saved.title}”.`);
  }

  async function toggle(task: Task) {
    setItems((current) =>
      current.map((item) => (item.id === task.id ? { ...item, completed: !item.completed } : item)),
    );
    try {
      const updated = await api<Task>(`/api/tasks/${task.id}/complete`, { method: 'PATCH' });
      await afterChange(
        updated.completed ? `Completed “${task.title}”.` : `Reopened “${task.title}”.`,
      );
    } catch (error) {
      setItems((current) => current.map((item) => (item.id === task.id ? task : item)));
      setAnnouncement(`Could not update “${task.title}”: ${(error as Error).message}`);
    }
  }

  async function commitDelete(task: Task) {
    deleteTimer.current = null;
    setPendingDelete(null);
    try {
      await api(`/api/tasks/${task.id}`, { method: 'DELETE' });
      await afterChange(`Deleted “${task.title}”.`);
    } catch (error) {
      setAnnouncement(`Could not delete “${task.title}”: ${(error as Error).message}`);
      await latestFetchPage.current(0);
    }
  }

  // Deleting hides the task at once and deletes it after a few seconds, unless undone.
  function remove(task: Task) {
    if (deleteTimer.current && pendingDelete) {
      clearTimeout(deleteTimer.current);
      void commitDelete(pendingDelete);
    }
    setPendingDelete(task);
    setAnnouncement(`Deleted “${task.title}”. Undo is available for a few seconds.`);
    deleteTimer.current = setTimeout(() => void commitDelete(task), UNDO_MS);
  }

  function undo() {
    if (deleteTimer.current) clearTimeout(deleteTimer.current);
    deleteTimer.current = null;
    setAnnouncement(pendingDelete ? `Kept “${pendingDelete.title}”.` : '');
    setPendingDelete(null);
  }

  // A pending delete still happens if the user leaves the page.
  useEffect(() => {
    if (!pendingDelete) return;
    const flush = () =>
      void fetch(`/api/tasks/${pendingDelete.id}`, { method: 'DELETE', keepalive: true });
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [pendingDelete]);

  async function signOut() {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    router.replace('/signin');
    router.refresh();
  }

  const visible = items.filter((task) => task.id !== pendingDelete?.id);
  const filtered = isFiltered(view);

  return (
    <div className="board">
      <div className="board-header">
        <h1>Your tasks</h1>
        <p className="progress" aria-live="polite">
          {progress ? describeProgress(progress.pending, progress.total) : '\u00a0'}
        </p>
        <div className="account">
          <span className="email">{email}</span>
          <a href="/account">Account</a>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </div>

      <section aria-labelledby="add-heading" className="panel">
        <h2 id="add-heading">Add a task</h2>
        <TaskForm submitLabel="Add task" onSubmit={create} />
      </section>

      <section aria-labelledby="list-heading" className="panel">
        <h2 id="list-heading">Tasks</h2>
        <div className="filters" role="search">
          <div className="field">
            <label htmlFor="search">Search tasks</label>
            <input
              id="search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Title or description"
            />
          </div>
          <div className="field">
            <label htmlFor="filter-status">Filter by status</label>
            <select
              id="filter-status"
              value={view.status}
              onChange={(event) => change({ status: event.target.value as ListView['status'] })}
            >
              <option value="all">All</option>
              <option value="pending">To do</option>
              <option value="completed">Done</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-priority">Filter by priority</label>
            <select
              id="filter-priority"
              value={view.priority}
              onChange={(event) => change({ priority: event.target.value as ListView['priority'] })}
            >
              <option value="">Any</option>
              <PriorityOptions />
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-tag">Filter by tag</label>
            <input
              id="filter-tag"
              value={view.tag}
              onChange={(event) => change({ tag: event.target.value })}
              placeholder="any"
            />
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select
              id="sort"
              value={view.sort}
              onChange={(event) => change({ sort: event.target.value as ListView['sort'] })}
            >
              {taskSortFields.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="order">Order</label>
            <select
              id="order"
              value={view.order}
              onChange={(event) => change({ order: event.target.value as ListView['order'] })}
            >
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          </div>
        </div>

        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>

        {pendingDelete ? (
          <div className="undo" role="status">
            Deleted “{pendingDelete.title}”.{' '}
            <button type="button" onClick={undo}>
              Undo
            </button>
          </div>
        ) : null}

        {load.state === 'error' ? (
          <div className="error-state" role="alert">
            <p>Could not load your tasks: {load.message}</p>
            <button type="button" onClick={() => void fetchPage(0)}>
              Try again
            </button>
          </div>
        ) : null}

        {load.state !== 'error' && visible.length === 0 && load.state === 'ready' ? (
          <div className="empty-state">
            {filtered ? (
              <>
                <p>No tasks match these filters.</p>
                <button
                  type="button"
                  onClick={() => {
                    setSearch('');
                    setView({ ...DEFAULT_VIEW, sort: view.sort, order: view.order });
                  }}
                >
                  Clear filters
                </button>
              </>
            ) : (
              <p>No tasks yet. Add your first one above.</p>
            )}
          </div>
        ) : null}

        <ul className="task-list" aria-busy={load.state === 'loading'} aria-label="Tasks">
          {visible.map((task) => (
            <TaskItem key={task.id} task={task} onToggle={toggle} onSave={save} onDelete={remove} />
          ))}
        </ul>

        {load.state === 'loading' ? <p className="loading">Loading tasks…</p> : null}
        {load.state === 'ready' && items.length < total ? (
          <button type="button" className="load-more" onClick={() => void fetchPage(items.length)}>
            Show more ({total - items.length} more)
          </button>
        ) : null}
        {total > 0 ? (
          <p className="count">
            Showing {Math.min(visible.length, total)} of {total}
          </p>
        ) : null}
      </section>
    </div>
  );
}
