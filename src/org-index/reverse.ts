// "Who transfers to +12055553651?" answered from the organization's index (org-index.ts): the people and
// workspaces whose own numbers in effect include it, and the locations whose numbers include it with
// how many follow them. The matches are read again live before answering (reverse-live.ts, at most 10
// reads), so what the answer names is current, and what changed goes back into the index.
import type { PhoneNumber } from '../commands/types';
import { WebexApiError } from '../webex/errors';
import { ConcurrencyLimit } from '../lookup/concurrency';
import type { LocationDefaults } from '../lookup/location-defaults';
import type { AdminApi, CallOptions } from '../lookup/ports';
import { type IndexedLocation, type IndexedPerson, locationMatchesIn, untilDeadline } from '../lookup/reverse-parts';
import { type LiveMatches, rereadMatches } from '../lookup/reverse-live';
import type { PersonSummary, ReverseMatch, ReverseResult, TransferNumberSlots, TransferSlot } from '../lookup/types';
import { e164Of, withDerived } from './entry';
import type { OrgIndex } from './org-index';
import type { IndexStore } from './ports';
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from './types';

export const DEFAULT_REVERSE_CONCURRENCY = 4;
/** Time kept before the deadline to build and post the answer. */
export const DEFAULT_DEADLINE_MARGIN_MS = 2_000;

export interface ReverseOptions {
  index: OrgIndex;
  /** Where what the live re-read found is put back. */
  store: IndexStore;
  admin: AdminApi;
  /** The look-ups' location memory (names shared). */
  locations: LocationDefaults;
  concurrency?: number;
  defaultCountry?: string;
  deadlineMarginMs?: number;
  now?: () => number;
}

export interface ReverseFindOptions extends CallOptions {
  /** Told how far the first build has come while the question waits for it. */
  onProgress?: (progress: BuildProgress) => void;
  /**
   * The command's ordinary deadline, for the live re-read of the matches (`deadline` is the longer one
   * a first build may take). The re-read gets at least LIVE_READ_MIN_MS after a wait for a build.
   */
  readDeadline?: number;
}

/** Least time the live re-read gets once the index is there (a handful of calls). */
export const LIVE_READ_MIN_MS = 10_000;

/**
 * What a reverse look-up needs of an index besides its entries, worked out once per index (and per
 * change to it). People are matched on the entries themselves: a copy of them for matching would cost
 * another 40 MB at 100,000 (measured).
 */
interface ReverseView {
  locations: IndexedLocation[];
  scanned: number;
  failed: number;
  locationsFailed: number;
  lastFailure?: WebexApiError;
}

export class ReverseIndex {
  private readonly views = new WeakMap<OrgIndexSnapshot, ReverseView>();
  private readonly now: () => number;

