// A rolling one-second window, like the "too many requests" Webex answers with 429 + Retry-After.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RollingRateLimiter {
  private perSecond: number | null = null;
  private accepted: number[] = [];

  constructor(private readonly clock: () => Date) {}

  setLimit(perSecond: number | null): void {
    this.perSecond = perSecond;
    this.accepted = [];
  }

  get limit(): number | null {
    return this.perSecond;
  }

  check(): RateDecision {
    if (this.perSecond === null) return { allowed: true };
    const now = this.clock().getTime();
    this.accepted = this.accepted.filter((t) => now - t < 1000);
    if (this.accepted.length < this.perSecond) {
      this.accepted.push(now);
      return { allowed: true };
    }
    const waitMs = this.accepted[0] + 1000 - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
