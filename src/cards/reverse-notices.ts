// The other replies of a reverse look-up and a report: listing the calling users failed (Reply
// "reverseFailed"), the org's index is being built (Reply "scanning", while waiting; "indexBuilding",
// when time ran out), a report named no location the index knows ("reportLocation"), and its CSV could
// not be posted ("reportFileFailed").
import type { PhoneNumber } from '../commands/types';
import type { ReverseScanProgress } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import { FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import { textMessage } from './outgoing';
import { searchedNumber } from './reverse-words';
import type { OutgoingMessage } from './types';
import { describeWebexError } from './webex-error-words';
import { escapeMarkdown } from './escape';

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

/** "4,200 of 10,000 calling users and workspaces read" (a "+" while listing goes on: the total is not known yet). */
function progressWords(progress: ReverseScanProgress | undefined): string {
  const whole = (n: unknown) => (Number.isInteger(n) && (n as number) > 0 ? (n as number) : 0);
  const listed = whole(progress?.listed);
  const read = Math.min(whole(progress?.read), listed);
  if (listed === 0) return 'listing the calling users';
  const done = progress?.listingDone === true;
  const total = `${listed.toLocaleString('en-US')}${done ? '' : '+'}`;
  const who = listed === 1 && done ? 'calling user or workspace' : 'calling users and workspaces';
  if (read === 0) return `${total} ${who} listed so far`;
  return `${read.toLocaleString('en-US')} of ${total} ${who} read`;
}

/** What waits for the index: "find who transfers calls to …" or "write the report". */
function purpose(number: PhoneNumber | undefined): string {
  return number ? `find who transfers calls to ${searchedNumber(number)}` : 'write the transfer numbers report';
}

/** Posted while a reverse look-up or a report waits for the org's first index build. Markdown only. */
export function renderScanning(reply: { number?: PhoneNumber; progress: ReverseScanProgress }): OutgoingMessage {
  return textMessage(
    `I am building the index of this organization's transfer numbers to ${purpose(reply.number)} (${progressWords(reply.progress)}). ` +
      'I will answer here when it is done; after that, answers come straight from the index.',
  );
}

/** The first build is still running when time ran out. */
export function renderIndexBuilding(reply: { number?: PhoneNumber; progress: ReverseScanProgress }): OutgoingMessage {
  return renderNotice({
    title: 'The index is still being built',
    color: 'Warning',
    paragraphs: [
      `I need the index of this organization's transfer numbers to ${purpose(reply.number)}, and it is still being built: ${progressWords(reply.progress)} so far.`,
      'It goes on in the background at the pace Webex allows.',
    ],
    nextStep: 'Ask again in a few minutes: the answer will come straight from the index.',
    formLabel: FORM_LABEL_FIRST,
  });
}

/** A name shown as typed (in monospace, unescaped) only when it is plain words; a made-up one otherwise. */
function exampleLocation(name: string | undefined): string {
  return typeof name === 'string' && /^[\p{L}\p{N}][\p{L}\p{N} .,'&-]{0,59}$/u.test(name) && !/\bwww\.|\.[a-z]{2,}\b/i.test(name) ? name : 'Main Office';
}

/** A report named a location the index has none of, or several. */
export function renderReportLocation(reply: { asked: string; found: 'none' | 'several'; names: string[]; more: number }): OutgoingMessage {
  const asked = escapeMarkdown(reply.asked.slice(0, 100));
  const names = Array.isArray(reply.names) ? reply.names.map((name) => `**${escapeMarkdown(name.slice(0, 100))}**`) : [];
  const more = Number.isInteger(reply.more) && reply.more > 0 ? ` and ${reply.more} more` : '';
  const list = names.length > 0 ? `${names.join(', ')}${more}` : '';
  const several = reply.found === 'several';
  return renderNotice({
    title: several ? 'Which location?' : 'No such location',
    color: 'Warning',
    paragraphs: [
      several ? `Several locations match "${asked}": ${list}.` : `No location of anyone in the index is called "${asked}".`,
      ...(!several && list ? [`Locations: ${list}.`] : []),
    ],
    example: `transfer numbers report for location ${exampleLocation(reply.names?.[0])}`,
    nextStep: 'Ask again with the whole name of the location, or leave it out for the whole organization.',
    formLabel: FORM_LABEL_FIRST,
  });
}

/** The report's card went out, but its CSV could not be posted. */
export function renderReportFileFailed(reply: { error: WebexApiError }): OutgoingMessage {
  const words = describeWebexError(reply.error, 'general');
  return renderNotice({
    title: 'The CSV file could not be posted',
    color: 'Attention',
    paragraphs: [words.detail, 'The summary above is complete. Asking again posts the file again from the same index, without reading Webex Calling settings again.'],
    nextStep: words.nextStep,
    trackingId: words.trackingId,
    formLabel: FORM_LABEL_FIRST,
  });
}
