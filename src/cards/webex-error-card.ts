// Webex failed: during a look-up (LookupOutcome "webexError") or before one (Reply "webexError").
import type { Target } from '../commands/types';
import type { PersonSummary } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import { escapeMarkdown } from './escape';
import { FORM_LABEL_ANOTHER, FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import { personLine } from './person-words';
import { describeTarget } from './target-words';
import type { OutgoingMessage } from './types';
import { describeWebexError, type WebexErrorContext } from './webex-error-words';

const WEBEX_SAID_MAX_LENGTH = 200;

export interface WebexErrorDetails {
  error: WebexApiError;
  context: WebexErrorContext;
  /** The person being looked up, when already known. */
  person?: PersonSummary;
  /** What the agent asked for, when the person is not known yet. */
  target?: Target;
  /** The org the look-up was made in (partner administrators); "Try again" stays there. */
  orgId?: string;
}

export function renderWebexError(details: WebexErrorDetails): OutgoingMessage {
  const words = describeWebexError(details.error, details.context);
  const paragraphs = [words.detail];
  if (words.webexSaid) paragraphs.push(`Webex said: “${escapeMarkdown(words.webexSaid, WEBEX_SAID_MAX_LENGTH)}”`);
  if (!details.person && details.target) paragraphs.push(`I was looking for ${describeTarget(details.target).searched}.`);
  const personId = details.person && typeof details.person.id === 'string' ? details.person.id : '';
  const workspace = details.person?.kind === 'workspace';
  return renderNotice({
    title: words.title,
    color: 'Attention',
    person: details.person ? personLine(details.person) : undefined,
    paragraphs,
    nextStep: words.nextStep,
    trackingId: words.trackingId,
    retryPersonId: words.retryable && personId && !workspace ? personId : undefined,
    retryWorkspaceId: words.retryable && personId && workspace ? personId : undefined,
    retryOrgId: typeof details.orgId === 'string' && details.orgId !== '' ? details.orgId : undefined,
    formLabel: details.person ? FORM_LABEL_ANOTHER : FORM_LABEL_FIRST,
  });
}
