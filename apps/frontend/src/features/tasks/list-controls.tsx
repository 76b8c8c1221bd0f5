'use client';

import { taskSortFields } from '@todo/api-contracts/limits';
import { Field } from '../../components/field';
import { listHref, type ListView } from '../../lib/query-state';
import { useListView } from './list-view';
import { PriorityOptions } from './priority-options';

const STATUS_LABELS: Record<ListView['status'], string> = {
  all: 'All',
  pending: 'To do',
  completed: 'Done',
};
const SORT_LABELS: Record<ListView['sort'], string> = {
  created: 'Date created',
  updated: 'Last changed',
  due: 'Due date',
  priority: 'Priority',
  title: 'Title',
};

/**
 * Search, status tabs, and the other filters behind one "Filter and sort" control. Without
 * JavaScript it is a plain GET form and links; with it, every change applies at once.
 */
export function ListControls() {
  const { view, pending, typed, type, show } = useListView();
  const active = [view.priority, view.tag].filter(Boolean).length;
  const select = (key: 'priority' | 'sort' | 'order') => ({
    name: key,
    value: view[key],
    onChange: (event: { target: { value: string } }) =>
      show({ [key]: event.target.value } as Partial<ListView>),
  });

  return (
    <form
      className="list-controls"
      role="search"
      method="get"
      action="/"
      onSubmit={(event) => {
        event.preventDefault();
        show(typed);
      }}
    >
      <nav className="status-tabs" aria-label="Filter by status">
        {(Object.keys(STATUS_LABELS) as ListView['status'][]).map((status) => (
          <a
            key={status}
            href={listHref({ ...view, status })}
            aria-current={view.status === status ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              show({ status });
            }}
          >
            {STATUS_LABELS[status]}
          </a>
        ))}
      </nav>
      <input type="hidden" name="status" value={view.status} />
      <Field
        label="Search tasks"
        className="search-field"
        type="search"
        placeholder="Search title or description"
        value={typed.q}
        onChange={(event) => type('q', event.target.value)}
        name="q"
      />
      <p className="loading" role="status">
        {pending ? 'Loading tasks…' : ''}
      </p>
      <details className="filters">
        <summary>
          Filter and sort{active ? <span className="badge"> · {active} on</span> : null}
        </summary>
        <div className="filter-grid">
          <Field label="Filter by priority" as="select" {...select('priority')}>
            <option value="">Any</option>
            <PriorityOptions />
          </Field>
          <Field
            label="Filter by tag"
            placeholder="any"
            value={typed.tag}
            onChange={(event) => type('tag', event.target.value)}
            name="tag"
          />
          <Field label="Sort by" as="select" {...select('sort')}>
            {taskSortFields.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </Field>
          <Field label="Order" as="select" {...select('order')}>
            <option value="desc">Descending</option>
            <option value="asc">Ascending</option>
          </Field>
        </div>
        <noscript>
          <button type="submit">Apply</button>
        </noscript>
      </details>
    </form>
  );
}
