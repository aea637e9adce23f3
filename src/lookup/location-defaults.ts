// What a location gives the people and workspaces there that have no settings of their own: its
// transfer numbers (read fresh every time, like anyone's numbers) and its outgoing permissions and
// name (kept for LOCATION_CACHE_TTL_SECONDS: locations change rarely). Refresh reads all three again.
import { LRUCache } from 'lru-cache';
import { orgKey } from '../commands/org-id';
import { isWebexApiError } from '../webex/errors';
import type { WebexLocationOutgoingPermission, WebexLocationTransferNumbers } from '../webex/types';
import type { AdminApi, CallOptions } from './ports';
import type { LocationSummary } from './types';

export const DEFAULT_LOCATION_CACHE_TTL_MS = 10 * 60_000;
/** Locations kept; large orgs have hundreds. */
const MAX_LOCATIONS = 2000;

export interface LocationDefaultsOptions {
  /** How long a location's name and outgoing permissions are reused. 0 reads them every time. */
  ttlMs?: number;
  /**
   * How long its transfer numbers are reused. Default 0: a look-up reads them fresh. An index build
   * reads each location's numbers once for all its followers (its own LocationDefaults).
   */
  numbersTtlMs?: number;
}

export class LocationDefaults {
  private readonly names: LRUCache<string, LocationSummary> | undefined;
  private readonly permissions: LRUCache<string, WebexLocationOutgoingPermission> | undefined;
  private readonly numbersKept: LRUCache<string, WebexLocationTransferNumbers> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly admin: Pick<AdminApi, 'getLocation' | 'getLocationTransferNumbers' | 'getLocationOutgoingPermission'>,
    options: LocationDefaultsOptions = {},
  ) {
    const ttl = options.ttlMs ?? DEFAULT_LOCATION_CACHE_TTL_MS;
    this.names = ttl > 0 ? new LRUCache({ max: MAX_LOCATIONS, ttl }) : undefined;
    this.permissions = ttl > 0 ? new LRUCache({ max: MAX_LOCATIONS, ttl }) : undefined;
    const numbersTtl = options.numbersTtlMs ?? 0;
    this.numbersKept = numbersTtl > 0 ? new LRUCache({ max: MAX_LOCATIONS, ttl: numbersTtl }) : undefined;
  }

  /** The location's transfer numbers: from Webex, unless `numbersTtlMs` keeps them. */
  async numbers(locationId: string, call: CallOptions): Promise<WebexLocationTransferNumbers> {
    const key = this.key(locationId, call);
    const kept = call.fresh ? undefined : this.numbersKept?.get(key);
    if (kept) return kept;
    const read = await this.once(`numbers:${key}`, () => this.admin.getLocationTransferNumbers(locationId, call));
    this.numbersKept?.set(key, read);
    return read;
  }

  /** The location's outgoing permissions (kept for the TTL). */
  async permission(locationId: string, call: CallOptions): Promise<WebexLocationOutgoingPermission> {
    const key = this.key(locationId, call);
    const kept = call.fresh ? undefined : this.permissions?.get(key);
    if (kept) return kept;
    const read = await this.once(`permission:${key}`, () => this.admin.getLocationOutgoingPermission(locationId, call));
    this.permissions?.set(key, read);
    return read;
  }

  /**
   * The location with its name when Webex gives it. Never rejects: a refused or failed Get Location
   * Details leaves the ID, which is still what an admin searches Control Hub by. A name, or a refusal
   * (403), is kept; rejects only on a programming error.
   */
  async summary(locationId: string, call: CallOptions): Promise<LocationSummary> {
    const key = this.key(locationId, call);
    const kept = call.fresh ? undefined : this.names?.get(key);
    if (kept) return kept;
    try {
      const location = await this.once(`name:${key}`, () => this.admin.getLocation(locationId, call));
      const name = [location.name, location.displayName].find((n): n is string => typeof n === 'string' && n.trim() !== '');
      if (!name) return { id: locationId };
      const summary: LocationSummary = { id: locationId, name: name.trim() };
      this.names?.set(key, summary);
      return summary;
    } catch (err) {
      if (!isWebexApiError(err)) throw err;
      // A refusal (a token without the scope) stays one: kept like a name, so followers do not each
      // pay for it again. Other failures may pass; the next look-up asks again.
      if (err.status === 403) this.names?.set(key, { id: locationId });
      return { id: locationId };
    }
  }

  private key(locationId: string, call: CallOptions): string {
    return `${orgKey(call.orgId ?? '')}:${locationId}`;
  }

  /** Concurrent identical reads share one request (several people of one location looked up at once). */
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const p = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}
