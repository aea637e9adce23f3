// "Who transfers to +12055553651?": Webex has no search by transfer number, so this lists the org's
// calling users and reads each one's transfer numbers, then keeps that index for a few minutes.
//
// Cost of one scan: one GET /people?callingData=true per page of up to 100 people, plus one GET
// .../outgoingPermission/autoTransferNumbers per calling user (people without a calling location are
// skipped). At 4 reads in flight and ~150 ms a read that is ~25 people a second: an org of 1,000
// calling users takes about 40 seconds and 1,010 requests. A finished scan answers every number for
// `ttlMs` (default 5 minutes) without another scan: only its matches are read again before answering
// (reverse-live.ts, at most 10 reads); concurrent scans of one org are shared.
// A scan in which some people could not be read is kept too: the next question re-reads only those
// people, so one person whose read always fails does not make every question a full scan.
// Numbers in effect: someone whose custom numbers are off is not matched on the numbers stored on
// them but through their location, read once per scan (plus its name, kept by LocationDefaults) and
// reported as the location with how many of its people it applies to. Webex Calling workspaces
// (common-area phones) are listed after the people (GET /workspaces?calling=webexCalling) and read the
// same way (one read each); a token that may not list them leaves them out, and the answer says so.
// Bounds of one scan (webex/admin-client.ts): at most 10,000 listing pages and 100,000 people, so at
// most 100,000 settings reads; a listing that loops or runs past those fails with a clear answer.
import { LRUCache } from 'lru-cache';
import { orgKey } from '../commands/org-id';
import type { PhoneNumber } from '../commands/types';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { WebexPerson } from '../webex/types';
import { ConcurrencyLimit } from './concurrency';
import { LocationDefaults } from './location-defaults';
import { copyFollowers, countFollower, type EntityRead, type FollowerCount, readEntityNumbers, readFollowedLocations } from './reverse-reads';
import type { AdminApi, CallOptions } from './ports';
import {
  type CallingEntity,
  type IndexedLocation,
  type IndexedPerson,
  indexNumbers,
  isCallingUser,
  locationMatchesIn,
  matchesIn,
  personEntity,
  untilDeadline,
  workspaceEntity,
} from './reverse-parts';
import { type LiveMatches, rereadMatches } from './reverse-live';
import type { LocationMatch, PersonSummary, ReverseMatch, ReverseResult, ReverseScanProgress, TransferNumbersView } from './types';

export const DEFAULT_REVERSE_TTL_MS = 5 * 60_000;
export const DEFAULT_REVERSE_CONCURRENCY = 4;
export const DEFAULT_REVERSE_PAGE_SIZE = 100;
/** Time kept before the deadline to build and post the answer from what was read so far. */
export const DEFAULT_REVERSE_DEADLINE_MARGIN_MS = 2_000;
/** Organizations whose scans are kept at once (a partner may search several). */
export const MAX_CACHED_SCANS = 20;
/** How long a page size that a 504 forced is kept for the org's next scans; then 100 is tried again. */
export const PAGE_SIZE_MEMORY_MS = 60 * 60_000;

export interface ReverseIndexOptions {
  /** How long a complete scan answers look-ups. Default 5 minutes; 0 scans every time. */
  ttlMs?: number;
  /** Transfer-number reads in flight at once. Default 4. */
  concurrency?: number;
  /** People per page when listing. Default 100 (Webex's maximum with callingData). */
  pageSize?: number;
  /** Country for stored numbers written in national form. Default "US". */
  defaultCountry?: string;
  /** Org for partner administrators serving one customer org. */
  defaultOrgId?: string;
  /**
   * The admin token's own organization, once start-up has read it: a search that names it and one
   * that names no org search the same people, so they share one scan.
   */
  homeOrgId?: () => string | undefined;
  /** Told once per scan whose listing Webex answered with 504s: the page size it began and ended with. */
  onPageSizeReduced?: (change: { from: number; to: number }) => void;
  deadlineMarginMs?: number;
  /** Where location names and numbers are read (the look-ups' own, so names are shared); one of its own otherwise. */
  locations?: LocationDefaults;
  /** Epoch ms; tests pass a fake clock. */
  now?: () => number;
}

