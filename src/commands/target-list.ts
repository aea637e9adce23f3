// Several people in one command: "alice@example.com, bob@example.com and Chris Carter".
// Commas, semicolons and "and" separate; spaces separate only emails and person IDs, because a
// display name keeps its spaces.
import { cleanTargetText, isPersonId, isWorkspaceId, parseTarget } from './target';
import type { InvalidTargetReason, Target } from './types';

/** Most people looked up by one command. */
export const MAX_TARGETS = 10;

export type TargetListParse = { ok: true; targets: Target[] } | { ok: false; input: string; reason: InvalidTargetReason };

const SEPARATOR_WORD = /^(?:and|&)$/i;
// [label](mailto:addr) → addr, so that a link whose label has spaces stays one piece. Neither part may
// hold a bracket or parenthesis: with [^\]]* and [^)]*, text such as "[a](" repeated made each
// attempt run to the end of the message (quadratic).
const MARKDOWN_LINK = /\[([^[\]()]*)\]\(([^[\]()]*)\)/g;

function standsAlone(token: string): boolean {
  const cleaned = cleanTargetText(token);
  return cleaned.includes('@') || isPersonId(cleaned) || isWorkspaceId(cleaned);
}

/**
 * "Alice Anderson <alice@example.com>": the name in front of an address in <> is only its label. The
 * part before the "@" holds no "@": with [^<>\s]+ on both sides, "Alice <a@a@a@…" tried every "@"
 * as the separator and scanned to the end each time (quadratic; 28 ms for one 7 KB message).
 */
const ADDRESS_IN_BRACKETS = /^<[^<>\s@]+@[^<>\s]+>[.,;:!?]*$/;

function isAddressInBrackets(token: string): boolean {
  return ADDRESS_IN_BRACKETS.test(token);
}

/** Words between separators → pieces: each email or ID alone, each run of other words as one name. */
function piecesOfWords(tokens: readonly string[]): string[] {
  const pieces: string[] = [];
  let words: string[] = [];
  for (const token of tokens) {
    if (!standsAlone(token)) {
      words.push(token);
      continue;
    }
    if (words.length > 0 && !isAddressInBrackets(token)) pieces.push(words.join(' '));
    words = [];
    pieces.push(token);
  }
  if (words.length > 0) pieces.push(words.join(' '));
  return pieces;
}

/** The pieces of a list, in order, without the ones that hold nothing once cleaned. */
export function splitTargetText(input: string): string[] {
  const text = input.replace(MARKDOWN_LINK, (_link, label: string, href: string) => href.replace(/^mailto:/i, '').trim() || label);
  const pieces: string[] = [];
  for (const chunk of text.split(/[,;]/)) {
    // Blank between separators (",,," or ", ;"): nothing to split; hostile text has thousands of these.
    if (chunk.trim() === '') continue;
    let words: string[] = [];
    for (const token of chunk.split(/\s+/).filter((t) => t !== '')) {
      if (SEPARATOR_WORD.test(token)) {
        pieces.push(...piecesOfWords(words));
        words = [];
      } else words.push(token);
    }
    pieces.push(...piecesOfWords(words));
  }
  return pieces.filter((piece) => cleanTargetText(piece) !== '');
}

export function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'email' && b.kind === 'email') return a.email === b.email;
  if (a.kind === 'personId' && b.kind === 'personId') return a.id === b.id;
  if (a.kind === 'workspaceId' && b.kind === 'workspaceId') return a.id === b.id;
  if ((a.kind === 'name' && b.kind === 'name') || (a.kind === 'workspaceName' && b.kind === 'workspaceName')) return a.name.toLowerCase() === b.name.toLowerCase();
  return false;
}

/** Every target in `input`, duplicates removed, or why the list cannot be looked up. */
export function parseTargetList(input: string): TargetListParse {
  const whole = input.trim();
  const pieces = splitTargetText(whole);
  if (pieces.length === 0) {
    // Say what parseTarget says about it ("empty" for nothing or only wrapping, "tooLong"…).
    const single = parseTarget(whole);
    return { ok: false, input: whole, reason: single.ok ? 'malformed' : single.reason };
  }
  const distinct = new Set(pieces.map((piece) => cleanTargetText(piece).toLowerCase()));
  if (distinct.size > MAX_TARGETS) return { ok: false, input: whole, reason: 'tooMany' };
  const targets: Target[] = [];
  for (const piece of pieces) {
    const parsed = parseTarget(piece);
    // With a single piece the whole input is what was wrong; in a list, the piece is.
    if (!parsed.ok) return { ok: false, input: pieces.length === 1 ? whole : piece.trim(), reason: parsed.reason };
    if (!targets.some((known) => sameTarget(known, parsed.target))) targets.push(parsed.target);
  }
  return { ok: true, targets };
}
