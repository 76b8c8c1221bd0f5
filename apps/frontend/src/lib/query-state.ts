import type { TaskQueryInput } from '@todo/api-contracts';
import {
  PAGE_SIZE_MAX,
  taskPriorities,
  taskSortFields,
  taskStatuses,
  sortOrders,
} from '@todo/api-contracts/limits';

/** What the list shows, as kept in the page's URL so a view can be bookmarked and shared. */
export interface ListView {
  status: (typeof taskStatuses)[number];
  priority: (typeof taskPriorities)[number] | '';
  tag: string;
  q: string;
  sort: (typeof taskSortFields)[number];
  order: (typeof sortOrders)[number];
}

export const DEFAULT_VIEW: ListView = {
  status: 'all',
  priority: '',
  tag: '',
  q: '',
  sort: 'created',
  order: 'desc',
};

const oneOf = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Reads a view from URL parameters; anything unknown or invalid falls back to the default. */
export function viewFromParams(params: URLSearchParams): ListView {
  return {
    status: oneOf(taskStatuses, params.get('status'), DEFAULT_VIEW.status),
    priority: oneOf(['', ...taskPriorities], params.get('priority'), ''),
    tag: (params.get('tag') ?? '').trim().slice(0, 30),
    q: (params.get('q') ?? '').slice(0, 200),
    sort: oneOf(taskSortFields, params.get('sort'), DEFAULT_VIEW.sort),
    order: oneOf(sortOrders, params.get('order'), DEFAULT_VIEW.order),
  };
}

/** URL parameters for a view, leaving out defaults so URLs stay short. */
export function viewToParams(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_VIEW) as (keyof ListView)[]) {
    const value = view[key].trim();
    if (value && value !== DEFAULT_VIEW[key]) params.set(key, value);
  }
  return params;
}

/** The API query for one page of a view. */
export function apiQuery(view: ListView, limit: number, offset: number): string {
  const query: TaskQueryInput = {
    status: view.status,
    sort: view.sort,
    order: view.order,
    limit,
    offset,
  };
  if (view.priority) query.priority = view.priority;
  if (view.tag.trim()) query.tag = view.tag.trim();
  if (view.q.trim()) query.q = view.q.trim();
  return new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  ).toString();
}

/** The same sort and order with every filter off. */
export function withoutFilters(view: ListView): ListView {
  return { ...DEFAULT_VIEW, sort: view.sort, order: view.order };
}

export function isFiltered(view: ListView): boolean {
  return (
    view.status !== 'all' || view.priority !== '' || view.tag.trim() !== '' || view.q.trim() !== ''
  );
}

/** The list shows this many tasks a page; "Show more" adds a page, up to the API's maximum. */
export const PAGE_SIZE = 20;
export const MAX_PAGES = PAGE_SIZE_MAX / PAGE_SIZE;

/** How many pages the URL asks to show (`?page=3` shows the first 60 tasks). */
export function pagesFromParams(params: URLSearchParams): number {
  const pages = Number(params.get('page'));
  return Number.isInteger(pages) && pages >= 1 ? Math.min(pages, MAX_PAGES) : 1;
}

/** The task page's address for a view and a number of pages. */
export function listHref(view: ListView, pages = 1): string {
  const params = viewToParams(view);
  if (pages > 1) params.set('page', String(pages));
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** Next's `searchParams` as URLSearchParams (a repeated key counts once, as the first value). */
export function searchParamsOf(record: Record<string, string | string[] | undefined>) {
  return new URLSearchParams(
    Object.entries(record).flatMap(([key, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? [] : [[key, first]];
    }),
  );
}
