import { strict as assert } from 'node:assert';
import { askedOfCard, auditFieldsOf } from '../../../src/access/audit-fields';
import type { Reply } from '../../../src/cards/types';
import type { PersonSummary } from '../../../src/lookup/types';
import { WebexApiError } from '../../../src/webex/errors';

const alice: PersonSummary = { id: 'P-alice', displayName: 'Alice Anderson', email: 'alice@example.com', orgId: 'O-1' };
const target = { kind: 'email', email: 'alice@example.com' } as const;

function apiError(status: number, trackingId?: string): WebexApiError {
  return new WebexApiError({ status, message: 'failed', trackingId });
}

describe('access/auditFieldsOf', () => {
  it('names the resolved person of a found result', () => {
    const reply: Reply = {
      kind: 'lookup',
      outcome: { kind: 'found', person: alice, transfer: { useCustomTransferNumbers: true, numbers: ['+1', null, null] }, inEffect: { from: 'own', numbers: ['+1', null, null] }, readAt: new Date(0) },
    };
    assert.deepEqual(auditFieldsOf(reply), { outcome: 'found', resolvedPersonId: 'P-alice' });
  });

  it('gives the person and tracking ID of a person without calling', () => {
    const reply = { kind: 'lookup', outcome: { kind: 'noCalling', person: alice, error: apiError(404, 'ROUTER_1') } } as const;
    assert.deepEqual(auditFieldsOf(reply), { outcome: 'noCalling', resolvedPersonId: 'P-alice', trackingId: 'ROUTER_1' });
  });

  it('gives the tracking ID of a Webex failure, and the person when it was resolved first', () => {
    const resolve = { kind: 'lookup', outcome: { kind: 'webexError', stage: 'resolve', error: apiError(503, 'ROUTER_2'), target } } as const;
    assert.deepEqual(auditFieldsOf(resolve), { outcome: 'webexError', trackingId: 'ROUTER_2' });
    const settings = {
      kind: 'lookup',
      outcome: { kind: 'webexError', stage: 'settings', error: apiError(403), target, person: alice },
    } as const;
    assert.deepEqual(auditFieldsOf(settings), { outcome: 'webexError', resolvedPersonId: 'P-alice' });
    assert.deepEqual(auditFieldsOf({ kind: 'webexError', error: apiError(500, 'ROUTER_3') }), { outcome: 'webexError', trackingId: 'ROUTER_3' });
  });

  it('names no person for ambiguous and not-found results', () => {
    assert.deepEqual(auditFieldsOf({ kind: 'lookup', outcome: { kind: 'ambiguous', target, candidates: [alice, alice], more: false } }), {
      outcome: 'ambiguous',
    });
    assert.deepEqual(auditFieldsOf({ kind: 'lookup', outcome: { kind: 'notFound', target } }), { outcome: 'notFound' });
  });

  it('gives the tracking ID of a found result whose calling permissions could not be read', () => {
    const reply: Reply = {
      kind: 'lookup',
      outcome: {
        kind: 'found',
        person: alice,
        transfer: { useCustomTransferNumbers: false, numbers: [null, null, null] }, inEffect: { from: 'location', numbers: ['+12055550100', null, null] }, location: { id: 'LOC1', name: 'Birmingham HQ' },
        readAt: new Date(0),
        usageError: apiError(403, 'ROUTER_U'),
      },
    };
    assert.deepEqual(auditFieldsOf(reply), { outcome: 'found', resolvedPersonId: 'P-alice', trackingId: 'ROUTER_U' });
  });

  it('lists every person a several-people look-up resolved, with the first tracking ID', () => {
    const bob = { ...alice, id: 'P-bob' };
    const reply: Reply = {
      kind: 'lookupMany',
      result: {
        entries: [
          { target, outcome: { kind: 'notFound', target } },
          { target, outcome: { kind: 'noCalling', person: bob, error: apiError(404, 'ROUTER_B') } },
          {
            target,
            outcome: { kind: 'found', person: alice, transfer: { useCustomTransferNumbers: true, numbers: ['+1', null, null] }, inEffect: { from: 'own', numbers: ['+1', null, null] }, readAt: new Date(0) },
          },
          { target, outcome: { kind: 'webexError', stage: 'resolve', error: apiError(503, 'ROUTER_C'), target } },
        ],
      },
    };
    assert.deepEqual(auditFieldsOf(reply), { outcome: 'lookupMany', resolvedPersonIds: ['P-bob', 'P-alice'], trackingId: 'ROUTER_B' });
  });

  it('lists the people a reverse look-up found', () => {
    const reply: Reply = {
      kind: 'reverse',
      result: {
        number: { raw: '+12055553651', e164: '+12055553651', digits: '12055553651' },
        locationMatches: [],
        locationsFailed: 0,
        matches: [{ person: alice, slots: [{ slot: 2, number: '+12055553651' }] }],
        scanned: 40,
        failed: 1,
        lastFailure: apiError(500, 'ROUTER_R'),
        listed: 41,
        stoppedEarly: false,
        complete: false,
        readAt: new Date(0),
      },
    };
    assert.deepEqual(auditFieldsOf(reply), { outcome: 'reverse', resolvedPersonIds: ['P-alice'], trackingId: 'ROUTER_R' });
    assert.deepEqual(auditFieldsOf({ kind: 'reverseFailed', number: { raw: '3651', digits: '3651' }, error: apiError(502, 'ROUTER_F') }), {
      outcome: 'webexError',
      trackingId: 'ROUTER_F',
    });
  });

  it('marks refusals with the refused.* outcomes', () => {
    assert.deepEqual(auditFieldsOf({ kind: 'notAllowed' }), { outcome: 'refused.notAllowed' });
    assert.deepEqual(auditFieldsOf({ kind: 'slowDown', retryAfterSeconds: 12 }), { outcome: 'refused.rateLimited' });
  });

  it('uses the reply kind for everything else', () => {
    assert.deepEqual(auditFieldsOf({ kind: 'timedOut' }), { outcome: 'timedOut' });
    assert.deepEqual(auditFieldsOf({ kind: 'internalError', reference: 'abc' }), { outcome: 'internalError' });
    assert.deepEqual(auditFieldsOf({ kind: 'sentPrivately', requesterName: 'Agent' }), { outcome: 'sentPrivately' });
    assert.deepEqual(auditFieldsOf({ kind: 'help', botName: 'Bot' }), { outcome: 'help' });
  });
});

describe('access/askedOfCard', () => {
  it('lists the card fields the bot reads, in a fixed order', () => {
    assert.equal(askedOfCard({ personId: 'P-alice', action: 'pick', orgId: 'O-2' }), 'card: action=pick personId=P-alice orgId=O-2');
    assert.equal(askedOfCard({ personId: 'P-alice', action: 'pick', edit: 'set:2:+12055550142' }), 'card: action=pick personId=P-alice edit=set:2:+12055550142');
    assert.equal(askedOfCard({ action: 'lookup', target: ' alice@example.com ' }), 'card: action=lookup target=alice@example.com');
    assert.equal(askedOfCard({ action: 'refreshMany', targets: 'P-a\nP-b' }), 'card: action=refreshMany targets=P-a P-b');
  });

  it('ignores other fields, non-strings and blanks, and says so when nothing is left', () => {
    assert.equal(askedOfCard({ token: 'secret', action: 42, target: '   ', extra: { nested: true } }), 'card: (no known fields)');
  });

  it('keeps each value on one line and at most 120 characters', () => {
    assert.equal(askedOfCard({ action: 'lookup', target: `a\nb\t${'x'.repeat(300)}` }), `card: action=lookup target=a b ${'x'.repeat(116)}…`);
  });
});
