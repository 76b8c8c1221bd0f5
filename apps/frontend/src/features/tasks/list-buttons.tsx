'use client';

import { useRouter } from 'next/navigation';
import { listHref, withoutFilters } from '../../lib/query-state';
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
      href={listHref(withoutFilters(view))}
      onClick={(event) => {
        event.preventDefault();
        clearFilters();
      }}
    >
      Clear filters
    </a>
  );
}
