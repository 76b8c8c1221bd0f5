/**
 * The date `offsetDays` from today in this machine's time zone, as `YYYY-MM-DD`: what a date
 * input in a browser on this machine takes and shows.
 */
export function localIsoDate(offsetDays = 0): string {
  const day = new Date();
  day.setDate(day.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
