import { strict as assert } from 'node:assert';
import { describeWebexError, renderReply } from '../../../src/cards';
import type { Target } from '../../../src/commands/types';
import type { PersonSummary } from '../../../src/lookup/types';
import type { WebexApiError } from '../../../src/webex/errors';
import { assertValidMessage } from '../../helpers/card-validation';
import { ALICE_ID, ZWJ, actions, apiError, assertLookupForm, cardOf, person, textBlocks } from './examples';

const STATUSES = [400, 401, 403, 404, 405, 409, 410, 415, 423, 428, 429, 500, 502, 503, 504];
const TARGET: Target = { kind: 'email', email: 'alice@example.com' };

function renderOutcome(error: WebexApiError, stage: 'resolve' | 'settings', who?: PersonSummary) {
  const message = renderReply({ kind: 'lookup', outcome: { kind: 'webexError', stage, error, target: TARGET, person: who } });
  assertValidMessage(message);
  return message;
}

describe('cards/webex-error-card', () => {
  for (const status of STATUSES) {
    it(`shows HTTP ${status} while reading settings in the agent's words, with tracking ID`, () => {
      const error = apiError({ status, message: 'Webex says no', trackingId: 'ROUTER_X1' });
      const words = describeWebexError(error, 'settings');
      const message = renderOutcome(error, 'settings', person());
      const card = cardOf(message);
      const expectedTexts = [words.title, '**Alice Anderson** (alice@example.com)', words.detail];
      if (words.webexSaid) expectedTexts.push('Webex said: “Webex says no”');
      expectedTexts.push(words.nextStep, 'Tracking ID: ROUTER_X1');
      assert.deepEqual(textBlocks(card), expectedTexts);
      assert.equal(message.markdown, [`**${words.title}**`, ...expectedTexts.slice(1)].join('\n\n'));
      const expectedActions = words.retryable
        ? [{ title: 'Try again', data: { action: 'refresh', personId: ALICE_ID } }]
        : [];
      assert.deepEqual(actions(card), [...expectedActions, { title: 'Look up', data: { action: 'lookup' } }]);
      assertLookupForm(card, 'Look up another person');
    });

    it(`shows HTTP ${status} while finding the person, with what was searched`, () => {
      const error = apiError({ status, message: 'Request failed with status code ' + status, trackingId: 'ROUTER_X2' });
      const words = describeWebexError(error, 'resolve');
      const card = cardOf(renderOutcome(error, 'resolve'));
      assert.deepEqual(textBlocks(card), [
        words.title,
        words.detail,
        'I was looking for the email address “alice@example.com”.',
        words.nextStep,
        'Tracking ID: ROUTER_X2',
      ]);
      assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
      assertLookupForm(card, 'Look up a person');
    });
  }

  it('words the exact 401, 403 and 429 cases the help desk will meet most', () => {
    const texts = (error: WebexApiError) => textBlocks(cardOf(renderOutcome(error, 'settings', person())));
    assert.deepEqual(texts(apiError({ status: 401 })).slice(2, 4), [
      'My admin authorization was rejected or has expired.',
      "Ask the bot's owner to renew it.",
    ]);
    assert.equal(
      texts(apiError({ status: 403 }))[2],
      'The admin token lacks the permission (scope spark-admin:telephony_config_read) or API access is restricted in Control Hub.',
    );
    assert.equal(texts(apiError({ status: 429, retryAfterSeconds: 42 }))[2], 'Webex is busy; try again in 42 seconds.');
  });

  it('words network failures and timeouts, without library text', () => {
    const network = renderOutcome(apiError({ status: 0, kind: 'network', message: 'connect ECONNREFUSED 1.2.3.4:443' }), 'settings', person());
    assert.equal(textBlocks(cardOf(network))[0], 'Could not reach Webex');
    assert.ok(!network.markdown.includes('ECONNREFUSED'));
    const timeout = renderOutcome(apiError({ status: 0, kind: 'timeout', message: 'timeout of 8000ms exceeded' }), 'resolve');
    assert.equal(textBlocks(cardOf(timeout))[0], 'Webex did not answer in time');
    assert.ok(!timeout.markdown.includes('8000ms'));
  });

  it('escapes what Webex said and the tracking ID', () => {
    const error = apiError({ status: 400, message: '[click](http://evil) <@all>', trackingId: '<b>x</b>' });
    const message = renderOutcome(error, 'settings', person());
    const texts = textBlocks(cardOf(message));
    assert.ok(texts.includes(`Webex said: “\\[click\\](http:/${ZWJ}/evil) \\<${ZWJ}@all\\>”`), texts.join(' | '));
    assert.equal(texts.at(-1), 'Tracking ID: \\<b\\>x\\</b\\>');
  });

  it('renders a Webex failure outside a look-up (Reply webexError) with general wording', () => {
    const message = renderReply({ kind: 'webexError', error: apiError({ status: 404, trackingId: 'ROUTER_G' }) });
    assertValidMessage(message);
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      'Not found',
      'Webex could not find the message or card I was asked about; it may have been deleted.',
      'Send your request again.',
      'Tracking ID: ROUTER_G',
    ]);
    assertLookupForm(card, 'Look up a person');
    assert.equal(
      message.markdown,
      '**Not found**\n\nWebex could not find the message or card I was asked about; it may have been deleted.\n\n' +
        'Send your request again.\n\nTracking ID: ROUTER_G',
    );
  });
});

describe('cards/webex-error-card in a partner org', () => {
  it('sends the org of the look-up with "Try again"', () => {
    const message = renderReply({
      kind: 'lookup',
      outcome: { kind: 'webexError', stage: 'settings', error: apiError({ status: 503 }), target: { kind: 'personId', id: ALICE_ID }, person: person(), orgId: 'ORG-7' },
    });
    assertValidMessage(message);
    assert.deepEqual(actions(cardOf(message))[0], {
      title: 'Try again',
      data: { action: 'refresh', personId: ALICE_ID, orgId: 'ORG-7' },
    });
  });
});

describe('cards/webex-error-card for a workspace', () => {
  const lobby = person({ id: 'W-LOBBY', displayName: 'Lobby Phone', email: '', kind: 'workspace' });

  it('names spark-admin:workspaces_read on a 403, finding or reading a workspace', () => {
    for (const [stage, target] of [
      ['resolve', { kind: 'workspaceName', name: 'Lobby' }],
      ['settings', { kind: 'name', name: 'Lobby' }],
    ] as const) {
      const message = renderReply({ kind: 'lookup', outcome: { kind: 'webexError', stage, error: apiError({ status: 403 }), target, person: stage === 'settings' ? lobby : undefined } });
      assertValidMessage(message);
      assert.ok(
        textBlocks(cardOf(message)).includes('The admin token lacks the permission (scope spark-admin:workspaces_read) or API access is restricted in Control Hub.'),
        textBlocks(cardOf(message)).join(' | '),
      );
    }
  });

  it('offers "Try again" for the workspace, with its workspaceId', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'webexError', stage: 'settings', error: apiError({ status: 503 }), target: { kind: 'name', name: 'Lobby' }, person: lobby } });
    assertValidMessage(message);
    assert.deepEqual(actions(cardOf(message))[0], { title: 'Try again', data: { action: 'refresh', workspaceId: 'W-LOBBY' } });
  });
});
