// Messages: create (validated like Webex), get, list (newest first, before/beforeMessage/mentionedPeople, Link
// paging by beforeMessage) and delete.
import type { Router } from 'express';
import type { WebexMessage } from '../../../src/webex/types';
import { requireRoomMember } from '../access';
import { callerOf } from '../call-context';
import { parseMax, queryParam, selfUrl } from '../pagination';
import { badRequest } from '../webex-error';
import { on, param, type RouteDeps } from './register';

export function messageRoutes(router: Router, { store, ops }: RouteDeps): void {
  on(router, 'messages.create', (req, res) => {
    res.json(ops.postMessage(callerOf(res), req.body));
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
