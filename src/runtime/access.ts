// The access rules, built once the admin token's organization is known (see start.ts).
import type { Framework } from '../bot/framework';
import { AccessGuard, AccessPolicy, RefusalNotices, RequesterRateLimiter, TargetOrgScope, type SpaceMembership } from '../access';
import type { Config } from '../config';
import type { Logger } from '../ops/logger';
import type { Stores } from '../store';
import { isWebexApiError } from '../webex/errors';
import { redactForLog } from '../webex/redact';

export interface AccessInputs {
  config: Config;
  homeOrgId: string;
  targetOrgs: TargetOrgScope;
  stores: Stores;
  membership: SpaceMembership;
  framework: Framework;
  /** The room of a message this instance posted, if it did (a card submit on it needs no Webex call). */
  postedRoom(messageId: string): string | undefined;
  logger: Logger;
}

export function buildAccessGuard(inputs: AccessInputs): AccessGuard {
  const { config, stores, framework, logger } = inputs;
  return new AccessGuard({
    policy: new AccessPolicy({ homeOrgId: inputs.homeOrgId, ...config.access }),
    limiter: new RequesterRateLimiter({
      limit: config.limits.lookupsPerMinute,
      store: stores.rateLimit,
      onStoreError: (err) => logger.warn({ err: redactForLog(err) }, 'ratelimit.store_failed'),
    }),
    membership: inputs.membership,
    refusalNotices: new RefusalNotices({
      store: stores.rateLimit,
      onStoreError: (err) => logger.warn({ err: redactForLog(err) }, 'refusal_notices.store_failed'),
    }),
    targetOrgs: inputs.targetOrgs,
    botPersonId: () => framework.person?.id,
    getCardMessage: async (messageId) => {
      const roomId = inputs.postedRoom(messageId);
      if (roomId) return { personId: framework.person.id, roomId };
      return getMessageOrUndefined(framework, messageId);
    },
    onMembershipError: (err, roomId) => logger.warn({ err: redactForLog(err), roomId }, 'access.membership_check_failed'),
  });
}

/** GET /messages/{id} with the bot's token; undefined when Webex has no such message. */
async function getMessageOrUndefined(framework: Framework, messageId: string): Promise<{ personId: string; roomId: string } | undefined> {
  try {
    const m = (await framework.webex.messages.get(messageId)) as { personId: string; roomId: string };
    return { personId: m.personId, roomId: m.roomId };
  } catch (err) {
    if (isWebexApiError(err) && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  }
}
