'use client';

import { useRouter } from 'next/navigation';
import { useListView } from './list-view';

/** Renders the list again from the server (after an outage, say). */
export function TryAgain() {
  const router = useRouter();
  return (
    <button type="button" onClick={() => router.refresh()}>
      Try again
    </button>
  );
}

export function ClearFilters() {
  const { clearFilters } = useListView();
  return (
    <button type="button" onClick={clearFilters}>
      Clear filters
    </button>
  );
}
