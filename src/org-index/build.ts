// Builds an organization's index: lists its calling users, then its Webex Calling workspaces, and reads
// what applies to each with the look-ups' own rules (settings-reader.ts), a few at a time. Every call
// passes the admin rate gate, so a build runs at the pace the rate limit allows and no faster.
//
// Calls: one listing page per 100 people (or workspaces), then 2 reads per entry (its transfer numbers
// and its outgoing permissions); a location is read once per build (numbers, permissions, name) however
// many people follow it. 10,000 calling users: about 100 pages + 20,000 reads + a few per location.
import type { Target } from '../commands/types';
import { isWebexApiError, WebexApiError } from '../webex/errors';
import { mapInOrder, ConcurrencyLimit } from '../lookup/concurrency';
import { LocationDefaults } from '../lookup/location-defaults';
import type { AdminApi, CallOptions } from '../lookup/ports';
import { type CallingEntity, isCallingUser, personEntity, workspaceEntity } from '../lookup/reverse-parts';
import { type SettingsOutcome, SettingsReader } from '../lookup/settings-reader';
import { entryOf, storedError } from './entry';
import type { BuildProgress, IndexEntry, IndexLocation, OrgIndexSnapshot } from './types';

export const DEFAULT_BUILD_CONCURRENCY = 4;
/** A build's own location memory: long enough for any build, so each location is read once. */
const BUILD_LOCATION_TTL_MS = 6 * 60 * 60_000;

export interface BuildDeps {
  admin: AdminApi;
  /** Reads in flight at once. */
  concurrency: number;
  /** People per listing page. */
  pageSize?: number;
  defaultCountry?: string;
  now: () => number;
  /** Told once per build whose listing 504s made smaller: the page size it began and ended with. */
  onPageSizeReduced?: (change: { from: number; to: number }) => void;
}

export interface BuildHooks {
  onProgress?: (progress: BuildProgress) => void;
  /** Asked before each read: true stops the build (the lock was lost, the bot is stopping). */
  stopped?: () => boolean;
}

/** A build that was stopped from outside (see BuildHooks.stopped): nothing it read is kept. */
export class BuildStopped extends Error {
  override readonly name = 'BuildStopped';
}

/** Reads with a memory of locations that lasts the build (a new one per build, so nothing is stale). */
function readerFor(admin: AdminApi): { reader: SettingsReader; locations: LocationDefaults } {
  const locations = new LocationDefaults(admin, { ttlMs: BUILD_LOCATION_TTL_MS, numbersTtlMs: BUILD_LOCATION_TTL_MS });
  return { reader: new SettingsReader(admin, locations, { permissionsCacheTtlMs: 0 }), locations };
}

function targetOf(entity: CallingEntity): Target {
  return entity.summary.kind === 'workspace' ? { kind: 'workspaceId', id: entity.summary.id } : { kind: 'personId', id: entity.summary.id };
}

/** The whole index of one org. A failure to list keeps what was read and says so (`listingFailed`). */
export async function buildSnapshot(deps: BuildDeps, org: { orgKey: string; orgId?: string }, hooks: BuildHooks = {}): Promise<OrgIndexSnapshot> {
  const startedAt = deps.now();
  const call: CallOptions = { orgId: org.orgId };
  const { reader, locations } = readerFor(deps.admin);
  const limit = new ConcurrencyLimit(deps.concurrency);
  const read: (IndexEntry | undefined)[] = [];
  const progress: BuildProgress = { listed: 0, read: 0, listingDone: false };
  const tell = () => hooks.onProgress?.({ ...progress });
  const reads: Promise<void>[] = [];
  const readOne = async (entity: CallingEntity, at: number) => {
    if (hooks.stopped?.()) throw new BuildStopped('build stopped');
    read[at] = await readEntry(reader, entity, call, deps.defaultCountry);
    progress.read++;
    tell();
  };
  const add = (page: CallingEntity[]) => {
    for (const entity of page) {
      const at = progress.listed++;
      reads.push(limit.run(() => readOne(entity, at)));
    }
    tell();
  };

  const outcome: { listingFailed?: WebexApiError; workspacesUnsearched?: WebexApiError } = {};
  // Webex's 504s may halve the page size several times: told once, from the first size to the last.
  let reduced: { from: number; to: number } | undefined;
  const onPageSizeReduced = (change: { from: number; to: number }) => (reduced = { from: reduced?.from ?? change.from, to: change.to });
  try {
    try {
      for await (const page of deps.admin.listCallingPeople({ ...call, pageSize: deps.pageSize, onPageSizeReduced })) {
        if (hooks.stopped?.()) throw new BuildStopped('build stopped');
        add(page.filter(isCallingUser).map(personEntity));
      }
    } catch (err) {
      if (!isWebexApiError(err)) throw err;
      outcome.listingFailed = err;
    } finally {
      if (reduced) deps.onPageSizeReduced?.(reduced);
    }
    if (!outcome.listingFailed) {
      try {
        for await (const page of deps.admin.listCallingWorkspacePages(call)) {
          if (hooks.stopped?.()) throw new BuildStopped('build stopped');
          add(page.map(workspaceEntity));
        }
      } catch (err) {
        if (!isWebexApiError(err)) throw err;
        outcome.workspacesUnsearched = err;
      }
    }
    progress.listingDone = true;
    tell();
  } finally {
    // Reads already started finish (or fail) before the build answers, whatever stopped the listing.
    await Promise.allSettled(reads);
  }
  await Promise.all(reads);
  const entries = read.filter((entry): entry is IndexEntry => entry !== undefined);
  const snapshot: OrgIndexSnapshot = {
    orgKey: org.orgKey,
    ...(org.orgId ? { orgId: org.orgId } : {}),
    startedAt,
    builtAt: deps.now(),
    complete: false,
    entries,
    locations: await locationsOf(entries, locations, call, deps.concurrency),
  };
  if (outcome.listingFailed) snapshot.listingFailed = storedError(outcome.listingFailed);
  if (outcome.workspacesUnsearched) snapshot.workspacesUnsearched = storedError(outcome.workspacesUnsearched);
  snapshot.complete = isComplete(snapshot);
  return snapshot;
}

