// The report's CSV: one row per calling user or workspace of the index, written by csv-stringify
// (RFC 4180 quoting), UTF-8 with a byte order mark so spreadsheet programs read names in any script
// as UTF-8, and a header row. Text that came from Webex is neutralized against formula injection.
import { stringify } from 'csv-stringify/sync';
import type { IndexEntry, IndexLocation, OrgIndexSnapshot } from '../org-index/types';
import { findingWords } from './finding-words';

export const CSV_HEADER = [
  'Name',
  'Email',
  'Type',
  'Location',
  'Custom numbers',
  'Numbers from',
  'Number 1',
  'Number 1 used for',
  'Number 2',
  'Number 2 used for',
  'Number 3',
  'Number 3 used for',
  'Findings',
  'Could not read',
] as const;

const BOM = '\uFEFF';
/**
 * Starts a spreadsheet may read as a formula or a command (OWASP "CSV Injection"), also after leading
 * blanks, which some spreadsheet programs skip.
 */
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r\n])/u;

/** A text cell a spreadsheet will show as text: a leading `'` when it would start a formula. */
export function neutralized(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function numberCell(entry: IndexEntry, i: number): string {
  const raw = entry.numbers?.[i] ?? null;
  if (raw === null) return '';
  // A valid number is written in E.164 ("+12055553651"): machine-readable, and a spreadsheet shows it as text.
  const e164 = entry.e164?.[i];
  return e164 ? e164 : neutralized(raw);
}

function usageCell(entry: IndexEntry, i: number): string {
  if (entry.numbers === null) return '';
  if (!entry.usage) return 'unknown';
  return entry.usage[i].map(neutralized).join('; ');
}

function errorCell(entry: IndexEntry): string {
  if (!entry.error) return '';
  const { stage, error } = entry.error;
  const what = stage === 'numbers' ? 'transfer numbers' : stage === 'location' ? "location's transfer numbers" : 'outgoing permissions';
  const status = error.status > 0 ? `${error.status} ` : '';
  return neutralized(`${what}: ${status}${error.message}${error.trackingId ? ` (tracking ID ${error.trackingId})` : ''}`);
}

export function reportRow(entry: IndexEntry, locationNames: ReadonlyMap<string, string>): string[] {
  return [
    neutralized(entry.name),
    neutralized(entry.email),
    entry.kind,
    neutralized(entry.locationId ? (locationNames.get(entry.locationId) ?? entry.locationId) : ''),
    entry.customNumbers === undefined ? '' : entry.customNumbers ? 'on' : 'off',
    entry.numbersFrom ?? '',
    numberCell(entry, 0),
    usageCell(entry, 0),
    numberCell(entry, 1),
    usageCell(entry, 1),
    numberCell(entry, 2),
    usageCell(entry, 2),
    entry.findings.map(findingWords).join('; '),
    errorCell(entry),
  ];
}

/** The whole CSV of `entries` (the index's, or one location's), in their order. */
export function reportCsv(snapshot: Pick<OrgIndexSnapshot, 'locations'>, entries: readonly IndexEntry[]): Buffer {
  const names = new Map(snapshot.locations.filter((l): l is IndexLocation & { name: string } => l.name !== undefined).map((l) => [l.id, l.name]));
  const rows = entries.map((entry) => reportRow(entry, names));
  // Rows end in CRLF; csv-stringify quotes a field holding its own record delimiter, so a bare LF (or CR)
  // inside a name must be asked for, or it would break the row in two.
  return Buffer.from(BOM + stringify([[...CSV_HEADER], ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ }), 'utf8');
}
