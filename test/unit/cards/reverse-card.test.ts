import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import { WebexApiError } from '../../../src/webex/errors';
import type { PhoneNumber } from '../../../src/commands/types';
import type { ReverseMatch, ReverseResult } from '../../../src/lookup/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { NOW, READ_AT, ZWJ, actions, apiError, assertLookupForm, cardOf, person, textBlocks } from './examples';

const VALID: PhoneNumber = { raw: '(205) 555-3651', e164: '+12055553651', digits: '2055553651' };
const NOT_VALID: PhoneNumber = { raw: '+1205553650', digits: '1205553650' };

function match(name: string, slots: number[]): ReverseMatch {
  const email = `${name.split(' ')[0].toLowerCase()}@example.com`;
  return { person: person({ id: `id-${name.split(' ')[0].toLowerCase()}`, displayName: name, email }), slots: slots.map((slot) => ({ slot: slot as 1 | 2 | 3, number: '+12055553651' })) };
}

function result(overrides: Partial<ReverseResult> = {}): ReverseResult {
  return {
    number: VALID,
    matches: [match('Alice Anderson', [2]), match('Carol Chen', [3, 1])],
    locationMatches: [],
    locationsFailed: 0,
    scanned: 18,
    failed: 0,
    listed: 18,
    stoppedEarly: false,
    complete: true,
    readAt: READ_AT,
    ...overrides,
  };
}

function render(r: ReverseResult, now = NOW) {
  const message = renderReply({ kind: 'reverse', result: r }, { now });
  assertValidMessage(message);
  return message;
}

