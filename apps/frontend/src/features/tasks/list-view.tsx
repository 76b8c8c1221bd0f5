'use client';

import { useRouter } from 'next/navigation';
import {
  createContext,
  use,
  useEffect,
  useEffectEvent,
  useOptimistic,
  useState,
  useTransition,
  type ReactNode,
} from 'react';
import { listHref, withoutFilters, type ListView } from '../../lib/query-state';

interface ListViewControls {
  /** The view asked for: the URL's, or the one being navigated to. */
  view: ListView;
  /** Whether a new view is on its way (the list shown is the previous one). */
  pending: boolean;
  /** The search and tag boxes as typed (they reach the URL after a pause). */
  typed: { q: string; tag: string };
  type(field: 'q' | 'tag', text: string): void;
  show(patch: Partial<ListView>): void;
  clearFilters(): void;
}

const ListViewContext = createContext<ListViewControls | null>(null);

export function useListView(): ListViewControls {
  const controls = use(ListViewContext);
  if (!controls) throw new Error('useListView needs a ListViewProvider');
  return controls;
}

const TYPING_PAUSE_MS = 300;

/**
 * The list's view lives in the URL: the server renders whatever the URL asks for. Changing it is
 * a navigation; the router shows only the latest one, so answers arriving out of order cannot
 * put an older view on screen.
 */
export function ListViewProvider({
  view: current,
  children,
}: {
  view: ListView;
  children: ReactNode;
}) {
  const router = useRouter();
  const [view, setView] = useOptimistic(current);
  const [typed, setTyped] = useState({ q: current.q, tag: current.tag });
  const [pending, startTransition] = useTransition();

  function show(patch: Partial<ListView>) {
    const next = { ...view, ...patch };
    startTransition(() => {
      setView(next);
      router.replace(listHref(next), { scroll: false });
    });
  }

  // Typing filters after a short pause, not on every key.
  const settle = useEffectEvent(() => {
    if (typed.q !== view.q || typed.tag !== view.tag) show(typed);
  });
  useEffect(() => {
    const timer = setTimeout(settle, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const controls: ListViewControls = {
    view,
    pending,
    typed,
    type: (field, text) => setTyped((before) => ({ ...before, [field]: text })),
    show,
    clearFilters() {
      setTyped({ q: '', tag: '' });
      show(withoutFilters(view));
    },
  };
  return <ListViewContext value={controls}>{children}</ListViewContext>;
}
