// Posts a message with one file, as Webex takes local files: POST /messages as multipart/form-data, the
// text fields (roomId or toPersonId, markdown) and one `files` part (the Messages reference: "currently
// only one file may be included"). The framework's SDK posts JSON (files by public URL only), so this
// goes through the bot token's own REST client, with its rate gate and retries.
import type { WebexApiError } from './errors';
import type { WebexHttp } from './http';

export interface MessageFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export type FileDestination = { roomId: string; parentId?: string } | { toPersonId: string };

/** Resolves with the created message's ID; rejects with a WebexApiError. */
export async function postMessageWithFile(http: WebexHttp, to: FileDestination, markdown: string, file: MessageFile, deadline?: number): Promise<string | undefined> {
  const form = new FormData();
  for (const [key, value] of Object.entries(to)) if (typeof value === 'string' && value !== '') form.append(key, value);
  form.append('markdown', markdown);
  form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
  const response = await http.request<{ id?: unknown }>({ method: 'POST', path: '/messages', body: form, route: 'messages.create_file', deadline, mayRetry: notPosted });
  return typeof response.data?.id === 'string' ? response.data.id : undefined;
}

/**
 * Only failures that say the message was not created are tried again (429, 503): after a timeout, a
 * dropped connection or a gateway error the file may be in the space already, and a second post would
 * show it twice.
 */
function notPosted(error: WebexApiError): boolean {
  return error.kind === 'http' && (error.status === 429 || error.status === 503);
}
