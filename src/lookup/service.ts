// The use case: resolve who the agent means, then read that person's transfer numbers and what each
// is for (always fresh). Several people run side by side, a few at a time.
import { LRUCache } from 'lru-cache';
import { orgKey } from '../commands/org-id';
import type { Target } from '../commands/types';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { WebexOutgoingPermission, WebexPerson, WebexTransferNumbers } from '../webex/types';
import { mapInOrder } from './concurrency';
import { normalizeTransferNumbers, summarizePerson } from './normalize';
import { PeopleCache, type SharedPeopleStore } from './people-cache';
import type { AdminApi, CallOptions } from './ports';
import type { LookupManyResult, LookupOutcome, PersonSummary } from './types';
import { transferUsage } from './usage';

export const DEFAULT_LOOKUP_CONCURRENCY = 4;

const DEFAULT_PERMISSIONS_TTL_MS = 60_000;

export interface LookupServiceOptions {
  peopleCacheTtlMs: number;
  /** How many display-name matches to show before saying "more". */
  maxCandidates?: number;
  /** Org for partner administrators serving one customer org. */
  defaultOrgId?: string;
  /** People looked up at once by lookupMany. Default 4. */
  lookupConcurrency?: number;
  /**
   * How long a person's outgoing calling permissions ("what each number is for") are reused. They
   * change rarely, and Refresh always reads them again; the numbers themselves are never cached.
   * Default 60 s; 0 reads them every time.
   */
  permissionsCacheTtlMs?: number;
  /** The bot's one people cache, shared with the framework's sender look-ups (start.ts builds it). */
  people?: PeopleCache;
  /** Without `people`: where several instances share resolved people (Redis); memory only without it. */
  sharedPeople?: SharedPeopleStore;
  onCacheLookup?: (hit: boolean) => void;
  /**
   * The organizations look-ups may reach, known once the admin token's own org is (at start). An email
   * or person ID can resolve to someone in any org a partner admin's token reaches: such a person is
   * answered "in another organization" unless their org is allowed, and their settings are read with
   * their orgId (Webex looks in the token's own org otherwise, and answers 404).
   */
  orgScope?: () => OrgScope | undefined;
  now?: () => Date;
}

export interface OrgScope {
  /** The admin token's own organization. */
  homeOrgId: string;
  allows(orgId: string): boolean;
}

type Resolution =
  | { kind: 'person'; person: WebexPerson }
  | { kind: 'ambiguous'; candidates: WebexPerson[]; more: boolean }
  | { kind: 'notFound' };

