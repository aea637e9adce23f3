// Space discovery calls answered from what the signed event already told us (see space-hints.ts),
// so a first message in a new space costs no extra Webex round trips.
import type { SpaceHints } from './space-hints';
import type { AnyFn, SdkInstance } from './call-policy';

export type BotIdentity = () => { id?: string; email?: string; displayName?: string };

export function answerDiscoveryFromHints(sdk: SdkInstance, hints: SpaceHints, botIdentity: BotIdentity): void {
  const { memberships, rooms } = sdk;
  const listMemberships = memberships?.list;
  const getMembership = memberships?.get;
  const getRoom = rooms?.get;
  if (typeof getMembership === 'function') {
    memberships.get = (id: unknown, ...rest: unknown[]) => {
      const known = hints.membership(id);
      return known ? Promise.resolve(known) : (getMembership as AnyFn).call(memberships, id, ...rest);
    };
  }
  if (typeof listMemberships === 'function') {
    memberships.list = (query: unknown, ...rest: unknown[]) => {
      const bot = botIdentity();
      if (bot.id && bot.email) {
        const me = { id: bot.id, email: bot.email, displayName: bot.displayName };
        const known = hints.botMembership(query, me) ?? hints.directMembers(query, me);
        if (known) return Promise.resolve(known);
      }
      return (listMemberships as AnyFn).call(memberships, query, ...rest);
    };
  }
  if (typeof getRoom === 'function') {
    rooms.get = (roomId: unknown, ...rest: unknown[]) => {
      const known = hints.room(roomId);
      return known ? Promise.resolve(known) : (getRoom as AnyFn).call(rooms, roomId, ...rest);
    };
  }
}
