// The framework looks up the sender of every message (people.get). The SDK batches those behind a
// 100 ms wait; this asks GET /people/{id} directly, under the call policy, through the bot's one
// people cache (lookup/people-cache.ts: memory, shared between instances with Redis, concurrent
// look-ups of one person sharing one call), the same cache the look-ups use.
import type { WebexPerson } from '../../webex/types';
import type { AnyFn, Guarded, SdkInstance } from './call-policy';

/** What the sender cache needs of the people cache (PeopleCache has this shape). */
export interface PeopleStore {
  get(key: string): Promise<WebexPerson | undefined>;
  remember(person: WebexPerson): void;
  coalesce<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** The key PeopleCache.idKey gives a person ID in the token's own scope. */
const idKey = (id: string) => `id::${id}`;

export function cacheSenders(sdk: SdkInstance, guarded: Guarded, people: PeopleStore): void {
  const plugin = sdk.people;
  const getPerson = plugin?.get;
  if (!plugin || typeof getPerson !== 'function' || typeof sdk.request !== 'function') return;
  const request = sdk.request.bind(sdk);
  const original = (getPerson as AnyFn).bind(plugin);
  const fetchPerson = (id: string): Promise<WebexPerson> =>
    guarded('people.get', () =>
      (request({ service: 'hydra', resource: `people/${encodeURIComponent(id)}` }) as Promise<{ body: WebexPerson }>).then((res) => res.body),
    );

  plugin.get = (person: unknown) => {
    const id = personIdOf(person);
    if (id === 'me') return guarded('people.me', () => original('me'));
    if (!id) return original(person);
    const key = idKey(id);
    return people.coalesce(key, async () => {
      const known = await people.get(key);
      if (known) return known;
      const body = await fetchPerson(id);
      if (typeof body?.id === 'string') people.remember(body);
      return body;
    });
  };
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