  constructor(private readonly opts: ReverseOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  /**
   * The answer from the org's index. While its first build runs, waits for it until the deadline; then
   * answers with `building` (how far it has come). Rejects with a WebexApiError when nobody could be
   * listed, and on an unexpected failure.
   */
  async find(number: PhoneNumber, opts: ReverseFindOptions = {}): Promise<ReverseResult> {
    let progress: BuildProgress = { listed: 0, read: 0, listingDone: false };
    let snapshot: OrgIndexSnapshot | undefined;
    const work = this.opts.index
      .current(opts.orgId, (p) => {
        progress = p;
        opts.onProgress?.(p);
      })
      .then((s) => {
        snapshot = s;
      });
    if (!(await this.untilDeadline(work, opts.deadline)) || !snapshot) return this.building(number, progress, opts.orgId);
    // Nobody could be listed: Webex's reason is the answer (the runner words it).
    if (snapshot.listingFailed && snapshot.entries.length === 0) throw new WebexApiError(snapshot.listingFailed);

    const view = this.viewOf(snapshot);
    let found = { matches: matchesInEntries(snapshot.entries, number), locationMatches: locationMatchesIn(view.locations, number) };
    let reread: { count: number; at: Date } | undefined;
    if (found.matches.length + found.locationMatches.length > 0) {
      const readBy = opts.readDeadline === undefined ? opts.deadline : Math.min(opts.deadline ?? Infinity, Math.max(opts.readDeadline, this.now() + LIVE_READ_MIN_MS));
      const live = await this.liveMatches(found, number, { orgId: opts.orgId ?? snapshot.orgId, deadline: readBy });
      if (live) {
        found = { matches: live.matches, locationMatches: live.locationMatches };
        reread = { count: live.reread, at: new Date(this.now()) };
        this.putBack(snapshot, live);
      }
    }
    const result: ReverseResult = {
      number,
      ...found,
      locationsFailed: view.locationsFailed,
      scanned: view.scanned,
      failed: view.failed,
      listed: snapshot.entries.length,
      stoppedEarly: snapshot.listingFailed !== undefined,
      complete: snapshot.complete,
      readAt: new Date(snapshot.builtAt),
    };
    if (view.lastFailure) result.lastFailure = view.lastFailure;
    if (snapshot.workspacesUnsearched) result.workspacesUnsearched = new WebexApiError(snapshot.workspacesUnsearched);
    if (snapshot.listingFailed) result.lastFailure = new WebexApiError(snapshot.listingFailed);
    if (opts.orgId) result.orgId = opts.orgId;
    if (reread) {
      result.reread = reread.count;
      result.rereadAt = reread.at;
    }
    return result;
  }

  private building(number: PhoneNumber, progress: BuildProgress, orgId: string | undefined): ReverseResult {
    const result: ReverseResult = {
      number,
      matches: [],
      locationMatches: [],
      locationsFailed: 0,
      scanned: progress.read,
      failed: 0,
      listed: progress.listed,
      stoppedEarly: true,
      complete: false,
      readAt: new Date(this.now()),
      building: { ...progress },
    };
    if (orgId) result.orgId = orgId;
    return result;
  }

  private viewOf(snapshot: OrgIndexSnapshot): ReverseView {
    const kept = this.views.get(snapshot);
    if (kept) return kept;
    const view = reverseView(snapshot, this.opts.defaultCountry);
    this.views.set(snapshot, view);
    return view;
  }

  /** The matches read again; undefined when the deadline came first (the index's answer stands). */
  private async liveMatches(found: Parameters<typeof rereadMatches>[1], number: PhoneNumber, call: CallOptions): Promise<LiveMatches | undefined> {
    const limit = new ConcurrencyLimit(this.opts.concurrency ?? DEFAULT_REVERSE_CONCURRENCY);
    let live: LiveMatches | undefined;
    const work = rereadMatches({ admin: this.opts.admin, locations: this.opts.locations, limit, defaultCountry: this.opts.defaultCountry }, found, number, call).then((result) => {
      live = result;
    });
    return (await this.untilDeadline(work, call.deadline)) ? live : undefined;
  }

  /** What the re-read found about people and workspaces goes back into the index (their numbers only). */
  private putBack(snapshot: OrgIndexSnapshot, live: LiveMatches): void {
    for (const [id, read] of live.entries) {
      const entry = snapshot.entries.find((e) => e.id === id);
      if (!entry) continue;
      const location = snapshot.locations.find((l) => l.id === entry.locationId);
      const updated: IndexEntry = read
        ? { ...entry, customNumbers: true, numbersFrom: 'own', numbers: slotsOf(read) }
        : { ...entry, customNumbers: false, numbersFrom: 'location', numbers: location?.numbers ?? null };
      // Unchanged entries are not written: every write makes the other instances read the change.
      if (updated.numbersFrom === entry.numbersFrom && sameSlots(updated.numbers, entry.numbers)) continue;
      void this.opts.store.putEntry(snapshot.orgKey, withDerived(updated, this.opts.defaultCountry)).catch(() => undefined);
    }
  }

  private untilDeadline(work: Promise<void>, deadline: number | undefined): Promise<boolean> {
    const margin = this.opts.deadlineMarginMs ?? DEFAULT_DEADLINE_MARGIN_MS;
    return untilDeadline(work, deadline === undefined ? undefined : deadline - margin, this.now);
  }
}

function sameSlots(a: TransferNumberSlots | null, b: TransferNumberSlots | null): boolean {
  return a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);
}

