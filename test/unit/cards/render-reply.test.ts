// Every kind of reply, fed hostile text in every field that comes from users or Webex.
import { WebexApiError } from '../../../src/webex/errors';
import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { Reply } from '../../../src/cards/types';
import type { LookupOutcome, ReverseResult } from '../../../src/lookup/types';
import { assertValidMessage, visibleStrings } from '../../helpers/card-validation';
import { HOSTILE_TEXTS, NOW, READ_AT, activeMarkup, apiError, cardOf, person } from './examples';

const STATUSES = [400, 401, 403, 404, 405, 409, 410, 415, 423, 428, 429, 500, 502, 503, 504];

/** One reply of every kind (and every look-up outcome, and each Webex status), built around `text`. */
function repliesAround(text: string): [string, Reply][] {
  const who = person({ id: text, displayName: text, email: text });
  const error = (status: number) => apiError({ status, message: text, trackingId: text, retryAfterSeconds: 7 });
  const outcomes: [string, LookupOutcome][] = [
    ['found', { kind: 'found', person: who, transfer: { useCustomTransferNumbers: true, numbers: [text, null, text] }, inEffect: { from: 'own', numbers: [text, null, text] }, readAt: READ_AT }],
    [
      'found with usage',
      {
        kind: 'found',
        person: who,
        transfer: { useCustomTransferNumbers: true, numbers: [text, null, text] }, inEffect: { from: 'own', numbers: [text, null, text] },
        readAt: READ_AT,
        usage: { slots: [{ callTypes: [text, 'INTERNATIONAL'] }, { callTypes: [text], flag: 'numberNotSet' }, { callTypes: [], flag: 'numberNotUsed' }] },
        orgId: text,
      },
    ],
    [
      'found without usage',
      { kind: 'found', person: who, transfer: { useCustomTransferNumbers: false, numbers: [text, text, text] }, inEffect: { from: 'location', numbers: ['+12055550100', null, null] }, location: { id: 'LOC1', name: 'Birmingham HQ' }, readAt: READ_AT, usageError: error(403) },
    ],
    ['ambiguous by name', { kind: 'ambiguous', target: { kind: 'name', name: text }, candidates: [who, who, who, who, who, who], more: true }],
    ['notFound by email', { kind: 'notFound', target: { kind: 'email', email: text } }],
    ['notFound by person ID', { kind: 'notFound', target: { kind: 'personId', id: text } }],
    ['notFound by name', { kind: 'notFound', target: { kind: 'name', name: text } }],
    ['otherOrg', { kind: 'otherOrg', target: { kind: 'email', email: text } }],
    ['notFound in an org', { kind: 'notFound', target: { kind: 'email', email: text }, orgId: text }],
    ['webexError unusable answer', { kind: 'webexError', stage: 'resolve', error: apiError({ status: 0, kind: 'unusableResponse', message: text }), target: { kind: 'name', name: text } }],
    ['webexError no token', { kind: 'webexError', stage: 'settings', error: apiError({ status: 0, kind: 'noToken', message: text }), target: { kind: 'email', email: text }, person: who }],
    ['noCalling', { kind: 'noCalling', person: who, error: error(404) }],
    ['webexError network', { kind: 'webexError', stage: 'resolve', error: apiError({ status: 0, kind: 'network', message: text }), target: { kind: 'name', name: text } }],
    ['webexError timeout', { kind: 'webexError', stage: 'settings', error: apiError({ status: 0, kind: 'timeout', message: text }), target: { kind: 'email', email: text }, person: who }],
  ];
  for (const status of STATUSES) {
    outcomes.push([`webexError ${status} resolve`, { kind: 'webexError', stage: 'resolve', error: error(status), target: { kind: 'email', email: text } }]);
    outcomes.push([`webexError ${status} settings`, { kind: 'webexError', stage: 'settings', error: error(status), target: { kind: 'personId', id: text }, person: who }]);
  }
  const replies: [string, Reply][] = outcomes.map(([name, outcome]) => [`lookup ${name}`, { kind: 'lookup', outcome }]);
  const number = { raw: text, digits: '' };
  const reverse: ReverseResult = {
    number,
    locationMatches: [],
    locationsFailed: 0,
    matches: [{ person: who, slots: [{ slot: 1, number: text }, { slot: 3, number: text }] }],
    scanned: 3,
    failed: 1,
    lastFailure: error(503),
    listed: 9,
    stoppedEarly: true,
    complete: false,
    readAt: READ_AT,
    orgId: text,
  };
  replies.push(
    ['lookupMany', { kind: 'lookupMany', result: { entries: outcomes.map(([, outcome]) => ({ target: { kind: 'name' as const, name: text }, outcome })).slice(0, 10), orgId: text } }],
    ['reverse', { kind: 'reverse', result: reverse }],
    ['reverse none', { kind: 'reverse', result: { ...reverse, matches: [] } }],
    ['reverseFailed', { kind: 'reverseFailed', number, error: error(403) }],
    ['scanning', { kind: 'scanning', number, progress: { listed: 120, read: 7, listingDone: false } }],
    ['scanning for a report', { kind: 'scanning', progress: { listed: 120, read: 7, listingDone: false } }],
    ['indexBuilding', { kind: 'indexBuilding', number, progress: { listed: 10_000, read: 4_200, listingDone: true } }],
    ['reportFileFailed', { kind: 'reportFileFailed', error: error(400) }],
    ['reportLocation none', { kind: 'reportLocation', asked: text, found: 'none', names: [text, text], more: 3 }],
    ['reportLocation several', { kind: 'reportLocation', asked: text, found: 'several', names: [text, text], more: 0 }],
    [
      'report',
      {
        kind: 'report',
        summary: {
          builtAt: READ_AT,
          complete: false,
          orgId: text,
          location: { id: text, name: text },
          people: 9_000,
          workspaces: 1_000,
          customNumbers: 7_500,
          followLocation: 2_500,
          unreadable: 3,
          partlyUnreadable: 2,
          findings: [
            { kind: 'numberNotSet', count: 12, examples: [{ name: text, email: text, kind: 'person', slot: 3 }, { name: text, email: '', kind: 'workspace', slot: 1 }] },
            { kind: 'customWithoutNumbers', count: 1, examples: [{ name: text, email: text, kind: 'person' }] },
          ],
          workspacesUnsearched: { status: 403, message: text, trackingId: text },
          listingFailed: new WebexApiError({ status: 502, message: text, trackingId: text }),
        },
        file: { name: 'transfer-numbers.csv', contentType: 'text/csv', bytes: Buffer.from('Name\r\n') },
      },
    ],
    ['welcome', { kind: 'welcome', botName: text }],
    ['invalidTarget tooMany', { kind: 'invalidTarget', input: text, reason: 'tooMany', botName: text }],
    ['invalidNumber empty', { kind: 'invalidNumber', input: text, reason: 'empty', botName: text }],
    ['invalidNumber malformed', { kind: 'invalidNumber', input: text, reason: 'malformed', botName: text }],
    ['invalidNumber tooShort', { kind: 'invalidNumber', input: text, reason: 'tooShort', botName: text }],
    ['invalidNumber tooLong', { kind: 'invalidNumber', input: text, reason: 'tooLong', botName: text }],
    ['help', { kind: 'help', botName: text }],
    ['invalidTarget empty', { kind: 'invalidTarget', input: text, reason: 'empty', botName: text }],
    ['invalidTarget malformed', { kind: 'invalidTarget', input: text, reason: 'malformed', botName: text }],
    ['invalidTarget tooLong', { kind: 'invalidTarget', input: text, reason: 'tooLong', botName: text }],
    ['invalidTarget emptyForm', { kind: 'invalidTarget', input: '', reason: 'emptyForm', botName: text }],
    ['invalidOrg', { kind: 'invalidOrg', input: text }],
    ['orgNotAllowed', { kind: 'orgNotAllowed', orgId: text }],
    ['notAllowed', { kind: 'notAllowed' }],
    ['slowDown', { kind: 'slowDown', retryAfterSeconds: 12 }],
    ['sentPrivately', { kind: 'sentPrivately', requesterName: text }],
    ['timedOut', { kind: 'timedOut' }],
    ['internalError', { kind: 'internalError', reference: text }],
  );
  const editView = {
    target: { person: who, orgId: text },
    before: { useCustomTransferNumbers: false, numbers: [text, null, '+12055550100'] as [string | null, string | null, string | null] },
    after: { useCustomTransferNumbers: true, numbers: [text, '+12055550142', null] as [string | null, string | null, string | null] },
    usage: { slots: [{ callTypes: [text] }, { callTypes: ['INTERNATIONAL', text] }, { callTypes: [] }] as [{ callTypes: string[] }, { callTypes: string[] }, { callTypes: string[] }] },
  };
  const editAudit = { step: 'request' as const, editId: text, targetId: text, targetKind: 'person' as const };
  const workspaceView = { ...editView, target: { person: { ...who, kind: 'workspace' as const } } };
  replies.push(
    ['editProposed', { kind: 'editProposed', editId: 'abcdefgh12', view: editView, undo: false, minutes: 5, audit: editAudit }],
    ['editProposed undo', { kind: 'editProposed', editId: 'abcdefgh12', view: workspaceView, undo: true, minutes: 5, audit: editAudit }],
    ['editDone', { kind: 'editDone', view: editView, readBack: true, undoId: 'abcdefgh13', undone: false, audit: editAudit }],
    ['editDone unread', { kind: 'editDone', view: workspaceView, readBack: false, undone: true, audit: editAudit }],
    ['editNotAllowed', { kind: 'editNotAllowed' }],
    ['invalidEdit number', { kind: 'invalidEdit', input: text, reason: 'number' }],
    ['invalidEdit slot', { kind: 'invalidEdit', input: text, reason: 'slot' }],
    ['invalidEdit target', { kind: 'invalidEdit', input: text, reason: 'target' }],
  );
  for (const why of ['noChange', 'expired', 'undoExpired', 'notYours', 'alreadyUsed', 'cancelled', 'changedMeanwhile', 'writeFailed', 'storeFailed'] as const) {
    replies.push([`editNotice ${why}`, { kind: 'editNotice', notice: { why, target: editView.target, state: editView.before, error: error(403) } }]);
  }
  replies.push(['editNotice writeFailed 502', { kind: 'editNotice', notice: { why: 'writeFailed', target: workspaceView.target, error: error(502) } }]);
  for (const status of STATUSES) replies.push([`webexError ${status}`, { kind: 'webexError', error: error(status) }]);
  return replies;
}

