// The answer: one person's transfer numbers (LookupOutcome "found").
import resultTemplateJson from '../../cards/result.json';
import type { PersonSummary, TransferNumbersView } from '../lookup/types';
import { escapeMarkdown, plainText } from './escape';
import { FORM_LABEL_ANOTHER, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { personWords } from './person-words';
import { formatReadAt } from './read-time';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

export const NOT_SET = 'Not set';
export const CUSTOM_IN_USE = 'In use';
export const CUSTOM_NOT_IN_USE = "Not in use (the location's numbers apply)";

const NUMBER_MAX_LENGTH = 40;
const resultTemplate = compileTemplate(resultTemplateJson);

export interface FoundOutcome {
  person: PersonSummary;
  transfer: TransferNumbersView;
  readAt: Date;
}

type Escape = (value: unknown, maxLength: number) => string;

/** The three numbers as shown, each escaped with `escape` or "Not set". */
function transferNumbers(transfer: TransferNumbersView, escape: Escape): [string, string, string] {
  const numbers: unknown[] = Array.isArray(transfer.numbers) ? transfer.numbers : [];
  const show = (i: number): string => escape(numbers[i], NUMBER_MAX_LENGTH) || NOT_SET;
  return [show(0), show(1), show(2)];
}

export function renderResult(outcome: FoundOutcome, now: Date): OutgoingMessage {
  const { name, email } = personWords(outcome.person);
  const customNumbers = outcome.transfer.useCustomTransferNumbers === true ? CUSTOM_IN_USE : CUSTOM_NOT_IN_USE;
  // FactSet values are plain text in Webex; the fallback is markdown.
  const [number1, number2, number3] = transferNumbers(outcome.transfer, plainText);
  const markdownNumbers = transferNumbers(outcome.transfer, escapeMarkdown);
  const readAt = formatReadAt(outcome.readAt, now);
  const personId = typeof outcome.person.id === 'string' ? outcome.person.id : '';

  const card = expandCard(resultTemplate, {
    name,
    hasEmail: email !== '',
    email,
    customNumbers,
    number1,
    number2,
    number3,
    readAt,
    hasPersonId: personId !== '',
    personId,
  });

  const markdown = joinBlocks([
    `**Transfer numbers** for **${name}**${email ? ` (${email})` : ''}`,
    [
      `- Custom transfer numbers: ${customNumbers}`,
      `- Transfer number 1: ${markdownNumbers[0]}`,
      `- Transfer number 2: ${markdownNumbers[1]}`,
      `- Transfer number 3: ${markdownNumbers[2]}`,
    ].join('\n'),
    readAt,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_ANOTHER), markdown);
}
