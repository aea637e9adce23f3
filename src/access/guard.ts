// One place that applies the access rules to a request, the same way for typed commands and card
// submits: who is asking (policy), that a submitted card is the bot's own, the per-requester limit,
// and where an answer about a person may be posted.
import type { Command } from '../commands/types';
import type { Reply } from '../cards/types';
import { isWebexApiError } from '../webex/errors';
import type { AuditOutcome } from './audit';
import { checkCardOrigin, type CardSubmitRef, type GetCardMessage } from './card-origin';
import type { AccessPolicy, RefusalReason, RequesterIdentity } from './policy';
import type { RequesterRateLimiter } from './rate-limiter';
import type { RefusalNotices } from './refusal-notices';
import type { TargetOrgScope } from './target-orgs';
import type { SpaceMembership } from './space-membership';

export interface AccessGuardOptions {
  policy: AccessPolicy;
  limiter: RequesterRateLimiter;
  membership: SpaceMembership;
  /** Says "not allowed" once per person per space per window; absent means every time. */
  refusalNotices?: RefusalNotices;
  /** Which organizations `in org <orgId>` may name; absent means any (tests of other rules). */
  targetOrgs?: TargetOrgScope;
  /** Needed for card submits: GET /messages/{id} with the bot's token. */
  getCardMessage?: GetCardMessage;
  /** The bot's own person ID (learned at start). */
  botPersonId?: () => string | undefined;
  /** Told when the membership check fails (the answer then goes privately). */
  onMembershipError?: (err: unknown, roomId: string) => void;
}

export interface AccessRequest {
  requester: RequesterIdentity;
  /**
   * What is asked, or how to read it: a function is called only once the requester is allowed, so
   * text from someone refused is never parsed (an outsider's 7 KB message costs nothing to refuse).
   */
  command: Command | (() => Command);
  /** The space asked in; refusals are said there once per window. */
  roomId?: string;
  /** Present for card submits. */
  card?: CardSubmitRef;
}

export type DenialReason = RefusalReason | 'orgNotAllowed' | 'rateLimited' | 'unknownMessage' | 'notOurCard' | 'otherSpace' | 'cardCheckFailed';

export type Admission =
  | { admitted: true }
  | {
      admitted: false;
      reason: DenialReason;
      /** For the audit line. */
      outcome: AuditOutcome;
      /** What to post in the space; absent means post nothing (a card that is not ours, a repeated refusal). */
      reply?: Reply;
      /** The refusal was already said in this space recently: post nothing, log quietly. */
      quiet?: true;
    };

export interface RoomRef {
  id: string;
  type: 'direct' | 'group';
}

export type Placement = { to: 'space' } | { to: 'private'; notice: Reply };

/**
 * How many look-ups a command makes, for the rate limit: one per person asked for, one per reverse
 * search or report, none for help and refusals. A command kind this does not know counts as one, to be safe.
 */
export function lookupCost(command: Command): number {
  switch (command.kind) {
    case 'lookup':
    case 'reverse':
    case 'report':
      return 1;
    case 'lookupMany':
      return Math.max(1, command.targets.length);
    case 'help':
    case 'invalidTarget':
    case 'invalidNumber':
    case 'invalidOrg':
    case 'invalidEdit':
      return 0;
    default:
      return 1;
  }
}

/** The organization a command names with `in org` (typed or sent by a card button), if any. */
function namedOrgId(command: Command): string | undefined {
  switch (command.kind) {
    case 'lookup':
    case 'lookupMany':
    case 'reverse':
    case 'report':
    case 'edit':
      return command.orgId !== undefined && command.orgId !== '' ? command.orgId : undefined;
    default:
      return undefined;
  }
}

/** Replies that name nobody and show no one's numbers. Any other kind (including new ones) may only go where it is safe. */
const REPLIES_WITHOUT_PERSON_DATA: ReadonlySet<string> = new Set<Reply['kind']>([
  'help',
  'welcome',
  'invalidTarget',
  'invalidNumber',
  'invalidOrg',
  'webexError',
  'reverseFailed',
  'scanning',
  'indexBuilding',
  'reportFileFailed',
  'notAllowed',
  'slowDown',
  'orgNotAllowed',
  'sentPrivately',
  'timedOut',
  'internalError',
  'editNotAllowed',
  'invalidEdit',
]);

