// The use case: resolve who the agent means (a person, or a Webex Calling workspace), then read what
// applies to their calls (settings-reader.ts: their own numbers and permissions, or their location's).
// A name is looked for among people and workspaces side by side: one pick list says which is which.
// Several look-ups run side by side, a few at a time.
import { orgKey } from '../commands/org-id';
import type { Target } from '../commands/types';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { WebexPerson, WebexWorkspace } from '../webex/types';
import { mapInOrder } from './concurrency';
import { DEFAULT_LOCATION_CACHE_TTL_MS, LocationDefaults } from './location-defaults';
import { summarizePerson, summarizeWorkspace } from './normalize';
import { PeopleCache, type SharedPeopleStore } from './people-cache';
import type { AdminApi, CallOptions } from './ports';
import { asWebexError, SettingsReader, type SettingsOutcome, type Subject } from './settings-reader';
import type { LookupManyResult, LookupOutcome, PersonSummary } from './types';

export const DEFAULT_LOOKUP_CONCURRENCY = 4;

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
  /** How long a location's name and outgoing permissions are reused (its numbers never are). Default 10 minutes. */
  locationCacheTtlMs?: number;
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
  /** Told what each look-up read about someone (the org index keeps their entry current with it). */
  onSettingsRead?: (read: { subject: Subject; outcome: Extract<SettingsOutcome, { kind: 'found' }> }) => void;
  now?: () => Date;
}

export interface OrgScope {
  /** The admin token's own organization. */
  homeOrgId: string;
  allows(orgId: string): boolean;
}

/** A person or a workspace, as Webex gave it: the org and location come along. */
type Found = { subject: Subject; orgId?: string };

type Resolution =
  | { kind: 'one'; found: Found }
  | { kind: 'ambiguous'; candidates: PersonSummary[]; more: boolean; workspacesUnsearched?: WebexApiError }
  | { kind: 'notFound'; workspacesUnsearched?: WebexApiError };

/** Workspaces a pick list keeps room for when more people match than it lists. */
const WORKSPACES_KEPT_IN_PICK_LIST = 3;

export class LookupService {
  readonly people: PeopleCache;
  /** Location names and defaults; the reverse index reads locations through it too. */
  readonly locations: LocationDefaults;
  private readonly settings: SettingsReader;
  private readonly maxCandidates: number;
  /** By org key: the last 403 to a workspace search there, and until when it is taken as the answer. */
  private readonly workspaceRefusals = new Map<string, { error: WebexApiError; until: number }>();

  constructor(
    private readonly admin: AdminApi,
    private readonly opts: LookupServiceOptions,
  ) {
    this.people = opts.people ?? new PeopleCache({ ttlMs: opts.peopleCacheTtlMs, shared: opts.sharedPeople, onLookup: opts.onCacheLookup });
    this.maxCandidates = opts.maxCandidates ?? 10;
    this.locations = new LocationDefaults(admin, { ttlMs: opts.locationCacheTtlMs });
    this.settings = new SettingsReader(admin, this.locations, { permissionsCacheTtlMs: opts.permissionsCacheTtlMs, now: opts.now });
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
    if (resolution.kind === 'notFound') {
      const unsearched = resolution.workspacesUnsearched ? { workspacesUnsearched: resolution.workspacesUnsearched } : {};
      return options.orgId ? { kind: 'notFound', target, orgId: options.orgId, ...unsearched } : { kind: 'notFound', target, ...unsearched };
    }
    if (resolution.kind === 'ambiguous') {
      const unsearched = resolution.workspacesUnsearched ? { workspacesUnsearched: resolution.workspacesUnsearched } : {};
      return { kind: 'ambiguous', target, candidates: resolution.candidates, more: resolution.more, ...org, ...unsearched };
    }
    const { subject } = resolution.found;
    const scope = this.opts.orgScope?.();
    const subjectOrg = subject.summary.orgId !== '' ? subject.summary.orgId : undefined;
    // With a scope, someone whose org is not known is not known to be in an allowed one: fail closed.
    if (scope && (!subjectOrg || !scope.allows(subjectOrg))) return { kind: 'otherOrg', target };
    // An ID names someone in any org: with "in org", they must be in that one.
    const byId = target.kind === 'personId' || target.kind === 'workspaceId';
    if (byId && options.orgId && subjectOrg && orgKey(subjectOrg) !== orgKey(options.orgId)) {
      return { kind: 'notFound', target, orgId: options.orgId };
    }
    // Settings are read in their own org (Webex looks in the token's org otherwise, and answers 404).
    const settingsOrg = scope && subjectOrg ? (orgKey(subjectOrg) === orgKey(scope.homeOrgId) ? undefined : subjectOrg) : options.orgId;
    const outcome = await this.settings.read(subject, target, { ...options, orgId: settingsOrg });
    if (outcome.kind === 'found') this.tellRead({ subject, outcome });
    return outcome.kind === 'found' || outcome.kind === 'webexError' ? { ...outcome, ...org } : outcome;
  }

