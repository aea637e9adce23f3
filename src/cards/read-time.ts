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

/** "Read at HH:MM UTC", with the date added when `readAt` is not on the same UTC day as `now`. */
export function formatReadAt(readAt: Date, now: Date = new Date()): string {
  if (!isValidDate(readAt)) return 'Read time unknown';
  const time = `${twoDigits(readAt.getUTCHours())}:${twoDigits(readAt.getUTCMinutes())} UTC`;
  const sameDay = !isValidDate(now) || utcDay(now) === utcDay(readAt);
  return sameDay ? `Read at ${time}` : `Read at ${time} on ${utcDay(readAt)}`;
}
