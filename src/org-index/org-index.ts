// One index per organization of every calling user and Webex Calling workspace with what applies to
// their calls (build.ts), kept in the shared store (Redis with REDIS_URL, memory otherwise) and used by
// "who transfers to" and the report.
//
// - Built on first need (or at start, ORG_INDEX_AT_START), by one instance at a time: the build lock
//   expires unless its holder keeps extending it, so a builder that died does not block the others,
//   who wait for its index instead of building their own.
// - Refreshed in the background every ORG_INDEX_REFRESH_MINUTES; an index older than that still answers
//   (with its time shown) while the next one is built. A restart finds the stored index and uses it.
// - A build that could not read everyone keeps what it read and says so, but never replaces a complete
//   index; its failures are read again (only them) at most once a minute, when the index is used. A
//   refresh that was not kept is tried again after REFRESH_RETRY_MS, not at every use.
// - Look-ups and Refresh put what they read into the index (learn), entry by entry; what this instance
//   learns while it builds is put into the new index once it is saved, so the build does not undo it.
import { orgKey } from '../commands/org-id';
import type { AdminApi } from '../lookup/ports';
import type { SettingsOutcome, Subject } from '../lookup/settings-reader';
import { BuildStopped, type BuildDeps, DEFAULT_BUILD_CONCURRENCY, buildSnapshot, repairSnapshot, withRepairs } from './build';
import { entryOf } from './entry';
import type { IndexLock, IndexStore } from './ports';
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from './types';

export const DEFAULT_REFRESH_MS = 240 * 60_000;
export const DEFAULT_LOCK_TTL_MS = 60_000;
const DEFAULT_POLL_MS = 1_000;
/** Least time between two re-reads of an index's failures. */
const REPAIR_INTERVAL_MS = 60_000;
/** How often a running build tells the store how far it has come (for the other instances' notes). */
const PROGRESS_WRITE_MS = 1_000;
/** After a refresh that could not be kept (it did not read everyone), the least time before the next try. */
const REFRESH_RETRY_MS = 30 * 60_000;
/** An org nobody asked about for this long is no longer refreshed by this instance. */
const FORGET_ORG_MS = 7 * 24 * 60 * 60_000;
/** Entries learned during one build kept to put into its index (the most recent win). */
const MAX_LEARNED_DURING_BUILD = 10_000;

export type IndexEvent =
  | { kind: 'built'; orgKey: string; entries: number; complete: boolean; ms: number; saved: boolean }
  | { kind: 'repaired'; orgKey: string; stillFailing: number }
  | { kind: 'failed'; orgKey: string; error: unknown };

export interface OrgIndexOptions {
  store: IndexStore;
  /** Reads in flight at once during a build. Default 4. */
  concurrency?: number;
  pageSize?: number;
  defaultCountry?: string;
  /** Org for partner administrators serving one customer org. */
  defaultOrgId?: string;
  /** The admin token's own org once known: asking with and without its ID is one index. */
  homeOrgId?: () => string | undefined;
  /** Age after which an index is built again in the background. Default 4 hours. */
  refreshMs?: number;
  lockTtlMs?: number;
  /** How often an instance waiting for another's build looks again. Default 1 s. */
  pollMs?: number;
  now?: () => number;
  onEvent?: (event: IndexEvent) => void;
  onPageSizeReduced?: (change: { from: number; to: number }) => void;
}

interface Running {
  done: Promise<OrgIndexSnapshot>;
  listeners: Set<(progress: BuildProgress) => void>;
}

interface AskedOrg {
  /** The org ID to read it with (undefined: the token's own). */
  orgId: string | undefined;
  askedAt: number;
}

/** What a stored index must be for a build to be skipped: any at all, not old, or complete. */
type Need = 'any' | 'fresh' | 'complete';

export class OrgIndex {
  private readonly running = new Map<string, Running>();
  /** Orgs this instance was asked about, kept fresh by the timer. */
  private readonly orgs = new Map<string, AskedOrg>();
  private readonly repairedAt = new Map<string, number>();
  /** By org key: when this instance last finished a refresh it could not keep. */
  private readonly unkeptAt = new Map<string, number>();
  /** By org key, while this instance builds it: what look-ups read meanwhile (id → entry). */
  private readonly learnedDuringBuild = new Map<string, Map<string, IndexEntry>>();
  private refreshing = false;
  /** By org key: the page size 504s brought a listing down to. */
  private readonly pageSizes = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly now: () => number;

