// Reading the emulator's request log: which Webex calls the bot made (its own token and the admin token).
import type { RequestRecord } from '../sandbox/emulator';

/** Calls made with the bot's or the admin's token; the bench's own requests use neither during scenarios. */
export function webexCalls(records: readonly RequestRecord[]): RequestRecord[] {
  return records.filter((r) => r.role === 'bot' || r.role === 'admin');
}

/** One call as a short label, e.g. "bot messages.get" or "admin transferNumbers.get 429". */
export function callLabel(r: RequestRecord): string {
  return `${r.role} ${r.route}${r.status === 200 || r.status === 204 ? '' : ` ${r.status}`}`;
}

/** How often each sequence of calls occurred, most frequent first: shows exactly where calls come from. */
export function callPatterns(commands: readonly RequestRecord[][]): Array<{ count: number; calls: string[] }> {
  const byKey = new Map<string, { count: number; calls: string[] }>();
  for (const calls of commands) {
    const labels = calls.map(callLabel);
    const key = labels.join(' → ');
    const entry = byKey.get(key) ?? { count: 0, calls: labels };
    entry.count++;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/** Epoch ms when the call started and ended. */
export function callSpan(r: RequestRecord): { start: number; end: number } {
  const start = Date.parse(r.at);
  return { start, end: start + r.durationMs };
}
