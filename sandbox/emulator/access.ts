// Who may see what. Admin tokens see every org (the sandbox admin doubles as a partner admin); other callers see
// their own org and the people they share a room with.
import type { EmulatorStore, StoredPerson } from './store';
import type { CallerRole } from './types';
import { forbidden, notFound } from './webex-error';

export interface Caller {
  role: Exclude<CallerRole, 'none'>;
  person: StoredPerson;
}

export function isAdmin(caller: Caller): boolean {
  return caller.role === 'admin';
}

export function requireAdmin(caller: Caller): void {
  if (!isAdmin(caller)) throw forbidden('This API requires an administrator token.');
}

export function canSeePerson(caller: Caller, person: StoredPerson, store: EmulatorStore): boolean {
  return isAdmin(caller) || person.orgId === caller.person.orgId || store.sharesRoom(caller.person.id, person.id);
}

export function requireRoomMember(caller: Caller, roomId: string, store: EmulatorStore): void {
  if (!store.rooms.has(roomId) || !store.isMember(roomId, caller.person.id)) {
    throw notFound('Could not find a room with provided ID.');
  }
}
