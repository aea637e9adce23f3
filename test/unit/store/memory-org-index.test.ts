import { strict as assert } from 'node:assert';
import { createStores } from '../../../src/store';
import { MemoryOrgIndexStore } from '../../../src/store/memory-org-index';
import { captureLogs } from '../../helpers/logs';
import { indexEntry, orgIndexSnapshot } from '../../helpers/org-index';

describe('store/MemoryOrgIndexStore', () => {
  let nowMs = 0;
  const clock = () => nowMs;
  let store: MemoryOrgIndexStore;

  beforeEach(() => {
    nowMs = 1_000;
    store = new MemoryOrgIndexStore({ clock });
  });

  it('is the org index of the memory stores', () => {
    assert.ok(createStores({ logger: captureLogs().logger }).orgIndex instanceof MemoryOrgIndexStore);
  });

  describe('save, load and stamp', () => {
    it('gives back what was saved, entries in order', async () => {
      const saved = orgIndexSnapshot('org1', 5);
      await store.save(saved);
      const loaded = await store.load('org1');
      assert.deepEqual(loaded, saved);
      assert.deepEqual(
        loaded!.entries.map((e) => e.id),
        ['P0', 'P1', 'P2', 'P3', 'P4'],
      );
      assert.equal(await store.load('org2'), undefined);
    });

    it('keeps its own entries array: the caller changing theirs does not change the index', async () => {
      const saved = orgIndexSnapshot('org1', 2);
      await store.save(saved);
      saved.entries.push(indexEntry('P9'));
      assert.equal((await store.load('org1'))!.entries.length, 2);
    });

    it('keeps one entry per id: the first position, the last entry', async () => {
      const saved = orgIndexSnapshot('org1', 3);
      saved.entries.push(indexEntry('P1', 'again'));
      await store.save(saved);
      const loaded = await store.load('org1');
      assert.deepEqual(
        loaded!.entries.map((e) => [e.id, e.name]),
        [
          ['P0', 'A 0'],
          ['P1', 'again'],
          ['P2', 'A 2'],
        ],
      );
    });

    it('stamps builtAt, complete and a version that changes on every save and putEntry', async () => {
      assert.equal(await store.stamp('org1'), undefined);
      await store.save({ ...orgIndexSnapshot('org1', 2, 'A', 5_000), complete: false });
      const first = await store.stamp('org1');
      assert.deepEqual({ ...first, version: 0 }, { builtAt: 5_000, complete: false, version: 0 });
      await store.save(orgIndexSnapshot('org1', 2, 'B', 6_000));
      const second = await store.stamp('org1');
      assert.equal(second!.builtAt, 6_000);
      assert.equal(second!.complete, true);
      assert.notEqual(second!.version, first!.version);
      await store.putEntry('org1', indexEntry('P0', 'changed'));
      const third = await store.stamp('org1');
      assert.notEqual(third!.version, second!.version);
      assert.notEqual(third!.version, first!.version);
    });

    it('replaces an index as a whole, and leaves a snapshot already loaded as it was', async () => {
      await store.save(orgIndexSnapshot('org1', 3, 'A'));
      const before = await store.load('org1');
      await store.save(orgIndexSnapshot('org1', 2, 'B'));
      await store.putEntry('org1', indexEntry('P7', 'B 7'));
      assert.deepEqual(
        before!.entries.map((e) => e.name),
        ['A 0', 'A 1', 'A 2'],
      );
      assert.deepEqual(
        (await store.load('org1'))!.entries.map((e) => e.name),
        ['B 0', 'B 1', 'B 7'],
      );
    });

    it('keeps at most maxOrgs indexes, dropping the least recently used', async () => {
      const small = new MemoryOrgIndexStore({ maxOrgs: 2 });
      await small.save(orgIndexSnapshot('org1', 1));
      await small.save(orgIndexSnapshot('org2', 1));
      await small.load('org1');
      await small.save(orgIndexSnapshot('org3', 1));
      assert.ok(await small.load('org1'));
      assert.equal(await small.load('org2'), undefined);
      assert.ok(await small.load('org3'));
    });
  });

  describe('putEntry', () => {
    it('replaces an entry by id where it is, and appends a new one', async () => {
      await store.save(orgIndexSnapshot('org1', 3));
      await store.putEntry('org1', indexEntry('P1', 'changed'));
      await store.putEntry('org1', indexEntry('P9', 'new'));
      await store.putEntry('org1', indexEntry('P9', 'newer'));
      assert.deepEqual(
        (await store.load('org1'))!.entries.map((e) => [e.id, e.name]),
        [
          ['P0', 'A 0'],
          ['P1', 'changed'],
          ['P2', 'A 2'],
          ['P9', 'newer'],
        ],
      );
    });

    it('does nothing for an org without an index', async () => {
      await store.putEntry('org1', indexEntry('P1'));
      assert.equal(await store.load('org1'), undefined);
      assert.equal(await store.stamp('org1'), undefined);
    });
  });

  describe('lock', () => {
    it('has one holder at a time until released', async () => {
      const lock = await store.lock('org1', 60_000);
      assert.ok(lock);
      assert.equal(await store.locked('org1'), true);
      assert.equal(await store.lock('org1', 60_000), undefined);
      assert.ok(await store.lock('org2', 60_000), 'another org has its own lock');
      await lock.release();
      assert.equal(await store.locked('org1'), false);
      assert.ok(await store.lock('org1', 60_000));
    });

    it('expires after its ttl unless extended', async () => {
      const lock = (await store.lock('org1', 10_000))!;
      nowMs += 9_000;
      assert.equal(await lock.extend(), true);
      nowMs += 9_000;
      assert.equal(await store.locked('org1'), true, 'extended by 10 s from the extend');
      assert.equal(await store.lock('org1', 10_000), undefined);
      nowMs += 1_000;
      assert.equal(await store.locked('org1'), false);
      const other = await store.lock('org1', 10_000);
      assert.ok(other, 'an expired lock can be taken');
      assert.equal(await lock.extend(), false, 'the first holder lost it');
      await lock.release();
      assert.equal(await store.locked('org1'), true, 'releasing a lost lock leaves the new holder be');
      await other.release();
      assert.equal(await store.locked('org1'), false);
    });

    it('is taken again by an extend after it expired when nobody else took it', async () => {
      const lock = (await store.lock('org1', 1_000))!;
      nowMs += 5_000;
      assert.equal(await store.locked('org1'), false);
      assert.equal(await lock.extend(), true);
      assert.equal(await store.locked('org1'), true);
    });
  });

  describe('progress', () => {
    it('keeps a build progress for its ttl', async () => {
      assert.equal(await store.getProgress('org1'), undefined);
      await store.setProgress('org1', { listed: 100, read: 40, listingDone: false }, 5_000);
      assert.deepEqual(await store.getProgress('org1'), { listed: 100, read: 40, listingDone: false });
      await store.setProgress('org1', { listed: 120, read: 120, listingDone: true }, 5_000);
      assert.deepEqual(await store.getProgress('org1'), { listed: 120, read: 120, listingDone: true });
      nowMs += 5_001;
      assert.equal(await store.getProgress('org1'), undefined);
    });
  });
});
