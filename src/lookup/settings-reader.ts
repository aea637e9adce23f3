// Reads what applies to one person's (or workspace's) calls: their transfer numbers and outgoing
// permissions, and, where theirs are not custom, their location's instead (Webex Calling: "Outgoing
// calling permissions … default to the local level settings"; useCustomTransferNumbers false uses the
// location's numbers). Their own two reads run side by side; the location's reads follow, side by side.
//
// Calls: 2 for someone with custom numbers and permissions (permissions reused for a minute); someone
// who follows the location adds its numbers (always read) and its permissions and name (reused for
// LOCATION_CACHE_TTL_SECONDS).
import { LRUCache } from 'lru-cache';
import type { Target } from '../commands/types';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { WebexCallingPermission, WebexOutgoingPermission, WebexTransferNumbers } from '../webex/types';
import type { LocationDefaults } from './location-defaults';
import { normalizeTransferNumbers, numberSlots } from './normalize';
import type { AdminApi, CallOptions } from './ports';
import type { LocationSummary, LookupOutcome, NumbersInEffect, PersonSummary, TransferUsage } from './types';
import { transferUsage } from './usage';

const DEFAULT_PERMISSIONS_TTL_MS = 60_000;

/** Who the settings are read for, with the location Webex gave (People and Workspaces with calling data). */
export interface Subject {
  summary: PersonSummary;
  locationId?: string;
}

export type SettingsOutcome = Extract<LookupOutcome, { kind: 'found' | 'noCalling' | 'webexError' }>;

export interface SettingsReaderOptions {
  /** How long a person's or workspace's own outgoing permissions are reused. Default 60 s; 0 never. */
  permissionsCacheTtlMs?: number;
  now?: () => Date;
}

const skipped = Promise.resolve(undefined);

export class SettingsReader {
  private readonly permissions: LRUCache<string, WebexOutgoingPermission> | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly admin: AdminApi,
    private readonly locations: LocationDefaults,
    options: SettingsReaderOptions = {},
  ) {
    const ttl = options.permissionsCacheTtlMs ?? DEFAULT_PERMISSIONS_TTL_MS;
    this.permissions = ttl > 0 ? new LRUCache<string, WebexOutgoingPermission>({ max: 5000, ttl }) : undefined;
    this.now = options.now ?? (() => new Date());
  }

  async read(subject: Subject, target: Target, call: CallOptions): Promise<SettingsOutcome> {
    const person = subject.summary;
    const [own, ownPermission] = await Promise.allSettled([this.ownNumbers(person, call), this.ownPermission(person, call)]);
    if (own.status === 'rejected') {
      const error = asWebexError(own.reason);
      if (error.status === 404) return { kind: 'noCalling', person, error };
      return { kind: 'webexError', stage: 'settings', error, target, person };
    }
    const transfer = normalizeTransferNumbers(own.value);
    const followsNumbers = !transfer.useCustomTransferNumbers;
    // Only an explicit false hands the permissions to the location; a body without the field is read as it is.
    const followsPermissions = ownPermission.status === 'fulfilled' && ownPermission.value?.useCustomPermissions === false;
    const where = followsNumbers || followsPermissions ? await this.locationOf(subject, call) : { locationId: subject.locationId };
    const locationId = where.locationId;

    const [numbers, permission, location] = await Promise.allSettled([
      followsNumbers && locationId ? this.locations.numbers(locationId, call) : skipped,
      followsPermissions && locationId ? this.locations.permission(locationId, call) : skipped,
      (followsNumbers || followsPermissions) && locationId ? this.locations.summary(locationId, call) : skipped,
    ]);

    const inEffect: NumbersInEffect = !followsNumbers
      ? { from: 'own', numbers: transfer.numbers }
      : numbers.status === 'fulfilled' && numbers.value
        ? { from: 'location', numbers: numberSlots(numbers.value) }
        : numbers.status === 'rejected'
          ? { from: 'location', numbers: null, error: asWebexError(numbers.reason) }
          : where.error
            ? { from: 'location', numbers: null, error: where.error, findingLocation: true }
            : { from: 'location', numbers: null };

    const outcome: SettingsOutcome = { kind: 'found', person, transfer, inEffect, readAt: this.now() };
    if (location.status === 'fulfilled' && location.value) outcome.location = location.value as LocationSummary;
    else if ((followsNumbers || followsPermissions) && locationId) outcome.location = { id: locationId };
    // Without the location (its look-up failed: said with the numbers), what each number is for is not known.
    Object.assign(outcome, this.usageInEffect(inEffect, ownPermission, followsPermissions ? (locationId ? permission : undefined) : null));
    return outcome;
  }

  /**
   * `location`: null when their own permissions apply; undefined when the location's apply but Webex
   * did not say which location it is (or it could not be found out); else the read of the location's
   * permissions.
   */
  private usageInEffect(
    inEffect: NumbersInEffect,
    own: PromiseSettledResult<WebexOutgoingPermission>,
    location: PromiseSettledResult<{ callingPermissions?: WebexCallingPermission[] } | undefined> | null | undefined,
  ): { usage?: TransferUsage; usageError?: WebexApiError; usageFrom?: 'own' | 'location' } {
    if (own.status === 'rejected') return { usageError: asWebexError(own.reason), usageFrom: 'own' };
    if (location === null) return { usage: transferUsage(inEffect.numbers, own.value), usageFrom: 'own' };
    if (location === undefined) return { usageFrom: 'location' };
    if (location.status === 'rejected') return { usageError: asWebexError(location.reason), usageFrom: 'location' };
    return { usage: transferUsage(inEffect.numbers, location.value), usageFrom: 'location' };
  }

  /**
   * Their location: from the look-up, or, for a person remembered without calling data (the sender of a
   * message, an older cache entry), from Get Person Details with callingData. Undefined when not known.
   */
  private async locationOf(subject: Subject, call: CallOptions): Promise<{ locationId?: string; error?: WebexApiError }> {
    if (subject.locationId || subject.summary.kind === 'workspace') return { locationId: subject.locationId };
    try {
      const person = await this.admin.getPerson(subject.summary.id, { deadline: call.deadline });
      return typeof person.locationId === 'string' && person.locationId !== '' ? { locationId: person.locationId } : {};
    } catch (err) {
      // Said where the location's numbers and permissions would be, with the tracking ID.
      return { error: asWebexError(err) };
    }
  }

  private ownNumbers(subject: PersonSummary, call: CallOptions): Promise<WebexTransferNumbers> {
    return subject.kind === 'workspace' ? this.admin.getWorkspaceTransferNumbers(subject.id, call) : this.admin.getTransferNumbers(subject.id, call);
  }

  private async ownPermission(subject: PersonSummary, call: CallOptions): Promise<WebexOutgoingPermission> {
    const key = `${subject.kind ?? 'person'}:${call.orgId ?? ''}:${subject.id}`;
    const cached = call.fresh ? undefined : this.permissions?.get(key);
    if (cached) return cached;
    const permission =
      subject.kind === 'workspace' ? await this.admin.getWorkspaceOutgoingPermission(subject.id, call) : await this.admin.getOutgoingPermission(subject.id, call);
    this.permissions?.set(key, permission);
    return permission;
  }
}

/** Webex failures become outcomes; anything else is a bug and goes up to the handler's safety net. */
export function asWebexError(err: unknown): WebexApiError {
  if (isWebexApiError(err)) return err;
  throw err;
}