  /** onSettingsRead, which must not break the look-up it is told of. */
  private tellRead(read: { subject: Subject; outcome: Extract<SettingsOutcome, { kind: 'found' }> }): void {
    try {
      this.opts.onSettingsRead?.(read);
    } catch {
      // What the index learns only keeps it current; the answer does not depend on it.
    }
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

  private resolve(target: Target, options: CallOptions): Promise<Resolution> {
    const scope = options.orgId ?? '';
    switch (target.kind) {
      case 'email':
        return this.byEmail(target.email, scope, options);
      case 'personId':
        return this.byId(target.id, scope, options);
      case 'name':
        return this.byName(target.name, options, { people: true, workspaces: true });
      case 'workspaceName':
        return this.byWorkspaceName(target.name, options);
      case 'workspaceId':
        return this.byWorkspaceId(target.id, options);
    }
  }

  private async byEmail(email: string, scope: string, options: CallOptions): Promise<Resolution> {
    const key = PeopleCache.emailKey(email, scope);
    const cached = await this.people.get(key);
    if (cached) return one(personFound(cached));
    const found = await this.people.coalesce(key, () => this.admin.findPeopleByEmail(email, options));
    const person = found.find((p) => (p.emails ?? []).some((e) => e.toLowerCase() === email)) ?? found[0];
    if (!person) return { kind: 'notFound' };
    this.people.remember(person, scope);
    return one(personFound(person));
  }

  private async byId(id: string, scope: string, options: CallOptions): Promise<Resolution> {
    const key = PeopleCache.idKey(id, scope);
    const cached = await this.people.get(key);
    if (cached) return one(personFound(cached));
    try {
      const person = await this.people.coalesce(key, () => this.admin.getPerson(id, options));
      this.people.remember(person, scope);
      return one(personFound(person));
    } catch (err) {
      // Webex answers 404 for an unknown id and 400 for one that is not an id of this region or org.
      if (isWebexApiError(err) && (err.status === 404 || err.status === 400)) return { kind: 'notFound' };
      throw err;
    }
  }

  /** Workspaces named so; else a person whose name starts with "Workspace …" (the word was part of a name). */
  private async byWorkspaceName(name: string, options: CallOptions): Promise<Resolution> {
    const workspaces = await this.byName(name, options, { people: false, workspaces: true });
    if (workspaces.kind !== 'notFound') return workspaces;
    const people = await this.byName(`workspace ${name}`, options, { people: true, workspaces: false });
    return people.kind === 'notFound' ? workspaces : people;
  }

  private async byWorkspaceId(id: string, options: CallOptions): Promise<Resolution> {
    try {
      const workspace = await this.people.coalesce(`workspace:${id}`, () => this.admin.getWorkspace(id, { deadline: options.deadline }));
      return one(workspaceFound(workspace));
    } catch (err) {
      if (isWebexApiError(err) && (err.status === 404 || err.status === 400)) return { kind: 'notFound' };
      throw err;
    }
  }

  /**
   * People and workspaces whose names start with `name`, searched side by side. One whole-name match
   * (or a single match of either kind) is the answer; more make one pick list, people first. A failed
   * workspace search leaves the people (and is said when nobody was found); a failed people search fails.
   */
  private async byName(name: string, options: CallOptions, search: { people: boolean; workspaces: boolean }): Promise<Resolution> {
    const lower = name.toLowerCase();
    const max = this.maxCandidates + 1;
    const [peopleRead, workspacesRead] = await Promise.allSettled([
      search.people
        ? this.people.coalesce(`name:${options.orgId ?? ''}:${lower}`, () => this.admin.findPeopleByDisplayName(name, { ...options, max }))
        : Promise.resolve({ people: [] as WebexPerson[], more: false }),
      search.workspaces ? this.searchWorkspaces(name, options, max) : Promise.resolve({ workspaces: [] as WebexWorkspace[], more: false }),
    ]);
    if (peopleRead.status === 'rejected') throw peopleRead.reason;
    // A people-and-workspaces search answers for people even when workspaces could not be searched.
    if (workspacesRead.status === 'rejected' && !search.people) throw workspacesRead.reason;
    const workspacesUnsearched = workspacesRead.status === 'rejected' ? asWebexError(workspacesRead.reason) : undefined;

    const humans = peopleRead.value.people.filter((p) => p.type !== 'bot').map(personFound);
    const workspaces = workspacesRead.status === 'fulfilled' ? workspacesRead.value.workspaces.map(workspaceFound) : [];
    const more = peopleRead.value.more || (workspacesRead.status === 'fulfilled' && workspacesRead.value.more);
    const all = [...humans, ...workspaces];
    const exact = all.filter((f) => f.subject.summary.displayName.toLowerCase() === lower);
    if (exact.length === 1) return this.rememberOne(exact[0], options);
    if (all.length === 1 && !more) return this.rememberOne(all[0], options);
    const unsearched = workspacesUnsearched ? { workspacesUnsearched } : {};
    if (all.length === 0) return { kind: 'notFound', ...unsearched };
    return { kind: 'ambiguous', candidates: this.pickList(humans, workspaces).map((f) => f.subject.summary), more: more || all.length > this.maxCandidates, ...unsearched };
  }

  /** People first, then workspaces; a long list of people keeps room for a few workspaces. */
  private pickList(humans: Found[], workspaces: Found[]): Found[] {
    const room = this.maxCandidates;
    const keptWorkspaces = workspaces.slice(0, Math.min(room, Math.max(Math.min(workspaces.length, WORKSPACES_KEPT_IN_PICK_LIST), room - humans.length)));
    return [...humans.slice(0, room - keptWorkspaces.length), ...keptWorkspaces].slice(0, room);
  }

  /**
   * List Workspaces by name. A 403 (a token without spark-admin:workspaces_read) is remembered for the
   * location cache's time, so every name look-up does not pay for it again; it is still reported.
   */
  private async searchWorkspaces(name: string, options: CallOptions, max: number): Promise<{ workspaces: WebexWorkspace[]; more: boolean }> {
    const org = orgKey(options.orgId ?? '');
    const refused = options.fresh ? undefined : this.workspaceRefusals.get(org);
    if (refused && refused.until > Date.now()) throw refused.error;
    try {
      const found = await this.people.coalesce(`workspaceName:${options.orgId ?? ''}:${name.toLowerCase()}`, () => this.admin.findWorkspacesByDisplayName(name, { ...options, max }));
      this.workspaceRefusals.delete(org);
      return found;
    } catch (err) {
      if (isWebexApiError(err) && err.status === 403) {
        // Few orgs per bot; an entry is replaced, never piles up per name.
        this.workspaceRefusals.set(org, { error: err, until: Date.now() + (this.opts.locationCacheTtlMs ?? DEFAULT_LOCATION_CACHE_TTL_MS) });
      }
      throw err;
    }
  }

  private rememberOne(found: Found & { person?: WebexPerson }, options: CallOptions): Resolution {
    if (found.person) this.people.remember(found.person, options.orgId ?? '');
    return one(found);
  }
}

function one(found: Found): Resolution {
  return { kind: 'one', found };
}

function personFound(person: WebexPerson): Found & { person: WebexPerson } {
  return { subject: { summary: summarizePerson(person), locationId: nonEmpty(person.locationId) }, person };
}

function workspaceFound(workspace: WebexWorkspace): Found {
  return { subject: { summary: summarizeWorkspace(workspace), locationId: nonEmpty(workspace.locationId) } };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
