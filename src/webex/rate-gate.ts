// One gate for every Webex call the process makes. It caps concurrency and rate (defaults high so
// it is a safety net, not the bottleneck) and, when Webex answers 429 with Retry-After, holds
// every call that has not started yet until that time, so the whole process backs off together
// instead of each request collecting its own 429.
import Bottleneck from 'bottleneck';
import { WebexApiError } from './errors';

export interface RateGateOptions {
  /** Calls in flight at once. Default 16. */
  maxConcurrent?: number;
  /** Calls started per second, at most. Default 100; 0 or Infinity = no limit. */
  maxPerSecond?: number;
}

export interface RateGateStats {
  /** Calls waiting for a free slot. */
  queued: number;
  /** Calls holding a slot (running, or waiting for a hold to end). */
  running: number;
  /** Calls waiting for a hold to end. */
  held: number;
  /** Epoch ms when the current hold ends; undefined when not holding. */
  heldUntil?: number;
}

export interface ScheduleOptions {
  /**
   * Epoch ms the caller must be done by. When a hold lasts past it, the call fails at once with a 429
   * that says how long to wait, instead of sitting in the queue until the caller has given up.
   */
  deadline?: number;
}

export interface RateGate {
  schedule<T>(fn: () => Promise<T>, opts?: ScheduleOptions): Promise<T>;
  /** No call starts before now + seconds. A shorter hold never shortens a longer one. */
  holdFor(seconds: number, cause?: { trackingId?: string }): void;
  /** Ends any hold, drops calls still queued, waits for running ones. */
  stop(): Promise<void>;
  stats(): RateGateStats;
}

export const RATE_GATE_STOPPED_MESSAGE = 'Webex calls stopped: the bot is shutting down';

/** How often the per-second allowance is topped up (Bottleneck checks its reservoir on a heartbeat). */
const REFILL_INTERVAL_MS = 250;

/**
 * The per-second ceiling as a token bucket: up to maxPerSecond calls may start at once, and the
 * allowance refills evenly. Unlike a fixed spacing between calls, it adds no delay to calls that
 * are well under the ceiling (two reads started together run together).
 */
function ceilingOptions(maxPerSecond: number): Bottleneck.ConstructorOptions {
  if (!(maxPerSecond > 0) || !Number.isFinite(maxPerSecond)) return {};
  return {
    reservoir: maxPerSecond,
    reservoirIncreaseAmount: Math.max(1, Math.ceil((maxPerSecond * REFILL_INTERVAL_MS) / 1000)),
    reservoirIncreaseInterval: REFILL_INTERVAL_MS,
    reservoirIncreaseMaximum: maxPerSecond,
  };
}

export function createRateGate(options: RateGateOptions = {}): RateGate {
  const limiter = new Bottleneck({
    maxConcurrent: options.maxConcurrent ?? 16,
    ...ceilingOptions(options.maxPerSecond ?? 100),
  });

  let heldUntil = 0;
  let heldCount = 0;
  let releaseTimer: NodeJS.Timeout | undefined;
  let released: Promise<void> | undefined;
  let resolveReleased: (() => void) | undefined;

  function release(): void {
    if (releaseTimer) clearTimeout(releaseTimer);
    releaseTimer = undefined;
    heldUntil = 0;
    const resolve = resolveReleased;
    released = undefined;
    resolveReleased = undefined;
    resolve?.();
  }

  let holdTrackingId: string | undefined;

  function holdFor(seconds: number, cause?: { trackingId?: string }): void {
    if (!(seconds > 0)) return;
    const until = Date.now() + seconds * 1000;
    if (until <= heldUntil) return;
    heldUntil = until;
    holdTrackingId = cause?.trackingId;
    if (!released) released = new Promise<void>((resolve) => (resolveReleased = resolve));
    if (releaseTimer) clearTimeout(releaseTimer);
    releaseTimer = setTimeout(release, until - Date.now());
  }

  function failIfHeldPast(deadline: number | undefined): void {
    if (deadline === undefined || !released || heldUntil <= deadline) return;
    throw new WebexApiError({
      status: 429,
      message: 'Webex asked for a pause before further calls',
      retryAfterSeconds: Math.max(1, Math.ceil((heldUntil - Date.now()) / 1000)),
      trackingId: holdTrackingId,
    });
  }

  async function waitWhileHeld(deadline: number | undefined): Promise<void> {
    // Loop: another 429 may extend the hold while we wait.
    while (released && Date.now() < heldUntil) {
      failIfHeldPast(deadline);
      heldCount += 1;
      try {
        await released;
      } finally {
        heldCount -= 1;
      }
    }
  }

  return {
    schedule<T>(fn: () => Promise<T>, opts: ScheduleOptions = {}): Promise<T> {
      try {
        failIfHeldPast(opts.deadline);
      } catch (err) {
        return Promise.reject(err);
      }
      return limiter.schedule(async () => {
        await waitWhileHeld(opts.deadline);
        return fn();
      });
    },
    holdFor,
    async stop(): Promise<void> {
      release();
      await limiter.stop({ dropWaitingJobs: true, dropErrorMessage: RATE_GATE_STOPPED_MESSAGE, enqueueErrorMessage: RATE_GATE_STOPPED_MESSAGE });
    },
    stats(): RateGateStats {
      const counts = limiter.counts();
      return {
        queued: counts.RECEIVED + counts.QUEUED,
        running: counts.RUNNING + counts.EXECUTING,
        held: heldCount,
        heldUntil: heldUntil > 0 ? heldUntil : undefined,
      };
    },
  };
}
