// The organizations' indexes on Redis, shared by every instance. An index is large (10,000 to 100,000
// entries of a few hundred bytes), so it is stored as parts that can be read and changed on their own:
//
//   orgindex:{<orgKey>}:meta     hash: version, gen (one value per save), builtAt, complete, snapshot (the
//                                snapshot's JSON without its entries), saveVersion and trimmed (see changes)
//   orgindex:{<orgKey>}:entries  hash: entry id -> entry JSON
//   orgindex:{<orgKey>}:order    list: entry ids in order (saved order, then what putEntry appended)
//   orgindex:{<orgKey>}:changes  list: the ids putEntry wrote since the save, one per version (the last ones)
//   orgindex:{<orgKey>}:saving:<token>:entries|order   a save being written (expires if the saver dies)
//   orgindex:{<orgKey>}:lock     the build lock's token (PX)
//   orgindex:{<orgKey>}:progress the running build's progress JSON (PX)
//
// (All under the stores' key prefix; the braces keep an org's keys in one slot should Redis ever be a
// cluster.) The index keys expire a while after the last save, so orgs nobody asks about go away.
//
// Reading is cheap when nothing changed: this instance keeps the last index it read per org with its
// version, and one small script says "same", hands over what putEntry changed since that version, or
// says the index must be read again (it was saved anew, or changed too often since). Entries travel in
// chunks, each read with the version it belongs to, so no single command carries megabytes (the
// command timeout of the other stores applies to each); only a read overtaken by saves again and again
// falls back to reading the whole index in one command.
//
// A Redis failure never fails the caller: it is reported (throttled) and the call is answered from
// this instance's memory instead (see each method).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from '../org-index/types';
import type { ReportError } from './error-reporter';
import { DEFAULT_ORG_INDEX_MAX_ORGS, MemoryOrgIndexStore, positionsOf, uniqueEntries, withEntries } from './memory-org-index';
import type { BuildLock, OrgIndexStamp, OrgIndexStore } from './types';

export const DEFAULT_ORG_INDEX_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Entries per command when an index is written or read. */
export const DEFAULT_ORG_INDEX_CHUNK = 1_000;
/** Changes kept for readers to catch up with; one further behind reads the whole index again. */
export const DEFAULT_ORG_INDEX_MAX_CHANGES = 1_000;
/** Entries of all orgs this instance keeps read copies of (besides DEFAULT_ORG_INDEX_MAX_ORGS). */
export const DEFAULT_ORG_INDEX_MAX_CACHED_ENTRIES = 200_000;
/** How long a save's parts live before they are swapped in (refreshed by every chunk written). */
const SAVING_TTL_MS = 15 * 60 * 1000;
/** Chunked reads started again (a save replaced the index while it was read) before one read in one step. */
const READ_ATTEMPTS = 3;

// KEYS meta, entries, order, changes, saving entries, saving order.
// ARGV count, gen, snapshot JSON, builtAt, complete, ttl ms, now ms.
// Swaps a written save in, all or nothing. The version goes on from the old one, and starts no lower
// than the clock (ms) so an index saved again after its keys expired (days later) does not repeat a
// version a reader may still hold.
const SWAP_SCRIPT = `
local count = tonumber(ARGV[1])
if count > 0 and (redis.call('HLEN', KEYS[5]) ~= count or redis.call('LLEN', KEYS[6]) ~= count) then
  return redis.error_reply('ERR org index save incomplete')
end
local old = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
local version = string.format('%.0f', math.max(old + 1, tonumber(ARGV[7])))
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
if count > 0 then
  redis.call('RENAME', KEYS[5], KEYS[2])
  redis.call('RENAME', KEYS[6], KEYS[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end
redis.call('HSET', KEYS[1], 'version', version, 'gen', ARGV[2], 'saveVersion', version, 'trimmed', '0',
  'builtAt', ARGV[4], 'complete', ARGV[5], 'snapshot', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return version
`;

// KEYS meta, entries, order, changes. ARGV id, entry JSON, changes kept.
// Nothing (nil) without an index; else {new version, gen, previous version}.
const PUT_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], 'version', 'gen')
if not m[1] then return false end
if redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) == 1 then redis.call('RPUSH', KEYS[3], ARGV[1]) end
local length = redis.call('RPUSH', KEYS[4], ARGV[1])
local keep = tonumber(ARGV[3])
if length > keep then
  redis.call('LTRIM', KEYS[4], length - keep, -1)
  redis.call('HINCRBY', KEYS[1], 'trimmed', length - keep)
