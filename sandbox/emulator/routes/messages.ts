// Messages: create (validated like Webex; JSON, or multipart/form-data with one local file), get, list
// (newest first, before/beforeMessage/mentionedPeople, Link paging by beforeMessage) and delete; and the
// files messages carry (GET /contents/{id}, for members of the message's space).
import type { Request, Router } from 'express';
import type { WebexMessage } from '../../../src/webex/types';
import { requireRoomMember } from '../access';
import { callerOf } from '../call-context';
import { parseMax, queryParam, selfUrl } from '../pagination';
import type { UploadedFile } from '../message-rules';
import { badRequest, notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';

export function messageRoutes(router: Router, { store, ops }: RouteDeps): void {
  on(router, 'messages.create', async (req, res) => {
    if (!Buffer.isBuffer(req.body)) {
      res.json(ops.postMessage(callerOf(res), req.body));
      return;
    }
    const { fields, file } = await readMultipart(req);
    const urlOf = (contentId: string) => `${req.protocol}://${req.get('host')}${req.baseUrl}/contents/${contentId}`;
    res.json(ops.postMessage(callerOf(res), fields, file ? { file, urlOf } : undefined));
  });

  on(router, 'contents.get', (req, res) => {
    const content = store.contents.get(param(req, 'contentId'));
    const caller = callerOf(res);
    if (!content || !store.isMember(content.roomId, caller.person.id)) throw notFound('Could not find the file.');
    res.setHeader('Content-Type', content.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${content.name.replace(/["\\\r\n]/g, '_')}"`);
    res.end(content.bytes);
  });

  on(router, 'messages.get', (req, res) => {
    res.json(ops.visibleMessage(callerOf(res), param(req, 'messageId')));
  });

  on(router, 'messages.delete', (req, res) => {
    ops.deleteMessage(callerOf(res), param(req, 'messageId'));
    res.status(204).end();
  });

  on(router, 'messages.list', (req, res) => {
    const caller = callerOf(res);
    const roomId = queryParam(req, 'roomId');
    if (!roomId) throw badRequest('roomId is required.');
    requireRoomMember(caller, roomId, store);
    const max = parseMax(req, 50, 1000);
    let items: WebexMessage[] = store.messages.filter((m) => m.roomId === roomId).reverse();

    const mentioned = queryParam(req, 'mentionedPeople');
    if (mentioned) {
      const id = mentioned === 'me' ? caller.person.id : mentioned;
      items = items.filter((m) => m.mentionedPeople?.includes(id));
    }
    const before = queryParam(req, 'before');
    if (before) {
      const cutoff = Date.parse(before);
      if (Number.isNaN(cutoff)) throw badRequest('before must be an ISO 8601 date.');
      items = items.filter((m) => Date.parse(m.created ?? '') < cutoff);
    }
    const beforeMessage = queryParam(req, 'beforeMessage');
    if (beforeMessage) {
      const index = items.findIndex((m) => m.id === beforeMessage);
      if (index < 0) throw badRequest('beforeMessage must be a message in the room.');
      items = items.slice(index + 1);
    }
    const page = items.slice(0, max);
    if (items.length > max) {
      res.setHeader('Link', `<${selfUrl(req, { beforeMessage: page[page.length - 1].id, max: String(max) })}>; rel="next"`);
    }
    res.json({ items: page });
  });
}

const TEXT_FIELDS = ['roomId', 'toPersonId', 'toPersonEmail', 'text', 'markdown', 'parentId'] as const;

/** The fields and the one file of a multipart POST /messages (parsed by Node's own fetch Response). */
async function readMultipart(req: Request): Promise<{ fields: Record<string, string>; file?: UploadedFile }> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body as Buffer), { headers: { 'content-type': req.get('content-type') ?? '' } }).formData();
  } catch {
    throw badRequest('The multipart body could not be read.');
  }
  const fields: Record<string, string> = {};
  for (const key of TEXT_FIELDS) {
    const value = form.get(key);
    if (typeof value === 'string') fields[key] = value;
  }
  const files = form.getAll('files').filter((value): value is File => typeof value !== 'string');
  if (files.length > 1) throw badRequest('Only one file may be included with the message.');
  if (files.length === 0) return { fields };
  const [file] = files;
  return { fields, file: { name: file.name || 'file', contentType: file.type || 'application/octet-stream', bytes: Buffer.from(await file.arrayBuffer()) } };
}