export function carriesPersonData(reply: Reply): boolean {
  return !REPLIES_WITHOUT_PERSON_DATA.has(reply.kind);
}

export class AccessGuard {
  constructor(private readonly options: AccessGuardOptions) {}

  /**
   * Decides whether a request may run. Order: the requester (before the command is read), the card's
   * origin (one Webex call; a forged submit gets no answer at all), the organization it names, then
   * the rate limit (only look-ups count, one per person asked for; refused requests never do).
   */
  async admit(request: AccessRequest): Promise<Admission> {
    const decision = this.options.policy.isAllowedRequester(request.requester);
    if (!decision.allowed) {
      const notices = this.options.refusalNotices;
      if (notices && request.roomId !== undefined && !(await notices.shouldTell(request.requester.id, request.roomId))) {
        return { admitted: false, reason: decision.reason, outcome: 'refused.notAllowed', quiet: true };
      }
      return { admitted: false, reason: decision.reason, outcome: 'refused.notAllowed', reply: { kind: 'notAllowed' } };
    }

    // A submit on a card this bot did not post is refused quietly before anything it carries (an
    // org ID included) is answered.
    if (request.card) {
      const refusal = await this.checkCard(request.card);
      if (refusal) return refusal;
    }

    const command = typeof request.command === 'function' ? request.command() : request.command;
    const orgId = namedOrgId(command);
    if (orgId !== undefined && this.options.targetOrgs && !this.options.targetOrgs.allows(orgId)) {
      return { admitted: false, reason: 'orgNotAllowed', outcome: 'refused.orgNotAllowed', reply: { kind: 'orgNotAllowed', orgId } };
    }

    const cost = lookupCost(command);
    if (cost > 0) {
      const rate = await this.options.limiter.take(request.requester.id, cost);
      if (!rate.allowed) {
        return {
          admitted: false,
          reason: 'rateLimited',
          outcome: 'refused.rateLimited',
          reply: { kind: 'slowDown', retryAfterSeconds: rate.retryAfterSeconds },
        };
      }
    }
    return { admitted: true };
  }

  /**
   * True when an answer about a person must not be posted in this room: a group space with anyone
   * from outside, or one whose members could not be listed (fail closed). Never rejects. Safe to
   * start early, alongside the look-up: concurrent checks of a room share one Webex call.
   */
  async mustAnswerPrivately(room: RoomRef): Promise<boolean> {
    if (room.type === 'direct') return false;
    try {
      return await this.options.membership.hasOutsiders(room.id, this.options.policy);
    } catch (err) {
      this.options.onMembershipError?.(err, room.id);
      return true;
    }
  }

  /** Where a reply goes. Replies about people may go privately; the others always stay in the space. */
  async placeReply(reply: Reply, room: RoomRef, requesterName: string): Promise<Placement> {
    if (!carriesPersonData(reply)) return { to: 'space' };
    if (!(await this.mustAnswerPrivately(room))) return { to: 'space' };
    return { to: 'private', notice: { kind: 'sentPrivately', requesterName } };
  }

  private async checkCard(card: CardSubmitRef): Promise<Admission | undefined> {
    const getMessage = this.options.getCardMessage;
    const botId = this.options.botPersonId?.() ?? '';
    if (!getMessage) return { admitted: false, reason: 'notOurCard', outcome: 'refused.notOurCard' };
    try {
      const origin = await checkCardOrigin(card, getMessage, botId);
      if (origin.ours) return undefined;
      return { admitted: false, reason: origin.reason, outcome: 'refused.notOurCard' };
    } catch (err) {
      if (!isWebexApiError(err)) throw err;
      return { admitted: false, reason: 'cardCheckFailed', outcome: 'webexError', reply: { kind: 'webexError', error: err } };
    }
  }
}
