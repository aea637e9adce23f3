// How long to wait, in words. Retry-After values come from Webex or from our own limiter.

/** Longest wait we will name; anything above is reported as this (a day). */
const MAX_SECONDS = 86_400;

/** "30 seconds", "1 second"; undefined when the value is not a usable positive number. */
export function secondsPhrase(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const whole = Math.min(Math.ceil(seconds), MAX_SECONDS);
  return whole === 1 ? '1 second' : `${whole} seconds`;
}

/** "in 30 seconds", or a vague "in a little while" when the wait is unknown. */
export function tryAgainIn(seconds: unknown): string {
  const phrase = secondsPhrase(seconds);
  return phrase ? `in ${phrase}` : 'in a little while';
}
