// Owns what start and stop share: whether events are still taken, the work in flight, readiness.
import type { Logger } from '../ops/logger';
import { redactForLog } from '../webex/redact';

export const SHUTDOWN_GRACE_MS = 10_000;

export class Lifecycle {
  private readonly inFlight = new Set<Promise<unknown>>();
  private taking = true;
  private startedUp = false;

  constructor(private readonly logger: Logger) {}

  /** False once stop has begun: new events are not taken. */
  get accepting(): boolean {
    return this.taking;
  }

  /** Set once the admin token is verified, the framework runs and the webhooks exist. */
  markStarted(): void {
    this.startedUp = true;
  }

  isReady(frameworkActive: boolean): boolean {
    return this.startedUp && this.taking && frameworkActive;
  }

  /** Keeps `work` until it settles, so stop can wait for it; a rejection is logged, never unhandled. */
  track(work: Promise<unknown>): void {
    const settled = work.catch((err) => this.logger.error({ err: redactForLog(err) }, 'handler.unexpected_rejection'));
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /** Stops taking events and waits for the work in flight, at most `graceMs`. */
  async drain(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.taking = false;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }
}
