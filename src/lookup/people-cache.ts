// People by id and by email, short-lived and bounded; concurrent identical look-ups share one request.
import { LRUCache } from 'lru-cache';
import type { WebexPerson } from '../webex/types';

export interface PeopleCacheOptions {
  ttlMs: number;
  max?: number;
}

export class PeopleCache {
  private readonly byKey: LRUCache<string, WebexPerson> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  hits = 0;
  misses = 0;

  constructor(opts: PeopleCacheOptions) {
    this.byKey = opts.ttlMs > 0 ? new LRUCache<string, WebexPerson>({ max: opts.max ?? 5000, ttl: opts.ttlMs }) : undefined;
  }

  get(key: string): WebexPerson | undefined {
    const found = this.byKey?.get(key);
    if (found) this.hits++;
    else this.misses++;
    return found;
  }

  /** Stores a person under its id and every email, scoped by org so partner look-ups never mix. */
  remember(person: WebexPerson, scope = ''): void {
    if (!this.byKey) return;
    this.byKey.set(PeopleCache.idKey(person.id, scope), person);
    for (const email of person.emails ?? []) this.byKey.set(PeopleCache.emailKey(email, scope), person);
  }

  /** Runs `load` once for concurrent callers with the same key. */
  coalesce<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const p = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  clear(): void {
    this.byKey?.clear();
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
