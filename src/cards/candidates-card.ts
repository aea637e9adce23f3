// Several people (or workspaces) match a display name (LookupOutcome "ambiguous"): list them, saying
// which is a workspace, one button each.
import candidatesTemplateJson from '../../cards/candidates.json';
import { CARD_DATA_EDIT } from '../commands/card-actions';
import { editChangeCode } from '../commands/edit-change-code';
import type { EditChange } from '../commands/types';
import type { LookupOutcome, PersonSummary } from '../lookup/types';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { personButtonTitle, personWords } from './person-words';
import { workspacesUnsearchedNote } from './workspace-words';
import { describeTarget } from './target-words';
import { compileTemplate, expandCard, type TemplateData } from './template';
import type { OutgoingMessage } from './types';

/** Pick buttons; with the form's "Look up" the card stays within Webex's 5 actions. */
export const MAX_PICK_BUTTONS = 4;
/** People listed by name; beyond this the agent is better served by typing an email. */
export const MAX_LISTED = 10;
export const NO_EMAIL = 'no email on file';
/** What a workspace's line says where a person's email goes. */
export const WORKSPACE_WORD = 'workspace';

const candidatesTemplate = compileTemplate(candidatesTemplateJson);

type AmbiguousOutcome = Extract<LookupOutcome, { kind: 'ambiguous' }>;

function counted(people: number, workspaces: number): string {
  const p = people === 1 ? '1 person' : `${people} people`;
  const w = workspaces === 1 ? '1 workspace' : `${workspaces} workspaces`;
  if (workspaces === 0) return p;
  if (people === 0) return w;
  return `${p} and ${w}`;
}

function heading(candidates: readonly PersonSummary[], more: boolean, query: string): string {
  const quoted = `“${query}”`;
  const workspaces = candidates.filter(isWorkspace).length;
  const people = candidates.length - workspaces;
  if (more) return `More than ${candidates.length} ${workspaces === candidates.length ? 'workspaces' : workspaces > 0 ? 'people and workspaces' : 'people'} match ${quoted}`;
  return `${counted(people, workspaces)} ${candidates.length === 1 ? 'matches' : 'match'} ${quoted}`;
}

function hint(buttonCount: number, listedCount: number, workspaces: boolean): string {
  const exact = workspaces ? 'or type the email address of the person (or the whole name of the workspace) you mean' : 'or type the email address of the person you mean; that is always exact';
  if (buttonCount === 0) return workspaces ? 'Type their email address, or the whole workspace name, below.' : 'Type their email address below to look them up.';
  if (buttonCount < listedCount) return `Pick one of the first ${buttonCount} below, ${exact}.`;
  return workspaces ? `Pick the one you mean below, ${exact}.` : 'Pick the person you mean below, or type their email address; that is always exact.';
}

/** The same for an edit: a press proposes the change for the one picked, it writes nothing yet. */
function editHint(buttonCount: number, listedCount: number, workspaces: boolean): string {
  const retype = workspaces ? 'type the command again with the email address of the person (or the whole name of the workspace) you mean' : 'type the command again with the email address of the person you mean';
  if (buttonCount === 0) return `To change their transfer numbers, ${retype}.`;
  const pick = buttonCount < listedCount ? `Pick one of the first ${buttonCount} below` : 'Pick the one you mean below';
  return `${pick} to see the change before you confirm it, or ${retype}.`;
}

/** The fallback's last line: what to type to name the one meant. */
function typeAgain(workspaces: boolean, editing: boolean): string {
  if (editing) {
    const how = workspaces ? 'the email address of the person, or `workspace <whole name>` for a workspace' : 'the email address of the person you mean';
    return `To change their transfer numbers, type the command again with ${how}.`;
  }
  return workspaces
    ? 'Reply with `transfer numbers for <email>` for a person, or `transfer numbers for workspace <whole name>` for a workspace.'
    : 'Reply with `transfer numbers for <email>` using the email address of the person you mean.';
}

function isWorkspace(candidate: PersonSummary): boolean {
  return candidate?.kind === 'workspace';
}

/** Button titles are display names; people who share a name get their email added. */
function buttonTitles(people: readonly PersonSummary[]): string[] {
  const titles = people.map((person) => personButtonTitle(person));
  return titles.map((title, i) => {
    const shared = titles.filter((other) => other === title).length > 1;
    return shared && people[i].email ? personButtonTitle({ ...people[i], displayName: `${people[i].displayName} (${people[i].email})` }) : title;
  });
}

/** `edit`: the change of an edit command whose target named several; its buttons then propose it. */
export function renderCandidates(outcome: AmbiguousOutcome, edit?: EditChange): OutgoingMessage {
  // People first, then workspaces: the buttons come in that order (one template per kind), so the list does too.
  const given = Array.isArray(outcome.candidates) ? outcome.candidates : [];
  const candidates = [...given.filter((c) => !isWorkspace(c)), ...given.filter(isWorkspace)];
  const listed = candidates.slice(0, MAX_LISTED);
  const withButtons = candidates.slice(0, MAX_PICK_BUTTONS);
  const { query } = describeTarget(outcome.target);
  const title = heading(candidates, outcome.more === true, query);
  const notListedCount = candidates.length - listed.length;
  const notListed = notListedCount > 0 ? `…and ${notListedCount} more not listed here.` : '';
  const hintText = (edit ? editHint : hint)(withButtons.length, listed.length, candidates.some(isWorkspace));
  const lines = listed.map((person) => {
    const { name, email } = personWords(person);
    return { name, email: isWorkspace(person) ? WORKSPACE_WORD : email || NO_EMAIL };
  });
  const titles = buttonTitles(withButtons);
  const orgId = typeof outcome.orgId === 'string' ? outcome.orgId : '';

  const unsearched = workspacesUnsearchedNote(outcome.workspacesUnsearched);
  const data: TemplateData = {
    heading: title,
    hasUnsearched: unsearched !== '',
    unsearched,
    hasCandidates: lines.length > 0,
    candidates: lines.map((line) => ({ ...line })),
    hasNotListed: notListed !== '',
    notListed,
    hint: hintText,
    buttons: withButtons.map((person, i) => ({
      title: titles[i],
      personId: typeof person.id === 'string' ? person.id : '',
      email: typeof person.email === 'string' ? person.email : '',
      here: !isWorkspace(person) && orgId === '',
      inOrg: !isWorkspace(person) && orgId !== '',
      workspaceHere: isWorkspace(person) && orgId === '',
      workspaceInOrg: isWorkspace(person) && orgId !== '',
      orgId,
    })),
  };
  const card = expandCard(candidatesTemplate, data);
  // The pick buttons (the template's only actions) carry the edit's change.
  if (edit && card.actions) {
    const code = editChangeCode(edit);
    card.actions = (card.actions as Array<{ data: Record<string, unknown> }>).map((action) => ({ ...action, data: { ...action.data, [CARD_DATA_EDIT]: code } }));
  }

  const markdown = joinBlocks([
    `**${title}**`,
    lines.map((line) => `- **${line.name}** (${line.email})`).join('\n'),
    notListed,
    unsearched,
    typeAgain(candidates.some(isWorkspace), edit !== undefined),
  ]);
  // An edit's card has no look-up form: what is typed there would be looked up, not changed.
  return cardMessage(edit ? card : withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
