import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { PhoneNumber } from '../../../src/commands/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { actions, apiError, cardOf, textBlocks } from './examples';

const NUMBER: PhoneNumber = { raw: '+12055553651', e164: '+12055553651', digits: '12055553651' };

describe('cards/reverse-notices', () => {
  it('says why nobody could be checked when listing people is refused, with the scope and tracking ID', () => {
    const message = renderReply({ kind: 'reverseFailed', number: NUMBER, error: apiError({ status: 403, trackingId: 'T-403' }) });
    assertValidMessage(message);
    assert.deepEqual(textBlocks(cardOf(message)), [
      'Not permitted by Webex',
      'The admin token lacks the permission (scope spark-admin:people_read) or API access is restricted in Control Hub.',
      'I was listing calling users to find who transfers calls to +1 205 555 3651 (+12055553651).',
      "Ask the bot's owner to check the token's scopes and the API access settings in Control Hub.",
      'Tracking ID: T-403',
    ]);
    assert.deepEqual(actions(cardOf(message)).map((a) => a.title), ['Look up']);
  });

  it('says when to try again after a 429', () => {
    const message = renderReply({ kind: 'reverseFailed', number: NUMBER, error: apiError({ status: 429, retryAfterSeconds: 30 }) });
    assertValidMessage(message);
    assert.deepEqual(textBlocks(cardOf(message)).slice(0, 2), ['Webex is busy', 'Webex is busy; try again in 30 seconds.']);
  });

  it('points at the org ID when Webex rejects the listing as a bad request', () => {
    const message = renderReply({ kind: 'reverseFailed', number: NUMBER, error: apiError({ status: 400, trackingId: 'T-400' }) });
    assertValidMessage(message);
    assert.deepEqual(textBlocks(cardOf(message)).slice(0, 2), [
      'Webex could not list the calling users',
      'Webex did not accept my request for the list of calling users; if you named an organization, check its ID.',
    ]);
  });

  it('says plainly that Webex kept sending the same pages of people, and when the scan stopped', () => {
    const error = apiError({ status: 0, kind: 'unusableResponse', message: 'log text', paging: { what: 'people', reason: 'repeatedPage', pages: 2 } });
    const message = renderReply({ kind: 'reverseFailed', number: NUMBER, error });
    assertValidMessage(message);
    assert.deepEqual(textBlocks(cardOf(message)), [
      'Webex kept sending the same pages',
      'Webex kept sending the same pages of people, so I stopped after 2 pages.',
      'I was listing calling users to find who transfers calls to +1 205 555 3651 (+12055553651).',
      "Try again later. If it keeps happening, tell the bot's owner.",
    ]);
  });

  it('says how many pages were read when Webex kept sending new ones', () => {
    const error = apiError({ status: 0, kind: 'unusableResponse', message: 'log text', paging: { what: 'people', reason: 'tooManyPages', pages: 10_000 } });
    assert.deepEqual(textBlocks(cardOf(renderReply({ kind: 'reverseFailed', number: NUMBER, error }))).slice(0, 2), [
      'Webex kept sending more pages',
      'Webex kept sending more pages of people, so I stopped after 10,000 pages.',
    ]);
  });

  it('tells the agent the index is being built, in markdown only, with how far it has come', () => {
    const scanning = (listed: number, read: number, listingDone: boolean) => renderReply({ kind: 'scanning', number: NUMBER, progress: { listed, read, listingDone } });
    const tail = 'I will answer here when it is done; after that, answers come straight from the index.';
    const start = "I am building the index of this organization's transfer numbers to find who transfers calls to +1 205 555 3651 (+12055553651)";
    assert.deepEqual(scanning(100, 0, false), { markdown: `${start} (100+ calling users and workspaces listed so far). ${tail}` });
    assert.equal(scanning(2500, 1200, true).markdown, `${start} (1,200 of 2,500 calling users and workspaces read). ${tail}`);
    assert.equal(scanning(1, 0, true).markdown, `${start} (1 calling user or workspace listed so far). ${tail}`);
    assert.equal(scanning(0, 0, false).markdown, `${start} (listing the calling users). ${tail}`);
    assert.equal(
      renderReply({ kind: 'scanning', progress: { listed: 300, read: 10, listingDone: false } }).markdown,
      `I am building the index of this organization's transfer numbers to write the transfer numbers report (10 of 300+ calling users and workspaces read). ${tail}`,
    );
  });

  it('says the index is still being built when time ran out, and how far it has come', () => {
    const texts = textBlocks(cardOf(renderReply({ kind: 'indexBuilding', number: NUMBER, progress: { listed: 10_000, read: 4_200, listingDone: true } })));
    assert.deepEqual(texts.slice(0, 4), [
      'The index is still being built',
      "I need the index of this organization's transfer numbers to find who transfers calls to +1 205 555 3651 (+12055553651), and it is still being built: 4,200 of 10,000 calling users and workspaces read so far.",
      'It goes on in the background at the pace Webex allows.',
      'Ask again in a few minutes: the answer will come straight from the index.',
    ]);
  });

  it('says which locations there are when a report names none of them, and which match when several do', () => {
    const none = textBlocks(cardOf(renderReply({ kind: 'reportLocation', asked: 'Atlantis', found: 'none', names: ['Birmingham HQ', 'Huntsville Lab'], more: 0 })));
    assert.deepEqual(none.slice(0, 3), ['No such location', 'No location of anyone in the index is called "Atlantis".', 'Locations: **Birmingham HQ**, **Huntsville Lab**.']);
    const several = textBlocks(cardOf(renderReply({ kind: 'reportLocation', asked: 'lab', found: 'several', names: ['Huntsville Lab', 'Mobile Lab'], more: 2 })));
    assert.deepEqual(several.slice(0, 2), ['Which location?', 'Several locations match "lab": **Huntsville Lab**, **Mobile Lab** and 2 more.']);
  });
});
