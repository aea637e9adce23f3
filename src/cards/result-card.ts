// The answer: what applies to one person's (or workspace's) calls (LookupOutcome "found"): the transfer
// numbers in effect and where they come from, what each is for, and what does not add up.
import resultTemplateJson from '../../cards/result.json';
import type { LookupOutcome, TransferUsage } from '../lookup/types';
import { escapeMarkdown, plainText } from './escape';
import { locationNumbersNote, NUMBERS_IN_EFFECT, numbersSourceWords, slotsInEffect, storedNotInEffectNote, usageSourceNote } from './in-effect-words';
import { FORM_LABEL_ANOTHER, withLookupForm } from './lookup-form';
import { shownNumber, type Escape } from './number-words';
import { cardMessage, joinBlocks } from './outgoing';
import { personWords } from './person-words';
import { formatReadAt } from './read-time';
import { orgWords } from './reverse-words';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';
import { slotNote, usageErrorNote, type UsageNote } from './usage-words';

export const SLOT_TITLES = ['Transfer number 1', 'Transfer number 2', 'Transfer number 3'] as const;
/** A workspace's subtitle, where a person's email goes. */
export const WORKSPACE_LABEL = 'Workspace';
/** A slot of the location's numbers when they could not be read. */
export const UNREADABLE = 'Could not be read';

const resultTemplate = compileTemplate(resultTemplateJson);

/** A found person's outcome (LookupOutcome "found"), the one shape a look-up's result has. */
type FoundOutcome = Extract<LookupOutcome, { kind: 'found' }>;

/** The three numbers in effect as shown ("Could not be read" when the location's were not read). */
export function numbersShown(outcome: FoundOutcome, escape: Escape): [string, string, string] {
  const numbers = slotsInEffect(outcome);
  if (numbers === null) return [UNREADABLE, UNREADABLE, UNREADABLE];
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

/** The lines under the numbers, each markdown: warnings first, then where things come from. */
export function resultNotes(outcome: FoundOutcome): { warnings: string[]; subtle: string[] } {
  const workspace = outcome.person?.kind === 'workspace';
  const usageError =
    outcome.usage === undefined && (outcome.usageError || outcome.usageFrom === 'location') ? usageErrorNote(outcome.usageError, outcome.usageFrom, workspace) : '';
  return {
    warnings: [locationNumbersNote(outcome), usageError].filter((t) => t !== ''),
    subtle: [usageSourceNote(outcome), storedNotInEffectNote(outcome)].filter((t) => t !== ''),
  };
}

export function renderResult(outcome: FoundOutcome, now: Date): OutgoingMessage {
  const { name, email } = personWords(outcome.person);
  const isWorkspace = outcome.person?.kind === 'workspace';
  const subtitle = isWorkspace ? WORKSPACE_LABEL : email;
  const source = numbersSourceWords(outcome);
  // FactSet values are plain text in Webex; the fallback is markdown.
  const cardNumbers = numbersShown(outcome, plainText);
  const markdownNumbers = numbersShown(outcome, escapeMarkdown);
  const notes = slotNotes(outcome.usage);
  const { warnings, subtle } = resultNotes(outcome);
  // A look-up in another organization (`in org`) says which, so the agent knows where it looked.
  const readAt = formatReadAt(outcome.readAt, now) + orgWords(outcome.orgId);
  const id = typeof outcome.person.id === 'string' ? outcome.person.id : '';
  const orgId = typeof outcome.orgId === 'string' ? outcome.orgId : '';

  const card = expandCard(resultTemplate, {
    name,
    hasSubtitle: subtitle !== '',
    subtitle,
    sourceTitle: NUMBERS_IN_EFFECT,
    // FactSet values are plain text in Webex.
    source: numbersSourceWords(outcome, plainText),
    slots: SLOT_TITLES.map((title, i) => ({
      title,
      number: cardNumbers[i],
      notes: notes[i] ? [{ text: notes[i].text, color: noteColor(notes[i]) }] : [],
    })),
    warnings: warnings.map((text) => ({ text })),
    notes: subtle.map((text) => ({ text })),
    readAt,
    refreshHere: !isWorkspace && id !== '' && orgId === '',
    refreshInOrg: !isWorkspace && id !== '' && orgId !== '',
    refreshWorkspaceHere: isWorkspace && id !== '' && orgId === '',
    refreshWorkspaceInOrg: isWorkspace && id !== '' && orgId !== '',
    id,
    orgId,
  });

  const markdown = joinBlocks([
    `**Transfer numbers** for **${name}**${subtitle ? ` (${subtitle})` : ''}`,
    [`- ${NUMBERS_IN_EFFECT}: ${source}`, ...SLOT_TITLES.map((title, i) => `- ${title}: ${markdownNumbers[i]}${notes[i] ? ` — ${notes[i].text}` : ''}`)].join('\n'),
    ...warnings,
    ...subtle,
    readAt,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_ANOTHER), markdown);
}
