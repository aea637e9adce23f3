import { strict as assert } from 'node:assert';
import { PeopleCache, type SharedPeopleStore } from '../../../src/lookup/people-cache';
import type { WebexPerson } from '../../../src/webex/types';

const alice: WebexPerson = { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice Anderson', orgId: 'ORG' };

function sharedStore(): SharedPeopleStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
  };
}

describe('lookup/PeopleCache', () => {
  it('finds a person another instance resolved through the shared store, by id and by email', async () => {
    const shared = sharedStore();
    const first = new PeopleCache({ ttlMs: 60_000, shared });
    first.remember(alice);
    await new Promise((r) => setImmediate(r));
    const seen: boolean[] = [];
    const second = new PeopleCache({ ttlMs: 60_000, shared, onLookup: (hit) => seen.push(hit) });
    assert.deepEqual(await second.get(PeopleCache.emailKey('ALICE@example.com')), alice);
    assert.deepEqual(await second.get(PeopleCache.idKey('P-ALICE')), alice);
    assert.deepEqual(seen, [true, true], 'both count as hits');
  });

  it('keeps partner orgs apart and treats a failing or garbled shared store as a miss', async () => {
    const shared = sharedStore();
    const cache = new PeopleCache({ ttlMs: 60_000, shared });
    cache.remember(alice, 'CUSTOMER');
    assert.equal(await new PeopleCache({ ttlMs: 60_000, shared }).get(PeopleCache.idKey('P-ALICE')), undefined);
    shared.data.set(`people:${PeopleCache.idKey('P-X')}`, '{not json');
    assert.equal(await new PeopleCache({ ttlMs: 60_000, shared }).get(PeopleCache.idKey('P-X')), undefined);
    const broken: SharedPeopleStore = { get: async () => Promise.reject(new Error('down')), set: async () => Promise.reject(new Error('down')) };
    const resilient = new PeopleCache({ ttlMs: 60_000, shared: broken });
    resilient.remember(alice);
    assert.deepEqual(await resilient.get(PeopleCache.idKey('P-ALICE')), alice, 'memory still answers');
    assert.equal(await resilient.get(PeopleCache.idKey('P-NOBODY')), undefined);
  });

  it('reports every look-up for the hit-ratio metric', async () => {
    const seen: boolean[] = [];
    const cache = new PeopleCache({ ttlMs: 60_000, onLookup: (hit) => seen.push(hit) });
    await cache.get(PeopleCache.idKey('P-ALICE'));
    cache.remember(alice);
    await cache.get(PeopleCache.idKey('P-ALICE'));
    assert.deepEqual(seen, [false, true]);
  });
});
