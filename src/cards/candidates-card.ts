// Several people match a display name (LookupOutcome "ambiguous"): list them, one button per person.
import candidatesTemplateJson from '../../cards/candidates.json';
import type { LookupOutcome, PersonSummary } from '../lookup/types';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { personButtonTitle, personWords } from './person-words';
import { describeTarget } from './target-words';
import { compileTemplate, expandCard, type TemplateData } from './template';
import type { OutgoingMessage } from './types';

/** Pick buttons; with the form's "Look up" the card stays within Webex's 5 actions. */
export const MAX_PICK_BUTTONS = 4;
/** People listed by name; beyond this the agent is better served by typing an email. */
export const MAX_LISTED = 10;
export const NO_EMAIL = 'no email on file';

const candidatesTemplate = compileTemplate(candidatesTemplateJson);

type AmbiguousOutcome = Extract<LookupOutcome, { kind: 'ambiguous' }>;

function heading(count: number, more: boolean, query: string): string {
  const quoted = `“${query}”`;
  if (more) return `More than ${count} people match ${quoted}`;
  return count === 1 ? `1 person matches ${quoted}` : `${count} people match ${quoted}`;
}

function hint(buttonCount: number, listedCount: number): string {
  if (buttonCount === 0) return 'Type their email address below to look them up.';
  if (buttonCount < listedCount) {
    return `Pick one of the first ${buttonCount} below, or type the email address of the person you mean; that is always exact.`;
  }
  return 'Pick the person you mean below, or type their email address; that is always exact.';
}

/** Button titles are display names; people who share a name get their email added. */
function buttonTitles(people: readonly PersonSummary[]): string[] {
  const titles = people.map((person) => personButtonTitle(person));
  return titles.map((title, i) => {
    const shared = titles.filter((other) => other === title).length > 1;
    return shared && people[i].email ? personButtonTitle({ ...people[i], displayName: `${people[i].displayName} (${people[i].email})` }) : title;
  });
}

export function renderCandidates(outcome: AmbiguousOutcome): OutgoingMessage {
  const candidates = Array.isArray(outcome.candidates) ? outcome.candidates : [];
  const listed = candidates.slice(0, MAX_LISTED);
  const withButtons = candidates.slice(0, MAX_PICK_BUTTONS);
  const { query } = describeTarget(outcome.target);
  const title = heading(candidates.length, outcome.more === true, query);
  const notListedCount = candidates.length - listed.length;
  const notListed = notListedCount > 0 ? `…and ${notListedCount} more not listed here.` : '';
  const hintText = hint(withButtons.length, listed.length);
  const lines = listed.map((person) => {
    const { name, email } = personWords(person);
    return { name, email: email || NO_EMAIL };
  });
  const titles = buttonTitles(withButtons);
  const orgId = typeof outcome.orgId === 'string' ? outcome.orgId : '';

  const data: TemplateData = {
    heading: title,
    hasCandidates: lines.length > 0,
    candidates: lines.map((line) => ({ ...line })),
    hasNotListed: notListed !== '',
    notListed,
    hint: hintText,
    buttons: withButtons.map((person, i) => ({
      title: titles[i],
      personId: typeof person.id === 'string' ? person.id : '',
      email: typeof person.email === 'string' ? person.email : '',
      here: orgId === '',
      inOrg: orgId !== '',
      orgId,
    })),
  };
  const card = expandCard(candidatesTemplate, data);

  const markdown = joinBlocks([
    `**${title}**`,
    lines.map((line) => `- **${line.name}** (${line.email})`).join('\n'),
    notListed,
    'Reply with `transfer numbers for <email>` using the email address of the person you mean.',
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
