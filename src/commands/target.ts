// Turns what an agent typed after "for" into a Target: an email, a Webex person ID or a display name.
import { trimEndChars, trimStartChars } from './trim';
import type { Target } from './types';

export const MAX_TARGET_LENGTH = 200;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
// Webex IDs are base64 of "ciscospark://<region>/PEOPLE/<uuid>" (sometimes URL-safe, without padding).
const PERSON_ID_PREFIX = 'Y2lzY29zcGFyazovL';
const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;
// Names: letters of any script, marks, spaces and the punctuation names really carry.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{N} .'’\-()]*$/u;

export type TargetParse =
  | { ok: true; target: Target }
  | { ok: false; reason: 'empty' | 'malformed' | 'tooLong' };

/** Removes the wrapping agents and clients add: <…>, mailto:, markdown links, quotes, trailing punctuation. */
export function cleanTargetText(input: string): string {
  let s = input.trim();
  // [alice@example.com](mailto:alice@example.com) → alice@example.com
  const mdLink = /^\[([^\]]*)\]\((?:mailto:)?([^)]*)\)$/i.exec(s);
  if (mdLink) s = mdLink[2] || mdLink[1];
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = trimEndChars(trimStartChars(s, '<"\'“‘`('), '>"\'”’`)');
    s = trimEndChars(s, '.,;:!?…');
    s = s.replace(/^mailto:/i, '');
    s = s.trim();
    if (s === before) break;
  }
  return s.replace(/\s+/g, ' ');
}

export function parseTarget(input: string): TargetParse {
  const s = cleanTargetText(input);
  if (s === '') return { ok: false, reason: 'empty' };
  if (s.length > MAX_TARGET_LENGTH) return { ok: false, reason: 'tooLong' };
  if (s.includes('@')) {
    return EMAIL.test(s) ? { ok: true, target: { kind: 'email', email: s.toLowerCase() } } : { ok: false, reason: 'malformed' };
  }
  if (isPersonId(s)) return { ok: true, target: { kind: 'personId', id: s } };
  if (NAME.test(s) && /\p{L}/u.test(s)) return { ok: true, target: { kind: 'name', name: s } };
  return { ok: false, reason: 'malformed' };
}

export function isPersonId(s: string): boolean {
  if (!BASE64ISH.test(s) || s.length < 40) return false;
  if (s.startsWith(PERSON_ID_PREFIX)) return decodesToPeopleUri(s);
  return false;
}

function decodesToPeopleUri(s: string): boolean {
  const decoded = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return /^ciscospark:\/\/[a-z0-9-]+\/PEOPLE\/[0-9a-f-]{8,}/i.test(decoded);
}