describe('cards/reverse-card (who transfers to a number)', () => {
  it('names the number, each person with the slots it is in, and when the scan ran', () => {
    const message = render(result());
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      '2 people transfer calls to +1 205 555 3651 (+12055553651)',
      '**Alice Anderson** (alice@example.com): Transfer number 2',
      '**Carol Chen** (carol@example.com): Transfer numbers 1 and 3',
      'Pick a person to see all their transfer numbers.',
      'Index as of 14:03 UTC: 18 calling users',
    ]);
    assert.equal(
      message.markdown,
      [
        '**2 people transfer calls to +1 205 555 3651 (+12055553651)**',
        '- **Alice Anderson** (alice@example.com): Transfer number 2\n- **Carol Chen** (carol@example.com): Transfer numbers 1 and 3',
        'Index as of 14:03 UTC: 18 calling users',
      ].join('\n\n'),
    );
  });

  it('offers a button per person (up to 4) that opens their numbers, and the look-up form', () => {
    const five = ['Alice A', 'Bob B', 'Carol C', 'Dave D', 'Erin E'].map((name) => match(name, [1]));
    const card = cardOf(render(result({ matches: five })));
    assert.deepEqual(actions(card), [
      { title: 'Alice A', data: { action: 'pick', personId: 'id-alice', email: 'alice@example.com' } },
      { title: 'Bob B', data: { action: 'pick', personId: 'id-bob', email: 'bob@example.com' } },
      { title: 'Carol C', data: { action: 'pick', personId: 'id-carol', email: 'carol@example.com' } },
      { title: 'Dave D', data: { action: 'pick', personId: 'id-dave', email: 'dave@example.com' } },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
    assert.ok(textBlocks(card).includes('Pick one of the first 4 to see all their transfer numbers.'));
    assertLookupForm(card, 'Look up a person');
  });

  it('sends the org of a partner look-up with each button', () => {
    const card = cardOf(render(result({ matches: [match('Alice Anderson', [2])], orgId: 'ORG-7' })));
    assert.ok(textBlocks(card).some((t) => /^Index as of 14:03 UTC: 18 calling users in organization ORG-7$/.test(t)), textBlocks(card).join(' | '));
    assert.deepEqual(actions(card)[0].data, { action: 'pick', personId: 'id-alice', email: 'alice@example.com', orgId: 'ORG-7' });
  });

  it('says so when no one transfers there, showing a number that is not valid as typed', () => {
    const message = render(result({ number: NOT_VALID, matches: [], scanned: 1, listed: 1 }));
    assert.deepEqual(textBlocks(cardOf(message)), ['No one transfers calls to +1205553650', 'Index as of 14:03 UTC: 1 calling user']);
    assert.equal(message.markdown, '**No one transfers calls to +1205553650**\n\nIndex as of 14:03 UTC: 1 calling user');
    assert.deepEqual(actions(cardOf(message)).map((a) => a.title), ['Look up']);
  });

  it('says "1 person transfers", and adds the date to a scan from another day', () => {
    const texts = textBlocks(cardOf(render(result({ matches: [match('Alice Anderson', [1])] }), new Date('2024-05-02T00:01:00Z'))));
    assert.equal(texts[0], '1 person transfers calls to +1 205 555 3651 (+12055553651)');
    assert.equal(texts.at(-1), 'Index as of 14:03 UTC on 2024-05-01: 18 calling users');
  });

  it('warns, with the tracking ID, that people whose numbers could not be read may transfer there too', () => {
    const message = render(result({ scanned: 17, failed: 2, complete: false, lastFailure: apiError({ status: 503, trackingId: 'T-503' }) }));
    const warning = 'I could not read the transfer numbers of 2 calling users; they may transfer here too. Tracking ID of the last failure: T-503';
    assert.ok(textBlocks(cardOf(message)).includes(warning));
    assert.match(message.markdown, new RegExp(`\\n\\n${warning}\\n\\nIndex as of 14:03 UTC: 17 calling users$`));
  });

  it('warns when Webex stopped listing the calling users part way, with its reason', () => {
    const lastFailure = new WebexApiError({ status: 502, message: 'Bad gateway', trackingId: 'T-502' });
    const texts = textBlocks(cardOf(render(result({ scanned: 250, listed: 250, stoppedEarly: true, complete: false, lastFailure }))));
    assert.ok(
      texts.includes(
        "Webex stopped listing the calling users after 250 calling users: Webex had a problem answering (HTTP 502). The index holds only them, so the answer may be incomplete; if this keeps happening, tell the bot's owner. Tracking ID: T-502",
      ),
      texts.join('\n'),
    );
  });

  it('lists at most 20 people and says how many more there are', () => {
    const many = Array.from({ length: 23 }, (_, i) => match(`Person${i} X`, [1]));
    const message = render(result({ matches: many }));
    const texts = textBlocks(cardOf(message));
    assert.equal(texts[0], '23 people transfer calls to +1 205 555 3651 (+12055553651)');
    assert.equal(texts.filter((t) => t.endsWith(': Transfer number 1')).length, 20);
    assert.ok(texts.includes('…and 3 more not listed here.'));
  });

  it('escapes names and the number as typed', () => {
    const message = render(result({ number: { raw: '<@all>', digits: '' }, matches: [{ ...match('x', [1]), person: person({ displayName: '[click](http://evil)' }) }] }));
    const texts = textBlocks(cardOf(message));
    assert.equal(texts[0], `1 person transfers calls to \\<${ZWJ}@all\\>`);
    assert.equal(texts[1], `**\\[click\\](http:/${ZWJ}/evil)** (alice@example.com): Transfer number 1`);
  });
});

describe('cards/reverse-card: locations', () => {
  it('reports a location once, with how many people its numbers apply to, before the people', () => {
    const message = renderReply(
      {
        kind: 'reverse',
        result: result({
          matches: [match('Alice Anderson', [2])],
          locationMatches: [{ location: { id: 'LOC-HQ', name: 'Birmingham HQ' }, slots: [{ slot: 1, number: '+12055553651' }], followers: 214 }],
        }),
      },
      { now: NOW },
    );
    assertValidMessage(message);
    const texts = textBlocks(cardOf(message));
    assert.equal(texts[0], '1 person and 1 location transfer calls to +1 205 555 3651 (+12055553651)');
    assert.equal(texts[1], '**Birmingham HQ** (location; its numbers apply to 214 people without custom numbers): Transfer number 1');
    assert.equal(texts[2], '**Alice Anderson** (alice@example.com): Transfer number 2');
  });

  it('names a location by ID when its name is not known, and warns of locations it could not read', () => {
    const message = renderReply(
      { kind: 'reverse', result: result({ matches: [], locationMatches: [{ location: { id: 'LOC-9' }, slots: [{ slot: 3, number: '+1' }], followers: 1 }], locationsFailed: 2, complete: false }) },
      { now: NOW },
    );
    const texts = textBlocks(cardOf(message));
    assert.equal(texts[0], '1 location transfers calls to +1 205 555 3651 (+12055553651)');
    assert.equal(texts[1], '**Location LOC-9** (location; its numbers apply to 1 person without custom numbers): Transfer number 3');
    assert.ok(texts.includes('I could not read the transfer numbers of 2 locations whose numbers apply to some of their people; they may transfer here too.'), texts.join(' | '));
  });
});

