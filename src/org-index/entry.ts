// One index entry from what the settings reader found (the same reads and rules as a look-up: numbers
// and permissions in effect), and the findings the report counts.
import { validE164 } from '../commands/phone-number';
import type { WebexApiError } from '../webex/errors';
import type { SettingsOutcome } from '../lookup/settings-reader';
import type { PersonSummary, TransferNumberSlots, TransferSlot } from '../lookup/types';
import type { Finding, IndexEntry, StoredError } from './types';

/** A WebexApiError as plain JSON (its own fields; nothing from the request). */
export function storedError(error: WebexApiError): StoredError {
  const stored: StoredError = { status: error.status, message: error.message, kind: error.kind };
  if (error.errorCode !== undefined) stored.errorCode = error.errorCode;
  if (error.trackingId !== undefined) stored.trackingId = error.trackingId;
  if (error.method !== undefined) stored.method = error.method;
  if (error.path !== undefined) stored.path = error.path;
  return stored;
}

/** The entry of someone whose settings were read; undefined for a 404 (listed, but without Webex Calling). */
export function entryOf(subject: { summary: PersonSummary; locationId?: string }, outcome: SettingsOutcome, defaultCountry?: string): IndexEntry | undefined {
  if (outcome.kind === 'noCalling') return undefined;
  const person = subject.summary;
  const base = {
    id: person.id,
    kind: person.kind === 'workspace' ? ('workspace' as const) : ('person' as const),
    name: person.displayName,
    email: person.email,
    ...(subject.locationId ? { locationId: subject.locationId } : {}),
  };
  if (outcome.kind === 'webexError') return { ...base, numbers: null, findings: [], error: { stage: 'numbers', error: storedError(outcome.error) } };
  const entry: IndexEntry = {
    ...base,
    ...(outcome.location && !base.locationId ? { locationId: outcome.location.id } : {}),
    customNumbers: outcome.transfer.useCustomTransferNumbers,
    numbersFrom: outcome.inEffect.from,
    numbers: outcome.inEffect.numbers,
    findings: [],
  };
  if (outcome.usage) entry.usage = [outcome.usage.slots[0].callTypes, outcome.usage.slots[1].callTypes, outcome.usage.slots[2].callTypes];
  if (outcome.usageFrom) entry.usageFrom = outcome.usageFrom;
  if (outcome.inEffect.numbers === null && 'error' in outcome.inEffect && outcome.inEffect.error) {
    entry.error = { stage: 'location', error: storedError(outcome.inEffect.error) };
  } else if (outcome.usageError) {
    entry.error = { stage: 'permissions', error: storedError(outcome.usageError) };
  }
  return withDerived(entry, defaultCountry);
}

/**
 * The entry with what is worked out from its numbers (E.164 forms, findings) brought up to date, as one
 * object literal with every key in a fixed order (absent ones undefined, which JSON leaves out): an
 * object spread and then added to takes almost twice the memory (measured: 1,137 against 641 bytes an
 * entry), and an index may hold 100,000.
 */
export function withDerived(entry: IndexEntry, defaultCountry?: string): IndexEntry {
  const numbers = entry.numbers;
  const e164: IndexEntry['e164'] = numbers ? [e164Of(numbers[0], defaultCountry), e164Of(numbers[1], defaultCountry), e164Of(numbers[2], defaultCountry)] : undefined;
  return {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    email: entry.email,
    locationId: entry.locationId,
    customNumbers: entry.customNumbers,
    numbersFrom: entry.numbersFrom,
    numbers,
    e164,
    usage: entry.usage,
    usageFrom: entry.usageFrom,
    findings: findingsOf({ ...entry, e164 }, defaultCountry),
    error: entry.error,
  };
}

/**
 * The E.164 form, or null. When the value already is that form (as Webex usually stores it) the value's
 * own string is kept: the one libphonenumber returns holds on to more memory (measured: ~600 bytes an
 * entry, a third of an index of 100,000).
 */
/** A stored number in E.164 when it is a valid phone number, else null. */
export function e164Of(value: string | null, defaultCountry?: string): string | null {
  if (value === null) return null;
  const e164 = validE164(value, defaultCountry);
  if (e164 === undefined) return null;
  return e164 === value ? value : (JSON.parse(JSON.stringify(e164)) as string);
}

/**
 * What is wrong with what applies (see FindingKind), judged on the numbers and permissions in effect;
 * nothing is judged on what could not be read.
 */
export function findingsOf(entry: Pick<IndexEntry, 'numbers' | 'e164' | 'usage' | 'customNumbers' | 'numbersFrom'>, defaultCountry?: string): Finding[] {
  const findings: Finding[] = [];
  const numbers: TransferNumberSlots | null = entry.numbers;
  if (numbers === null) return findings;
  if (entry.customNumbers === true && entry.numbersFrom === 'own' && numbers.every((n) => n === null)) findings.push({ kind: 'customWithoutNumbers' });
  numbers.forEach((value, i) => {
    const slot = (i + 1) as TransferSlot;
    const used = entry.usage ? entry.usage[i].length > 0 : undefined;
    if (value === null && used === true) findings.push({ kind: 'numberNotSet', slot });
    if (value !== null && used === false) findings.push({ kind: 'numberNotUsed', slot });
    const valid = entry.e164 ? entry.e164[i] !== null : validE164(value ?? '', defaultCountry) !== undefined;
    if (value !== null && !valid) findings.push({ kind: 'invalidNumber', slot });
  });
  return findings;
}