end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
  for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ttl) end
end
return {string.format('%.0f', version), m[2], m[1]}
`;

// KEYS meta, order. {} without an index; else {version, gen, snapshot JSON, number of entries}.
const HEAD_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], 'version', 'gen', 'snapshot')
if not m[1] then return {} end
return {m[1], m[2], m[3], redis.call('LLEN', KEYS[2])}
`;

// KEYS meta, entries, order. ARGV gen, first, last (positions in order).
// {} when the index is gone or was saved anew; else {version, entry JSON...} of those positions.
const CHUNK_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], 'version', 'gen')
if m[2] ~= ARGV[1] then return {} end
local ids = redis.call('LRANGE', KEYS[3], ARGV[2], ARGV[3])
local out = {m[1]}
if #ids > 0 then
  local values = redis.call('HMGET', KEYS[2], unpack(ids))
  for i = 1, #ids do out[i + 1] = values[i] end
end
return out
`;

// KEYS meta, entries, order. {} without an index; else {version, gen, snapshot JSON, entry JSON...}.
// The whole index in one step, for when chunked reads keep being overtaken by saves.
const WHOLE_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], 'version', 'gen', 'snapshot')
if not m[1] then return {} end
local out = {m[1], m[2], m[3]}
local length = redis.call('LLEN', KEYS[3])
for first = 0, length - 1, 500 do
  local ids = redis.call('LRANGE', KEYS[3], first, first + 499)
  local values = redis.call('HMGET', KEYS[2], unpack(ids))
  for i = 1, #ids do out[#out + 1] = values[i] end
end
return out
`;

