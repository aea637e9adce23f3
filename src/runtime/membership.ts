// Who is in each space (see access/space-membership.ts), listed with the bot's token through the
// framework's SDK and, with Redis, told of membership events other instances received.
import type { Framework } from '../bot/framework';
import { DEFAULT_MEMBERSHIP_TTL_MS, listMembersFromPages, SpaceMembership } from '../access';
import type { Logger } from '../ops/logger';
import type { Stores } from '../store';
import { redactForLog } from '../webex/redact';

export function buildSpaceMembership(framework: Framework, stores: Stores, logger: Logger): SpaceMembership {
  const ttlMs = DEFAULT_MEMBERSHIP_TTL_MS;
  const markers = stores.changeMarkers;
  return new SpaceMembership({
    ttlMs,
    listMembers: listMembersFromPages((query) => framework.webex.memberships.list(query)),
    selfPersonId: () => framework.person?.id,
    // A marker outlives any list cached before it changed (see SpaceMembership), so twice the TTL.
    changeMarkers: markers && {
      read: (roomId) => markers.read(`members:${roomId}`),
      touch: (roomId) => markers.touch(`members:${roomId}`, 2 * ttlMs),
    },
    onShareError: (err, roomId) => logger.warn({ err: redactForLog(err), roomId }, 'access.membership_change_not_shared'),
  });
}
