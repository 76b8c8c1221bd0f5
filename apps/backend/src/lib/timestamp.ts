// PostgreSQL's text form with the session time zone at UTC: `2026-11-28 04:11:37.123456+00`.
const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/** Turns a timestamptz as the driver returns it into ISO 8601 (`…T04:11:37.123Z`) without a Date. */
export function toIsoTimestamp(value: string): string {
  const match = PG_UTC.exec(value);
  if (!match) return new Date(value).toISOString();
  const millis = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${match[1]}T${match[2]}.${millis}Z`;
}
