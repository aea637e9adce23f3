// Nobody matches what the agent asked for (LookupOutcome "notFound").
import notFoundTemplateJson from '../../cards/not-found.json';
import type { Target } from '../commands/types';
import type { WebexApiError } from '../webex/errors';
import { workspacesUnsearchedNote } from './workspace-words';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { escapeIdentifier } from './escape';
import { cardMessage, joinBlocks } from './outgoing';
import { describeTarget } from './target-words';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

export const NOT_FOUND_TITLE = 'No one found';

const notFoundTemplate = compileTemplate(notFoundTemplateJson);

export function renderNotFound(outcome: { target: Target; orgId?: string; workspacesUnsearched?: WebexApiError }): OutgoingMessage {
  const words = describeTarget(outcome.target);
  // Name the organization searched when it is not the agent's own, so "no one" is not misread.
  const org = outcome.orgId ? `organization ${escapeIdentifier(outcome.orgId, 200)}` : 'your organization';
  const searched = `I looked for ${words.searched} in ${org} and found no one.`;
  const unsearched = workspacesUnsearchedNote(outcome.workspacesUnsearched);
  const card = expandCard(notFoundTemplate, { searched, nextStep: words.nextStep, hasUnsearched: unsearched !== '', unsearched });
  const markdown = joinBlocks([`**${NOT_FOUND_TITLE}**`, searched, unsearched, words.nextStep]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
