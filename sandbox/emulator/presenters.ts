// Stored records -> the JSON Webex answers with. Undefined fields are dropped so "absent" stays absent.
import type { WebexPerson } from '../../src/webex/types';
import type { EmulatorStore, StoredPerson } from './store';
import type { RoomRecord, WebhookRecord } from './types';

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Calling fields (locationId, extension) only with callingData=true, as Webex does. */
/**
 * Webex Calling details (locationId, extension, the calling phone numbers) are part of a person only
 * when the call asked for them with callingData=true (List People, Get Person Details).
 */
export function personView(person: StoredPerson, callingData: boolean): WebexPerson {
  const { locationId, extension, phoneNumbers, ...rest } = person;
  return compact(callingData ? { ...rest, locationId, extension, phoneNumbers } : rest);
}

/** A direct room is titled after the other member, as each viewer sees it. */
export function roomView(room: RoomRecord, viewerId: string, store: EmulatorStore): Record<string, unknown> {
  let title = room.title;
  if (room.type === 'direct') {
    const other = store.membersOf(room.id).find((m) => m.personId !== viewerId);
    title = other?.personDisplayName ?? room.title;
  }
  return compact({
    id: room.id,
    title,
    type: room.type,
    isLocked: room.isLocked,
    lastActivity: room.lastActivity,
    creatorId: room.creatorId,
    created: room.created,
    ownerId: room.type === 'group' ? room.ownerId : undefined,
  });
}

export function webhookView(hook: WebhookRecord): Record<string, unknown> {
  return compact({
    id: hook.id,
    name: hook.name,
    targetUrl: hook.targetUrl,
    resource: hook.resource,
    event: hook.event,
    filter: hook.filter,
    secret: hook.secret,
    orgId: hook.orgId,
    createdBy: hook.ownerId,
    appId: hook.appId,
    ownedBy: 'creator',
    status: hook.status,
    created: hook.created,
  });
}

export { compact };
