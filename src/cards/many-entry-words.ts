// One person's section on the several-people card: who, then their numbers or what went wrong, in a few lines.
import type { Target } from '../commands/types';
import type { LookupManyEntry, LookupOutcome } from '../lookup/types';
import { escapeIdentifier, escapeMarkdown } from './escape';
import { personLine, personWords } from './person-words';
import { NUMBERS_IN_EFFECT, numbersSourceWords } from './in-effect-words';
import { numbersShown, resultNotes, SLOT_TITLES, slotNotes, WORKSPACE_LABEL } from './result-card';
import { workspacesUnsearchedNote } from './workspace-words';
import { WORKSPACE_ID_LINE } from '../commands/card-actions';
import { describeTarget } from './target-words';
import { describeWebexError, isAboutWorkspace, lookupErrorContext } from './webex-error-words';

/** Candidates named on an "ambiguous" line; the agent should ask again by email anyway. */
export const MAX_NAMED_CANDIDATES = 5;

export type LineColor = 'Default' | 'Attention' | 'Warning';

export interface SectionLine {
  /** Markdown, escaped. */
  text: string;
  color: LineColor;
  subtle: boolean;
}

export interface EntrySection {
  /** Markdown, escaped: "**Name** (email)" or what was asked for, in bold. */
  title: string;
  lines: SectionLine[];
}

function line(text: string, color: LineColor = 'Default', subtle = false): SectionLine {
  return { text, color, subtle };
}

function askedFor(target: Target): string {
  return `**${describeTarget(target).query || 'what you typed'}**`;
}

function foundLines(outcome: Extract<LookupOutcome, { kind: 'found' }>): SectionLine[] {
  // Only the location is said: own numbers are what a section shows unless it says otherwise.
  const lines: SectionLine[] = outcome.inEffect?.from === 'location' ? [line(`${NUMBERS_IN_EFFECT}: ${numbersSourceWords(outcome)}`, 'Default', true)] : [];
  const numbers = numbersShown(outcome, escapeMarkdown);
  const notes = slotNotes(outcome.usage);
  SLOT_TITLES.forEach((title, i) => {
    const note = notes[i];
    const text = `${title}: ${numbers[i]}${note ? ` — ${note.text}` : ''}`;
    lines.push(line(text, note?.attention ? 'Attention' : 'Default'));
  });
  const { warnings, subtle } = resultNotes(outcome);
  for (const warning of warnings) lines.push(line(warning, 'Warning'));
  for (const note of subtle) lines.push(line(note, 'Default', true));
  return lines;
}

/** "**Lobby Phone** (Workspace)" or "**Name** (email)". */
function whoLine(person: Extract<LookupOutcome, { kind: 'found' }>['person']): string {
  return person?.kind === 'workspace' ? `**${personWords(person).name}** (${WORKSPACE_LABEL})` : personLine(person);
}

function ambiguousLine(outcome: Extract<LookupOutcome, { kind: 'ambiguous' }>): SectionLine {
  const candidates = Array.isArray(outcome.candidates) ? outcome.candidates : [];
  const named = candidates.slice(0, MAX_NAMED_CANDIDATES).map((person) => personWords(person).name + (person?.kind === 'workspace' ? ' (workspace)' : ''));
  const rest = candidates.length > named.length ? ' and others' : '';
  const workspaces = candidates.filter((c) => c?.kind === 'workspace').length;
  const noun = workspaces === 0 ? 'people' : workspaces === candidates.length ? 'workspaces' : 'people and workspaces';
  const count = outcome.more === true ? `More than ${candidates.length} ${noun} match` : `${candidates.length} ${noun} match`;
  const ask = candidates.some((c) => c?.kind === 'workspace') ? 'the email address, or the whole workspace name,' : 'the email address';
  return line(`${count}: ${named.join(', ')}${rest}. Ask again with ${ask} of the one you mean.`, 'Warning');
}

/** "Workspaces were not searched: …" when a name could not be looked for among workspaces. */
function unsearchedLines(outcome: { workspacesUnsearched?: Parameters<typeof workspacesUnsearchedNote>[0] }): SectionLine[] {
  const note = workspacesUnsearchedNote(outcome.workspacesUnsearched);
  return note ? [line(note, 'Default', true)] : [];
}

export function entrySection(entry: LookupManyEntry): EntrySection {
  const outcome = entry.outcome;
  switch (outcome.kind) {
    case 'found':
      return { title: whoLine(outcome.person), lines: foundLines(outcome) };
    case 'ambiguous':
      return { title: askedFor(outcome.target), lines: [ambiguousLine(outcome), ...unsearchedLines(outcome)] };
    case 'notFound':
      return { title: askedFor(outcome.target), lines: [line(`No one found. ${describeTarget(outcome.target).nextStep}`, 'Warning'), ...unsearchedLines(outcome)] };
    case 'noCalling':
      return { title: whoLine(outcome.person), lines: [line('No Webex Calling: there are no transfer numbers to show.', 'Warning')] };
    case 'otherOrg':
      return { title: askedFor(outcome.target), lines: [line('In another organization, which this bot is not set up to search.', 'Warning')] };
    case 'webexError': {
      const words = describeWebexError(outcome.error, lookupErrorContext(outcome.stage, isAboutWorkspace(outcome)));
      // The detail stands on its own ("Webex is busy; try again in 7 seconds."); the title would repeat it.
      const lines = [line(words.detail, 'Attention')];
      if (words.trackingId) lines.push(line(`Tracking ID: ${escapeIdentifier(words.trackingId)}`, 'Default', true));
      return { title: outcome.person ? personLine(outcome.person) : askedFor(outcome.target), lines };
    }
    default:
      return { title: askedFor(entry.target), lines: [line('Something went wrong on my side for this person.', 'Attention')] };
  }
}

/** What "Refresh all" asks for again: the person (or marked workspace) ID once known, else what was asked for. One line, no line breaks. */
export function refreshTarget(entry: LookupManyEntry): string {
  const outcome = entry.outcome;
  const person = 'person' in outcome ? outcome.person : undefined;
  const found = person && typeof person.id === 'string' ? person.id : '';
  // A workspace's ID is sent as it was listed, marked, so "Refresh all" takes it as one whatever it looks like.
  const id = found && person?.kind === 'workspace' ? `${WORKSPACE_ID_LINE}${found}` : found;
  const target = entry.target;
  const asked =
    target.kind === 'email' ? target.email : target.kind === 'personId' || target.kind === 'workspaceId' ? target.id : target.kind === 'workspaceName' ? `workspace ${target.name}` : target.name;
  return (id || (typeof asked === 'string' ? asked : '')).replace(/\s+/g, ' ').trim();
}
