import { strict as assert } from 'node:assert';
import net from 'node:net';
import { createStores, type Stores } from '../../../src/store';
import { captureLogs, type CapturedLogs } from '../../helpers/logs';

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('store/createStores when Redis is unreachable', () => {
  let stores: Stores;
  let logs: CapturedLogs;

  beforeEach(async () => {
    logs = captureLogs();
    stores = createStores({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, logger: logs.logger, keyPrefix: 'tnbot-test:', commandTimeoutMs: 500 });
  });

  afterEach(() => stores.close());

  const failures = (operation: string) => logs.lines().filter((l) => l.msg === 'store.redis_failed' && l.operation === operation);

  it('reports that it is not ready', async () => {
    assert.equal(await stores.ready(300), false);
  });

  it('treats an event as not seen, but still remembers what this instance handled', async () => {
    assert.equal(await stores.eventMemory.seen('messages:created:M1'), false);
    assert.equal(await stores.eventMemory.seen('messages:created:M1'), true);
    assert.equal(await stores.eventMemory.seen('messages:created:M2'), false);
    // One line per operation per minute, not one per call.
    assert.equal(failures('eventMemory.seen').length, 1);
  });

  it('limits per instance from memory', async () => {
    const counts = [];
    for (let i = 0; i < 3; i += 1) counts.push((await stores.rateLimit.hit('agent', 60_000, 1_000)).count);
    assert.deepEqual(counts, [1, 2, 3]);
    assert.deepEqual(await stores.rateLimit.hit('agent', 60_000, 1_000, 2), { count: 5, resetAt: 61_000 });
    assert.equal(failures('rateLimit.hit').length, 1);
  });

  it('reads caches as empty and drops writes', async () => {
    await stores.kv.set('people:id:P1', '{}', 60_000);
    assert.equal(await stores.kv.get('people:id:P1'), undefined);
    assert.equal(failures('kv.set').length, 1);
    assert.equal(failures('kv.get').length, 1);
  });
});
