// The command parser runs for every message of an allowed agent (outsiders are refused before their
// text is read) and holds the event loop while it runs, so it must stay cheap on hostile text. This fuzzes it with messages as long as Webex allows (7,439
// bytes), built to trip backtracking (runs of the characters trimmed at the ends, unclosed markdown
// links, repeated "in org", an unclosed "<…@…" address after a name), plus random text, and reports
// the slowest message.
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parseCardSubmit, parseCommand } from '../../src/commands';
import { figure, type Figure } from '../figures';
import { round } from '../stats';

export const MAX_MESSAGE_BYTES = 7_439;
/** One message may cost at most this much of the parser's time (the event loop serves everyone). */
export const PARSE_BUDGET_MS = 10;

const BOT = { botNames: ['Transfer Bot'] };

/** Text of exactly the longest message length, made of `unit` repeated after `prefix`. */
function filled(prefix: string, unit: string, suffix = 'x'): string {
  const room = MAX_MESSAGE_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
  const times = Math.max(0, Math.floor(room / Buffer.byteLength(unit)));
  return prefix + unit.repeat(times) + suffix;
}

// "Alice <": a word before an address in <> makes the parser ask whether the name is only its label.
const PREFIXES = ['transfer numbers for ', 'who transfers to ', 'Transfer Bot transfer numbers for ', 'transfer numbers for Alice <', ''];
const UNITS = ['>', '.', ',;', '…', ')', '"', '[a](', '[', ' in org ', 'a.', 'a@', 'a@b.', ' and ', '<a@b.c> ', '  ', '-', '+1 ', 'Y2lzY29zcGFyazovL'];

export function hostileMessages(): string[] {
  const messages: string[] = [];
  for (const prefix of PREFIXES) for (const unit of UNITS) messages.push(filled(prefix, unit), filled(prefix, unit, ''));
  const random = fc.sample(fc.string({ unit: fc.constantFrom(...'>.,;…)"[]()<@ a-_in org'.split('')), minLength: 7_000, maxLength: 7_400 }), { numRuns: 50, seed: 7 });
  for (const text of random) messages.push(`transfer numbers for ${text}`);
  return messages;
}

export interface ParseFuzzResult {
  figures: Figure[];
  details: { messages: number; slowestMs: number; slowestSample: string; medianMs: number };
}

export function measureParseFuzz(): ParseFuzzResult {
  const messages = hostileMessages();
  const times: Array<{ ms: number; text: string }> = [];
  for (const text of messages) {
    // The slowest of three runs would hide nothing: take the fastest, to keep GC pauses out.
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      parseCommand(text, BOT);
      parseCardSubmit({ action: 'lookup', target: text, orgId: text });
      best = Math.min(best, performance.now() - started);
    }
    times.push({ ms: best, text });
  }
  times.sort((a, b) => a.ms - b.ms);
  const slowest = times[times.length - 1];
  const median = times[Math.floor(times.length / 2)];
  return {
    figures: [figure(`Parsing a hostile ${MAX_MESSAGE_BYTES}-byte message, slowest of ${times.length}`, round(slowest.ms, 2), 'ms', 'atMost', PARSE_BUDGET_MS)],
    details: { messages: times.length, slowestMs: round(slowest.ms, 3), slowestSample: slowest.text.slice(0, 60), medianMs: round(median.ms, 3) },
  };
}
