// Memberships: list (one room, optionally one person; or all of the caller's), get, add (emits
// memberships/created) and remove (emits memberships/deleted).
import type { Router } from 'express';
import { requireRoomMember } from '../access';
import { callerOf } from '../call-context';
import { paginate, parseMax, queryParam } from '../pagination';
import { badRequest } from '../webex-error';
import { on, param, type RouteDeps } from './register';

export function membershipRoutes(router: Router, { store, ops }: RouteDeps): void {
  on(router, 'memberships.list', (req, res) => {
    const caller = callerOf(res);
    const max = parseMax(req, 100, 1000);
    const roomId = queryParam(req, 'roomId');
    const personId = queryParam(req, 'personId');
    const personEmail = queryParam(req, 'personEmail')?.toLowerCase();
    if (!roomId && (personId || personEmail)) throw badRequest('roomId is required when filtering by person.');
    let items;
    if (roomId) {
      requireRoomMember(caller, roomId, store);
      items = store
        .membersOf(roomId)
        .filter((m) => (!personId || m.personId === personId) && (!personEmail || m.personEmail.toLowerCase() === personEmail));
    } else {
      items = [...store.memberships.values()].filter((m) => m.personId === caller.person.id);
    }
    res.json({ items: paginate(req, res, items, max) });
  });

  on(router, 'memberships.get', (req, res) => {
    res.json(ops.visibleMembership(callerOf(res), param(req, 'membershipId')));
  });

  on(router, 'memberships.create', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.roomId !== 'string' || !body.roomId) throw badRequest('roomId is required.');
    const who = {
      personId: typeof body.personId === 'string' ? body.personId : undefined,
      personEmail: typeof body.personEmail === 'string' ? body.personEmail : undefined,
    };
    res.json(ops.addMember(callerOf(res), body.roomId, who, body.isModerator === true));
  });

  on(router, 'memberships.delete', (req, res) => {
    ops.removeMember(callerOf(res), param(req, 'membershipId'));
    res.status(204).end();
  });
}
