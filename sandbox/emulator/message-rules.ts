// What POST /messages accepts, checked the way Webex checks it: one destination, text or markdown (required with a
// card), at most 7439 bytes each, at most one attachment and it must be an Adaptive Card.
import { badRequest } from './webex-error';

export const MAX_MESSAGE_BYTES = 7439;
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type MessageDestination = { roomId: string } | { toPersonId: string } | { toPersonEmail: string };

export interface MessageInput {
  destination: MessageDestination;
  parentId?: string;
  text?: string;
  markdown?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string.`);
  return value;
}

function destinationOf(body: Record<string, unknown>): MessageDestination {
  const roomId = optionalString(body, 'roomId');
  const toPersonId = optionalString(body, 'toPersonId');
  const toPersonEmail = optionalString(body, 'toPersonEmail');
  const given = [roomId, toPersonId, toPersonEmail].filter((v) => v !== undefined && v !== '');
  if (given.length !== 1) throw badRequest('Exactly one of roomId, toPersonId or toPersonEmail must be specified.');
  if (roomId) return { roomId };
  if (toPersonId) return { toPersonId };
  return { toPersonEmail: toPersonEmail as string };
}

function attachmentsOf(body: Record<string, unknown>): MessageInput['attachments'] {
  const value = body.attachments;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('attachments must be an array.');
  if (value.length > 1) throw badRequest('Only one attachment per message is supported.');
  return value.map((attachment: unknown) => {
    const a = attachment as { contentType?: unknown; content?: unknown } | null;
    if (!a || a.contentType !== ADAPTIVE_CARD_CONTENT_TYPE) {
      throw badRequest(`Attachment contentType must be ${ADAPTIVE_CARD_CONTENT_TYPE}.`);
    }
    const content = a.content as Record<string, unknown> | null | undefined;
    if (!content || typeof content !== 'object' || content.type !== 'AdaptiveCard') {
      throw badRequest('Attachment content must be an Adaptive Card (type AdaptiveCard).');
    }
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
  });
}

function checkSize(key: string, value: string | undefined): void {
  if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_MESSAGE_BYTES) {
    throw badRequest(`${key} exceeds the maximum length of ${MAX_MESSAGE_BYTES} bytes.`);
  }
}

export function parseMessageInput(raw: unknown): MessageInput {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.');
  const body = raw as Record<string, unknown>;
  const destination = destinationOf(body);
  const text = optionalString(body, 'text');
  const markdown = optionalString(body, 'markdown');
  const parentId = optionalString(body, 'parentId');
  const attachments = attachmentsOf(body);
  const hasWords = Boolean(text) || Boolean(markdown);
  if (attachments?.length && !hasWords) throw badRequest('A text or markdown fallback is required when attachments are present.');
  if (!hasWords && !attachments?.length) throw badRequest('A message needs text, markdown or an attachment.');
  checkSize('text', text);
  checkSize('markdown', markdown);
  return { destination, parentId, text, markdown, attachments: attachments?.length ? attachments : undefined };
}
