// What the agent typed after "for" is not something to look up (Reply "invalidTarget").
import type { InvalidTargetReason } from '../commands/types';
import { MAX_TARGETS } from '../commands/target-list';
import { escapeMarkdown } from './escape';
import { FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import type { OutgoingMessage } from './types';

export const EXAMPLE_COMMAND = 'transfer numbers for alice@example.com';
const PREVIEW_LENGTH = 40;
const SHOWN_INPUT_MAX_LENGTH = 120;

export interface InvalidTarget {
  input: string;
  reason: InvalidTargetReason;
  botName: string;
}

export function mentionNote(botName: unknown): string {
  const name = escapeMarkdown(botName, 80);
  return name ? `In a group space, mention ${name} first.` : 'In a group space, mention me first.';
}

function explain(reply: InvalidTarget): { title: string; paragraph: string; nextStep: string } {
  switch (reply.reason) {
    case 'empty':
      return {
        title: 'Whose transfer numbers?',
        paragraph: 'You asked for transfer numbers, but nothing came after “for”.',
        nextStep: 'Add an email address, a person ID or a name after “for”.',
      };
    case 'emptyForm':
      return {
        title: 'Whose transfer numbers?',
        paragraph: 'The look-up box was empty.',
        nextStep: 'Type an email address, a person ID or a display name in the box, then press Look up.',
      };
    case 'tooLong': {
      const length = Array.from(typeof reply.input === 'string' ? reply.input : '').length;
      const preview = escapeMarkdown(reply.input, PREVIEW_LENGTH);
      return {
        title: 'That is too long to look up',
        paragraph:
          `What you typed after “for” is too long (${length} characters) to be an email address, a person ID or a name` +
          (preview ? `; it starts “${preview}”.` : '.'),
        nextStep: 'Separate several people with commas or “and”.',
      };
    }
    case 'tooMany':
      return {
        title: 'Too many people at once',
        paragraph: `I look up at most ${MAX_TARGETS} people per message.`,
        nextStep: `Split the list into messages of up to ${MAX_TARGETS} people.`,
      };
    case 'malformed':
    default: {
      const shown = escapeMarkdown(reply.input, SHOWN_INPUT_MAX_LENGTH);
      return {
        title: 'I cannot look that up',
        paragraph: shown
          ? `“${shown}” is not an email address, a person ID or a name I can search for.`
          : 'What you typed is not an email address, a person ID or a name I can search for.',
        nextStep: 'Check for typos, or use their email address.',
      };
    }
  }
}

export function renderInvalidTarget(reply: InvalidTarget): OutgoingMessage {
  const { title, paragraph, nextStep } = explain(reply);
  return renderNotice({
    title,
    color: 'Warning',
    paragraphs: [paragraph, 'For example:'],
    example: EXAMPLE_COMMAND,
    nextStep: `${nextStep} ${mentionNote(reply.botName)}`,
    formLabel: FORM_LABEL_FIRST,
  });
}
