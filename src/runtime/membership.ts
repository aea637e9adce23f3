// Who is in each space (see access/space-membership.ts), listed with the bot's token through the
// framework's SDK and, with Redis, told of membership events other instances received.
import type { Framework } from '../bot/framework';
import { DEFAULT_MEMBERSHIP_TTL_MS, listMembersFromPages, SpaceMembership } from '../access';
import type { Logger } from '../ops/logger';
import type { Stores } from '../store';
import { redactForLog } from '../webex/redact';

/**
 * `everyChangeArrives`: webhook mode, where every membership event reaches the receiver before anything
 * else. In websocket mode the framework may drop one (it fetches before telling us), so no member list
 * is reused there: each answer in a group space lists the space afresh.
 */
export function buildSpaceMembership(framework: Framework, stores: Stores, logger: Logger, everyChangeArrives: boolean): SpaceMembership {
  const ttlMs = DEFAULT_MEMBERSHIP_TTL_MS;
  const markers = stores.changeMarkers;
  return new SpaceMembership({
    ttlMs,
    cacheLists: everyChangeArrives,
    listMembers: listMembersFromPages((query) => framework.webex.memberships.list(query)),
    selfPersonId: () => framework.person?.id,
    // A marker outlives any list cached before it changed (see SpaceMembership), so twice the TTL.
    changeMarkers: markers && {
      read: (roomId) => markers.read(`members:${roomId}`),
      touch: (roomId) => markers.touch(`members:${roomId}`, 2 * ttlMs),
      onReconnect: (listener) => markers.onReconnect(listener),
    },
    onShareError: (err, roomId) => logger.warn({ err: redactForLog(err), roomId }, 'access.membership_change_not_shared: retrying; other instances answer privately while Redis is out of reach'),
  });
}
