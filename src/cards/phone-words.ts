// Phone numbers as people read them, with the E.164 form kept alongside for copying.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PhoneNumber } from '../commands/types';

/**
 * "+1 205 555 3661 (+12055553661)" for a valid number in international form; anything else (not
 * valid, national form, an extension) exactly as given. Unescaped: escape before showing.
 */
export function phoneNumberWords(value: string): string {
  const parsed = parsePhoneNumberFromString(value.trim());
  if (!parsed || !parsed.isValid()) return value;
  return `${parsed.formatInternational()} (${parsed.number})`;
}

/** A number the agent typed: its valid E.164 form in words, or what they typed. Unescaped. */
export function typedNumberWords(number: PhoneNumber): string {
  return number.e164 ? phoneNumberWords(number.e164) : number.raw;
}