export interface ReverseFindOptions extends CallOptions {
  /** Called as people are listed and read; cheap and synchronous please (it may run thousands of times). */
  onProgress?: (progress: ReverseScanProgress) => void;
}

interface Scan {
  /** By person or workspace ID, in listing order: look-ups and re-reads update one entry without a search. */
  people: Map<string, IndexedPerson>;
  /** Calling users without custom numbers, by location ID. */
  followers: Map<string, FollowerCount>;
  locations: IndexedLocation[];
  /** Locations with followers whose numbers could not be read. */
  failedLocations: string[];
  scanned: number;
  failed: number;
  /** The calling users (and workspaces) whose read failed: the next find re-reads just these. */
  failedPeople: CallingEntity[];
  /** Why workspaces were not listed (a token without spark-admin:workspaces_read); absent when they were. */
  workspacesUnsearched?: WebexApiError;
  lastFailure?: WebexApiError;
  listed: number;
  stoppedEarly: boolean;
  finishedAt: number;
}

interface RunningScan {
  done: Promise<Scan>;
  listeners: Set<(progress: ReverseScanProgress) => void>;
}

/** A failure that asking again soon may not meet: busy, an outage, no answer. */
function isPassingFailure(error: WebexApiError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || error.status === 429 || error.status >= 500;
}

export class ReverseIndex {
  /** By org key (see orgKey): an org typed in either spelling is one entry. Bounded, and each entry expires. */
  private readonly cache: LRUCache<string, Scan>;
  private readonly running = new Map<string, RunningScan>();
  /** By org key: the page size a 504 brought a listing down to, for the next scan of that org. */
  private readonly pageSizes: LRUCache<string, number>;
  private readonly now: () => number;
  private readonly locations: LocationDefaults;

  constructor(
    private readonly admin: AdminApi,
    private readonly opts: ReverseIndexOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.locations = opts.locations ?? new LocationDefaults(admin);
    const ttl = opts.ttlMs ?? DEFAULT_REVERSE_TTL_MS;
    // Memory is let go `ttl` after a scan finished (re-reading its failed people does not extend it),
    // on the same clock as finishedAt; scanFor decides freshness. ttl 0 keeps nothing.
    this.pageSizes = new LRUCache<string, number>({ max: MAX_CACHED_SCANS, ttl: PAGE_SIZE_MEMORY_MS });
    this.cache = new LRUCache<string, Scan>({ max: MAX_CACHED_SCANS, ttl: Math.max(1, ttl), ttlAutopurge: true, ttlResolution: 0, perf: { now: () => this.now() } });
  }

  /**
   * The calling users whose transfer numbers include `number`. A failure to read one person is
   * counted and the scan goes on; a failure to list people (429 after retries, 401, 403…) rejects
   * with that WebexApiError. When the deadline comes first, answers from what was read so far.
   */
  async find(number: PhoneNumber, opts: ReverseFindOptions = {}): Promise<ReverseResult> {
    const orgId = opts.orgId ?? this.opts.defaultOrgId;
    const { scan, kept } = await this.scanFor(orgId, opts);
    let found = { matches: matchesIn(scan.people.values(), number), locationMatches: locationMatchesIn(scan.locations, number) };
    // A kept scan (finished before this question) has its matches read again, so what it names is current.
    let reread: { count: number; at: Date } | undefined;
    if (kept && found.matches.length + found.locationMatches.length > 0) {
      const live = await this.liveMatches(scan, found, number, { orgId, deadline: opts.deadline });
      if (live) {
        found = { matches: live.matches, locationMatches: live.locationMatches };
        reread = { count: live.reread, at: new Date(this.now()) };
      }
    }
    const result: ReverseResult = {
      number,
      ...found,
      locationsFailed: scan.failedLocations.length,
      scanned: scan.scanned,
      failed: scan.failed,
      listed: scan.listed,
      stoppedEarly: scan.stoppedEarly,
      complete: !scan.stoppedEarly && scan.failed === 0 && scan.failedLocations.length === 0 && !scan.workspacesUnsearched,
      readAt: new Date(scan.finishedAt),
    };
    if (scan.lastFailure) result.lastFailure = scan.lastFailure;
    if (scan.workspacesUnsearched) result.workspacesUnsearched = scan.workspacesUnsearched;
    if (opts.orgId) result.orgId = opts.orgId;
    if (reread) {
      result.reread = reread.count;
      result.rereadAt = reread.at;
    }
    return result;
  }