describe('cards/reverse-card: workspaces', () => {
  it('counts and names a workspace as one, its button opens it, and says when workspaces were not checked', () => {
    const lobby = { person: person({ id: 'W-LOBBY', displayName: 'Lobby Phone', email: '', kind: 'workspace' }), slots: [{ slot: 1 as const, number: '+12055553651' }] };
    const message = renderReply(
      {
        kind: 'reverse',
        result: result({
          matches: [match('Alice Anderson', [2]), lobby],
          locationMatches: [{ location: { id: 'LOC-HQ', name: 'HQ' }, slots: [{ slot: 1, number: '+12055553651' }], followers: 2, workspaceFollowers: 1 }],
          workspacesUnsearched: undefined,
        }),
      },
      { now: NOW },
    );
    assertValidMessage(message);
    const card = cardOf(message);
    const texts = textBlocks(card);
    assert.equal(texts[0], '1 person, 1 workspace and 1 location transfer calls to +1 205 555 3651 (+12055553651)');
    assert.equal(texts[1], '**HQ** (location; its numbers apply to 2 people and 1 workspace without custom numbers): Transfer number 1');
    assert.equal(texts[3], '**Lobby Phone** (workspace): Transfer number 1');
    assert.deepEqual(actions(card).slice(0, 2), [
      { title: 'Alice Anderson', data: { action: 'pick', personId: 'id-alice', email: 'alice@example.com' } },
      { title: 'Lobby Phone', data: { action: 'pick', workspaceId: 'W-LOBBY' } },
    ]);
    const refused = renderReply({ kind: 'reverse', result: result({ workspacesUnsearched: apiError({ status: 403, trackingId: 'T-WS' }) }) }, { now: NOW });
    assert.ok(
      textBlocks(cardOf(refused)).includes('Workspaces (common-area phones) were not checked: Webex refused (the admin token may lack the spark-admin:workspaces_read scope). Tracking ID: T-WS'),
      textBlocks(cardOf(refused)).join(' | '),
    );
    // A workspace listing Webex would not let end is not "an error with no status".
    const looping = renderReply({ kind: 'reverse', result: result({ workspacesUnsearched: apiError({ status: 0, kind: 'unusableResponse' }) }) }, { now: NOW });
    assert.ok(textBlocks(cardOf(looping)).includes('Workspaces (common-area phones) were not checked: Webex sent an answer I could not use.'), textBlocks(cardOf(looping)).join(' | '));
  });
});

describe('cards/reverse-card: an answer from a kept scan', () => {
  it('says when its matches were read again', () => {
    const message = renderReply({ kind: 'reverse', result: result({ reread: 2, rereadAt: new Date(READ_AT.getTime() + 4 * 60_000) }) }, { now: NOW });
    assertValidMessage(message);
    const last = textBlocks(cardOf(message)).at(-1) ?? '';
    assert.match(last, /^Index as of \d\d:\d\d UTC: 18 calling users; 2 matches were read again at \d\d:\d\d UTC$/);
    const one = renderReply({ kind: 'reverse', result: result({ reread: 1, rereadAt: READ_AT }) }, { now: NOW });
    assert.match(textBlocks(cardOf(one)).at(-1) ?? '', /; the match was read again at /);
  });
});
