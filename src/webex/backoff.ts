// Exponential backoff with "full jitter": a random wait in [0, min(cap, base * 2^(n-1))), so many
// callers failing together do not come back together.

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns a number in [0, 1). */
  random(): number;
}

/** Delay before retry number `retryNumber` (1 for the first retry). */
export function fullJitterDelayMs(retryNumber: number, opts: BackoffOptions): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(opts.random() * ceiling);
}
