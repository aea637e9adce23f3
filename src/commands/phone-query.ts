// Turns what an agent typed after "who transfers to" into a PhoneNumber: any common way of writing
// a number (+1 205 555 3651, (205) 555-3651, 1-205-555-3651, 205.555.3651, tel: links).
import { phoneNumberOf } from './phone-number';
import { trimEndChars, trimStartChars } from './trim';
import type { InvalidNumberReason, PhoneNumber } from './types';

/** More than this many characters is not a phone number, whatever it is. */
export const MAX_NUMBER_INPUT_LENGTH = 60;
/** Fewer digits than this cannot tell numbers apart (extensions have at least this many). */
export const MIN_NUMBER_DIGITS = 3;
/** E.164 allows at most 15 digits. */
export const MAX_NUMBER_DIGITS = 15;

export type PhoneQueryParse = { ok: true; number: PhoneNumber } | { ok: false; reason: InvalidNumberReason };

// Digits, one leading +, and the separators people write numbers with (dashes of every kind too).
const NUMBER_TEXT = /^\+?[0-9 ().\-/\u2010-\u2015\u2212]+$/;

/** Removes what clients and agents wrap numbers in: markdown tel: links, <>, quotes, tel:, trailing punctuation. */
export function cleanNumberText(input: string): string {
  let s = input.trim();
  const mdLink = /^\[([^\]]*)\]\(([^)]*)\)$/.exec(s);
  if (mdLink) s = mdLink[2].trim() || mdLink[1];
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = trimEndChars(trimStartChars(s, '<"\'“‘`'), '>"\'”’`');
    s = trimEndChars(trimEndChars(s, ',;:!?…'), '.');
    // tel:+1-205-555-3651;ext=12 → +1-205-555-3651 (parameters are not part of the number).
    s = s.replace(/^(?:tel|callto):(?:\/\/)?/i, '').replace(/;.*$/, '');
    s = s.trim();
    if (s === before) break;
  }
  return s.replace(/\s+/g, ' ');
}

export function parsePhoneQuery(input: string, defaultCountry?: string): PhoneQueryParse {
  if (input.length > MAX_NUMBER_INPUT_LENGTH) return { ok: false, reason: 'tooLong' };
  const text = cleanNumberText(input);
  if (text === '') return { ok: false, reason: 'empty' };
  if (!NUMBER_TEXT.test(text)) return { ok: false, reason: 'malformed' };
  const digits = text.replace(/\D/g, '');
  if (digits.length < MIN_NUMBER_DIGITS) return { ok: false, reason: 'tooShort' };
  if (digits.length > MAX_NUMBER_DIGITS) return { ok: false, reason: 'tooLong' };
  return { ok: true, number: phoneNumberOf(text, defaultCountry) };
}
