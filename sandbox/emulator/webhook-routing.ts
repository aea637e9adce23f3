// Which webhook gets which event, and the envelope it receives. Mirrors Webex: the firehose (all/all) carries
// messages and memberships but not card submits; a bot in a group space only hears messages that mention it (and its
// own posts); card submits go to the app that posted the card.
import type { WorldEvent } from './events';
import type { EmulatorStore } from './store';
import type { WebhookRecord } from './types';

export interface WebhookEnvelope {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator';
  status: 'active';
  created: string;
  actorId: string;
  data: Record<string, unknown>;
}

function eventData(e: WorldEvent): Record<string, unknown> {
  switch (e.resource) {
    case 'messages': {
      const m = e.message;
      const data: Record<string, unknown> = { id: m.id, roomId: m.roomId, roomType: m.roomType, personId: m.personId, personEmail: m.personEmail };
      if (m.mentionedPeople?.length) data.mentionedPeople = m.mentionedPeople;
      data.created = m.created;
      return data;
    }
    case 'attachmentActions': {
      const a = e.action;
      return { id: a.id, type: 'submit', messageId: a.messageId, personId: a.personId, roomId: a.roomId, created: a.created };
    }
    case 'memberships': {
      const m = e.membership;
      return {
        id: m.id,
        roomId: m.roomId,
        roomType: m.roomType,
        personId: m.personId,
        personEmail: m.personEmail,
        personDisplayName: m.personDisplayName,
        personOrgId: m.personOrgId,
        isModerator: m.isModerator,
        isMonitor: m.isMonitor,
        created: m.created,
      };
    }
  }
}

function subscribes(hook: WebhookRecord, e: WorldEvent): boolean {
  const resourceMatches = hook.resource === e.resource || (hook.resource === 'all' && e.resource !== 'attachmentActions');
  return hook.status === 'active' && resourceMatches && (hook.event === 'all' || hook.event === e.event);
}

function ownerSees(store: EmulatorStore, ownerId: string, e: WorldEvent): boolean {
  const owner = store.people.get(ownerId);
  if (!owner) return false;
  switch (e.resource) {
    case 'messages': {
      if (!store.isMember(e.roomId, ownerId)) return false;
      if (owner.type !== 'bot' || e.message.roomType !== 'group') return true;
      return e.message.personId === ownerId || (e.message.mentionedPeople ?? []).includes(ownerId);
    }
    case 'attachmentActions':
      return e.cardAuthorId === ownerId;
    case 'memberships':
      return e.membership.personId === ownerId || store.isMember(e.roomId, ownerId);
  }
}

/** Webhook filters are `key=value` pairs joined by `&`; `me` stands for the webhook's owner. */
function passesFilter(filter: string | undefined, data: Record<string, unknown>, ownerId: string): boolean {
  if (!filter) return true;
  return filter.split('&').every((pair) => {
    const [key, rawValue = ''] = pair.split('=');
    const wanted = decodeURIComponent(rawValue) === 'me' ? ownerId : decodeURIComponent(rawValue);
    const actual = data[key];
    return Array.isArray(actual) ? actual.includes(wanted) : String(actual) === wanted;
  });
}

export function envelopeFor(store: EmulatorStore, hook: WebhookRecord, e: WorldEvent): WebhookEnvelope | undefined {
  if (!subscribes(hook, e) || !ownerSees(store, hook.ownerId, e)) return undefined;
  const data = eventData(e);
  if (!passesFilter(hook.filter, data, hook.ownerId)) return undefined;
  return {
    id: hook.id,
    name: hook.name,
    targetUrl: hook.targetUrl,
    resource: e.resource,
    event: e.event,
    ...(hook.filter ? { filter: hook.filter } : {}),
    orgId: hook.orgId,
    createdBy: hook.ownerId,
    appId: hook.appId,
    ownedBy: 'creator',
    status: 'active',
    created: hook.created,
    actorId: e.actorId,
    data,
  };
}
