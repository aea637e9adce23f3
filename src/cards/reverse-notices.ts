// The other replies of a reverse look-up: listing the calling users failed (Reply "reverseFailed"),
// and a scan is under way (Reply "scanning").
import type { PhoneNumber } from '../commands/types';
import type { ReverseScanProgress } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import { FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import { textMessage } from './outgoing';
import { searchedNumber } from './reverse-words';
import type { OutgoingMessage } from './types';
import { describeWebexError } from './webex-error-words';

/** Words for a failure to list people: the People API (scope spark-admin:people_read), not one person. */
function listingContext(error: WebexApiError): 'resolve' | 'general' {
  return error.status === 400 || error.status === 404 ? 'general' : 'resolve';
}

export function renderReverseFailed(reply: { number: PhoneNumber; error: WebexApiError }): OutgoingMessage {
  const number = searchedNumber(reply.number);
  const words = describeWebexError(reply.error, listingContext(reply.error));
  const badRequest = reply.error.status === 400 || reply.error.status === 404;
  return renderNotice({
    title: badRequest ? 'Webex could not list the calling users' : words.title,
    color: 'Attention',
    paragraphs: [
      badRequest ? 'Webex did not accept my request for the list of calling users; if you named an organization, check its ID.' : words.detail,
      `I was listing calling users to find who transfers calls to ${number}.`,
    ],
    nextStep: badRequest ? "If it keeps happening, tell the bot's owner." : words.nextStep,
    trackingId: words.trackingId,
    formLabel: FORM_LABEL_FIRST,
  });
}

/** Posted while a long scan runs, so the agent knows an answer is coming. Markdown only. */
export function renderScanning(reply: { number: PhoneNumber; progress: ReverseScanProgress }): OutgoingMessage {
  const number = searchedNumber(reply.number);
  const listed = Number.isInteger(reply.progress?.listed) && reply.progress.listed > 0 ? reply.progress.listed : 0;
  const done = reply.progress?.listingDone === true;
  // While listing goes on the total is not known yet: "100+".
  const count = listed === 0 ? 'calling users' : `${listed}${done ? '' : '+'} calling ${listed === 1 && done ? 'user' : 'users'}`;
  return textMessage(`Scanning ${count} to find who transfers calls to ${number}; this can take a minute.`);
}
