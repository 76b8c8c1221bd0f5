'use client';

import { useRouter } from 'next/navigation';
import { DEFAULT_VIEW, listHref } from '../../lib/query-state';
import { useListView } from './list-view';

/** Renders the list again from the server (after an outage, say); needs JavaScript. */
export function TryAgain() {
  const router = useRouter();
  return (
    <button type="button" className="js-only" onClick={() => router.refresh()}>
      Try again
    </button>
  );
}

/** A link to the same sort without filters; with JavaScript it also empties the text boxes. */
export function ClearFilters() {
  const { view, clearFilters } = useListView();
  return (
    <a
      className="button-link"
      href={listHref({ ...DEFAULT_VIEW, sort: view.sort, order: view.order })}
      onClick={(event) => {
        event.preventDefault();
        clearFilters();
      }}
    >
      Clear filters
    </a>
  );
}
