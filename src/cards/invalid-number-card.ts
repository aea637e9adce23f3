// What the agent typed after "who transfers to" is not a phone number (Reply "invalidNumber").
import type { InvalidNumberReason } from '../commands/types';
import { MAX_NUMBER_DIGITS, MIN_NUMBER_DIGITS } from '../commands/phone-query';
import { escapeMarkdown } from './escape';
import { mentionNote } from './invalid-target-card';
import { FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import type { OutgoingMessage } from './types';

export const REVERSE_EXAMPLE_COMMAND = 'who transfers to +1 205 555 3651';
const SHOWN_INPUT_MAX_LENGTH = 40;

export interface InvalidNumber {
  input: string;
  reason: InvalidNumberReason;
  botName: string;
}

function explain(reply: InvalidNumber): { title: string; paragraph: string } {
  const shown = escapeMarkdown(reply.input, SHOWN_INPUT_MAX_LENGTH);
  const quoted = shown ? `“${shown}”` : 'What you typed';
  switch (reply.reason) {
    case 'empty':
      return { title: 'Which number?', paragraph: 'You asked who transfers to a number, but no number came after “to”.' };
    case 'tooShort':
      return { title: 'That number is too short', paragraph: `${quoted} has fewer than ${MIN_NUMBER_DIGITS} digits.` };
    case 'tooLong':
      return { title: 'That number is too long', paragraph: `${quoted} is longer than a phone number can be (${MAX_NUMBER_DIGITS} digits).` };
    case 'malformed':
    default:
      return { title: 'That is not a phone number', paragraph: `${quoted} is not a phone number I can search for.` };
  }
}

export function renderInvalidNumber(reply: InvalidNumber): OutgoingMessage {
  const { title, paragraph } = explain(reply);
  return renderNotice({
    title,
    color: 'Warning',
    paragraphs: [paragraph, 'For example:'],
    example: REVERSE_EXAMPLE_COMMAND,
    nextStep: `Type the number with its country code; spaces, dashes, dots and brackets are fine. ${mentionNote(reply.botName)}`,
    formLabel: FORM_LABEL_FIRST,
  });
}
