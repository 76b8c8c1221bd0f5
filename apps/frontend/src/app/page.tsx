import { redirect } from 'next/navigation';
import { TaskBoard } from '../features/tasks/task-board';
import { currentUser } from '../lib/session';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await currentUser();
  if (!user) {
    const query = new URLSearchParams(
      Object.entries(await searchParams).flatMap(([key, value]) =>
        typeof value === 'string' ? [[key, value]] : [],
      ),
    ).toString();
    redirect(`/signin?next=${encodeURIComponent(query ? `/?${query}` : '/')}`);
  }
  return <TaskBoard email={user.email} />;
}
