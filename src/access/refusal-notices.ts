// "Sorry, I only answer people in the organization I serve" is said once per person per space per
// window, then refusals are silent (still audited): every post spends the bot token's rate limit, and
// an outsider repeating themselves must not be able to spend it (a 429 would hold help-desk replies).
import type { RateLimitStore } from './rate-limiter';

export const DEFAULT_REFUSAL_NOTICE_WINDOW_MS = 5 * 60 * 1000;

export interface RefusalNoticesOptions {
  /** Shared between instances when REDIS_URL is set, so the notice is said once across all of them. */
  store: RateLimitStore;
  windowMs?: number;
  now?: () => number;
  onStoreError?: (err: unknown) => void;
}

export class RefusalNotices {
  private readonly windowMs: number;

  constructor(private readonly options: RefusalNoticesOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_REFUSAL_NOTICE_WINDOW_MS;
  }

  /** True for the first refusal of this person in this space within the window. */
  async shouldTell(personId: string, roomId: string): Promise<boolean> {
    const now = (this.options.now ?? Date.now)();
    try {
      const hit = await this.options.store.hit(`refusal:${personId}:${roomId}`, this.windowMs, now);
      return hit.count === 1;
    } catch (err) {
      // Telling twice is better than never telling someone why they get no answer.
      this.options.onStoreError?.(err);
      return true;
    }
  }
}