/** What a repair read again: by entry ID, the new entry (null: no longer has Webex Calling). */
export type Repairs = Map<string, IndexEntry | null>;

/** Reads again the entries of the index that could not be read (or not wholly). */
export async function repairSnapshot(deps: BuildDeps, snapshot: OrgIndexSnapshot, hooks: BuildHooks = {}): Promise<Repairs> {
  const call: CallOptions = { orgId: snapshot.orgId };
  const { reader } = readerFor(deps.admin);
  const failed = snapshot.entries.filter((entry) => entry.error);
  const again = await mapInOrder(failed, deps.concurrency, async (entry) => {
    if (hooks.stopped?.()) throw new BuildStopped('build stopped');
    const entity = entityOf(entry);
    return readEntry(reader, entity, call, deps.defaultCountry);
  });
  return new Map(failed.map((entry, i) => [entry.id, again[i] ?? null]));
}

/**
 * The index with what a repair read put in, for the entries that still failed (one a look-up put in
 * meanwhile is newer); the rest is kept as it was, and so is "index as of".
 * Locations keep their names (a repair makes no call for them); followed locations' numbers come from
 * the entries, as in a build.
 */
export function withRepairs(snapshot: OrgIndexSnapshot, repairs: Repairs): OrgIndexSnapshot {
  const entries = snapshot.entries.flatMap((entry) => {
    if (!entry.error || !repairs.has(entry.id)) return [entry];
    const repaired = repairs.get(entry.id);
    return repaired ? [repaired] : [];
  });
  const names = new Map(snapshot.locations.map((location) => [location.id, location.name]));
  const repaired: OrgIndexSnapshot = { ...snapshot, entries, locations: locationsFrom(entries, names) };
  repaired.complete = isComplete(repaired);
  return repaired;
}

/**
 * One entity's entry. The reader answers Webex failures as outcomes; anything else it throws (a body it
 * could not make sense of) is kept as this entry's failure instead of failing the whole build.
 */
async function readEntry(reader: SettingsReader, entity: CallingEntity, call: CallOptions, defaultCountry?: string): Promise<IndexEntry | undefined> {
  let outcome: SettingsOutcome;
  try {
    outcome = await reader.read(entity, targetOf(entity), call);
  } catch (err) {
    if (err instanceof BuildStopped) throw err;
    const error = isWebexApiError(err) ? err : new WebexApiError({ status: 0, kind: 'unusableResponse', message: `Webex's answer could not be read (${err instanceof Error ? err.message : String(err)})` });
    outcome = { kind: 'webexError', stage: 'settings', error, target: targetOf(entity), person: entity.summary };
  }
  return entryOf(entity, outcome, defaultCountry);
}

/** Someone of the index as the settings reader takes them. */
export function entityOf(entry: IndexEntry): CallingEntity {
  return {
    summary: { id: entry.id, displayName: entry.name, email: entry.email, orgId: '', ...(entry.kind === 'workspace' ? { kind: 'workspace' as const } : {}) },
    ...(entry.locationId ? { locationId: entry.locationId } : {}),
  };
}

/** Everyone listed and read, workspaces too, nothing left unread. */
export function isComplete(snapshot: Pick<OrgIndexSnapshot, 'entries' | 'listingFailed' | 'workspacesUnsearched'>): boolean {
  return !snapshot.listingFailed && !snapshot.workspacesUnsearched && snapshot.entries.every((entry) => !entry.error);
}

/**
 * Every location someone in the index is at, named (one Get Location Details each, a refusal leaves the
 * ID), with the numbers that apply to its followers (already read for them: no extra call).
 */
async function locationsOf(entries: readonly IndexEntry[], locations: LocationDefaults, call: CallOptions, concurrency: number): Promise<IndexLocation[]> {
  const ids = [...new Set(entries.flatMap((entry) => (entry.locationId ? [entry.locationId] : [])))];
  const named = await mapInOrder(ids, concurrency, async (id) => [id, (await locations.summary(id, call)).name] as const);
  return locationsFrom(entries, new Map(named));
}

/** The locations of `entries`, named from `names`, with the numbers their followers have in effect. */
function locationsFrom(entries: readonly IndexEntry[], names: ReadonlyMap<string, string | undefined>): IndexLocation[] {
  const followed = new Map<string, IndexLocation['numbers']>();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!entry.locationId) continue;
    ids.add(entry.locationId);
    if (entry.numbersFrom === 'location' && (entry.numbers !== null || !followed.has(entry.locationId))) followed.set(entry.locationId, entry.numbers);
  }
  return [...ids].map((id) => {
    const name = names.get(id);
    const location: IndexLocation = { id, ...(name ? { name } : {}) };
    if (followed.has(id)) location.numbers = followed.get(id) ?? null;
    return location;
  });
}
