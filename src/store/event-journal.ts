// Without Redis, the handled-event memory would die with the process, and a delivery replayed after a
// restart would be answered again (no timestamp is signed). When the deployment has a state directory
// (TOKEN_STORE_FILE's), handled event keys are appended to a journal there and read back at start.
// One JSON line per key, [expiresAtEpochMs, key]; rewritten with only live keys at start and when it
// has grown to twice what is live. Written with mode 0600 like the token store.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../ops/logger';
import { MemoryEventMemory } from './memory-stores';

export const EVENT_JOURNAL_FILE_NAME = 'handled-webhook-events.jsonl';
const MIN_COMPACT_LINES = 1_000;

export interface EventJournalOptions {
  file: string;
  ttlMs: number;
  maxKeys: number;
  logger: Logger;
  now?: () => number;
}

export class JournaledEventMemory {
  private readonly memory: MemoryEventMemory;
  private readonly now: () => number;
  private lines = 0;
  private writing: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(private readonly options: EventJournalOptions) {
    this.memory = new MemoryEventMemory(options.ttlMs, options.maxKeys);
    this.now = options.now ?? Date.now;
    this.load();
    this.compact();
  }

  async seen(key: string): Promise<boolean> {
    if (this.memory.seenNow(key)) return true;
    this.append(key, this.now() + this.options.ttlMs);
    return false;
  }

  /** Resolves once everything seen so far is on disk (or failed to be). */
  flushed(): Promise<void> {
    return this.writing;
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.options.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.report('read', err);
      return;
    }
    const now = this.now();
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      // A clock that went back, or a file written with a longer TTL, must not keep a key longer than ttlMs.
      if (entry) this.memory.remember(entry.key, Math.min(entry.expiresAt - now, this.options.ttlMs));
    }
  }

  private compact(): void {
    const now = this.now();
    const live = this.memory.remembered();
    const body = live.map(([key, ms]) => JSON.stringify([now + ms, key]) + '\n').join('');
    // Unique even across containers that all run as pid 1 and share the directory.
    const temp = `${this.options.file}.${randomUUID()}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.options.file), { recursive: true });
      fs.writeFileSync(temp, body, { mode: 0o600 });
      fs.renameSync(temp, this.options.file);
      this.lines = live.length;
    } catch (err) {
      this.report('write', err);
    }
  }

  private append(key: string, expiresAt: number): void {
    const line = JSON.stringify([expiresAt, key]) + '\n';
    this.writing = this.writing.then(async () => {
      try {
        await fs.promises.appendFile(this.options.file, line, { mode: 0o600 });
        this.lines++;
        if (this.lines > Math.max(MIN_COMPACT_LINES, 2 * this.memory.size)) this.compact();
      } catch (err) {
        this.report('write', err);
      }
    });
  }

  /** Said once: a journal that cannot be written leaves the bot working from memory, as without one. */
  private report(op: 'read' | 'write', err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const code = (err as NodeJS.ErrnoException)?.code;
    this.options.logger.warn({ file: this.options.file, op, code }, 'store.event_journal_failed: handled events are kept in memory only');
  }
}

function parseLine(line: string): { expiresAt: number; key: string } | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return { expiresAt: value[0], key: value[1] };
  } catch {
    // A line cut short by a crash: skip it.
  }
  return undefined;
}
