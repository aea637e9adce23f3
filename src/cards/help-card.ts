// What the bot does and how to ask (Reply "help"); the same card with a greeting when it joins a space (Reply "welcome").
import helpTemplateJson from '../../cards/help.json';
import { MAX_TARGETS } from '../commands/target-list';
import { escapeMarkdown } from './escape';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

export const HELP_SUMMARY =
  "I show where a person's (or a workspace's) blocked calls are transferred: the Webex Calling auto transfer numbers in effect, their own or their location's.";
export const COMMAND_SYNTAX = 'transfer numbers for <email, ID or name>';
export const REVERSE_SYNTAX = 'who transfers to <phone number>';
export const REPORT_SYNTAX = 'transfer numbers report [for location <name>]';
export const HELP_EXAMPLES = [
  'transfer numbers for alice@example.com',
  'transfer numbers for Alice Anderson',
  'transfer numbers for workspace Lobby Phone',
  'transfer numbers for alice@example.com, bob@example.com and Chris Carter',
  'who transfers to +1 205 555 3651',
  'transfer numbers report for location Birmingham HQ',
] as const;
export const LIST_NOTE = `Up to ${MAX_TARGETS} people at once, separated by commas or “and”.`;
export const PRIVACY_NOTE = 'In a space with people from outside the organization, I send the numbers to you privately.';

const helpTemplate = compileTemplate(helpTemplateJson);

function groupNote(botName: unknown): string {
  const name = escapeMarkdown(botName, 80);
  return name
    ? `In a group space, mention me first: @${name} transfer numbers for …`
    : 'In a group space, mention me first, then type the command.';
}

/** The one line a new space sees first. */
export function greeting(botName: unknown): string {
  const name = escapeMarkdown(botName, 80);
  return name ? `Hello! I'm ${name}, here to help with Webex Calling transfer numbers.` : "Hello! I'm here to help with Webex Calling transfer numbers.";
}

function renderHelpCard(botName: string, greetingLine: string | undefined): OutgoingMessage {
  const note = groupNote(botName);
  const card = expandCard(helpTemplate, { hasGreeting: greetingLine !== undefined, greeting: greetingLine ?? '', groupNote: note });
  const markdown = joinBlocks([
    greetingLine,
    '**What I can do**',
    HELP_SUMMARY,
    `Ask me: \`${COMMAND_SYNTAX}\`, \`${REVERSE_SYNTAX}\` or \`${REPORT_SYNTAX}\``,
    ['Examples:', ...HELP_EXAMPLES.map((example) => `- \`${example}\``)].join('\n'),
    LIST_NOTE,
    "Editors named by the bot's admin can also change numbers, after a confirmation: `set transfer number 2 for <email> to <number>`, `clear transfer number 2 for <email>`, `use custom (or location) transfer numbers for <email>`.",
    'Partner administrators: add `in org <orgId>` to any command, for an organization this bot is set up to search.',
    PRIVACY_NOTE,
    note,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}

export function renderHelp(reply: { botName: string }): OutgoingMessage {
  return renderHelpCard(reply.botName, undefined);
}

export function renderWelcome(reply: { botName: string }): OutgoingMessage {
  return renderHelpCard(reply.botName, greeting(reply.botName));
}
