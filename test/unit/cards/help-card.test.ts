import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import { assertValidMessage } from '../../helpers/card-validation';
import { actions, assertLookupForm, cardOf, shown, textBlocks } from './examples';

function render(botName: string, kind: 'help' | 'welcome' = 'help') {
  const message = renderReply({ kind, botName });
  assertValidMessage(message);
  return message;
}

const HELP_TEXTS = [
  'What I can do',
  "I show where a person's (or a workspace's) blocked calls are transferred: the Webex Calling auto transfer numbers in effect, their own or their location's.",
  'Ask me:',
  'transfer numbers for <email, ID or name>',
  'who transfers to <phone number>',
  'transfer numbers report [for location <name>]',
  'Examples:',
  'transfer numbers for alice@example.com',
  'transfer numbers for Alice Anderson',
  'transfer numbers for workspace Lobby Phone',
  'transfer numbers for alice@example.com, bob@example.com and Chris Carter',
  'who transfers to +1 205 555 3651',
  'transfer numbers report for location Birmingham HQ',
  'Up to 10 people at once, separated by commas or “and”.',
  "Editors named by the bot's admin can also change numbers, after a confirmation: “set transfer number 2 for <email> to <number>”, “clear transfer number 2 for <email>”, “use custom (or location) transfer numbers for <email>”.",
  'Partner administrators: add “in org <orgId>” to any command, for an organization this bot is set up to search.',
  'In a space with people from outside the organization, I send the numbers to you privately.',
  'In a group space, mention me first: @TransferBot transfer numbers for …',
];

const HELP_MARKDOWN = [
  '**What I can do**',
  "I show where a person's (or a workspace's) blocked calls are transferred: the Webex Calling auto transfer numbers in effect, their own or their location's.",
  'Ask me: `transfer numbers for <email, ID or name>`, `who transfers to <phone number>` or `transfer numbers report [for location <name>]`',
  [
    'Examples:',
    '- `transfer numbers for alice@example.com`',
    '- `transfer numbers for Alice Anderson`',
    '- `transfer numbers for workspace Lobby Phone`',
    '- `transfer numbers for alice@example.com, bob@example.com and Chris Carter`',
    '- `who transfers to +1 205 555 3651`',
    '- `transfer numbers report for location Birmingham HQ`',
  ].join('\n'),
  'Up to 10 people at once, separated by commas or “and”.',
  "Editors named by the bot's admin can also change numbers, after a confirmation: `set transfer number 2 for <email> to <number>`, `clear transfer number 2 for <email>`, `use custom (or location) transfer numbers for <email>`.",
  'Partner administrators: add `in org <orgId>` to any command, for an organization this bot is set up to search.',
  'In a space with people from outside the organization, I send the numbers to you privately.',
  'In a group space, mention me first: @TransferBot transfer numbers for …',
];

describe('cards/help-card', () => {
  it('says what the bot does, both commands, examples and how to ask in a group space', () => {
    const card = cardOf(render('TransferBot'));
    const texts = textBlocks(card);
    assert.deepEqual(texts.map(shown), HELP_TEXTS);
    // In the card the angle brackets are escaped so no renderer takes them for an HTML tag.
    assert.equal(texts[3], 'transfer numbers for \\<email, ID or name\\>');
    assert.equal(texts[4], 'who transfers to \\<phone number\\>');
    assertLookupForm(card, 'Look up a person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
  });

  it('has the same in the markdown fallback, commands as code', () => {
    assert.equal(render('TransferBot').markdown, HELP_MARKDOWN.join('\n\n'));
  });

  it('escapes the bot name and copes without one', () => {
    assert.equal(textBlocks(cardOf(render('*Bot*'))).at(-1), 'In a group space, mention me first: @\\*Bot\\* transfer numbers for …');
    assert.equal(textBlocks(cardOf(render(''))).at(-1), 'In a group space, mention me first, then type the command.');
  });
});

describe('cards/help-card (welcome)', () => {
  it('is the help card with a one-line greeting first, in the card and the fallback', () => {
    const message = render('TransferBot', 'welcome');
    assert.deepEqual(textBlocks(cardOf(message)).map(shown), [
      "Hello! I'm TransferBot, here to help with Webex Calling transfer numbers.",
      ...HELP_TEXTS,
    ]);
    assert.equal(message.markdown, ["Hello! I'm TransferBot, here to help with Webex Calling transfer numbers.", ...HELP_MARKDOWN].join('\n\n'));
    assertLookupForm(cardOf(message), 'Look up a person');
  });

  it('escapes the bot name in the greeting and copes without one', () => {
    assert.equal(textBlocks(cardOf(render('<@all>', 'welcome')))[0], "Hello! I'm \\<\u200D@all\\>, here to help with Webex Calling transfer numbers.");
    assert.equal(textBlocks(cardOf(render('', 'welcome')))[0], "Hello! I'm here to help with Webex Calling transfer numbers.");
  });
});
