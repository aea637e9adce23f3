import { strict as assert } from 'node:assert';
import net from 'node:net';
import Redis from 'ioredis';
import { createStores, type Stores } from '../../../src/store';
import { createErrorReporter } from '../../../src/store/error-reporter';
import { RedisOrgIndexStore, type RedisOrgIndexOptions } from '../../../src/store/redis-org-index';
import type { OrgIndexSnapshot } from '../../../src/org-index/types';
import { captureLogs, type CapturedLogs } from '../../helpers/logs';
import { indexEntry, orgIndexSnapshot } from '../../helpers/org-index';
import { inspector, requireRedis, testRedisUrl, uniquePrefix } from '../../helpers/redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (snapshot: OrgIndexSnapshot | undefined) => snapshot?.entries.map((e) => e.name);

interface Instance {
  store: RedisOrgIndexStore;
  redis: Redis;
  logs: CapturedLogs;
}

describe('store/RedisOrgIndexStore (instances sharing one Redis)', () => {
  let prefix: string;
  let look: ReturnType<typeof inspector>;
  let instances: Instance[];

  /** An instance's store, on a client set up as createRedisStores sets up its own. */
  async function instance(opts: Partial<RedisOrgIndexOptions> = {}): Promise<Instance> {
    const redis = new Redis(testRedisUrl(), { keyPrefix: prefix, commandTimeout: 2_000, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const logs = captureLogs();
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    const made = { redis, logs, store: new RedisOrgIndexStore(redis, { report: createErrorReporter(logs.logger), ...opts }) };
    instances.push(made);
    return made;
  }

  const failures = (logs: CapturedLogs) => logs.lines().filter((l) => l.msg === 'store.redis_failed');

  before(async function () {
    await requireRedis(this);
  });

  beforeEach(() => {
    prefix = uniquePrefix();
    look = inspector(prefix);
    instances = [];
  });

  afterEach(async () => {
    for (const { redis } of instances) redis.disconnect();
    await look.cleanup();
  });

  describe('save, load and stamp', () => {
    it('gives another instance what one saved, entries in order, read in chunks', async () => {
      const a = await instance({ chunkSize: 3 });
      const b = await instance({ chunkSize: 3 });
      const saved = { ...orgIndexSnapshot('org1', 10), orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9hYmM' };
      await a.store.save(saved);
      const loaded = await b.store.load('org1');
      assert.deepEqual(loaded, saved);
      assert.deepEqual(
        loaded!.entries.map((e) => e.id),
        saved.entries.map((e) => e.id),
      );
      assert.equal(await b.store.load('org2'), undefined);
      assert.equal(await b.store.stamp('org2'), undefined);
    });

    it('keeps an index of no entries', async () => {
      const a = await instance();
      await a.store.save(orgIndexSnapshot('org1', 0));
      assert.deepEqual((await (await instance()).store.load('org1'))?.entries, []);
    });

    it('keeps one entry per id: the first position, the last entry', async () => {
      const a = await instance();
      const saved = orgIndexSnapshot('org1', 3);
      saved.entries.push(indexEntry('P1', 'again'));
      await a.store.save(saved);
      assert.deepEqual(names(await (await instance()).store.load('org1')), ['A 0', 'again', 'A 2']);
    });

    it('stores the index under the prefix, with an expiry, and leaves nothing of the save behind', async () => {
      const a = await instance({ ttlMs: 60_000 });
      await a.store.save(orgIndexSnapshot('org1', 5));
      await a.store.putEntry('org1', indexEntry('P9'));
      const base = `${prefix}orgindex:{org1}:`;
      assert.deepEqual(await look.keys(), [`${base}changes`, `${base}entries`, `${base}meta`, `${base}order`]);
      for (const key of await look.keys()) {
        const ttl = await look.redis.pttl(key);
        assert.ok(ttl > 0 && ttl <= 60_000, `${key} ttl ${ttl}`);
      }
      assert.equal(await look.redis.hlen(`${base}entries`), 6);
      assert.deepEqual(await look.redis.lrange(`${base}order`, 0, -1), ['P0', 'P1', 'P2', 'P3', 'P4', 'P9']);
    });

    it('stamps builtAt, complete and a version that changes on every save and putEntry, never repeated', async () => {
      const a = await instance();
      const b = await instance();
      await a.store.save({ ...orgIndexSnapshot('org1', 2, 'A', 5_000), complete: false });
      const first = (await b.store.stamp('org1'))!;
      assert.equal(first.builtAt, 5_000);
      assert.equal(first.complete, false);
      await a.store.putEntry('org1', indexEntry('P0', 'changed'));
      const second = (await b.store.stamp('org1'))!;
      assert.ok(second.version > first.version);
      await a.store.save(orgIndexSnapshot('org1', 2, 'B', 6_000));
      const third = (await b.store.stamp('org1'))!;
      assert.deepEqual({ builtAt: third.builtAt, complete: third.complete }, { builtAt: 6_000, complete: true });
      assert.ok(third.version > second.version);
      // Keys expired (days later in earnest): a new save does not start the versions over.
      await look.redis.del(...(await look.keys()));
      assert.equal(await b.store.stamp('org1'), undefined);
      await sleep(20);
      await a.store.save(orgIndexSnapshot('org1', 2, 'C', 7_000));
      assert.ok((await b.store.stamp('org1'))!.version > third.version);
    });

    it('reads an unchanged index from its own copy (the same snapshot, nothing read again)', async () => {
      const a = await instance();
      const b = await instance();
      await a.store.save(orgIndexSnapshot('org1', 5));
      const first = await b.store.load('org1');
      const second = await b.store.load('org1');
      assert.equal(second, first);
      const [c, d] = await Promise.all([b.store.load('org1'), b.store.load('org1')]);
      assert.equal(c, first);
      assert.equal(d, first);
    });

    it('forgets its copy when the index is gone from Redis', async () => {
      const a = await instance();
      await a.store.save(orgIndexSnapshot('org1', 5));
      assert.ok(await a.store.load('org1'));
      await look.redis.del(...(await look.keys()));
      assert.equal(await a.store.load('org1'), undefined);
      assert.equal(await a.store.stamp('org1'), undefined);
    });

    it('replaces an index as a whole: readers see the old or the new one, never a mix', async () => {
      const writer = await instance({ chunkSize: 7 });
      // One entry per command, so that reads and saves interleave.
      const readers = [await instance({ chunkSize: 1 }), await instance({ chunkSize: 1 })];
      const versions = ['A', 'B', 'C', 'D', 'E', 'F'].map((tag, i) => orgIndexSnapshot('org1', 20 + i * 5, tag, 1_000 + i));
      await writer.store.save(versions[0]);
      let saving = true;
      const seen: string[] = [];
      const reading = readers.map(async ({ store }) => {
        while (saving) {
          const loaded = (await store.load('org1'))!;
          const tag = versions.find((v) => v.builtAt === loaded.builtAt)!.entries[0].name.split(' ')[0];
          assert.deepEqual(loaded, versions.find((v) => v.builtAt === loaded.builtAt), `a whole ${tag}`);
          seen.push(tag);
        }
      });
      for (const version of versions.slice(1)) {
        await writer.store.save(version);
        await sleep(5);
      }
      saving = false;
      await Promise.all(reading);
      assert.ok(seen.length > 2, `${seen.length} loads`);
      for (const { store, logs } of readers) {
        assert.deepEqual(await store.load('org1'), versions[versions.length - 1]);
        assert.deepEqual(failures(logs), []);
      }
    });

    it('saves and loads an index of 10,000 entries', async () => {
      const a = await instance();
      const b = await instance();
      const saved = orgIndexSnapshot('org1', 10_000);
      await a.store.save(saved);
      const loaded = await b.store.load('org1');
      assert.equal(loaded!.entries.length, 10_000);
      assert.deepEqual(loaded, saved);
      assert.equal(await look.redis.hlen(`${prefix}orgindex:{org1}:entries`), 10_000);
      assert.deepEqual(failures(b.logs), []);
    });
  });

  describe('putEntry', () => {
    it('replaces an entry where it is and appends a new one, for every instance', async () => {
      const a = await instance();
      const b = await instance();
      await a.store.save(orgIndexSnapshot('org1', 3));
      const before = await b.store.load('org1');
      await a.store.putEntry('org1', indexEntry('P1', 'changed'));
      await a.store.putEntry('org1', indexEntry('P9', 'new'));
      await a.store.putEntry('org1', indexEntry('P9', 'newer'));
      const expected = ['A 0', 'changed', 'A 2', 'newer'];
      assert.deepEqual(names(await b.store.load('org1')), expected, 'the other instance catches up');
      assert.deepEqual(names(await a.store.load('org1')), expected, 'the writer keeps its own change');
      assert.deepEqual(names(await (await instance()).store.load('org1')), expected, 'a new instance reads it whole');
      assert.deepEqual(names(before), ['A 0', 'A 1', 'A 2'], 'a snapshot already loaded stays as it was');
    });

    it('does nothing for an org without an index', async () => {
      const a = await instance();
      await a.store.putEntry('org1', indexEntry('P1'));
      assert.equal(await a.store.load('org1'), undefined);
      assert.deepEqual(await look.keys(), []);
    });

    it('lets a reader too far behind read the index whole', async () => {
      const a = await instance({ maxChanges: 3 });
      const b = await instance({ maxChanges: 3 });
      await a.store.save(orgIndexSnapshot('org1', 4));
      await b.store.load('org1');
      for (let i = 0; i < 5; i++) await a.store.putEntry('org1', indexEntry(`P${i % 2 === 0 ? i : 10 + i}`, `put ${i}`));
      assert.equal(await look.redis.llen(`${prefix}orgindex:{org1}:changes`), 3);
      const expected = ['put 0', 'A 1', 'put 2', 'A 3', 'put 1', 'put 3', 'put 4'];
      assert.deepEqual(names(await b.store.load('org1')), expected);
      await a.store.putEntry('org1', indexEntry('P1', 'put 5'));
      expected[1] = 'put 5';
      assert.deepEqual(names(await b.store.load('org1')), expected);
    });

    it('reads an index exactly as it ends up while entries are put during the read', async () => {
      const writer = await instance();
      const reader = await instance({ chunkSize: 1 });
      await writer.store.save(orgIndexSnapshot('org1', 30));
      const puts = (async () => {
        for (let i = 0; i < 20; i++) {
          await writer.store.putEntry('org1', indexEntry(i % 2 === 0 ? `P${i}` : `N${i}`, `put ${i}`));
          await sleep(1);
        }
      })();
      const during = await reader.store.load('org1');
      await puts;
      const fresh = await (await instance()).store.load('org1');
      assert.equal(fresh!.entries.length, 40);
      assert.deepEqual(await reader.store.load('org1'), fresh);
      // What was read during the puts is the whole index at one version: its first entries, in order.
      assert.deepEqual(
        during!.entries.map((e) => e.id),
        fresh!.entries.slice(0, during!.entries.length).map((e) => e.id),
      );
      assert.deepEqual(failures(reader.logs), []);
    });
  });

  describe('lock', () => {
    it('has one holder across instances until released', async () => {
      const a = await instance();
      const b = await instance();
      assert.equal(await b.store.locked('org1'), false);
      const lock = await a.store.lock('org1', 60_000);
      assert.ok(lock);
      assert.equal(await b.store.locked('org1'), true);
      assert.equal(await b.store.lock('org1', 60_000), undefined);
      assert.equal(await a.store.lock('org1', 60_000), undefined, 'not twice on one instance either');
      assert.ok(await b.store.lock('org2', 60_000), 'another org has its own lock');
      const ttl = await look.redis.pttl(`${prefix}orgindex:{org1}:lock`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
      await lock.release();
      assert.equal(await b.store.locked('org1'), false);
      assert.ok(await b.store.lock('org1', 60_000));
    });

    it('gives only one of many simultaneous takers the lock', async () => {
      const stores = [await instance(), await instance(), await instance()];
      const locks = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 3].store.lock('org1', 60_000)));
      assert.equal(locks.filter(Boolean).length, 1);
    });

    it('expires after its ttl unless extended, and then is another\'s', async () => {
      const a = await instance();
      const b = await instance();
      const lock = (await a.store.lock('org1', 500))!;
      await sleep(300);
      assert.equal(await lock.extend(), true);
      await sleep(300);
      assert.equal(await b.store.lock('org1', 500), undefined, 'extended');
      await sleep(600);
      assert.equal(await b.store.locked('org1'), false);
      const other = await b.store.lock('org1', 60_000);
      assert.ok(other, 'an expired lock can be taken');
      assert.equal(await lock.extend(), false, 'the first holder lost it');
      await lock.release();
      assert.equal(await a.store.locked('org1'), true, 'releasing a lost lock leaves the new holder be');
      await other.release();
      assert.equal(await a.store.locked('org1'), false);
    });

    it('is taken again by an extend after it expired when nobody else took it', async () => {
      const a = await instance();
      const lock = (await a.store.lock('org1', 50))!;
      await sleep(120);
      assert.equal(await a.store.locked('org1'), false);
      assert.equal(await lock.extend(), true);
      assert.equal(await a.store.locked('org1'), true);
    });
  });

  describe('progress', () => {
    it('shows one instance\'s build progress to the others for its ttl', async () => {
      const a = await instance();
      const b = await instance();
      assert.equal(await b.store.getProgress('org1'), undefined);
      await a.store.setProgress('org1', { listed: 100, read: 40, listingDone: false }, 60_000);
      assert.deepEqual(await b.store.getProgress('org1'), { listed: 100, read: 40, listingDone: false });
      const ttl = await look.redis.pttl(`${prefix}orgindex:{org1}:progress`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
      await a.store.setProgress('org1', { listed: 120, read: 120, listingDone: true }, 50);
      await sleep(100);
      assert.equal(await b.store.getProgress('org1'), undefined);
    });
  });

  describe('when Redis goes away', () => {
    it('answers from the copy it read and keeps what it writes meanwhile, without throwing', async () => {
      const a = await instance();
      await a.store.save(orgIndexSnapshot('org1', 3, 'A', 5_000));
      const b = await instance();
      const copy = await b.store.load('org1');
      const stamp = await b.store.stamp('org1');
      b.redis.disconnect();
      assert.equal(await b.store.load('org1'), copy);
      assert.deepEqual(await b.store.stamp('org1'), stamp);
      await b.store.putEntry('org1', indexEntry('P1', 'changed'));
      assert.deepEqual(names(await b.store.load('org1')), ['A 0', 'changed', 'A 2']);
      assert.notEqual((await b.store.stamp('org1'))!.version, stamp!.version);
      await b.store.save(orgIndexSnapshot('org2', 2, 'B'));
      assert.deepEqual(names(await b.store.load('org2')), ['B 0', 'B 1']);
      // Redis did not change meanwhile.
      assert.deepEqual(names(await a.store.load('org1')), ['A 0', 'A 1', 'A 2']);
      assert.equal(await a.store.load('org2'), undefined);
      const operations = failures(b.logs).map((l) => l.operation);
      for (const operation of ['orgIndex.load', 'orgIndex.stamp', 'orgIndex.putEntry', 'orgIndex.save']) assert.ok(operations.includes(operation), operation);
    });

    it('still knows about its own Redis lock, and its lock and release do not throw', async () => {
      const a = await instance();
      const lock = (await a.store.lock('org1', 60_000))!;
      a.redis.disconnect();
      assert.equal(await a.store.locked('org1'), true);
      assert.equal(await lock.extend(), true, 'not known to be lost: the build goes on');
      await lock.release();
      assert.equal(await a.store.locked('org1'), false);
    });
  });

  it('is the org index of the Redis stores, under their prefix', async () => {
    const stores = createStores({ redisUrl: testRedisUrl(), logger: captureLogs().logger, keyPrefix: prefix });
    try {
      assert.equal(await stores.ready(), true);
      assert.ok(stores.orgIndex instanceof RedisOrgIndexStore);
      await stores.orgIndex.save(orgIndexSnapshot('org1', 2));
      assert.deepEqual(names(await (await instance()).store.load('org1')), ['A 0', 'A 1']);
    } finally {
      await stores.close();
    }
  });
});

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('store/RedisOrgIndexStore when Redis is unreachable', () => {
  let stores: Stores;
  let logs: CapturedLogs;

  beforeEach(async () => {
    logs = captureLogs();
    stores = createStores({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, logger: logs.logger, keyPrefix: 'tnbot-test:', commandTimeoutMs: 500 });
  });

  afterEach(() => stores.close());

  const failures = (operation: string) => logs.lines().filter((l) => l.msg === 'store.redis_failed' && l.operation === operation);

  it('keeps the indexes in this instance\'s memory', async () => {
    const { orgIndex } = stores;
    assert.equal(await orgIndex.load('org1'), undefined);
    assert.equal(await orgIndex.stamp('org1'), undefined);
    await orgIndex.putEntry('org1', indexEntry('P1'));
    assert.equal(await orgIndex.load('org1'), undefined);
    const saved = orgIndexSnapshot('org1', 3);
    await orgIndex.save(saved);
    assert.deepEqual(await orgIndex.load('org1'), saved);
    await orgIndex.putEntry('org1', indexEntry('P7', 'new'));
    assert.deepEqual(names(await orgIndex.load('org1')), ['A 0', 'A 1', 'A 2', 'new']);
    assert.equal((await orgIndex.stamp('org1'))!.builtAt, saved.builtAt);
    // One line per operation per minute, not one per call.
    assert.equal(failures('orgIndex.load').length, 1);
    assert.equal(failures('orgIndex.save').length, 1);
  });

  it('acts as if it got the lock, one holder on this instance', async () => {
    const { orgIndex } = stores;
    const lock = await orgIndex.lock('org1', 60_000);
    assert.ok(lock);
    assert.equal(await orgIndex.locked('org1'), true);
    assert.equal(await orgIndex.lock('org1', 60_000), undefined);
    assert.equal(await lock.extend(), true);
    await lock.release();
    assert.equal(await orgIndex.locked('org1'), false);
    assert.ok(await orgIndex.lock('org1', 60_000));
    assert.equal(failures('orgIndex.lock').length, 1);
  });

  it('keeps the progress in memory', async () => {
    const { orgIndex } = stores;
    await orgIndex.setProgress('org1', { listed: 5, read: 1, listingDone: false }, 60_000);
    assert.deepEqual(await orgIndex.getProgress('org1'), { listed: 5, read: 1, listingDone: false });
    assert.equal(failures('orgIndex.setProgress').length, 1);
  });
});
