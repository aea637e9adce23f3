// Phone numbers in the forms they are compared by: E.164 when the number is valid, else its digits.
// Webex stores transfer numbers as typed by an admin, so values that are not valid numbers still match.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { PhoneNumber } from './types';

export const DEFAULT_PHONE_COUNTRY = 'US';

function countryOrDefault(country: string | undefined): CountryCode {
  const code = (country ?? '').toUpperCase();
  return isSupportedCountry(code) ? code : DEFAULT_PHONE_COUNTRY;
}

/** E.164 of `text` when it is a valid number; national forms are read as numbers of `country`. */
export function validE164(text: string, country?: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, countryOrDefault(country));
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

export function phoneNumberOf(raw: string, country?: string): PhoneNumber {
  const trimmed = raw.trim();
  const e164 = validE164(trimmed, country);
  const digits = trimmed.replace(/\D/g, '');
  return e164 ? { raw: trimmed, e164, digits } : { raw: trimmed, digits };
}

/**
 * Same number when both are valid and their E.164 forms are equal; otherwise when their digits are
 * equal (so "+1205553650", not a valid number, still finds "+1205553650"), or their raw text is.
 */
export function samePhoneNumber(a: PhoneNumber, b: PhoneNumber): boolean {
  if (a.e164 && b.e164) return a.e164 === b.e164;
  if (a.digits !== '' && a.digits === b.digits) return true;
  return a.raw !== '' && a.raw === b.raw;
}
