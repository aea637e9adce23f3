import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { Target } from '../../../src/commands/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ZWJ, actions, apiError, assertLookupForm, cardOf, textBlocks } from './examples';

function render(target: Target) {
  const message = renderReply({ kind: 'lookup', outcome: { kind: 'notFound', target } });
  assertValidMessage(message);
  return message;
}

describe('cards/not-found-card (outcome notFound)', () => {
  it('names the organization it searched when that is not the agent\'s own (in org, or DEFAULT_ORG_ID)', () => {
    const orgId = 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9wYXJ0bmVy';
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'notFound', target: { kind: 'email', email: 'bob@example.com' }, orgId } });
    assertValidMessage(message);
    assert.equal(textBlocks(cardOf(message))[1], `I looked for the email address “bob@example.com” in organization ${orgId} and found no one.`);
  });

  it('says what was searched by email and what to try next', () => {
    const message = render({ kind: 'email', email: 'bob@example.com' });
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      'No one found',
      'I looked for the email address “bob@example.com” in your organization and found no one.',
      'Check the spelling of the email address, or try their display name.',
    ]);
    assertLookupForm(card, 'Look up a person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
    assert.equal(
      message.markdown,
      '**No one found**\n\nI looked for the email address “bob@example.com” in your organization and found no one.\n\n' +
        'Check the spelling of the email address, or try their display name.',
    );
  });

  it('says what was searched by person ID', () => {
    assert.deepEqual(textBlocks(cardOf(render({ kind: 'personId', id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS94' }))).slice(1), [
      'I looked for the person ID “Y2lzY29zcGFyazovL3VzL1BFT1BMRS94” in your organization and found no one.',
      'Check that the person ID was copied whole, or try their email address.',
    ]);
  });

  it('says what was searched by name', () => {
    assert.deepEqual(textBlocks(cardOf(render({ kind: 'name', name: 'Bob Brown' }))).slice(1), [
      'I looked for people and workspaces whose name starts with “Bob Brown” in your organization and found no one.',
      'Check the spelling, or try their email address.',
    ]);
  });

  it('escapes what was searched', () => {
    const message = render({ kind: 'name', name: '[click](http://evil)' });
    assert.equal(
      textBlocks(cardOf(message))[1],
      `I looked for people and workspaces whose name starts with “\\[click\\](http:/${ZWJ}/evil)” in your organization and found no one.`,
    );
    assert.ok(!message.markdown.includes('http://'));
  });
});

describe('cards/not-found-card: workspaces', () => {
  it('says what was searched for a workspace name and ID', () => {
    assert.equal(textBlocks(cardOf(render({ kind: 'workspaceName', name: 'Lobby' })))[1], 'I looked for Webex Calling workspaces named “Lobby” in your organization and found no one.');
    assert.equal(textBlocks(cardOf(render({ kind: 'workspaceId', id: 'W-1' })))[1], 'I looked for the workspace ID “W-1” in your organization and found no one.');
  });

  it('says when workspaces were not searched, and why, with the tracking ID', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'notFound', target: { kind: 'name', name: 'Zed' }, workspacesUnsearched: apiError({ status: 403, trackingId: 'T-WS' }) } });
    assertValidMessage(message);
    const note = 'Workspaces were not searched: Webex refused (the admin token may lack the spark-admin:workspaces_read scope). Tracking ID: T-WS';
    assert.equal(textBlocks(cardOf(message))[2], note);
    assert.ok(message.markdown.includes(note));
  });
});