  /**
   * What a look-up just read about someone goes into the kept scan of their org, so "who transfers to"
   * knows it before the next scan: their own numbers when they are custom, nothing of theirs otherwise.
   * (How many follow each location stays as the scan counted it.)
   */
  learn(read: { person: PersonSummary; transfer: TransferNumbersView }): void {
    // Someone whose org is not known cannot be put in the right org's scan.
    if (!read.person.orgId) return;
    const scan = this.cache.peek(this.scanKey(read.person.orgId));
    if (!scan) return;
    // Read now: no longer one of the scan's failures (the next question would read them again).
    const failedAt = scan.failedPeople.findIndex((entity) => entity.summary.id === read.person.id);
    if (failedAt >= 0) {
      scan.failedPeople.splice(failedAt, 1);
      scan.failed--;
      scan.scanned++;
    }
    if (read.transfer.useCustomTransferNumbers) {
      scan.people.set(read.person.id, { person: read.person, numbers: indexNumbers(read.transfer.numbers, this.opts.defaultCountry) });
    } else scan.people.delete(read.person.id);
  }

  /**
   * The matches of a kept scan read again (reverse-live.ts), and what was read put into the scan, so the
   * next question sees it too. Undefined when the deadline came first: the scan's answer stands.
   */
  private async liveMatches(scan: Scan, found: { matches: ReverseMatch[]; locationMatches: LocationMatch[] }, number: PhoneNumber, call: CallOptions): Promise<LiveMatches | undefined> {
    const limit = new ConcurrencyLimit(this.opts.concurrency ?? DEFAULT_REVERSE_CONCURRENCY);
    let live: LiveMatches | undefined;
    const work = rereadMatches({ admin: this.admin, locations: this.locations, limit, defaultCountry: this.opts.defaultCountry }, found, number, call).then((result) => {
      live = result;
    });
    if (!(await this.untilDeadline(work, call.deadline)) || !live) return undefined;
    for (const [id, entry] of live.entries) {
      if (entry) scan.people.set(id, entry);
      else scan.people.delete(id);
    }
    for (const [id, numbers] of live.locationNumbers) {
      const location = scan.locations.find((indexed) => indexed.location.id === id);
      if (location) location.numbers = numbers;
    }
    return live;
  }

  /** The scan to answer from; `kept` when it is (or re-reads the failures of) one finished before this question. */
  private async scanFor(orgId: string | undefined, opts: ReverseFindOptions): Promise<{ scan: Scan; kept: boolean }> {
    const key = this.scanKey(orgId);
    const ttlMs = this.opts.ttlMs ?? DEFAULT_REVERSE_TTL_MS;
    const cached = this.cache.get(key);
    const fresh = cached && this.now() - cached.finishedAt < ttlMs ? cached : undefined;
    if (fresh && fresh.failedPeople.length === 0 && fresh.failedLocations.length === 0) return { scan: fresh, kept: true };
    // A scan already under way is joined as it is: it keeps the deadline of whoever started it.
    let running = this.running.get(key);
    if (!running) {
      const listeners = new Set<(progress: ReverseScanProgress) => void>();
      const emit = (progress: ReverseScanProgress) => {
        for (const listener of listeners) {
          try {
            listener(progress);
          } catch {
            // A progress notice that fails must not stop the scan.
          }
        }
      };
      const work = fresh ? this.reread(fresh, orgId, opts.deadline, emit) : this.scan(orgId, opts.deadline, emit);
      const done = work.then((scan) => {
        // A scan that listed everyone may answer later questions (its failures are re-read then); one
        // cut short by the deadline would hide people.
        // Nor one whose workspace listing failed by chance (a 403, or a listing Webex would not let
        // end, would fail the same way again: kept).
        const workspacesMayAnswer = !scan.workspacesUnsearched || !isPassingFailure(scan.workspacesUnsearched);
        if (!scan.stoppedEarly && workspacesMayAnswer && ttlMs > 0) this.cache.set(key, scan, { start: scan.finishedAt });
        return scan;
      });
      running = { done, listeners };
      this.running.set(key, running);
      const forget = () => this.running.delete(key);
      done.then(forget, forget);
    }
    if (opts.onProgress) running.listeners.add(opts.onProgress);
    return { scan: await running.done, kept: fresh !== undefined };
  }

