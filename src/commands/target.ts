// Turns what an agent typed after "for" into a Target: an email, a Webex person or workspace ID, a
// display name, or "workspace <name>".
import { trimEndChars, trimStartChars } from './trim';
import type { Target } from './types';

export const MAX_TARGET_LENGTH = 200;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
// Webex IDs are base64 of "ciscospark://<region>/PEOPLE/<uuid>" (sometimes URL-safe, without padding);
// workspaces are PLACES (or WORKSPACE in "ciscospark://urn:TEAM:<cluster>/WORKSPACE/<uuid>" form).
const PERSON_ID_PREFIX = 'Y2lzY29zcGFyazovL';
// "workspace Lobby Phone", "workspace: Lobby Phone"; not "Workspace-Team" (a name). A person named
// "Workspace Jones" is still found: a workspace search that finds nothing looks among people too.
const WORKSPACE_WORD = /^workspace(?:\s*:\s*|\s+|$)/i;
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
  if (isWorkspaceId(s)) return { ok: true, target: { kind: 'workspaceId', id: s } };
  const workspace = WORKSPACE_WORD.exec(s);
  if (workspace) {
    const name = s.slice(workspace[0].length);
    if (name === '') return { ok: false, reason: 'empty' };
    if (isWorkspaceId(name)) return { ok: true, target: { kind: 'workspaceId', id: name } };
    return isName(name) ? { ok: true, target: { kind: 'workspaceName', name } } : { ok: false, reason: 'malformed' };
  }
  if (isName(s)) return { ok: true, target: { kind: 'name', name: s } };
  return { ok: false, reason: 'malformed' };
}

function isName(s: string): boolean {
  return NAME.test(s) && /\p{L}/u.test(s);
}

export function isPersonId(s: string): boolean {
  if (!BASE64ISH.test(s) || s.length < 40) return false;
  if (s.startsWith(PERSON_ID_PREFIX)) return decodesToPeopleUri(s);
  return false;
}

/**
 * Base64 of "<scheme>://<region or cluster>/PLACES/<uuid>" (or WORKSPACE). The scheme is not checked:
 * the API reference's own example workspace ID decodes to "cisco3park://us/PLACES/…".
 */
export function isWorkspaceId(s: string): boolean {
  if (!BASE64ISH.test(s) || s.length < 40) return false;
  return /^[a-z0-9]+:\/\/[a-z0-9:_.-]+\/(?:PLACES|WORKSPACE)\/[0-9a-f-]{8,}/i.test(decodeId(s));
}

function decodesToPeopleUri(s: string): boolean {
  return /^ciscospark:\/\/[a-z0-9-]+\/PEOPLE\/[0-9a-f-]{8,}/i.test(decodeId(s));
}

function decodeId(s: string): string {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}
