import { strict as assert } from 'node:assert';
import { AccessGuard } from '../../../src/access/guard';
import { AccessPolicy, type RequesterIdentity } from '../../../src/access/policy';
import { RequesterRateLimiter } from '../../../src/access/rate-limiter';
import { MemoryRateLimitStore } from '../../../src/store';
import { RefusalNotices } from '../../../src/access/refusal-notices';
import { SpaceMembership } from '../../../src/access/space-membership';
import type { Command } from '../../../src/commands/types';
import { HOME_ORG, OTHER_ORG } from './ids';

const eve: RequesterIdentity = { id: 'P-eve', email: 'eve@evil.example', orgId: OTHER_ORG };
const lookup: Command = { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } };

describe('access/RefusalNotices in AccessGuard', () => {
  let now: number;
  function build(store = new MemoryRateLimitStore()) {
    now = Date.parse('2026-03-02T09:00:00Z');
    return new AccessGuard({
      policy: new AccessPolicy({ homeOrgId: HOME_ORG }),
      limiter: new RequesterRateLimiter({ limit: 10, store: new MemoryRateLimitStore() }),
      membership: new SpaceMembership({ listMembers: async () => [] }),
      refusalNotices: new RefusalNotices({ store, now: () => now }),
    });
  }

  it('says "not allowed" once per person per space in five minutes, then refuses quietly', async () => {
    const guard = build();
    const first = await guard.admit({ requester: eve, command: lookup, roomId: 'R1' });
    assert.deepEqual(first, { admitted: false, reason: 'otherOrg', outcome: 'refused.notAllowed', reply: { kind: 'notAllowed' } });
    const again = await guard.admit({ requester: eve, command: lookup, roomId: 'R1' });
    assert.deepEqual(again, { admitted: false, reason: 'otherOrg', outcome: 'refused.notAllowed', quiet: true });
    const otherSpace = await guard.admit({ requester: eve, command: lookup, roomId: 'R2' });
    assert.deepEqual(otherSpace.admitted === false && otherSpace.reply, { kind: 'notAllowed' }, 'another space is told too');
    now += 5 * 60 * 1000 + 1;
    const later = await guard.admit({ requester: eve, command: lookup, roomId: 'R1' });
    assert.deepEqual(later.admitted === false && later.reply, { kind: 'notAllowed' }, 'told again after the window');
  });

  it('tells every time when its store fails, rather than never', async () => {
    const broken = new MemoryRateLimitStore();
    broken.hit = () => Promise.reject(new Error('Redis is down'));
    const guard = build(broken);
    for (let i = 0; i < 2; i++) {
      const decision = await guard.admit({ requester: eve, command: lookup, roomId: 'R1' });
      assert.deepEqual(decision.admitted === false && decision.reply, { kind: 'notAllowed' });
    }
  });
});
