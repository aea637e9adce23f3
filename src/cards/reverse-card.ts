// Who transfers calls to a number (Reply "reverse"): the people, their slots, and how sure the answer is.
import reverseTemplateJson from '../../cards/reverse.json';
import type { ReverseResult } from '../lookup/types';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { personButtonTitle } from './person-words';
import { locationMatchLine, matchLine, reverseHeading, reverseWarnings, scannedAt, searchedNumber } from './reverse-words';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

/** People listed by name; a longer list belongs in a report, not a chat card. */
export const MAX_LISTED_MATCHES = 20;
/** Buttons to open a match's transfer numbers; with the form's "Look up" the card keeps to Webex's 5 actions. */
export const MAX_MATCH_BUTTONS = 4;
export const BUTTONS_HINT = 'Pick a person to see all their transfer numbers.';
export const BUTTONS_HINT_WITH_WORKSPACES = 'Pick one to see all its transfer numbers.';

const reverseTemplate = compileTemplate(reverseTemplateJson);

export function renderReverse(result: ReverseResult, now: Date): OutgoingMessage {
  const matches = Array.isArray(result.matches) ? result.matches : [];
  const locationMatches = Array.isArray(result.locationMatches) ? result.locationMatches : [];
  const listed = matches.slice(0, MAX_LISTED_MATCHES);
  const number = searchedNumber(result.number);
  const workspaceCount = matches.filter((m) => m.person?.kind === 'workspace').length;
  const title = reverseHeading(matches.length - workspaceCount, number, locationMatches.length, workspaceCount);
  // Locations first: one line stands for everyone there without custom numbers.
  const lines = [...locationMatches.slice(0, MAX_LISTED_MATCHES).map(locationMatchLine), ...listed.map(matchLine)];
  const hidden = matches.length - listed.length + Math.max(0, locationMatches.length - MAX_LISTED_MATCHES);
  const notListed = hidden > 0 ? `…and ${hidden} more not listed here.` : '';
  const warnings = reverseWarnings(result);
  const scanned = scannedAt(result, now);
  const orgId = typeof result.orgId === 'string' ? result.orgId : '';
  const withButtons = matches.slice(0, MAX_MATCH_BUTTONS);

  const card = expandCard(reverseTemplate, {
    heading: title,
    hasMatches: lines.length > 0,
    matches: lines.map((text) => ({ text })),
    hasNotListed: notListed !== '',
    notListed,
    warnings: warnings.map((text) => ({ text })),
    hasButtons: withButtons.length > 0,
    buttonsHint:
      withButtons.length < matches.length
        ? `Pick one of the first ${withButtons.length} to see all their transfer numbers.`
        : workspaceCount > 0
          ? BUTTONS_HINT_WITH_WORKSPACES
          : BUTTONS_HINT,
    scannedAt: scanned,
    buttons: withButtons.map((match) => {
      const workspace = match.person?.kind === 'workspace';
      return {
        title: personButtonTitle(match.person),
        personId: typeof match.person.id === 'string' ? match.person.id : '',
        email: typeof match.person.email === 'string' ? match.person.email : '',
        here: !workspace && orgId === '',
        inOrg: !workspace && orgId !== '',
        workspaceHere: workspace && orgId === '',
        workspaceInOrg: workspace && orgId !== '',
        orgId,
      };
    }),
  });
  const markdown = joinBlocks([`**${title}**`, lines.map((line) => `- ${line}`).join('\n'), notListed, ...warnings, scanned]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