  constructor(
    private readonly admin: AdminApi,
    private readonly opts: OrgIndexOptions,
  ) {
    this.now = opts.now ?? (() => Date.now());
  }

  get refreshMs(): number {
    return this.opts.refreshMs ?? DEFAULT_REFRESH_MS;
  }

  /** The key of an org's index: its UUID, so both spellings (and naming the token's own org or not) are one index. */
  keyOf(orgId: string | undefined): string {
    return orgKey(orgId ?? this.opts.defaultOrgId ?? this.opts.homeOrgId?.() ?? '');
  }

  /**
   * The org's index to answer from: the stored one (an old one starts a refresh), else the first build's
   * (here or on another instance) once it is done. Rejects only on a build's unexpected failure.
   */
  async current(orgId: string | undefined, onProgress?: (progress: BuildProgress) => void): Promise<OrgIndexSnapshot> {
    const asked = orgId ?? this.opts.defaultOrgId;
    const key = this.keyOf(asked);
    this.remember(key, asked);
    const stored = await this.opts.store.load(key);
    if (stored) {
      this.maintain(key, asked, stored);
      return stored;
    }
    return this.ensure(key, asked, 'any', onProgress);
  }

  /** Builds the org's index now unless a fresh one is stored (ORG_INDEX_AT_START); never rejects. */
  async warm(orgId?: string): Promise<void> {
    const asked = orgId ?? this.opts.defaultOrgId;
    const key = this.keyOf(asked);
    this.remember(key, asked);
    await this.ensure(key, asked, 'fresh').catch(() => undefined);
  }

  private remember(key: string, orgId: string | undefined): void {
    this.orgs.set(key, { orgId, askedAt: this.now() });
  }

  /** Looks every minute (at most) for indexes due a refresh. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refreshDue(), Math.min(this.refreshMs, 60_000));
    this.timer.unref();
  }

  /** Stops the timer and the builds this instance runs (their locks are let go; nothing half-built is saved). */
  stop(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * What a look-up or Refresh just read about someone goes into their org's stored index (if it has
   * one). Never rejects: the index is only kept current by it.
   */
  async learn(subject: Subject, outcome: SettingsOutcome): Promise<void> {
    if (outcome.kind !== 'found' || !subject.summary.orgId) return;
    const entry = entryOf(subject, outcome, this.opts.defaultCountry);
    if (!entry) return;
    const key = orgKey(subject.summary.orgId);
    const during = this.learnedDuringBuild.get(key);
    if (during) {
      during.delete(entry.id);
      during.set(entry.id, entry);
      if (during.size > MAX_LEARNED_DURING_BUILD) during.delete(during.keys().next().value as string);
    }
    await this.opts.store.putEntry(key, entry).catch(() => undefined);
  }