  private async scan(orgId: string | undefined, deadline: number | undefined, emit: (progress: ReverseScanProgress) => void): Promise<Scan> {
    const call: CallOptions = { orgId, deadline };
    const limit = new ConcurrencyLimit(this.opts.concurrency ?? DEFAULT_REVERSE_CONCURRENCY);
    const people: (IndexedPerson | undefined)[] = [];
    const followers = new Map<string, FollowerCount>();
    const state = { listed: 0, read: 0, scanned: 0, failed: 0, listingDone: false, stopped: false };
    const failedPeople: CallingEntity[] = [];
    const listing: { workspacesUnsearched?: WebexApiError } = {};
    let lastFailure: WebexApiError | undefined;
    let unexpected: { error: unknown } | undefined;
    // Reads still in flight when time ran out must not report progress after the answer.
    const progress = () => {
      if (!state.stopped) emit({ listed: state.listed, read: state.read, listingDone: state.listingDone });
    };

    // Never rejects: a Webex failure is counted, anything else stops the scan and is rethrown below.
    const readOne = async (person: CallingEntity, index: number): Promise<void> => {
      if (state.stopped) return;
      try {
        const read = await this.readPerson(person, call);
        if (read.kind === 'failed') {
          state.failed++;
          failedPeople.push(person);
          lastFailure = read.error;
        } else {
          if (read.kind === 'read') people[index] = read.entry;
          if (read.kind === 'follower') countFollower(followers, read.locationId, person);
          state.scanned++;
        }
      } catch (err) {
        unexpected ??= { error: err };
        state.stopped = true;
        return;
      }
      state.read++;
      progress();
    };

    const reads: Promise<void>[] = [];
    const listAndRead = async (): Promise<void> => {
      for await (const page of this.listEntities(call, listing)) {
        for (const person of page) {
          const index = state.listed++;
          reads.push(limit.run(() => readOne(person, index)));
        }
        progress();
        if (state.stopped) return;
      }
      state.listingDone = true;
      progress();
      await Promise.all(reads);
      if (!state.stopped) Object.assign(located, await this.readLocations(followers, [], [], call));
    };
    const located: { locations: IndexedLocation[]; failedLocations: string[] } = { locations: [], failedLocations: [] };

    const finished = await this.untilDeadline(listAndRead(), deadline).catch((err: unknown) => {
      state.stopped = true;
      throw err;
    });
    state.stopped = true;
    if (unexpected) throw unexpected.error;
    return {
      people: new Map(people.filter((entry): entry is IndexedPerson => entry !== undefined).map((entry) => [entry.person.id, entry])),
      followers,
      ...located,
      scanned: state.scanned,
      failed: state.failed,
      failedPeople,
      lastFailure,
      ...listing,
      listed: state.listed,
      stoppedEarly: !finished,
      finishedAt: this.now(),
    };
  }

  /**
   * The calling users, then the Webex Calling workspaces, page by page. A workspace listing that fails
   * (most often: no spark-admin:workspaces_read) is noted in `listing` and ends the listing there.
   */
  private async *listEntities(call: CallOptions, listing: { workspacesUnsearched?: WebexApiError }): AsyncIterable<CallingEntity[]> {
    for await (const page of this.listCalling(call)) yield page.filter(isCallingUser).map(personEntity);
    try {
      for await (const page of this.admin.listCallingWorkspacePages(call)) yield page.map(workspaceEntity);
    } catch (err) {
      if (!isWebexApiError(err)) throw err;
      listing.workspacesUnsearched = err;
    }
  }

