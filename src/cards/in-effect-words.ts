// Where what applies to someone's calls comes from, in words: their own numbers and permissions, or
// their location's (custom ones off). Shared by the one-person card and the several-people card.
import type { LookupOutcome, NumbersInEffect, TransferNumberSlots } from '../lookup/types';
import { escapeIdentifier, escapeMarkdown } from './escape';
import { shownNumber } from './number-words';
import { whyUnreadable } from './usage-words';

type FoundOutcome = Extract<LookupOutcome, { kind: 'found' }>;

export const NUMBERS_IN_EFFECT = 'Numbers in effect';
export const OWN_NUMBERS = 'Their own (custom numbers on)';
export const OWN_NUMBERS_WORKSPACE = 'Its own (custom numbers on)';

const LOCATION_NAME_MAX_LENGTH = 80;

type Escape = (value: unknown, maxLength: number) => string;

/** "Birmingham HQ", or "ID Y2lz…" when Webex did not give its name; escaped with `escape` (markdown by default). */
export function locationWords(outcome: Pick<FoundOutcome, 'location'>, escape: Escape = escapeMarkdown): string {
  const location = outcome.location;
  if (!location) return '';
  const name = typeof location.name === 'string' ? escape(location.name, LOCATION_NAME_MAX_LENGTH) : '';
  if (name) return name;
  const id = escape === escapeMarkdown ? escapeIdentifier(location.id, 200) : escape(location.id, 200);
  return id ? `ID ${id}` : '';
}

/** The numbers in effect, whatever an older or odd outcome holds. */
export function numbersInEffect(outcome: FoundOutcome): NumbersInEffect {
  const inEffect = outcome.inEffect;
  if (inEffect && (inEffect.from === 'own' || inEffect.from === 'location')) return inEffect;
  return { from: 'own', numbers: outcome.transfer?.numbers ?? [null, null, null] };
}

/** What the "Numbers in effect" fact says, escaped with `escape` (markdown by default; plain text in a FactSet). */
export function numbersSourceWords(outcome: FoundOutcome, escape: Escape = escapeMarkdown): string {
  const inEffect = numbersInEffect(outcome);
  if (inEffect.from === 'own') return outcome.person?.kind === 'workspace' ? OWN_NUMBERS_WORKSPACE : OWN_NUMBERS;
  const location = locationWords(outcome, escape);
  return location ? `From location ${location} (custom numbers off)` : `From ${its(outcome)} location (custom numbers off)`;
}

/** Why the location's numbers are not shown; '' when they are. Markdown, escaped. */
export function locationNumbersNote(outcome: FoundOutcome): string {
  const inEffect = numbersInEffect(outcome);
  if (inEffect.from !== 'location' || inEffect.numbers !== null) return '';
  if (!('error' in inEffect) || !inEffect.error) return "The location's transfer numbers apply, but Webex did not say which location this is.";
  const trackingId = escapeIdentifier(inEffect.error.trackingId);
  if (inEffect.findingLocation) {
    const why = whyUnreadable(inEffect.error, 'spark-admin:people_read', 'record of this person');
    return `The location's transfer numbers apply, but I could not find out which location this is: ${why}.` + (trackingId ? ` Tracking ID: ${trackingId}` : '');
  }
  const why = whyUnreadable(inEffect.error, 'spark-admin:telephony_config_read', 'transfer numbers for this location');
  return `The location's transfer numbers apply, but they could not be read: ${why}.` + (trackingId ? ` Tracking ID: ${trackingId}` : '');
}

/** "What each number is for comes from …" when the location's permissions apply; '' otherwise. Markdown, escaped. */
export function usageSourceNote(outcome: FoundOutcome): string {
  if (outcome.usageFrom !== 'location' || !outcome.usage) return '';
  const location = locationWords(outcome);
  return `What each number is for comes from the outgoing permissions of ${location ? `location ${location}` : `${its(outcome)} location`} (custom permissions off).`;
}

/** Numbers stored on them that do not apply (custom numbers off); '' when none are stored. Markdown, escaped. */
export function storedNotInEffectNote(outcome: FoundOutcome): string {
  if (numbersInEffect(outcome).from !== 'location') return '';
  const stored: unknown[] = Array.isArray(outcome.transfer?.numbers) ? outcome.transfer.numbers : [];
  const shown = stored.map((value, i) => (typeof value === 'string' && value.trim() !== '' ? `${i + 1}: ${shownNumber(value, escapeMarkdown)}` : '')).filter((t) => t !== '');
  const on = outcome.person?.kind === 'workspace' ? 'it' : 'them';
  return shown.length > 0 ? `Not in effect (stored on ${on}, but custom numbers are off): ${shown.join(', ')}` : '';
}

/** "its" for a workspace, "their" for a person. */
function its(outcome: FoundOutcome): string {
  return outcome.person?.kind === 'workspace' ? 'its' : 'their';
}

/** The three numbers in effect; null slots when the location's could not be read. */
export function slotsInEffect(outcome: FoundOutcome): TransferNumberSlots | null {
  return numbersInEffect(outcome).numbers;
}
