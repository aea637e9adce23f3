// One gate for every Webex call the process makes. It caps concurrency and rate (defaults high so
// it is a safety net, not the bottleneck) and, when Webex answers 429 with Retry-After, holds
// every call that has not started yet until that time, so the whole process backs off together
// instead of each request collecting its own 429.
//
// Written here rather than on a queue library: it sits on every Webex call of every command, and a
// call that may start does start synchronously (Bottleneck, measured, added about 5 ms a call by
// yielding to the event loop between its steps).
import { WebexApiError } from './errors';
import { TIMEOUT_MESSAGE } from './neutral-messages';

export interface RateGateOptions {
  /** Calls in flight at once. Default 16. */
  maxConcurrent?: number;
  /**
   * Calls started in any window of 1.05 s, at most (so never more in any second, with 50 ms to spare
   * for the network's jitter between a call leaving and Webex counting it); a whole number, 1..10,000.
   * Default 100; 0 or Infinity = no limit.
   */
  maxPerSecond?: number;
}

export interface RateGateStats {
  /** Calls waiting for a free slot. */
  queued: number;
  /** Calls running. */
  running: number;
  /** Queued calls that wait because of a hold. */
  held: number;
  /** Epoch ms when the current hold ends; undefined when not holding. */
  heldUntil?: number;
}

export interface ScheduleOptions {
  /**
   * Epoch ms the caller must be done by. When a hold lasts past it, the call fails at once with a 429
   * that says how long to wait, instead of sitting in the queue until the caller has given up; a call
   * still waiting for the window or a free slot when it passes fails then, as a time-out.
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

/**
 * A rolling window rather than a token bucket: a bucket of one second's calls lets twice that many
 * start in the first second, which a rolling limit (the emulator's; Webex does not publish the shape
 * of its own) answers with 429s. Measured: the org-index build at 10,000 users ran at 81 % of the
 * limit on a bucket, 95 % on this window. The 50 ms are for jitter: at exactly 1,000 ms, calls that
 * left a second apart sometimes arrived less than a second apart.
 */
const WINDOW_MS = 1050;

export const RATE_GATE_STOPPED_MESSAGE = 'Webex calls stopped: the bot is shutting down';

interface Job {
  start(): void;
  reject(err: unknown): void;
  deadline?: number;
}

export function createRateGate(options: RateGateOptions = {}): RateGate {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 16);
  const perSecond = options.maxPerSecond ?? 100;
  const limited = perSecond > 0 && Number.isFinite(perSecond);
  // When each of the last `ceiling` calls started, oldest at `oldest` (a ring): a call may start once
  // the oldest of them is WINDOW_MS ago, so no such window ever holds more than `ceiling` starts.
  const ceiling = limited ? Math.min(10_000, Math.max(1, Math.floor(perSecond))) : 0;
  const starts = new Array<number>(ceiling).fill(-Infinity);
  let oldest = 0;
  const queue: Job[] = [];
  const idle: Array<() => void> = [];
  let running = 0;
  let heldUntil = 0;
  let holdTrackingId: string | undefined;
  let wakeAt = 0;
  let wakeTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  function heldPast(deadline: number | undefined, now: number): WebexApiError | undefined {
    if (deadline === undefined || heldUntil <= now || heldUntil <= deadline) return undefined;
    return new WebexApiError({
      status: 429,
      message: 'Webex asked for a pause before further calls',
      retryAfterSeconds: Math.max(1, Math.ceil((heldUntil - now) / 1000)),
      trackingId: holdTrackingId,
    });
  }

  function wakeUpAt(at: number): void {
    if (wakeTimer && wakeAt <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      pump();
    }, Math.max(0, at - Date.now()));
  }

  /** Starts every queued call that may start now, in order; sets a timer for the rest. */
  function pump(): void {
    while (queue.length > 0 && running < maxConcurrent && !stopped) {
      const now = Date.now();
      if (now < heldUntil) return wakeUpAt(heldUntil);
      if (limited) {
        const freeAt = starts[oldest] + WINDOW_MS;
        if (now < freeAt) return wakeUpAt(freeAt);
        starts[oldest] = now;
        oldest = (oldest + 1) % ceiling;
      }
      (queue.shift() as Job).start();
    }
    if (running === 0 && queue.length === 0) idle.splice(0).forEach((resolve) => resolve());
  }

  function schedule<T>(fn: () => Promise<T>, opts: ScheduleOptions = {}): Promise<T> {
    if (stopped) return Promise.reject(new Error(RATE_GATE_STOPPED_MESSAGE));
    const early = heldPast(opts.deadline, Date.now());
    if (early) return Promise.reject(early);
    return new Promise<T>((resolve, reject) => {
      let late: NodeJS.Timeout | undefined;
      let started = false;
      const job: Job = {
        deadline: opts.deadline,
        // Dropped by a hold or stop(): its own time-out is not needed any more.
        reject: (err) => {
          clearTimeout(late);
          reject(err);
        },
        start: () => {
          started = true;
          clearTimeout(late);
          running += 1;
          let result: Promise<T>;
          try {
            result = Promise.resolve(fn());
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(resolve, reject).finally(() => {
            running -= 1;
            pump();
          });
        },
      };
      queue.push(job);
      pump();
      // Still waiting (for the window or a free slot): it does not start after its caller's deadline.
      if (opts.deadline !== undefined && !started) {
        late = setTimeout(() => {
          const at = queue.indexOf(job);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(new WebexApiError({ status: 0, kind: 'timeout', message: TIMEOUT_MESSAGE }));
        }, Math.max(0, opts.deadline - Date.now()));
      }
    });
  }

  function holdFor(seconds: number, cause?: { trackingId?: string }): void {
    if (!(seconds > 0)) return;
    const now = Date.now();
    const until = now + seconds * 1000;
    if (until <= heldUntil) return;
    heldUntil = until;
    holdTrackingId = cause?.trackingId;
    // Queued calls whose caller cannot wait that long are told at once.
    for (let i = queue.length - 1; i >= 0; i--) {
      const error = heldPast(queue[i].deadline, now);
      if (error) queue.splice(i, 1)[0].reject(error);
    }
    if (queue.length > 0) wakeUpAt(heldUntil);
  }

  return {
    schedule,
    holdFor,
    async stop(): Promise<void> {
      stopped = true;
      heldUntil = 0;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = undefined;
      queue.splice(0).forEach((job) => job.reject(new Error(RATE_GATE_STOPPED_MESSAGE)));
      if (running > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
    stats(): RateGateStats {
      const holding = heldUntil > Date.now();
      return {
        queued: queue.length,
        running,
        held: holding ? queue.length : 0,
        heldUntil: holding ? heldUntil : undefined,
      };
    },
  };
}
