import { signOut } from '../auth/actions';
import type { ListView } from '../../lib/query-state';
import { ListControls } from './list-controls';
import { ListViewProvider } from './list-view';
import type { ListResult } from './list-tasks';
import { NotificationsProvider } from './notifications';
import { TaskForm } from './task-form';
import { Progress, TaskResults } from './task-results';

/**
 * The task page, rendered on the server from the URL. One request to the API brings the page
 * of tasks and the counts (app/page.tsx makes it, beside the session check). The list is in the first HTML, not streamed in behind a Suspense
 * fallback: streamed content needs JavaScript to appear, and this page works without it. While
 * a new view loads, the old list stays, marked busy (ListViewProvider).
 */
export function TaskBoard({
  email,
  view,
  pages,
  list,
}: {
  email: string;
  view: ListView;
  pages: number;
  list: ListResult;
}) {
  return (
    <NotificationsProvider>
      <ListViewProvider view={view}>
        <div className="board">
          <header className="board-header">
            <div>
              <h1>Your tasks</h1>
              <Progress list={list} />
            </div>
            <div className="account">
              <span className="email">{email}</span>
              <a href="/account">Account</a>
              <form action={signOut}>
                <button type="submit">Sign out</button>
              </form>
            </div>
          </header>

          <TaskForm />

          <section aria-label="Tasks" className="list-section">
            <ListControls />
            <TaskResults list={list} view={view} pages={pages} />
          </section>
        </div>
      </ListViewProvider>
    </NotificationsProvider>
  );
}
