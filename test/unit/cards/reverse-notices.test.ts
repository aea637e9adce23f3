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

  it('tells the agent a scan is running, in markdown only, with the count so far', () => {
    const scanning = (listed: number, listingDone: boolean) => renderReply({ kind: 'scanning', number: NUMBER, progress: { listed, read: 0, listingDone } });
    assert.deepEqual(scanning(100, false), {
      markdown: 'Scanning 100+ calling users to find who transfers calls to +1 205 555 3651 (+12055553651); this can take a minute.',
    });
    assert.equal(scanning(250, true).markdown, 'Scanning 250 calling users to find who transfers calls to +1 205 555 3651 (+12055553651); this can take a minute.');
    assert.equal(scanning(1, true).markdown, 'Scanning 1 calling user to find who transfers calls to +1 205 555 3651 (+12055553651); this can take a minute.');
    assert.equal(scanning(0, false).markdown, 'Scanning calling users to find who transfers calls to +1 205 555 3651 (+12055553651); this can take a minute.');
  });
});
