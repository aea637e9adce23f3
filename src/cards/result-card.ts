// The answer: one person's transfer numbers, what each is for, and what does not add up (LookupOutcome "found").
import resultTemplateJson from '../../cards/result.json';
import type { LookupOutcome, TransferNumbersView, TransferUsage } from '../lookup/types';
import { escapeMarkdown, plainText } from './escape';
import { FORM_LABEL_ANOTHER, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { personWords } from './person-words';
import { phoneNumberWords } from './phone-words';
import { formatReadAt } from './read-time';
import { orgWords } from './reverse-words';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';
import { slotNote, usageErrorNote, type UsageNote } from './usage-words';

export const NOT_SET = 'Not set';
export const CUSTOM_IN_USE = 'In use';
export const CUSTOM_NOT_IN_USE = "Not in use (the location's numbers apply)";
export const SLOT_TITLES = ['Transfer number 1', 'Transfer number 2', 'Transfer number 3'] as const;

/** Room for "+49 1511 2345678 (+4915112345678)"; a raw value is cut at 40 before that. */
const NUMBER_MAX_LENGTH = 80;
const RAW_NUMBER_MAX_LENGTH = 40;
const resultTemplate = compileTemplate(resultTemplateJson);

/** A found person's outcome (LookupOutcome "found"), the one shape a look-up's result has. */
type FoundOutcome = Extract<LookupOutcome, { kind: 'found' }>;

type Escape = (value: unknown, maxLength: number) => string;

/** One number as shown (formatted with its E.164 form when valid, else as Webex returned it), escaped with `escape`, or "Not set". */
export function shownNumber(value: unknown, escape: Escape): string {
  if (typeof value !== 'string' || value.trim() === '') return NOT_SET;
  const words = phoneNumberWords(value);
  // Only a value libphonenumber-js accepted is reworded; anything else is Webex's text, cut shorter.
  const shown = words === value ? escape(value, RAW_NUMBER_MAX_LENGTH) : escape(words, NUMBER_MAX_LENGTH);
  return shown || NOT_SET;
}

/** The three numbers as shown. */
function transferNumbers(transfer: TransferNumbersView, escape: Escape): [string, string, string] {
  const numbers: unknown[] = Array.isArray(transfer.numbers) ? transfer.numbers : [];
  return [shownNumber(numbers[0], escape), shownNumber(numbers[1], escape), shownNumber(numbers[2], escape)];
}

/** The note under each number (none when the permissions were not read). */
export function slotNotes(usage: TransferUsage | undefined): [UsageNote | undefined, UsageNote | undefined, UsageNote | undefined] {
  const slots = Array.isArray(usage?.slots) ? usage.slots : [];
  return [slotNote(slots[0]), slotNote(slots[1]), slotNote(slots[2])];
}

export function noteColor(note: UsageNote): string {
  return note.attention ? 'Attention' : 'Default';
}

export function renderResult(outcome: FoundOutcome, now: Date): OutgoingMessage {
  const { name, email } = personWords(outcome.person);
  const customNumbers = outcome.transfer.useCustomTransferNumbers === true ? CUSTOM_IN_USE : CUSTOM_NOT_IN_USE;
  // FactSet values are plain text in Webex; the fallback is markdown.
  const cardNumbers = transferNumbers(outcome.transfer, plainText);
  const markdownNumbers = transferNumbers(outcome.transfer, escapeMarkdown);
  const notes = slotNotes(outcome.usage);
  const usageError = outcome.usage === undefined && outcome.usageError ? usageErrorNote(outcome.usageError) : '';
  // A look-up in another organization (`in org`) says which, so the agent knows where it looked.
  const readAt = formatReadAt(outcome.readAt, now) + orgWords(outcome.orgId);
  const personId = typeof outcome.person.id === 'string' ? outcome.person.id : '';
  const orgId = typeof outcome.orgId === 'string' ? outcome.orgId : '';

  const card = expandCard(resultTemplate, {
    name,
    hasEmail: email !== '',
    email,
    customNumbers,
    slots: SLOT_TITLES.map((title, i) => ({
      title,
      number: cardNumbers[i],
      notes: notes[i] ? [{ text: notes[i].text, color: noteColor(notes[i]) }] : [],
    })),
    hasUsageError: usageError !== '',
    usageError,
    readAt,
    refreshHere: personId !== '' && orgId === '',
    refreshInOrg: personId !== '' && orgId !== '',
    personId,
    orgId,
  });

  const markdown = joinBlocks([
    `**Transfer numbers** for **${name}**${email ? ` (${email})` : ''}`,
    [
      `- Custom transfer numbers: ${customNumbers}`,
      ...SLOT_TITLES.map((title, i) => `- ${title}: ${markdownNumbers[i]}${notes[i] ? ` — ${notes[i].text}` : ''}`),
    ].join('\n'),
    usageError,
    readAt,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_ANOTHER), markdown);
}
