// While Redis is down every call fails; one log line per operation per interval says so without a flood.
import type { Logger } from '../ops/logger';

export const REPORT_INTERVAL_MS = 60_000;

export type ReportError = (operation: string, err: unknown) => void;

export function createErrorReporter(logger: Logger, now: () => number = Date.now, intervalMs = REPORT_INTERVAL_MS): ReportError {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (operation, err) => {
    const entry = last.get(operation);
    const at = now();
    if (entry && at - entry.at < intervalMs) {
      entry.suppressed += 1;
      return;
    }
    last.set(operation, { at, suppressed: 0 });
    // Only the message: ioredis errors can carry the command's arguments (keys, cached values).
    const message = err instanceof Error ? err.message : String(err);
    logger.warn({ operation, error: message, suppressedSinceLast: entry?.suppressed ?? 0 }, 'store.redis_failed');
  };
}
