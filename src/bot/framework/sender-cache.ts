// The framework looks up the sender of every message (people.get). The SDK batches those behind a
// 100 ms wait; this asks GET /people/{id} directly, under the call policy, and remembers people for a
// while, in memory and (with Redis) shared between instances. Concurrent look-ups of one person share
// one call.
import { LRUCache } from 'lru-cache';
import type { AnyFn, Guarded, SdkInstance } from './call-policy';

export interface SharedPeople {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface SenderCacheOptions {
  ttlMs: number;
  shared?: SharedPeople;
  onCacheLookup?: (hit: boolean) => void;
}

type Person = Record<string, unknown>;

export function cacheSenders(sdk: SdkInstance, guarded: Guarded, opts: SenderCacheOptions): void {
  const plugin = sdk.people;
  const getPerson = plugin?.get;
  if (!plugin || typeof getPerson !== 'function' || typeof sdk.request !== 'function') return;
  const request = sdk.request.bind(sdk);
  const original = (getPerson as AnyFn).bind(plugin);
  const people = new LRUCache<string, Person>({ max: 5000, ttl: Math.max(1, opts.ttlMs) });
  const fetching = new Map<string, Promise<Person>>();
  const fetchPerson = (id: string): Promise<Person> =>
    guarded('people.get', () => (request({ service: 'hydra', resource: `people/${encodeURIComponent(id)}` }) as Promise<{ body: Person }>).then((res) => res.body));

  plugin.get = (person: unknown) => {
    const id = personIdOf(person);
    if (id === 'me') return guarded('people.me', () => original('me'));
    if (!id) return original(person);
    const hit = people.get(id);
    if (hit) {
      opts.onCacheLookup?.(true);
      return Promise.resolve(hit);
    }
    const running = fetching.get(id);
    if (running) return running;
    const key = `sender:${id}`;
    const fromShared = opts.shared ? opts.shared.get(key).then(parseJson, () => undefined) : Promise.resolve(undefined);
    const p = fromShared
      .then(async (known) => {
        opts.onCacheLookup?.(known !== undefined);
        if (known) return known;
        const body = await fetchPerson(id);
        void opts.shared?.set(key, JSON.stringify(body), opts.ttlMs).catch(() => undefined);
        return body;
      })
      .then((body) => {
        people.set(id, body);
        return body;
      })
      .finally(() => fetching.delete(id));
    fetching.set(id, p);
    return p;
  };
}

function parseJson(json: string | undefined): Person | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as Person) : undefined;
  } catch {
    return undefined;
  }
}

function personIdOf(person: unknown): string | undefined {
  if (typeof person === 'string') return person;
  if (typeof person === 'object' && person !== null) {
    const p = person as { personId?: unknown; id?: unknown };
    if (typeof p.personId === 'string') return p.personId;
    if (typeof p.id === 'string') return p.id;
  }
  return undefined;
}
