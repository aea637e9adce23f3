// The words of a reverse look-up ("who transfers to …"): the heading, each person's line, what could
// not be checked, and when the scan ran.
import { describeWebexError } from './webex-error-words';
import type { PhoneNumber } from '../commands/types';
import type { LocationMatch, ReverseMatch, ReverseResult } from '../lookup/types';
import { escapeIdentifier, escapeMarkdown } from './escape';
import { personLine, personWords } from './person-words';
import { typedNumberWords } from './phone-words';
import { utcTimeWords } from './read-time';
import { workspacesUncheckedNote } from './workspace-words';

const NUMBER_MAX_LENGTH = 80;

/** The number searched for, for markdown: formatted with its E.164 form when valid, else as typed. */
export function searchedNumber(number: PhoneNumber): string {
  return escapeMarkdown(typedNumberWords(number), NUMBER_MAX_LENGTH) || 'that number';
}

/**
 * "2 people, 1 workspace and 1 location transfer calls to …"; a location counts once, however many
 * people follow it.
 */
export function reverseHeading(count: number, number: string, locations = 0, workspaces = 0): string {
  if (count === 0 && locations === 0 && workspaces === 0) return `No one transfers calls to ${number}`;
  const parts = [
    count === 0 ? '' : count === 1 ? '1 person' : `${count} people`,
    workspaces === 0 ? '' : workspaces === 1 ? '1 workspace' : `${workspaces} workspaces`,
    locations === 0 ? '' : locations === 1 ? '1 location' : `${locations} locations`,
  ].filter((p) => p !== '');
  const one = count + locations + workspaces === 1;
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${list} ${one ? 'transfers' : 'transfer'} calls to ${number}`;
}

/** "**Birmingham HQ** (location; applies to 6 people without custom numbers): Transfer number 1". */
export function locationMatchLine(match: LocationMatch): string {
  const slots = Array.isArray(match.slots) ? match.slots.map((s) => s.slot) : [];
  const name = typeof match.location?.name === 'string' ? escapeMarkdown(match.location.name, 80) : '';
  const who = name ? `**${name}**` : `**Location ${escapeIdentifier(match.location?.id, 200)}**`;
  const followers = Number.isInteger(match.followers) ? match.followers : 0;
  const workspaces = Number.isInteger(match.workspaceFollowers) ? (match.workspaceFollowers as number) : 0;
  const people = followers === 1 ? '1 person' : `${followers} people`;
  const appliesTo = workspaces === 0 ? people : `${people} and ${workspaces === 1 ? '1 workspace' : `${workspaces} workspaces`}`;
  return `${who} (location; its numbers apply to ${appliesTo} without custom numbers): ${slotWords(slots)}`;
}

function people(count: number): string {
  return count === 1 ? '1 calling user' : `${count} calling users`;
}

/** "Transfer number 2", "Transfer numbers 1 and 3". */
export function slotWords(slots: readonly number[]): string {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  if (sorted.length <= 1) return `Transfer number ${sorted[0] ?? ''}`.trim();
  return `Transfer numbers ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

export function matchLine(match: ReverseMatch): string {
  const slots = Array.isArray(match.slots) ? match.slots.map((s) => s.slot) : [];
  const who = match.person?.kind === 'workspace' ? `**${personWords(match.person).name}** (workspace)` : personLine(match.person);
  return `${who}: ${slotWords(slots)}`;
}

/** What makes the answer less than certain; each markdown, escaped. */
export function reverseWarnings(result: ReverseResult): string[] {
  const warnings: string[] = [];
  if (result.stoppedEarly) {
    const why = result.lastFailure ? describeWebexError(result.lastFailure, 'general') : undefined;
    const trackingId = escapeIdentifier(why?.trackingId);
    warnings.push(
      `Webex stopped listing the calling users after ${people(result.listed)}${why ? `: ${why.detail}` : '.'} The index holds only them, so the answer may be incomplete; ` +
        "if this keeps happening, tell the bot's owner." +
        (trackingId ? ` Tracking ID: ${trackingId}` : ''),
    );
  }
  const locationsFailed = Number.isInteger(result.locationsFailed) ? result.locationsFailed : 0;
  if (locationsFailed > 0) {
    warnings.push(
      `I could not read the transfer numbers of ${locationsFailed === 1 ? '1 location' : `${locationsFailed} locations`} whose numbers apply to some of their people; they may transfer here too.`,
    );
  }
  const unchecked = workspacesUncheckedNote(result.workspacesUnsearched);
  if (unchecked) warnings.push(unchecked);
  if (result.failed > 0) {
    const trackingId = escapeIdentifier(result.lastFailure?.trackingId);
    warnings.push(
      `I could not read the transfer numbers of ${people(result.failed)}; they may transfer here too.` +
        (trackingId ? ` Tracking ID of the last failure: ${trackingId}` : ''),
    );
  }
  return warnings;
}

/**
 * "Index as of 14:03 UTC: 18 calling users" (with the date when it was another day, and the org when one
 * was named), and when its matches were read again.
 */
export function scannedAt(result: ReverseResult, now: Date): string {
  const when = utcTimeWords(result.readAt, now);
  const scanned = `${when ? `Index as of ${when}: ` : 'Index: '}${people(result.scanned)}${orgWords(result.orgId)}`;
  const count = Number.isInteger(result.reread) ? (result.reread as number) : 0;
  const rereadWhen = result.rereadAt instanceof Date ? utcTimeWords(result.rereadAt, now) : '';
  if (count <= 0 || !rereadWhen) return scanned;
  return `${scanned}; ${count === 1 ? 'the match was' : `${count} matches were`} read again at ${rereadWhen}`;
}

/** " in organization <orgId>" when a look-up named another organization (`in org`), else nothing. */
export function orgWords(orgId: string | undefined): string {
  return typeof orgId === 'string' && orgId !== '' ? ` in organization ${escapeIdentifier(orgId, 200)}` : '';
}
