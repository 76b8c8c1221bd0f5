import Link from 'next/link';
import { describeProgress } from '../../lib/format';
import { isFiltered, listHref, MAX_PAGES, type ListView } from '../../lib/query-state';
import { ClearFilters, TryAgain } from './list-buttons';
import type { ListResult } from './list-tasks';
import { TaskList } from './task-list';

/** The page of tasks, or why there is none; rendered on the server from the URL's view. */
export function TaskResults({
  list,
  view,
  pages,
}: {
  list: ListResult;
  view: ListView;
  pages: number;
}) {
  if ('error' in list) {
    return (
      <div className="error-state" role="alert">
        <p>Could not load your tasks: {list.error}</p>
        <TryAgain />
      </div>
    );
  }
  const { page } = list;

  if (page.items.length === 0) {
    return (
      <div className="empty-state">
        {isFiltered(view) ? (
          <>
            <p>No tasks match these filters.</p>
            <ClearFilters />
          </>
        ) : (
          <p>No tasks yet. Add your first one above.</p>
        )}
      </div>
    );
  }

  const more = page.total - page.items.length;
  return (
    <>
      <TaskList tasks={page.items} />
      <div className="list-footer">
        <p className="count">
          Showing {page.items.length} of {page.total}
        </p>
        {more > 0 && pages < MAX_PAGES ? (
          <Link className="load-more" href={listHref(view, pages + 1)} scroll={false} replace>
            Show more ({more} more)
          </Link>
        ) : null}
      </div>
    </>
  );
}

/** "3 of 12 left": the user's counts, which come with the list. */
export function Progress({ list }: { list: ListResult }) {
  const counts = 'page' in list ? list.page.counts : undefined;
  return (
    <p className="progress" aria-live="polite">
      {counts ? describeProgress(counts.pending, counts.all) : '\u00a0'}
    </p>
  );
}
