// Replies that need no card: one or two sentences of markdown.
import { escapeIdentifier, escapeMarkdown } from './escape';
import { textMessage } from './outgoing';
import type { OutgoingMessage } from './types';
import { tryAgainIn } from './wait-words';

export function renderNotAllowed(): OutgoingMessage {
  return textMessage('Sorry, I only answer people in the organization I serve.');
}

export function renderInvalidOrg(reply: { input: string }): OutgoingMessage {
  const shown = escapeMarkdown(reply.input, 80);
  const what = shown ? `“${shown}” is not an organization ID` : 'No organization ID followed “in org”';
  return textMessage(
    `${what}, so I searched nothing. After “in org”, paste the organization ID from Control Hub or the Webex API ` +
      '(a UUID, or the long ID that starts with Y2lzY29zcGFyazovL), or leave “in org …” out to search the default organization.',
  );
}

export function renderOrgNotAllowed(reply: { orgId: string }): OutgoingMessage {
  const org = escapeIdentifier(reply.orgId, 200);
  return textMessage(
    `I can't search organization ${org}: this bot looks up people only in the organizations its Webex admin allowed. ` +
      'Ask without "in org" to search the default one, or ask the admin to add this organization to ALLOWED_TARGET_ORG_IDS.',
  );
}

export function renderSlowDown(reply: { retryAfterSeconds: number }): OutgoingMessage {
  return textMessage(`You've asked for a lot of look-ups in a short time; try again ${tryAgainIn(reply.retryAfterSeconds)}.`);
}

export function renderSentPrivately(reply: { requesterName: string }): OutgoingMessage {
  const name = escapeMarkdown(reply.requesterName, 80);
  const sentence = 'I sent the answer to you in a private message because this space has members from outside the organization.';
  return textMessage(name ? `${name}, ${sentence}` : sentence);
}

/** Markdown only: if posting a card is what failed, this still gets through. */
export function renderInternalError(reply: { reference: string }): OutgoingMessage {
  const reference = escapeIdentifier(reply.reference, 80);
  const ask = reference
    ? `If it keeps happening, give the bot's owner this reference: ${reference}`
    : "If it keeps happening, tell the bot's owner.";
  return textMessage(`Something went wrong on my side; please try again. ${ask}`);
}
