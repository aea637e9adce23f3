// What POST /messages accepts, checked the way Webex checks it: one destination, text or markdown (required with a
// card), at most 7439 bytes each, at most one attachment and it must be an Adaptive Card, at most one uploaded
// file ("currently only one file may be included with the message").
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
  /** A file sent with multipart/form-data. */
  file?: UploadedFile;
}

export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** The largest file the emulator keeps (Webex allows 100 MB; a report CSV is far smaller). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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

export function parseMessageInput(raw: unknown, file?: UploadedFile): MessageInput {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.');
  const body = raw as Record<string, unknown>;
  const destination = destinationOf(body);
  const text = optionalString(body, 'text');
  const markdown = optionalString(body, 'markdown');
  const parentId = optionalString(body, 'parentId');
  const attachments = attachmentsOf(body);
  const hasWords = Boolean(text) || Boolean(markdown);
  if (attachments?.length && !hasWords) throw badRequest('A text or markdown fallback is required when attachments are present.');
  if (!hasWords && !attachments?.length && !file) throw badRequest('A message needs text, markdown, an attachment or a file.');
  checkSize('text', text);
  checkSize('markdown', markdown);
  return { destination, parentId, text, markdown, attachments: attachments?.length ? attachments : undefined, ...(file ? { file } : {}) };
}
