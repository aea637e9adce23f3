// One transfer number as cards show it: formatted with its E.164 form when valid, else as Webex
// returned it (cut shorter), or "Not set".
import { phoneNumberWords } from './phone-words';

export const NOT_SET = 'Not set';

/** Room for "+49 1511 2345678 (+4915112345678)"; a raw value is cut at 40 before that. */
const NUMBER_MAX_LENGTH = 80;
const RAW_NUMBER_MAX_LENGTH = 40;

export type Escape = (value: unknown, maxLength: number) => string;

/** One number as shown, escaped with `escape` (plain text for FactSets, markdown elsewhere), or "Not set". */
export function shownNumber(value: unknown, escape: Escape): string {
  if (typeof value !== 'string' || value.trim() === '') return NOT_SET;
  const words = phoneNumberWords(value);
  // Only a value libphonenumber-js accepted is reworded; anything else is Webex's text, cut shorter.
  const shown = words === value ? escape(value, RAW_NUMBER_MAX_LENGTH) : escape(words, NUMBER_MAX_LENGTH);
  return shown || NOT_SET;
}
