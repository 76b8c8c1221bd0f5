import { redirect } from 'next/navigation';
import { listTasks } from '../features/tasks/list-tasks';
import { TaskBoard } from '../features/tasks/task-board';
import { ApiError } from '../lib/api-error';
import { listHref, pagesFromParams, searchParamsOf, viewFromParams } from '../lib/query-state';
import { currentUser } from '../lib/session';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = searchParamsOf(await searchParams);
  const view = viewFromParams(params);
  const pages = pagesFromParams(params);
  const [user, list] = await Promise.all([
    // An unreachable API is shown where the list would be, not as an error page.
    currentUser().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 0) return undefined;
      throw error;
    }),
    listTasks(view, pages),
  ]);
  if (user === null) redirect(`/signin?next=${encodeURIComponent(listHref(view, pages))}`);
  return <TaskBoard email={user?.email ?? ''} view={view} pages={pages} list={list} />;
}