  /**
   * Each org asked about whose index is missing or due a refresh is built again, one org at a time; a
   * pass still running when the timer fires again is not doubled. Orgs nobody asked about for a week are
   * dropped.
   */
  async refreshDue(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      for (const [key, asked] of this.orgs) {
        if (this.stopping) return;
        if (this.now() - asked.askedAt >= FORGET_ORG_MS) {
          this.orgs.delete(key);
          continue;
        }
        const stamp = await this.opts.store.stamp(key).catch(() => undefined);
        if (!stamp || this.refreshDueFor(key, stamp.builtAt)) await this.ensure(key, asked.orgId, 'fresh').catch(() => undefined);
      }
    } finally {
      this.refreshing = false;
    }
  }

  private isOld(builtAt: number): boolean {
    return this.now() - builtAt >= this.refreshMs;
  }

  /** Old, and not a refresh this instance tried and could not keep a short while ago. */
  private refreshDueFor(key: string, builtAt: number): boolean {
    if (!this.isOld(builtAt)) return false;
    const unkept = this.unkeptAt.get(key);
    return unkept === undefined || this.now() - unkept >= Math.min(REFRESH_RETRY_MS, this.refreshMs);
  }

  /** After an index was used: an old one is refreshed, failures are read again; both in the background. */
  private maintain(key: string, orgId: string | undefined, stored: OrgIndexSnapshot): void {
    if (this.running.has(key)) return;
    if (this.refreshDueFor(key, stored.builtAt)) {
      void this.ensure(key, orgId, 'fresh').catch(() => undefined);
      return;
    }
    const last = this.repairedAt.get(key) ?? 0;
    if (this.now() - last < REPAIR_INTERVAL_MS) return;
    if (stored.listingFailed) {
      // Who was never listed cannot be read again one by one: the whole index is built again.
      this.repairedAt.set(key, this.now());
      void this.ensure(key, orgId, 'complete').catch(() => undefined);
    } else if (stored.entries.some((entry) => entry.error)) {
      this.repairedAt.set(key, this.now());
      void this.repair(key).catch(() => undefined);
    }
  }

  /** Joins this instance's build or wait for the org, or starts one. */
  private ensure(key: string, orgId: string | undefined, need: Need, onProgress?: (progress: BuildProgress) => void): Promise<OrgIndexSnapshot> {
    let running = this.running.get(key);
    if (!running) {
      const listeners = new Set<(progress: BuildProgress) => void>();
      const done = this.buildOrWait(key, orgId, need, (progress) => {
        for (const listener of listeners) {
          try {
            listener(progress);
          } catch {
            // A progress note that fails must not stop the build.
          }
        }
      });
      running = { done, listeners };
      this.running.set(key, running);
      const forget = () => this.running.delete(key);
      done.then(forget, forget);
    }
    if (onProgress) running.listeners.add(onProgress);
    return running.done;
  }

  /** Builds under the org's lock, or waits for whoever holds it to store theirs. */
  private async buildOrWait(key: string, orgId: string | undefined, need: Need, emit: (progress: BuildProgress) => void): Promise<OrgIndexSnapshot> {
    const store = this.opts.store;
    const suits = (stored: { builtAt: number; complete: boolean }) =>
      need === 'any' || (need === 'fresh' ? !this.refreshDueFor(key, stored.builtAt) : stored.complete);
    for (;;) {
      if (this.stopping) throw new BuildStopped('the bot is stopping');
      const lock = await store.lock(key, this.lockTtlMs);
      if (lock) {
        try {
          // Someone may have stored one between our look and the lock.
          const stored = await store.load(key);
          if (stored && suits(stored)) return stored;
          return await this.buildLocked(key, orgId, lock, stored, emit);
        } catch (err) {
          if (err instanceof BuildStopped) {
            // Lost the lock to another builder (ours stalled past its expiry): wait for theirs.
            if (!this.stopping) continue;
            throw err;
          }
          this.opts.onEvent?.({ kind: 'failed', orgKey: key, error: err });
          throw err;
        } finally {
          await lock.release().catch(() => undefined);
        }
      }
      await sleep(this.opts.pollMs ?? DEFAULT_POLL_MS);
      const progress = await store.getProgress(key).catch(() => undefined);
      if (progress) emit(progress);
      const stamp = await store.stamp(key).catch(() => undefined);
      if (stamp && suits(stamp)) {
        const stored = await store.load(key);
        if (stored) return stored;
      }
    }
  }

  private get lockTtlMs(): number {
    return this.opts.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  }

  /**
   * `key`: the org being built, so a page size that 504s forced is where its next build starts (a
   * gateway that times out at 100 a page will again).
   */
  private buildDeps(key: string): BuildDeps {
    return {
      admin: this.admin,
      concurrency: this.opts.concurrency ?? DEFAULT_BUILD_CONCURRENCY,
      pageSize: this.pageSizes.get(key) ?? this.opts.pageSize,
      defaultCountry: this.opts.defaultCountry,
      now: this.now,
      onPageSizeReduced: (change) => {
        this.pageSizes.set(key, change.to);
        this.opts.onPageSizeReduced?.(change);
      },
    };
  }

  /** A build while holding the lock (kept alive meanwhile); a partial one never replaces a complete one. */
  private async buildLocked(
    key: string,
    orgId: string | undefined,
    lock: IndexLock,
    previous: OrgIndexSnapshot | undefined,
    emit: (progress: BuildProgress) => void,
  ): Promise<OrgIndexSnapshot> {
    const started = this.now();
    const held = this.keepAlive(lock);
    const learned = new Map<string, IndexEntry>();
    this.learnedDuringBuild.set(key, learned);
    let progressWritten = 0;
    try {
      const snapshot = await buildSnapshot(this.buildDeps(key), { orgKey: key, orgId }, {
        stopped: () => held.lost || this.stopping,
        onProgress: (progress) => {
          emit(progress);
          if (this.now() - progressWritten >= PROGRESS_WRITE_MS || progress.listingDone) {
            progressWritten = this.now();
            void this.opts.store.setProgress(key, progress, this.lockTtlMs).catch(() => undefined);
          }
        },
      });
      // An index of no one (the listing failed at once) is not kept: the next question builds again.
      const empty = snapshot.listingFailed !== undefined && snapshot.entries.length === 0;
      if (empty) {
        this.opts.onEvent?.({ kind: 'failed', orgKey: key, error: snapshot.listingFailed });
        return snapshot;
      }
      const replace = snapshot.complete || !previous?.complete;
      // Another builder took the lock while this one stalled (and may have saved already): its index
      // wins, this one is dropped. Asked now, not left to the keep-alive timer; a store that cannot
      // answer is taken as still ours.
      const kept = !held.lost && (await lock.extend().catch(() => true));
      const latest = await this.opts.store.stamp(key).catch(() => undefined);
      const overtaken = latest !== undefined && latest.builtAt !== previous?.builtAt;
      if (!kept || overtaken || this.stopping) throw new BuildStopped('another instance built the index meanwhile');
      if (replace) {
        await this.opts.store.save(snapshot);
        for (const entry of learned.values()) await this.opts.store.putEntry(key, entry).catch(() => undefined);
        this.unkeptAt.delete(key);
      } else {
        this.unkeptAt.set(key, this.now());
      }
      this.opts.onEvent?.({ kind: 'built', orgKey: key, entries: snapshot.entries.length, complete: snapshot.complete, ms: this.now() - started, saved: replace });
      return replace ? ((await this.opts.store.load(key)) ?? snapshot) : (previous as OrgIndexSnapshot);
    } finally {
      held.stop();
      this.learnedDuringBuild.delete(key);
    }
  }

  /**
   * Reads again the entries of the stored index that failed (under the lock; skipped when someone holds
   * it). Only the entries read again change: the index is loaded again right before it is saved, so
   * what look-ups put in meanwhile stays.
   */
  private async repair(key: string): Promise<void> {
    const lock = await this.opts.store.lock(key, this.lockTtlMs);
    if (!lock) return;
    const held = this.keepAlive(lock);
    try {
      const stored = await this.opts.store.load(key);
      if (!stored || !stored.entries.some((entry) => entry.error)) return;
      const again = await repairSnapshot(this.buildDeps(key), stored, { stopped: () => held.lost || this.stopping });
      const latest = await this.opts.store.load(key);
      const kept = !held.lost && (await lock.extend().catch(() => true));
      if (!latest || latest.builtAt !== stored.builtAt || !kept || this.stopping) return;
      const repaired = withRepairs(latest, again);
      await this.opts.store.save(repaired);
      this.opts.onEvent?.({ kind: 'repaired', orgKey: key, stillFailing: repaired.entries.filter((entry) => entry.error).length });
    } finally {
      held.stop();
      await lock.release().catch(() => undefined);
    }
  }

  /** Extends the lock every third of its life; `lost` once another holder has it. */
  private keepAlive(lock: IndexLock): { readonly lost: boolean; stop(): void } {
    const state = { lost: false };
    const timer = setInterval(() => {
      lock.extend().then(
        (kept) => {
          if (!kept) state.lost = true;
        },
        () => undefined,
      );
    }, Math.max(10, Math.floor(this.lockTtlMs / 3)));
    timer.unref();
    return {
      get lost() {
        return state.lost;
      },
      stop: () => clearInterval(timer),
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