// KEYS meta, entries, changes. ARGV gen, version the reader has.
// {'gone'}; {'full'} (saved anew, or too far behind); {'same', version}; or {'delta', version, entry
// JSON...}: the entries written since, each once, in the order they were first written.
const CHANGES_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], 'version', 'gen', 'saveVersion', 'trimmed')
if not m[1] then return {'gone'} end
if m[2] ~= ARGV[1] then return {'full'} end
local version = tonumber(m[1])
local from = tonumber(ARGV[2])
if version == from then return {'same', m[1]} end
if version < from then return {'full'} end
local base = tonumber(m[3]) + tonumber(m[4])
local first = from - base
local last = version - base - 1
if first < 0 then return {'full'} end
local ids = redis.call('LRANGE', KEYS[3], first, last)
if #ids ~= last - first + 1 then return {'full'} end
local seen, unique = {}, {}
for _, id in ipairs(ids) do
  if not seen[id] then
    seen[id] = true
    unique[#unique + 1] = id
  end
end
local out = {'delta', m[1]}
for i = 1, #unique, 500 do
  local batch = {}
  for j = i, math.min(i + 499, #unique) do batch[#batch + 1] = unique[j] end
  local values = redis.call('HMGET', KEYS[2], unpack(batch))
  for j = 1, #batch do out[#out + 1] = values[j] end
end
return out
`;

// KEYS lock. ARGV token, ttl ms. 1 when the lock is (again) ours, 0 when someone else holds it.
const EXTEND_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

// KEYS lock. ARGV token.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

type Nullable = string | null;

interface OrgIndexCommands {
  tnbotOrgIndexSwap(meta: string, entries: string, order: string, changes: string, savingEntries: string, savingOrder: string, count: number, gen: string, snapshot: string, builtAt: number, complete: string, ttlMs: number, nowMs: number): Promise<string>;
  tnbotOrgIndexPut(meta: string, entries: string, order: string, changes: string, id: string, entry: string, keep: number): Promise<[string, string, string] | null>;
  tnbotOrgIndexHead(meta: string, order: string): Promise<[] | [string, string, string, number]>;
  tnbotOrgIndexChunk(meta: string, entries: string, order: string, gen: string, first: number, last: number): Promise<Nullable[]>;
  tnbotOrgIndexWhole(meta: string, entries: string, order: string): Promise<Nullable[]>;
  tnbotOrgIndexChanges(meta: string, entries: string, changes: string, gen: string, version: number): Promise<Nullable[]>;
  tnbotOrgIndexExtend(lock: string, token: string, ttlMs: number): Promise<number>;
  tnbotOrgIndexRelease(lock: string, token: string): Promise<number>;
}

const SCRIPTS: Array<[keyof OrgIndexCommands, number, string]> = [
  ['tnbotOrgIndexSwap', 6, SWAP_SCRIPT],
  ['tnbotOrgIndexPut', 4, PUT_SCRIPT],
  ['tnbotOrgIndexHead', 2, HEAD_SCRIPT],
  ['tnbotOrgIndexChunk', 3, CHUNK_SCRIPT],
  ['tnbotOrgIndexWhole', 3, WHOLE_SCRIPT],
  ['tnbotOrgIndexChanges', 3, CHANGES_SCRIPT],
  ['tnbotOrgIndexExtend', 1, EXTEND_SCRIPT],
  ['tnbotOrgIndexRelease', 1, RELEASE_SCRIPT],
];

/** An index as this instance last read it from Redis. */
interface ReadCopy {
  gen: string;
  version: number;
  snapshot: OrgIndexSnapshot;
  /**
   * Where each id is in snapshot.entries: built on the first change applied, then handed on to the copy
   * that change makes (see positionsFrom).
   */
  positions?: Map<string, number>;
}

/**
 * The positions of `copy`'s entries, for making a changed copy of it: the map moves to the new copy, so
 * a read that finishes later from the same old copy builds its own instead of sharing a changed one.
 */
function positionsFrom(copy: ReadCopy): Map<string, number> {
  const positions = copy.positions ?? positionsOf(copy.snapshot.entries);
  copy.positions = undefined;
  return positions;
}

export interface RedisOrgIndexOptions {
  report: ReportError;
  /** How long an index stays after its last save. Default 7 days. */
  ttlMs?: number;
  /** Entries per command. Default 1,000. */
  chunkSize?: number;
  /** Changes kept for readers to catch up with. Default 1,000. */
  maxChanges?: number;
  /** Read copies kept: orgs, and entries in all. Defaults 20 and 200,000. */
  maxCachedOrgs?: number;
  maxCachedEntries?: number;
  /** Where calls go when Redis fails. */
  local?: MemoryOrgIndexStore;
}

const keysOf = (orgKey: string) => {
  const base = `orgindex:{${orgKey}}:`;
  return { meta: `${base}meta`, entries: `${base}entries`, order: `${base}order`, changes: `${base}changes`, lock: `${base}lock`, progress: `${base}progress`, saving: (token: string) => ({ entries: `${base}saving:${token}:entries`, order: `${base}saving:${token}:order` }) };
};

const parseEntries = (values: Nullable[], from: number): IndexEntry[] => {
  const entries: IndexEntry[] = [];
  for (let i = from; i < values.length; i++) {
    const value = values[i];
    if (value) entries.push(JSON.parse(value) as IndexEntry);
  }
  return entries;
};

export class RedisOrgIndexStore implements OrgIndexStore {
  private readonly commands: OrgIndexCommands;
  private readonly report: ReportError;
  private readonly local: MemoryOrgIndexStore;
  private readonly copies: LRUCache<string, ReadCopy>;
  private readonly ttlMs: number;
  private readonly chunkSize: number;
  private readonly maxChanges: number;
  /** Reads under way, so simultaneous loads of one org share one read. */
  private readonly reading = new Map<string, { promise: Promise<OrgIndexSnapshot | undefined>; writes: number }>();
  /** Writes made by this instance: a read started before one of them is not shared with later loads. */
  private writes = 0;
  /** Redis locks this instance holds (for locked() while Redis cannot answer). */
  private readonly held = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly redis: Redis,
    opts: RedisOrgIndexOptions,
  ) {
    for (const [name, numberOfKeys, lua] of SCRIPTS) redis.defineCommand(name, { numberOfKeys, lua });
    this.commands = redis as unknown as OrgIndexCommands;
    this.report = opts.report;
    this.local = opts.local ?? new MemoryOrgIndexStore();
    this.ttlMs = opts.ttlMs ?? DEFAULT_ORG_INDEX_TTL_MS;
    this.chunkSize = Math.max(1, Math.min(opts.chunkSize ?? DEFAULT_ORG_INDEX_CHUNK, 5_000));
    this.maxChanges = Math.max(1, opts.maxChanges ?? DEFAULT_ORG_INDEX_MAX_CHANGES);
    this.copies = new LRUCache<string, ReadCopy>({
      max: opts.maxCachedOrgs ?? DEFAULT_ORG_INDEX_MAX_ORGS,
      maxSize: opts.maxCachedEntries ?? DEFAULT_ORG_INDEX_MAX_CACHED_ENTRIES,
      sizeCalculation: (copy) => copy.snapshot.entries.length + 1,
    });
  }

  async load(orgKey: string): Promise<OrgIndexSnapshot | undefined> {
    try {
      const shared = this.reading.get(orgKey);
      if (shared && shared.writes === this.writes) return await shared.promise;
      const promise = this.read(orgKey).finally(() => {
        if (this.reading.get(orgKey)?.promise === promise) this.reading.delete(orgKey);
      });
      this.reading.set(orgKey, { promise, writes: this.writes });
      return await promise;
    } catch (err) {
      this.report('orgIndex.load', err);
      return this.fallback(orgKey)?.snapshot;
    }
  }

  async stamp(orgKey: string): Promise<OrgIndexStamp | undefined> {
    try {
      const [version, builtAt, complete] = await this.redis.hmget(keysOf(orgKey).meta, 'version', 'builtAt', 'complete');
      if (version === null) return undefined;
      return { builtAt: Number(builtAt), complete: complete === '1', version: Number(version) };
    } catch (err) {
      this.report('orgIndex.stamp', err);
      const fallback = this.fallback(orgKey);
      return fallback && { builtAt: fallback.snapshot.builtAt, complete: fallback.snapshot.complete, version: fallback.version };
    }
  }

  async save(snapshot: OrgIndexSnapshot): Promise<void> {
    const stored: OrgIndexSnapshot = { ...snapshot, entries: uniqueEntries(snapshot.entries) };
    this.writes += 1;
    try {
      const { gen, version } = await this.write(stored);
      // What this instance has just written needs no reading back; an older copy of its own is now out of date.
      this.keep(stored.orgKey, { gen, version, snapshot: stored });
      this.local.forget(stored.orgKey);
    } catch (err) {
      // This instance at least keeps what it built, until Redis takes a save again.
      this.report('orgIndex.save', err);
      await this.local.save(stored);
    }
  }

  async putEntry(orgKey: string, entry: IndexEntry): Promise<void> {
    this.writes += 1;
    const keys = keysOf(orgKey);
    try {
      const put = await this.commands.tnbotOrgIndexPut(keys.meta, keys.entries, keys.order, keys.changes, entry.id, JSON.stringify(entry), this.maxChanges);
      if (!put) return;
      const [version, gen, previous] = put;
      const copy = this.copies.peek(orgKey);
      // Nobody else wrote in between: this instance's copy takes the entry instead of reading it back.
      if (copy && copy.gen === gen && copy.version === Number(previous)) {
        const positions = positionsFrom(copy);
        this.keep(orgKey, { gen, version: Number(version), snapshot: withEntries(copy.snapshot, positions, [entry]), positions });
      }
    } catch (err) {
      // The entry is lost to the other instances, but this one answers with it until Redis is back.
      this.report('orgIndex.putEntry', err);
      const fallback = this.fallback(orgKey);
      if (fallback?.from === 'copy') await this.local.save(fallback.snapshot);
      await this.local.putEntry(orgKey, entry);
    }
  }

  async lock(orgKey: string, ttlMs: number): Promise<BuildLock | undefined> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    // A build this instance started while Redis was down is still running.
    if (this.local.lockedNow(orgKey)) return undefined;
    const key = keysOf(orgKey).lock;
    const token = randomUUID();
    try {
      if ((await this.redis.set(key, token, 'PX', ttl, 'NX')) === null) return undefined;
    } catch (err) {
      // Redis cannot say whether another instance is building, so this one acts as if it got the
      // lock and builds (holding a lock of its own memory, so it still builds each org only once).
      // Refusing instead would leave every org without an index for as long as Redis is down; the
      // worst case here is that several instances read the same org from Webex at the same time.
      this.report('orgIndex.lock', err);
      return this.local.lockNow(orgKey, ttl);
    }
    this.held.set(orgKey, { token, expiresAt: performance.now() + ttl });
    return {
      extend: async () => {
        try {
          const ours = (await this.commands.tnbotOrgIndexExtend(key, token, ttl)) === 1;
          if (ours) this.held.set(orgKey, { token, expiresAt: performance.now() + ttl });
          else if (this.held.get(orgKey)?.token === token) this.held.delete(orgKey);
          return ours;
        } catch (err) {
          // Not known to be lost: the build goes on. If Redis stays away the lock expires there, and
          // at worst another instance builds the same org too (the later save wins, whole).
          this.report('orgIndex.lock.extend', err);
          return true;
        }
      },
      release: async () => {
        if (this.held.get(orgKey)?.token === token) this.held.delete(orgKey);
        try {
          await this.commands.tnbotOrgIndexRelease(key, token);
        } catch (err) {
          // It expires by itself.
          this.report('orgIndex.lock.release', err);
        }
      },
    };
  }

  async locked(orgKey: string): Promise<boolean> {
    if (this.local.lockedNow(orgKey)) return true;
    try {
      return (await this.redis.exists(keysOf(orgKey).lock)) === 1;
    } catch (err) {
      // Only this instance's own builds are known.
      this.report('orgIndex.locked', err);
      const held = this.held.get(orgKey);
      return held !== undefined && held.expiresAt > performance.now();
    }
  }

  async setProgress(orgKey: string, progress: BuildProgress, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    try {
      await this.redis.set(keysOf(orgKey).progress, JSON.stringify(progress), 'PX', ttl);
    } catch (err) {
      this.report('orgIndex.setProgress', err);
      await this.local.setProgress(orgKey, progress, ttl);
    }
  }

  async getProgress(orgKey: string): Promise<BuildProgress | undefined> {
    try {
      const value = await this.redis.get(keysOf(orgKey).progress);
      return value === null ? undefined : (JSON.parse(value) as BuildProgress);
    } catch (err) {
      this.report('orgIndex.getProgress', err);
      return this.local.getProgress(orgKey);
    }
  }

  /** The index as Redis has it now, from this instance's copy when that is up to date. */
  private async read(orgKey: string): Promise<OrgIndexSnapshot | undefined> {
    const copy = this.copies.get(orgKey);
    if (copy) {
      const caught = await this.catchUp(orgKey, copy);
      if (caught !== 'full') {
        if (caught === 'gone') this.copies.delete(orgKey);
        else this.keep(orgKey, caught);
        return caught === 'gone' ? undefined : caught.snapshot;
      }
      // Replaced by a new save: let the old copy go before the new one arrives (an index can be large).
      this.copies.delete(orgKey);
    }
    const read = await this.readWhole(orgKey);
    if (!read) return undefined;
    this.keep(orgKey, read);
    // A copy this instance kept while Redis was down is older than what Redis has now: drop it.
    const local = this.local.peek(orgKey);
    if (local && local.snapshot.builtAt <= read.snapshot.builtAt) this.local.forget(orgKey);
    return read.snapshot;
  }

  /** `copy` brought up to date by what putEntry changed since, or what to do instead. */
  private async catchUp(orgKey: string, copy: ReadCopy): Promise<ReadCopy | 'full' | 'gone'> {
    const keys = keysOf(orgKey);
    const reply = await this.commands.tnbotOrgIndexChanges(keys.meta, keys.entries, keys.changes, copy.gen, copy.version);
    switch (reply[0]) {
      case 'gone':
        return 'gone';
      case 'same':
        return copy;
      case 'delta': {
        const entries = parseEntries(reply, 2);
        const version = Number(reply[1]);
        if (entries.length === 0) return { gen: copy.gen, version, snapshot: copy.snapshot };
        const positions = positionsFrom(copy);
        return { gen: copy.gen, version, snapshot: withEntries(copy.snapshot, positions, entries), positions };
      }
      default:
        return 'full';
    }
  }

  /**
   * Reads an index chunk by chunk. Each chunk comes with the version it belongs to; when putEntry wrote
   * in between, the changes since the first chunk are applied at the end, which gives exactly the
   * index as it is then. A save in between starts the read again; after a few of those the index is
   * read in one step (one large reply, but never a mix).
   */
  private async readWhole(orgKey: string): Promise<ReadCopy | undefined> {
    const keys = keysOf(orgKey);
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const head = await this.commands.tnbotOrgIndexHead(keys.meta, keys.order);
      if (head.length === 0) return undefined;
      const [version, gen, rest, length] = head;
      const entries: IndexEntry[] = [];
      let changed = false;
      let replaced = false;
      for (let first = 0; first < length; first += this.chunkSize) {
        const chunk = await this.commands.tnbotOrgIndexChunk(keys.meta, keys.entries, keys.order, gen, first, Math.min(first + this.chunkSize, length) - 1);
        if (chunk.length === 0) {
          replaced = true;
          break;
        }
        if (chunk[0] !== version) changed = true;
        for (const entry of parseEntries(chunk, 1)) entries.push(entry);
      }
      if (replaced) continue;
      const copy: ReadCopy = { gen, version: Number(version), snapshot: { ...(JSON.parse(rest) as Omit<OrgIndexSnapshot, 'entries'>), entries } };
      if (!changed) return copy;
      const caught = await this.catchUp(orgKey, copy);
      if (caught === 'gone') return undefined;
      if (caught !== 'full') return caught;
    }
    const whole = await this.commands.tnbotOrgIndexWhole(keys.meta, keys.entries, keys.order);
    if (whole.length === 0) return undefined;
    const [version, gen, rest] = whole as string[];
    return { gen, version: Number(version), snapshot: { ...(JSON.parse(rest) as Omit<OrgIndexSnapshot, 'entries'>), entries: parseEntries(whole, 3) } };
  }

  /** Writes the entries beside the index, then swaps them in with the rest in one step. */
  private async write(snapshot: OrgIndexSnapshot): Promise<{ gen: string; version: number }> {
    const keys = keysOf(snapshot.orgKey);
    const gen = randomUUID();
    const saving = keys.saving(gen);
    const { entries, ...rest } = snapshot;
    try {
      for (let first = 0; first < entries.length; first += this.chunkSize) {
        const chunk = entries.slice(first, first + this.chunkSize);
        const fields: string[] = [];
        for (const entry of chunk) fields.push(entry.id, JSON.stringify(entry));
        const results = await this.redis
          .pipeline()
          .hset(saving.entries, ...fields)
          .rpush(saving.order, ...chunk.map((entry) => entry.id))
          .pexpire(saving.entries, SAVING_TTL_MS)
          .pexpire(saving.order, SAVING_TTL_MS)
          .exec();
        const failed = results?.find(([err]) => err)?.[0];
        if (failed || !results) throw failed ?? new Error('org index chunk not written');
      }
      const version = await this.commands.tnbotOrgIndexSwap(
        keys.meta,
        keys.entries,
        keys.order,
        keys.changes,
        saving.entries,
        saving.order,
        entries.length,
        gen,
        JSON.stringify(rest),
        snapshot.builtAt,
        snapshot.complete ? '1' : '0',
        this.ttlMs,
        Date.now(),
      );
      return { gen, version: Number(version) };
    } catch (err) {
      // Whatever was written would expire anyway; clear it now when Redis lets us.
      this.redis.del(saving.entries, saving.order).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Keeps a read copy, unless the one kept is newer (a slower read finishing late). Versions grow across
   * saves too; should one ever not (a save after the keys expired, by an instance whose clock is behind),
   * the next read finds the kept copy's save gone, drops it and keeps what it reads instead.
   */
  private keep(orgKey: string, copy: ReadCopy): void {
    const kept = this.copies.peek(orgKey);
    if (kept && kept.version > copy.version) return;
    this.copies.set(orgKey, copy);
  }

  /**
   * While Redis cannot answer: what this instance saved meanwhile, or its last read copy, whichever
   * was built later (a copy of this instance's own wins a tie: it holds the entries put meanwhile).
   */
  private fallback(orgKey: string): { snapshot: OrgIndexSnapshot; version: number; from: 'local' | 'copy' } | undefined {
    const local = this.local.peek(orgKey);
    const copy = this.copies.peek(orgKey);
    if (local && (!copy || local.snapshot.builtAt >= copy.snapshot.builtAt)) return { ...local, from: 'local' };
    return copy && { snapshot: copy.snapshot, version: copy.version, from: 'copy' };
  }
}
