// People by id and by email, short-lived and bounded; concurrent identical look-ups share one request.
// With a shared store (Redis, when several instances run) a person one instance resolved is found by
// the others too; this instance's memory stays the first place to look.
import { LRUCache } from 'lru-cache';
import type { WebexPerson } from '../webex/types';

/** String values with a time to live (src/store's KeyValueStore has this shape). */
export interface SharedPeopleStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface PeopleCacheOptions {
  ttlMs: number;
  max?: number;
  shared?: SharedPeopleStore;
  /** Every look-up, for the cache hit ratio metric. */
  onLookup?: (hit: boolean) => void;
}

export class PeopleCache {
  private readonly byKey: LRUCache<string, WebexPerson> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: PeopleCacheOptions) {
    this.byKey = opts.ttlMs > 0 ? new LRUCache<string, WebexPerson>({ max: opts.max ?? 5000, ttl: opts.ttlMs }) : undefined;
  }

  async get(key: string): Promise<WebexPerson | undefined> {
    let found = this.byKey?.get(key);
    if (!found && this.byKey && this.opts.shared) {
      found = parsePerson(await this.opts.shared.get(`people:${key}`).catch(() => undefined));
      if (found) this.byKey.set(key, found);
    }
    this.opts.onLookup?.(found !== undefined);
    return found;
  }

  /** Stores a person under its id and every email, scoped by org so partner look-ups never mix. */
  remember(person: WebexPerson, scope = ''): void {
    if (!this.byKey) return;
    const keys = [PeopleCache.idKey(person.id, scope), ...(person.emails ?? []).map((email) => PeopleCache.emailKey(email, scope))];
    const json = JSON.stringify(person);
    for (const key of keys) {
      this.byKey.set(key, person);
      // Best effort: a shared store that is down only costs other instances a look-up.
      void this.opts.shared?.set(`people:${key}`, json, this.opts.ttlMs).catch(() => undefined);
    }
  }

  /** Runs `load` once for concurrent callers with the same key. */
  coalesce<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const p = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  get size(): number {
    return this.byKey?.size ?? 0;
  }

  static idKey(id: string, scope = ''): string {
    return `id:${scope}:${id}`;
  }

  static emailKey(email: string, scope = ''): string {
    return `email:${scope}:${email.toLowerCase()}`;
  }
}

function parsePerson(json: string | undefined): WebexPerson | undefined {
  if (!json) return undefined;
  try {
    const p = JSON.parse(json) as WebexPerson;
    return typeof p?.id === 'string' && Array.isArray(p.emails) ? p : undefined;
  } catch {
    return undefined;
  }
}