function slotsOf(read: IndexedPerson): TransferNumberSlots {
  const slots: TransferNumberSlots = [null, null, null];
  for (const { slot, number } of read.numbers) slots[slot - 1] = number.raw;
  return slots;
}

function summaryOf(entry: IndexEntry): PersonSummary {
  return { id: entry.id, displayName: entry.name, email: entry.email, orgId: '', ...(entry.kind === 'workspace' ? { kind: 'workspace' as const } : {}) };
}

/** Numbers as matched, from the E.164 forms worked out at build time (no parsing here). */
function indexedNumbers(numbers: TransferNumberSlots, e164: IndexEntry['e164']): IndexedPerson['numbers'] {
  const indexed: IndexedPerson['numbers'] = [];
  numbers.forEach((raw, i) => {
    if (raw === null) return;
    const valid = e164?.[i];
    indexed.push({ slot: (i + 1) as TransferSlot, number: valid ? { raw, e164: valid, digits: raw.replace(/\D/g, '') } : { raw, digits: raw.replace(/\D/g, '') } });
  });
  return indexed;
}

/** Same number (see samePhoneNumber): E.164 forms when both are valid, else digits, else the text. */
function sameAs(number: PhoneNumber, raw: string, e164: string | null | undefined): boolean {
  if (number.e164 && e164) return number.e164 === e164;
  const digits = raw.replace(/\D/g, '');
  if (number.digits !== '' && number.digits === digits) return true;
  return number.raw !== '' && number.raw === raw;
}

/** The people and workspaces whose own numbers in effect include `number`, in index order. */
export function matchesInEntries(entries: readonly IndexEntry[], number: PhoneNumber): ReverseMatch[] {
  const matches: ReverseMatch[] = [];
  for (const entry of entries) {
    if (entry.numbersFrom !== 'own' || !entry.numbers || entry.error?.stage === 'numbers') continue;
    const slots: ReverseMatch['slots'] = [];
    entry.numbers.forEach((raw, i) => {
      if (raw !== null && sameAs(number, raw, entry.e164?.[i])) slots.push({ slot: (i + 1) as TransferSlot, number: raw });
    });
    if (slots.length > 0) matches.push({ person: summaryOf(entry), slots });
  }
  return matches;
}

/**
 * Locations are matched on their own numbers, parsed here (a few hundred at most): a follower's entry may
 * hold newer numbers than the location's, put in by a look-up since the build.
 */
export function reverseView(snapshot: OrgIndexSnapshot, defaultCountry?: string): ReverseView {
  const followers = new Map<string, { followers: number; workspaceFollowers: number }>();
  let failed = 0;
  let lastFailure: WebexApiError | undefined;
  for (const entry of snapshot.entries) {
    if (entry.error?.stage === 'numbers') {
      failed++;
      lastFailure = new WebexApiError(entry.error.error);
      continue;
    }
    if (entry.numbersFrom === 'location' && entry.locationId) {
      const count = followers.get(entry.locationId) ?? { followers: 0, workspaceFollowers: 0 };
      if (entry.kind === 'workspace') count.workspaceFollowers++;
      else count.followers++;
      followers.set(entry.locationId, count);
    }
  }
  const locations: IndexedLocation[] = [];
  let locationsFailed = 0;
  for (const location of snapshot.locations) {
    const count = followers.get(location.id);
    if (!count) continue;
    if (!location.numbers) {
      locationsFailed++;
      continue;
    }
    locations.push({
      location: { id: location.id, ...(location.name ? { name: location.name } : {}) },
      numbers: indexedNumbers(location.numbers, [e164Of(location.numbers[0], defaultCountry), e164Of(location.numbers[1], defaultCountry), e164Of(location.numbers[2], defaultCountry)]),
      followers: count.followers,
      workspaceFollowers: count.workspaceFollowers,
    });
  }
  const view: ReverseView = { locations, scanned: snapshot.entries.length - failed, failed, locationsFailed };
  if (lastFailure) view.lastFailure = lastFailure;
  return view;
}
