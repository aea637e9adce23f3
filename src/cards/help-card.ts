// What the bot does and how to ask (Reply "help").
import helpTemplateJson from '../../cards/help.json';
import { escapeMarkdown } from './escape';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

export const HELP_SUMMARY = "I show where a person's blocked calls are transferred: their Webex Calling auto transfer numbers.";
export const COMMAND_SYNTAX = 'transfer numbers for <email, person ID or name>';
export const HELP_EXAMPLES = ['transfer numbers for alice@example.com', 'transfer numbers for Alice Anderson'] as const;

const helpTemplate = compileTemplate(helpTemplateJson);

function groupNote(botName: unknown): string {
  const name = escapeMarkdown(botName, 80);
  return name
    ? `In a group space, mention me first: @${name} transfer numbers for …`
    : 'In a group space, mention me first, then type the command.';
}

export function renderHelp(reply: { botName: string }): OutgoingMessage {
  const note = groupNote(reply.botName);
  const card = expandCard(helpTemplate, { groupNote: note });
  const markdown = joinBlocks([
    '**What I can do**',
    HELP_SUMMARY,
    `Ask me: \`${COMMAND_SYNTAX}\``,
    ['Examples:', ...HELP_EXAMPLES.map((example) => `- \`${example}\``)].join('\n'),
    note,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
