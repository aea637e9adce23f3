// Rooms the caller is in: list (type filter, sortBy) and get.
import type { Router } from 'express';
import { requireRoomMember } from '../access';
import { callerOf } from '../call-context';
import { paginate, parseMax, queryParam } from '../pagination';
import { roomView } from '../presenters';
import type { RoomRecord } from '../types';
import { badRequest } from '../webex-error';
import { on, param, type RouteDeps } from './register';

const SORTS: Record<string, (a: RoomRecord, b: RoomRecord) => number> = {
  id: () => 0,
  lastactivity: (a, b) => b.lastActivity.localeCompare(a.lastActivity),
  created: (a, b) => b.created.localeCompare(a.created),
};

export function roomRoutes(router: Router, { store }: RouteDeps): void {
  on(router, 'rooms.list', (req, res) => {
    const caller = callerOf(res);
    const max = parseMax(req, 100, 1000);
    const type = queryParam(req, 'type');
    if (type && type !== 'direct' && type !== 'group') throw badRequest("type must be 'direct' or 'group'.");
    const sortBy = queryParam(req, 'sortBy') ?? 'id';
    const sort = SORTS[sortBy];
    if (!sort) throw badRequest('sortBy must be id, lastactivity or created.');
    const rooms = store
      .roomsOf(caller.person.id)
      .filter((room) => !type || room.type === type)
      .sort(sort);
    res.json({ items: paginate(req, res, rooms, max).map((room) => roomView(room, caller.person.id, store)) });
  });

  on(router, 'rooms.get', (req, res) => {
    const caller = callerOf(res);
    const roomId = param(req, 'roomId');
    requireRoomMember(caller, roomId, store);
    res.json(roomView(store.rooms.get(roomId) as RoomRecord, caller.person.id, store));
  });
}
