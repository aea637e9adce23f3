// How a person from Webex is named on cards: escaped, and never blank.
import type { PersonSummary } from '../lookup/types';
import { cleanText, escapeEmail, escapeMarkdown, plainText } from './escape';

const NAME_MAX_LENGTH = 120;
const BUTTON_TITLE_MAX_LENGTH = 40;
export const UNNAMED_PERSON = 'Unnamed person';

export interface PersonWords {
  /** Display name for markdown; the email when there is no name; a fallback when there is neither. */
  name: string;
  /** Email for markdown; '' when Webex returned none or when it already stands in for the name. */
  email: string;
}

export function personWords(person: PersonSummary, fallback = UNNAMED_PERSON): PersonWords {
  const email = escapeEmail(person.email);
  if (cleanText(person.displayName) !== '') {
    return { name: escapeMarkdown(person.displayName, NAME_MAX_LENGTH), email };
  }
  return { name: email || fallback, email: '' };
}

/** "**Name** (email)", or "**Name**" when there is no separate email. */
export function personLine(person: PersonSummary): string {
  const { name, email } = personWords(person);
  return email ? `**${name}** (${email})` : `**${name}**`;
}

/** Plain-text display name (or email) for a button title, or `fallback`. */
export function personButtonTitle(person: PersonSummary, fallback = UNNAMED_PERSON): string {
  const name = cleanText(person.displayName) !== '' ? person.displayName : person.email;
  return plainText(name, BUTTON_TITLE_MAX_LENGTH) || fallback;
}
