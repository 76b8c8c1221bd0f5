/** Today's date (YYYY-MM-DD) in the user's own time zone. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A task is overdue when it is not done and its due day is before today. */
export function isOverdue(
  task: { completed: boolean; dueDate: string | null },
  today = localToday(),
): boolean {
  return !task.completed && task.dueDate !== null && task.dueDate < today;
}

/** "Due today", "Due tomorrow", "Overdue since 3 Jan", "Was due 3 Jan" (done), or "Due 14 Feb 2027". */
export function describeDueDate(dueDate: string, today = localToday(), completed = false): string {
  const days = Math.round((Date.parse(dueDate) - Date.parse(today)) / 86_400_000);
  const [year, month, day] = dueDate.split('-').map(Number) as [number, number, number];
  const sameYear = today.startsWith(`${year}-`);
  const label = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days < 0) return completed ? `Was due ${label}` : `Overdue since ${label}`;
  return `Due ${label}`;
}

/** "3 of 12 left", "All 12 done", "No tasks yet". */
export function describeProgress(pending: number, total: number): string {
  if (total === 0) return 'No tasks yet';
  if (pending === 0) return `All ${total} done`;
  return `${pending} of ${total} left`;
}

/** "home, errands" → ["home", "errands"], the way the API will normalise them. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}
