// Org index entries and snapshots for the store tests: plain JSON, no property set to undefined (a
// JSON round trip drops those).
import type { IndexEntry, OrgIndexSnapshot } from '../../src/org-index/types';

export function indexEntry(id: string, name = `Person ${id}`): IndexEntry {
  return {
    id,
    kind: 'person',
    name,
    email: `${id.toLowerCase()}@example.com`,
    locationId: 'L1',
    customNumbers: true,
    numbersFrom: 'own',
    numbers: ['+15550100', null, '+15550102'],
    usage: [['INTERNATIONAL'], [], ['PREMIUM_SERVICES_I']],
    usageFrom: 'location',
    findings: [{ kind: 'numberNotUsed', slot: 3 }],
  };
}

/** An index of `count` people P0, P1, ... whose names carry `tag`. */
export function orgIndexSnapshot(orgKey: string, count: number, tag = 'A', builtAt = 1_700_000_000_000): OrgIndexSnapshot {
  return {
    orgKey,
    startedAt: builtAt - 60_000,
    builtAt,
    complete: true,
    entries: Array.from({ length: count }, (_, i) => indexEntry(`P${i}`, `${tag} ${i}`)),
    locations: [
      { id: 'L1', name: 'Head office', numbers: ['+15550200', null, null] },
      { id: 'L2', numbers: null },
    ],
    workspacesUnsearched: { status: 403, message: 'Forbidden', path: '/workspaces' },
  };
}
