// Per-requester look-up limit (RATE_LIMIT_PER_MINUTE), so nobody can walk the directory through the bot.
// Fixed windows: each requester gets `limit` look-ups per window that starts at their first look-up,
// so a burst straddling two windows can reach 2 × limit within one window's length; that is the
// price of a store a shared Redis can implement with INCR + PEXPIRE.
import type { RateLimitStore } from '../store/types';

export type { RateLimitStore };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RequesterRateLimiterOptions {
  /** Look-ups per window per requester. */
  limit: number;
  windowMs?: number;
  store: RateLimitStore;
  now?: () => number;
  /**
   * Called when the store fails (e.g. Redis is down). The limiter then allows the look-up: a broken
   * limiter must not stop the help desk; the policy still decides who may ask at all.
   */
  onStoreError?: (err: unknown) => void;
}

export const DEFAULT_RATE_WINDOW_MS = 60_000;
const KEY_PREFIX = 'lookups:';

export class RequesterRateLimiter {
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RequesterRateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error('RequesterRateLimiter: limit must be a whole number ≥ 1');
    this.windowMs = options.windowMs ?? DEFAULT_RATE_WINDOW_MS;
    if (!(this.windowMs > 0)) throw new Error('RequesterRateLimiter: windowMs must be positive');
    this.now = options.now ?? Date.now;
  }

  /**
   * Counts `cost` look-ups by `requesterId` (one per person asked for) and says whether they may go
   * ahead. Refused attempts count too: the store cannot take back a hit, and the window still ends on time.
   */
  async take(requesterId: string, cost = 1): Promise<RateDecision> {
    const now = this.now();
    const amount = Number.isInteger(cost) && cost > 0 ? cost : 1;
    let window: { count: number; resetAt: number };
    try {
      window = await this.options.store.hit(KEY_PREFIX + requesterId, this.windowMs, now, amount);
    } catch (err) {
      this.options.onStoreError?.(err);
      return { allowed: true };
    }
    if (window.count <= this.options.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }
}