  /**
   * The org's calling users, page by page, starting at the page size its last 504s left (a gateway
   * that times out at 100 a page will again: no need to pay for those 504s on every scan). Reports a
   * reduction once per scan, from the first size to the last.
   */
  private async *listCalling(call: CallOptions): AsyncIterable<WebexPerson[]> {
    const key = this.scanKey(call.orgId);
    const first = this.pageSizes.get(key) ?? this.opts.pageSize ?? DEFAULT_REVERSE_PAGE_SIZE;
    let last = first;
    try {
      yield* this.admin.listCallingPeople({ ...call, pageSize: first, onPageSizeReduced: (change) => (last = change.to) });
    } finally {
      if (last < first) {
        this.pageSizes.set(key, last);
        this.opts.onPageSizeReduced?.({ from: first, to: last });
      }
    }
  }

  private readPerson(entity: CallingEntity, call: CallOptions): Promise<EntityRead> {
    return readEntityNumbers(this.admin, entity, call, this.opts.defaultCountry);
  }

  /** The numbers and names of the locations that have followers (see reverse-reads.ts). */
  private readLocations(
    followers: ReadonlyMap<string, FollowerCount>,
    known: readonly IndexedLocation[],
    retry: readonly string[],
    call: CallOptions,
  ): Promise<{ locations: IndexedLocation[]; failedLocations: string[] }> {
    const limit = new ConcurrencyLimit(this.opts.concurrency ?? DEFAULT_REVERSE_CONCURRENCY);
    return readFollowedLocations({ locations: this.locations, limit, defaultCountry: this.opts.defaultCountry }, { followers, known, retry }, call);
  }

  /** A kept scan with the people who failed read again (only them); the rest of the index is reused. */
  private async reread(kept: Scan, orgId: string | undefined, deadline: number | undefined, emit: (progress: ReverseScanProgress) => void): Promise<Scan> {
    const call: CallOptions = { orgId, deadline };
    const limit = new ConcurrencyLimit(this.opts.concurrency ?? DEFAULT_REVERSE_CONCURRENCY);
    const people = new Map(kept.people);
    // The kept scan answers if time runs out: reads still in flight then change only these copies.
    const followers = copyFollowers(kept.followers);
    const stillFailing: CallingEntity[] = [];
    let stopped = false;
    let scanned = kept.scanned;
    let lastFailure: WebexApiError | undefined;
    let done = kept.listed - kept.failedPeople.length;
    const reads = kept.failedPeople.map((person) =>
      limit.run(async () => {
        if (stopped) return;
        const read = await this.readPerson(person, call);
        if (read.kind === 'failed') {
          stillFailing.push(person);
          lastFailure = read.error;
        } else {
          if (read.kind === 'read') people.set(read.entry.person.id, read.entry);
          if (read.kind === 'follower') countFollower(followers, read.locationId, person);
          scanned++;
        }
        if (!stopped) emit({ listed: kept.listed, read: ++done, listingDone: true });
      }),
    );
    let located = { locations: kept.locations, failedLocations: kept.failedLocations };
    const work = Promise.all(reads).then(async () => {
      located = await this.readLocations(followers, kept.locations.filter((l) => !kept.failedLocations.includes(l.location.id)), kept.failedLocations, call);
    });
    const finished = await this.untilDeadline(work, deadline);
    if (!finished) {
      stopped = true;
      return kept;
    }
    return { ...kept, people, followers, ...located, scanned, failed: stillFailing.length, failedPeople: stillFailing, lastFailure };
  }

  /**
   * The cache key of the org searched: its UUID, so both spellings of one org share a scan, and the
   * token's own org is one key whether it was named or not ('' while it is not known yet).
   */
  private scanKey(orgId: string | undefined): string {
    return orgKey(orgId ?? this.opts.homeOrgId?.() ?? '');
  }

  /** True when `work` finished; false when the deadline (less the margin) came first. */
  private untilDeadline(work: Promise<void>, deadline: number | undefined): Promise<boolean> {
    const margin = this.opts.deadlineMarginMs ?? DEFAULT_REVERSE_DEADLINE_MARGIN_MS;
    return untilDeadline(work, deadline === undefined ? undefined : deadline - margin, this.now);
  }
}
