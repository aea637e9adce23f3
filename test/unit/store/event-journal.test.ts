import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStores } from '../../../src/store';
import { JournaledEventMemory } from '../../../src/store/event-journal';
import { captureLogs } from '../../helpers/logs';

describe('store/JournaledEventMemory (handled events kept across restarts without Redis)', () => {
  let dir: string;
  let file: string;
  let now: number;
  const open = (logs = captureLogs()) => new JournaledEventMemory({ file, ttlMs: 60_000, maxKeys: 100, logger: logs.logger, now: () => now });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnbot-journal-'));
    file = path.join(dir, 'handled-webhook-events.jsonl');
    now = Date.parse('2026-12-01T10:00:00Z');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('remembers an event handled before a restart, and writes the journal with mode 0600', async () => {
    const before = open();
    assert.equal(await before.seen('messages:created:M1:abc'), false);
    assert.equal(await before.seen('messages:created:M1:abc'), true);
    await before.flushed();
    const after = open();
    assert.equal(await after.seen('messages:created:M1:abc'), true, 'a replay after the restart is a duplicate');
    assert.equal(await after.seen('messages:created:M2:def'), false);
    await after.flushed();
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
  });

  it('forgets events older than the time to live, and drops them from the file at start', async () => {
    const before = open();
    await before.seen('messages:created:OLD:1');
    await before.flushed();
    now += 60_001;
    const after = open();
    assert.equal(await after.seen('messages:created:OLD:1'), false);
    await after.flushed();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1, 'only the new entry');
  });

  it('skips a line cut short by a crash', async () => {
    fs.writeFileSync(file, `${JSON.stringify([now + 30_000, 'messages:created:GOOD:1'])}\n[${now + 30_000}, "messages:cre`);
    const journal = open();
    assert.equal(await journal.seen('messages:created:GOOD:1'), true);
  });

  it('keeps working from memory when the journal cannot be written, and says so once', async () => {
    const logs = captureLogs();
    file = path.join(dir, 'not-a-dir', 'x', 'journal');
    fs.writeFileSync(path.join(dir, 'not-a-dir'), 'a file where a directory should be');
    const journal = open(logs);
    assert.equal(await journal.seen('messages:created:M1:1'), false);
    assert.equal(await journal.seen('messages:created:M1:1'), true);
    await journal.seen('messages:created:M2:1');
    await journal.flushed();
    assert.deepEqual(
      logs.lines().filter((l) => String(l.msg).startsWith('store.event_journal')).map((l) => l.msg),
      ['store.event_journal_failed: handled events are kept in memory only'],
    );
  });

  it('is on disk once the stores are closed, so a stop loses no handled event', async () => {
    const stores = createStores({ logger: captureLogs().logger, eventJournalFile: file });
    assert.equal(await stores.eventMemory.seen('messages:created:LAST'), false);
    await stores.close();
    assert.match(fs.readFileSync(file, 'utf8'), /messages:created:LAST/);
  });
});