const MARKDOWN_ONLY = new Set(['notAllowed', 'slowDown', 'sentPrivately', 'internalError', 'scanning', 'scanning for a report', 'invalidOrg', 'orgNotAllowed', 'editNotAllowed', 'invalidEdit number', 'invalidEdit slot', 'invalidEdit target']);

describe('cards renderReply', () => {
  it('gives a card to every kind except the one-line replies', () => {
    for (const [name, reply] of repliesAround('Alice Anderson')) {
      const message = renderReply(reply, { now: NOW });
      assertValidMessage(message);
      assert.equal(message.attachments === undefined, MARKDOWN_ONLY.has(name), name);
    }
  });

  for (const text of HOSTILE_TEXTS) {
    it(`stays valid and inert with ${JSON.stringify(text.slice(0, 40))} in every field`, () => {
      for (const [name, reply] of repliesAround(text)) {
        const message = renderReply(reply, { now: NOW });
        assertValidMessage(message);
        for (const shownText of visibleStrings(message)) {
          assert.deepEqual(activeMarkup(shownText), [], `${name}: ${JSON.stringify(shownText)}`);
          if (message.attachments && shownText !== message.markdown) {
            assert.ok(!/[\r\n]/.test(shownText), `${name}: a card text spans lines: ${JSON.stringify(shownText)}`);
          }
        }
      }
    });
  }

  it('uses the clock when no time is given', () => {
    const message = renderReply({
      kind: 'lookup',
      outcome: { kind: 'found', person: person(), transfer: { useCustomTransferNumbers: true, numbers: [null, null, null] }, inEffect: { from: 'own', numbers: [null, null, null] }, readAt: new Date() },
    });
    assert.match(JSON.stringify(cardOf(message)), /"Read at \d\d:\d\d UTC"/);
  });

  it('answers an unknown reply kind with the generic apology instead of throwing', () => {
    const message = renderReply({ kind: 'mystery' } as unknown as Reply);
    assert.deepEqual(message, {
      markdown: "Something went wrong on my side; please try again. If it keeps happening, tell the bot's owner.",
    });
  });
});