export class LookupService {
  readonly people: PeopleCache;
  private readonly maxCandidates: number;
  private readonly permissions: LRUCache<string, WebexOutgoingPermission> | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly admin: AdminApi,
    private readonly opts: LookupServiceOptions,
  ) {
    this.people = opts.people ?? new PeopleCache({ ttlMs: opts.peopleCacheTtlMs, shared: opts.sharedPeople, onLookup: opts.onCacheLookup });
    this.maxCandidates = opts.maxCandidates ?? 10;
    const permissionsTtl = opts.permissionsCacheTtlMs ?? DEFAULT_PERMISSIONS_TTL_MS;
    this.permissions = permissionsTtl > 0 ? new LRUCache<string, WebexOutgoingPermission>({ max: 5000, ttl: permissionsTtl }) : undefined;
    this.now = opts.now ?? (() => new Date());
  }

  async lookup(target: Target, call: CallOptions = {}): Promise<LookupOutcome> {
    const options: CallOptions = { ...call, orgId: call.orgId ?? this.opts.defaultOrgId };
    // Outcomes with buttons carry the org asked for, so a Refresh or a pick stays in that org.
    const org = call.orgId ? { orgId: call.orgId } : {};
    let resolution: Resolution;
    try {
      resolution = await this.resolve(target, options);
    } catch (err) {
      return { kind: 'webexError', stage: 'resolve', error: asWebexError(err), target, ...org };
    }
    if (resolution.kind === 'notFound') return options.orgId ? { kind: 'notFound', target, orgId: options.orgId } : { kind: 'notFound', target };
    if (resolution.kind === 'ambiguous') {
      return { kind: 'ambiguous', target, candidates: resolution.candidates.map(summarizePerson), more: resolution.more, ...org };
    }
    const person = resolution.person;
    const scope = this.opts.orgScope?.();
    const personOrg = typeof person.orgId === 'string' && person.orgId !== '' ? person.orgId : undefined;
    // With a scope, a person whose org is not known is not known to be in an allowed one: fail closed.
    if (scope && (!personOrg || !scope.allows(personOrg))) return { kind: 'otherOrg', target };
    // A person ID names someone in any org: with "in org", they must be in that one.
    if (target.kind === 'personId' && options.orgId && personOrg && orgKey(personOrg) !== orgKey(options.orgId)) {
      return { kind: 'notFound', target, orgId: options.orgId };
    }
    // Settings are read in the person's own org (Webex looks in the token's org otherwise, and answers 404).
    const settingsOrg = scope && personOrg ? (orgKey(personOrg) === orgKey(scope.homeOrgId) ? undefined : personOrg) : options.orgId;
    const outcome = await this.readSettings(person, target, { ...options, orgId: settingsOrg });
    return outcome.kind === 'found' || outcome.kind === 'webexError' ? { ...outcome, ...org } : outcome;
  }

  /**
   * Looks up each target (at most `lookupConcurrency` at once), in the order given. One person's
   * failure is that person's outcome; it does not hide the others.
   */
  async lookupMany(targets: readonly Target[], call: CallOptions = {}): Promise<LookupManyResult> {
    const max = this.opts.lookupConcurrency ?? DEFAULT_LOOKUP_CONCURRENCY;
    const entries = await mapInOrder(targets, max, async (target) => ({ target, outcome: await this.lookup(target, call) }));
    return call.orgId ? { entries, orgId: call.orgId } : { entries };
  }

  /** The numbers and the permissions are read side by side; only the numbers are essential. */
  private async readSettings(person: WebexPerson, target: Target, options: CallOptions): Promise<LookupOutcome> {
    const summary: PersonSummary = summarizePerson(person);
    const [numbers, permission] = await Promise.allSettled([
      this.admin.getTransferNumbers(person.id, options),
      this.outgoingPermission(person.id, options),
    ]);
    if (numbers.status === 'rejected') {
      const error = asWebexError(numbers.reason);
      if (error.status === 404) return { kind: 'noCalling', person: summary, error };
      return { kind: 'webexError', stage: 'settings', error, target, person: summary };
    }
    return { kind: 'found', person: summary, readAt: this.now(), ...this.numbersAndUsage(numbers.value, permission) };
  }

  private async outgoingPermission(personId: string, options: CallOptions): Promise<WebexOutgoingPermission> {
    const key = `${options.orgId ?? ''}:${personId}`;
    const cached = options.fresh ? undefined : this.permissions?.get(key);
    if (cached) return cached;
    const permission = await this.admin.getOutgoingPermission(personId, options);
    this.permissions?.set(key, permission);
    return permission;
  }

  private numbersAndUsage(raw: WebexTransferNumbers, permission: PromiseSettledResult<WebexOutgoingPermission>) {
    const transfer = normalizeTransferNumbers(raw);
    if (permission.status === 'rejected') return { transfer, usageError: asWebexError(permission.reason) };
    return { transfer, usage: transferUsage(transfer, permission.value) };
  }

  private resolve(target: Target, options: CallOptions): Promise<Resolution> {
    const scope = options.orgId ?? '';
    switch (target.kind) {
      case 'email':
        return this.byEmail(target.email, scope, options);
      case 'personId':
        return this.byId(target.id, scope, options);
      case 'name':
        return this.byName(target.name, options);
    }
  }

  private async byEmail(email: string, scope: string, options: CallOptions): Promise<Resolution> {
    const key = PeopleCache.emailKey(email, scope);
    const cached = await this.people.get(key);
    if (cached) return { kind: 'person', person: cached };
    const found = await this.people.coalesce(key, () => this.admin.findPeopleByEmail(email, options));
    const person = found.find((p) => (p.emails ?? []).some((e) => e.toLowerCase() === email)) ?? found[0];
    if (!person) return { kind: 'notFound' };
    this.people.remember(person, scope);
    return { kind: 'person', person };
  }

  private async byId(id: string, scope: string, options: CallOptions): Promise<Resolution> {
    const key = PeopleCache.idKey(id, scope);
    const cached = await this.people.get(key);
    if (cached) return { kind: 'person', person: cached };
    try {
      const person = await this.people.coalesce(key, () => this.admin.getPerson(id, options));
      this.people.remember(person, scope);
      return { kind: 'person', person };
    } catch (err) {
      // Webex answers 404 for an unknown id and 400 for one that is not an id of this region or org.
      if (isWebexApiError(err) && (err.status === 404 || err.status === 400)) return { kind: 'notFound' };
      throw err;
    }
  }

  private async byName(name: string, options: CallOptions): Promise<Resolution> {
    const key = `name:${options.orgId ?? ''}:${name.toLowerCase()}`;
    const { people, more } = await this.people.coalesce(key, () =>
      this.admin.findPeopleByDisplayName(name, { ...options, max: this.maxCandidates + 1 }),
    );
    const humans = people.filter((p) => p.type !== 'bot');
    const exact = humans.filter((p) => (p.displayName ?? '').toLowerCase() === name.toLowerCase());
    if (exact.length === 1) return this.rememberOne(exact[0], options);
    if (humans.length === 1 && !more) return this.rememberOne(humans[0], options);
    if (humans.length === 0) return { kind: 'notFound' };
    return {
      kind: 'ambiguous',
      candidates: humans.slice(0, this.maxCandidates),
      more: more || humans.length > this.maxCandidates,
    };
  }

  private rememberOne(person: WebexPerson, options: CallOptions): Resolution {
    this.people.remember(person, options.orgId ?? '');
    return { kind: 'person', person };
  }
}

/** Webex failures become outcomes; anything else is a bug and goes up to the handler's safety net. */
function asWebexError(err: unknown): WebexApiError {
  if (isWebexApiError(err)) return err;
  throw err;
}
