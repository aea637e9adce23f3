// "Read at 14:03 UTC": when the numbers were read from Webex, so the agent knows how fresh they are.

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function utcDay(date: Date): string {
  return `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

/** "14:03 UTC", with " on 2024-05-01" added when `time` is not on the same UTC day as `now`; undefined for a bad date. */
export function utcTimeWords(time: Date, now: Date = new Date()): string | undefined {
  if (!isValidDate(time)) return undefined;
  const clock = `${twoDigits(time.getUTCHours())}:${twoDigits(time.getUTCMinutes())} UTC`;
  const sameDay = !isValidDate(now) || utcDay(now) === utcDay(time);
  return sameDay ? clock : `${clock} on ${utcDay(time)}`;
}

/** "Read at HH:MM UTC", with the date added when `readAt` is not on the same UTC day as `now`. */
export function formatReadAt(readAt: Date, now: Date = new Date()): string {
  const when = utcTimeWords(readAt, now);
  return when ? `Read at ${when}` : 'Read time unknown';
}
